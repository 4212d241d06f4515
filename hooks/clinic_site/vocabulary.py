"""The editors' vocabularies (categories, concerns, areas, ...) from one YAML data file.

Editors extend a vocabulary by adding a key; no code changes. The file lives outside `docs/` so it
is never published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from clinic_site.frontmatter import load_yaml
from clinic_site.problems import ContentError, ContentProblem, did_you_mean, show_value

VOCABULARY_FILE = "data/vocabulary.yml"  # relative to the folder holding mkdocs.yml
# Each vocabulary and what its keys are called in messages ("a known category").
VOCABULARIES = {
    "categories": "category",
    "concerns": "concern",
    "areas": "area",
    "numbing": "numbing option",
    "downtime_effects": "downtime effect",
    "not_suitable_for": "contraindication",
    "discomfort": "discomfort level",
    "practitioner_roles": "practitioner role",
    "registers": "professional register",
}
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary: an ordered mapping of key to Term."""

    name: str
    noun: str
    terms: dict[str, Term]

    def __contains__(self, key: object) -> bool:
        return key in self.terms

    def __getitem__(self, key: str) -> Term:
        return self.terms[key]

    def __iter__(self):
        return iter(self.terms)

    def keys(self) -> list[str]:
        return list(self.terms)

    def label(self, key: str) -> str:
        return self.terms[key].label


@dataclass(frozen=True)
class Vocabularies:
    by_name: dict[str, Vocabulary]
    source: str

    def __getitem__(self, name: str) -> Vocabulary:
        return self.by_name[name]


def parse_vocabularies(data: object, source: str) -> Vocabularies:
    """Check the vocabulary file's shape and build Vocabularies, or raise ContentError."""
    problems: list[ContentProblem] = []

    def problem(field: str, what: str, accepted: str) -> None:
        problems.append(ContentProblem(source, field, what, accepted))

    if not isinstance(data, dict):
        raise ContentError(
            [
                ContentProblem(
                    source,
                    "(whole file)",
                    f"found {show_value(data)}",
                    "a mapping with the vocabularies " + ", ".join(VOCABULARIES),
                )
            ]
        )
    for name in data:
        if name not in VOCABULARIES:
            hint = did_you_mean(name, VOCABULARIES)
            problem(
                str(name),
                f"unknown vocabulary {show_value(name)}" + (f" (did you mean '{hint}'?)" if hint else ""),
                ", ".join(VOCABULARIES),
            )
    by_name: dict[str, Vocabulary] = {}
    for name, noun in VOCABULARIES.items():
        entries = data.get(name)
        if not isinstance(entries, dict) or not entries:
            problem(name, f"found {show_value(entries)}", f"a mapping of {noun} keys, each with a 'label'")
            continue
        terms: dict[str, Term] = {}
        for key, entry in entries.items():
            field = f"{name}.{key}"
            if not isinstance(key, str) or not KEY_PATTERN.match(key):
                problem(
                    field,
                    f"the key {show_value(key)} is not a valid key",
                    "lowercase letters, digits and single hyphens, e.g. 'acne-scars'",
                )
                continue
            if isinstance(entry, dict) and set(entry) - {"label", "description"}:
                extra = sorted(map(str, set(entry) - {"label", "description"}))
                problem(field, f"unknown field(s) {', '.join(extra)}", "'label' and optionally 'description'")
                continue
            label = entry.get("label") if isinstance(entry, dict) else None
            description = entry.get("description") if isinstance(entry, dict) else None
            if not isinstance(label, str) or not label.strip():
                problem(f"{field}.label", f"found {show_value(label)}", "a short label in plain text, e.g. 'label: Acne scars'")
                continue
            if description is not None and not isinstance(description, str):
                problem(f"{field}.description", f"found {show_value(description)}", "one or two sentences of plain text")
                continue
            terms[key] = Term(key, label.strip(), description.strip() if description else None)
        by_name[name] = Vocabulary(name, noun, terms)
    if problems:
        raise ContentError(problems)
    return Vocabularies(by_name, source)


def load_vocabularies(path: Path, shown_as: str) -> Vocabularies:
    """Read and check the vocabulary data file; `shown_as` is its path as editors know it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError(
            [
                ContentProblem(
                    shown_as, "(whole file)", "the vocabulary file is missing", "a YAML file with " + ", ".join(VOCABULARIES)
                )
            ]
        ) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(
            [
                ContentProblem(
                    shown_as,
                    "(whole file)",
                    f"this is not valid YAML ({getattr(exc, 'problem', None) or exc})",
                    "one 'key: value' per line, nested entries indented by two spaces",
                    line=mark.line + 1 if mark else None,
                )
            ]
        ) from None
    return parse_vocabularies(data, shown_as)
