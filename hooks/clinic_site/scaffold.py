"""A new treatment page, pre-filled with every field of the model (`make new-treatment NAME=...`).

Required fields get valid placeholder values so the page builds at once; optional fields are
written commented out with an example, so the site says "Discussed at consultation" until an
editor fills them in. Fields, comments and examples all come from the model (editor_schema).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from clinic_site.catalogue import TREATMENTS_DIR
from clinic_site.editor_schema import FieldDoc, field_docs, yaml_flow
from clinic_site.frontmatter import read_front_matter
from clinic_site.problems import ContentError, ContentProblem
from clinic_site.vocabulary import Vocabularies

MAX_NAME = 40
NAMED_FIELDS = ("treatment.name", "title")  # filled with the new treatment's name
BODY_PLACEHOLDER = "Replace this paragraph:"
BODY = f"""
## What it is

{BODY_PLACEHOLDER} say in two or three plain sentences what the treatment is.

## How it works

{BODY_PLACEHOLDER} explain how the treatment works, in words a reader without medical training understands.

## Who it may suit

{BODY_PLACEHOLDER} say who the treatment may suit, and invite readers to a
[consultation](../consultation.md) or to [compare treatments](../compare.md).
"""


class ScaffoldError(Exception):
    """The page cannot be written; the message tells the editor why and what to do."""


def slugify(name: str) -> str:
    """'Laser Genesis' -> 'laser-genesis' (the file name and the page's address)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _placeholder(doc: FieldDoc, name: str, vocabularies: Vocabularies) -> Any:
    """A valid value for a required field: the editor's name, the first vocabulary key, or the
    field's own description as text to replace."""
    if doc.path in NAMED_FIELDS:
        return name
    if doc.vocabulary:
        first = vocabularies[doc.vocabulary].keys()[0]
        return [first] if doc.accepts.startswith("a list") else first
    return doc.description


def _comment(doc: FieldDoc, vocabularies: Vocabularies, placeholder: bool = False) -> str:
    if placeholder:  # the value is the description: say what to write instead
        return f"required: replace with your own words ({doc.accepts})"
    text = ("required: " if doc.required else "") + doc.description
    if doc.vocabulary:
        text += " Keys: " + ", ".join(vocabularies[doc.vocabulary].keys())
    return text


def _lines(docs: tuple[FieldDoc, ...], indent: str, commented: bool, name: str, vocabularies: Vocabularies) -> list[str]:
    lines = []
    for doc in docs:
        off = commented or not doc.required  # optional fields are written commented out
        lead = indent + ("# " if off and not commented else "")
        if doc.children:
            lines.append(f"{lead}{doc.name}:  # {_comment(doc, vocabularies)}")
            if doc.is_list_of_entries:
                child_lines = _lines(doc.children, "", off, name, vocabularies)
                for index, line in enumerate(child_lines):
                    if off:  # keep the '# ' of a commented-out block at the block's own indent
                        line = line.removeprefix("# ")
                        lines.append(f"{indent}# " + ("  - " if index == 0 else "    ") + line)
                    else:
                        lines.append(indent + ("  - " if index == 0 else "    ") + line)
            else:
                nested = _lines(doc.children, "", off, name, vocabularies)
                lines += [f"{indent}# {'  ' + line.removeprefix('# ')}" if off else f"{indent}  {line}" for line in nested]
            continue
        value = (
            _placeholder(doc, name, vocabularies) if (doc.required and not commented) or doc.path in NAMED_FIELDS else doc.example
        )
        written = f" {yaml_flow(value)}" if value is not None else ""
        comment = _comment(doc, vocabularies, placeholder=value == doc.description)
        lines.append(f"{lead}{doc.name}:{written}  # {comment}")
    return lines


def new_treatment_page(name: str, vocabularies: Vocabularies) -> str:
    """The text of a new treatment page called `name`."""
    header = [
        "---",
        "# A new treatment page. Fill in what you know and replace the placeholder text.",
        "# Lines starting with '#' are switched off: delete the '# ' at the start of a line to use that field.",
        '# A fact left switched off shows "Discussed at consultation": say why under discussed_at_consultation.',
        "# Every figure needs a source under sources (prices and your own practice excepted). EDITING.md explains each field.",
    ]
    return "\n".join(header + _lines(field_docs(), "", False, name, vocabularies) + ["---", BODY.lstrip("\n")])


def _text_placeholders(docs: tuple[FieldDoc, ...] | None = None) -> dict[str, str]:
    """The fields a new page fills with their own description, e.g. treatment.summary."""
    found: dict[str, str] = {}
    for doc in field_docs() if docs is None else docs:
        if not doc.required or doc.is_list_of_entries:
            continue
        if doc.children:
            found |= _text_placeholders(doc.children)
        elif not doc.vocabulary and doc.path not in NAMED_FIELDS and doc.accepts.startswith("plain text"):
            found[doc.path] = doc.description
    return found


def placeholder_problems(source: str, data: dict, path: str) -> list[ContentProblem]:
    """Warnings for text `make new-treatment` wrote that the editor has not replaced yet, so an
    unfinished page cannot publish."""
    problems = []
    for field, placeholder in _text_placeholders().items():
        value: Any = data
        for part in field.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str) and value.strip() == placeholder:
            problems.append(
                ContentProblem(
                    path,
                    field,
                    "still has the placeholder text written by make new-treatment",
                    "your own words: " + placeholder[:1].lower() + placeholder[1:],
                )
            )
    for number, line in enumerate(source.splitlines(), start=1):
        if BODY_PLACEHOLDER in line:
            problems.append(
                ContentProblem(
                    path,
                    "page text",
                    "a paragraph still has the placeholder text written by make new-treatment",
                    "your own paragraph in its place",
                    line=number,
                )
            )
    return problems


def _names_in_use(treatments_dir: Path) -> dict[str, Path]:
    names = {}
    for path in sorted(treatments_dir.glob("*.md")):
        try:
            data = read_front_matter(path.read_text(encoding="utf-8"), str(path)).data
        except ContentError:
            continue  # a broken page is reported by the build, not here
        treatment = data.get("treatment")
        if isinstance(treatment, dict) and isinstance(treatment.get("name"), str):
            names[treatment["name"].strip().casefold()] = path
    return names


def write_new_treatment(docs_dir: Path, name: str, vocabularies: Vocabularies) -> Path:
    """Write docs/treatments/<slug>.md for `name`; refuse rather than overwrite anything."""
    name = " ".join(name.split())
    if not name:
        raise ScaffoldError('Give the treatment\'s name, for example: make new-treatment NAME="Laser Genesis"')
    if len(name) > MAX_NAME:
        raise ScaffoldError(
            f"The name '{name}' is {len(name)} characters long; names appear in tables, so use at most {MAX_NAME}."
        )
    slug = slugify(name)
    if not slug:
        raise ScaffoldError(f"The name '{name}' has no letters or digits to make a file name from.")
    treatments_dir = docs_dir / TREATMENTS_DIR
    path = treatments_dir / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(
            f"{_shown(path, docs_dir)} already exists: nothing was written. Edit that page, or choose another name."
        )
    if (used_by := _names_in_use(treatments_dir).get(name.casefold())) is not None:
        raise ScaffoldError(
            f"The name '{name}' is already used by {_shown(used_by, docs_dir)}: nothing was written. Choose another name."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as page:  # "x": never overwrite, even in a race
        page.write(new_treatment_page(name, vocabularies))
    return path


def _shown(path: Path, docs_dir: Path) -> str:
    """docs/treatments/x.md, as editors know it."""
    return path.relative_to(docs_dir.parent).as_posix()
