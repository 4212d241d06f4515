"""Refuse a mkdocs.yml that would stall, crash or run code in MkDocs itself, before MkDocs reads it.

MkDocs parses mkdocs.yml before any hook runs, with PyYAML's full (unsafe) loader: an alias bomb
there hangs it (it formats every setting for its debug log, expanding the bomb), deep nesting
crashes its YAML parser with a traceback, and a `!!python/object/apply:os.system [...]` tag runs a
command; `!ENV NAME` publishes an environment variable of the building machine (tokens, passwords).
`make build`, `make serve` (at start and at every reload), `make cms` and `make publish`
run this check first. Only the `!!python/name:` references Material documents for its settings
(emoji, custom fences: functions of `material.extensions` and `pymdownx`) are accepted.

    .venv/bin/python scripts/check_mkdocs_yml.py [path/to/mkdocs.yml]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))


import yaml  # noqa: E402

from clinic_site import yaml_limits  # noqa: E402

PYTHON_TAG = "tag:yaml.org,2002:python/"
# What Material's documentation writes in mkdocs.yml: references to its and pymdownx's functions.
ACCEPTED_PYTHON_NAMES = (PYTHON_TAG + "name:material.extensions.", PYTHON_TAG + "name:pymdownx.")


def python_tag_problem(text: str) -> str | None:
    """Where the text uses a Python tag (which MkDocs' loader would import or call), if it does."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            tag = getattr(event, "tag", None) or ""
            if tag == "!ENV":
                return (
                    f"line {event.start_mark.line + 1}: the tag '!ENV' would publish the value of an environment "
                    "variable of the machine that builds the site (they hold passwords and tokens). Accepted: the value "
                    "itself, written in the file"
                )
            if tag.startswith(PYTHON_TAG) and not tag.startswith(ACCEPTED_PYTHON_NAMES):
                shown = "!!" + tag.removeprefix("tag:yaml.org,2002:")
                return (
                    f"line {event.start_mark.line + 1}: the tag {shown[:80]!r} would make MkDocs import or run Python "
                    "code. Accepted: plain values; the only Python tags are !!python/name: references to "
                    "material.extensions and pymdownx functions, as Material's documentation writes them"
                )
    except yaml.YAMLError:
        return None  # not YAML at all: MkDocs says where, and constructs nothing
    return None


FOLDER_SETTINGS = ("docs_dir", "site_dir")


def folder_problem(text: str, project: Path) -> str | None:
    """docs_dir or site_dir outside the project: MkDocs would publish another folder's files, or
    empty another folder (a build cleans its site_dir first)."""
    try:
        settings = yaml.load(text, Loader=yaml.BaseLoader)  # plain strings only: nothing constructed
    except yaml.YAMLError:
        return None  # MkDocs says where
    for key in FOLDER_SETTINGS if isinstance(settings, dict) else ():
        value = settings.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        folder = (project / value).resolve()
        if not folder.is_relative_to(project.resolve()) or folder == project.resolve():
            return (
                f"{key}: {value!r} is not a folder inside the project (a build would read or empty it). "
                f"Accepted: a folder inside the project beside mkdocs.yml (leave {key} out for the usual one)"
            )
    return None


def problem(path: Path) -> str | None:
    """A sentence naming the file (and line) if mkdocs.yml is too large, deep or alias-heavy."""
    try:
        text = path.read_text(encoding="utf-8")
        yaml_limits.check(text)  # first: the tag scan below must not meet a bomb
        if tag_problem := python_tag_problem(text):
            return f"{path.name}, {tag_problem}"
        if folder := folder_problem(text, path.resolve().parent):
            return f"{path.name}: {folder}"
    except OSError as error:
        return f"{path.name} cannot be read ({error.strerror})"
    except UnicodeDecodeError as error:
        return f"{path.name} is not UTF-8 text (byte {error.start} cannot be read)"
    except yaml_limits.YamlLimitError as error:
        where = f", line {error.problem_mark.line + 1}" if error.problem_mark is not None else ""
        return f"{path.name}{where}: {error.problem}"
    return None


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "mkdocs.yml"
    if message := problem(path):
        print(f"Not built: {message}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
