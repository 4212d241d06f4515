"""Refuse a mkdocs.yml that would stall or crash MkDocs itself, before MkDocs reads it.

MkDocs parses mkdocs.yml before any hook runs: an alias bomb there hangs it (it formats every
setting for its debug log, expanding the bomb), and deep nesting crashes its YAML parser with a
traceback. `make build`, `make serve` and `make publish` run this check first.

    .venv/bin/python scripts/check_mkdocs_yml.py [path/to/mkdocs.yml]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))


from clinic_site import yaml_limits  # noqa: E402


def problem(path: Path) -> str | None:
    """A sentence naming the file (and line) if mkdocs.yml is too large, deep or alias-heavy."""
    try:
        yaml_limits.check(path.read_text(encoding="utf-8"))
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
