"""The editors' vocabularies (categories, concerns, areas, ...) from one YAML data file.

Editors extend a vocabulary by adding a key; no code changes. The file lives outside `docs/` so it
is never published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, create_model
from pydantic_core import PydanticCustomError

from clinic_site.problems import show_value
from clinic_site.safe_values import WrittenText
from clinic_site.validation import validate
from clinic_site.yaml_documents import YamlDocument, read_yaml_file

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
# Added later: a vocabulary file from before them is still valid (pages just cannot use their keys yet).
OPTIONAL_VOCABULARIES = frozenset({"discomfort", "practitioner_roles", "registers"})
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


class TermEntry(BaseModel):
    """One key of a vocabulary as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    label: Annotated[
        str, StringConstraints(min_length=1, max_length=80), Field(description="A short label in plain text, e.g. 'Acne scars'.")
    ]
    description: Annotated[
        Annotated[WrittenText, StringConstraints(max_length=800)] | None,
        Field(description="One or two sentences of plain text."),
    ] = None


def _check_key(key: str) -> str:
    if KEY_PATTERN.match(key):
        return key
    raise PydanticCustomError(
        "key",
        "{problem}",
        {
            "problem": f"the key {show_value(key)} is not a valid key",
            "accepted": "lowercase letters, digits and single hyphens, e.g. 'acne-scars'",
        },
    )


Key = Annotated[str, AfterValidator(_check_key)]

# The file's model: one mapping of keys to terms per vocabulary, each with at least one key.
_VOCABULARY_FIELDS: dict[str, Any] = {
    name: (
        Annotated[dict[Key, TermEntry], Field(min_length=1, description=f"The {noun} keys, each with a label.")],
        {} if name in OPTIONAL_VOCABULARIES else ...,
    )
    for name, noun in VOCABULARIES.items()
}
VocabularyFile = create_model("VocabularyFile", __config__=ConfigDict(extra="forbid", frozen=True), **_VOCABULARY_FIELDS)


def vocabularies_from(document: YamlDocument) -> Vocabularies:
    """Check the vocabulary file's document and build Vocabularies, or raise ContentError."""
    checked = validate(VocabularyFile, document)
    by_name = {
        name: Vocabulary(
            name, noun, {key: Term(key, entry.label, entry.description) for key, entry in getattr(checked, name).items()}
        )
        for name, noun in VOCABULARIES.items()
    }
    return Vocabularies(by_name, document.path)


def parse_vocabularies(data: object, source: str) -> Vocabularies:
    """Vocabularies from data already read (tests and tools)."""
    return vocabularies_from(YamlDocument(data, source))


def load_vocabularies(path: Path, shown_as: str) -> Vocabularies:
    """Read and check the vocabulary data file; `shown_as` is its path as editors know it."""
    document = read_yaml_file(path, shown_as, what="a YAML file with the vocabularies " + ", ".join(VOCABULARIES))
    return vocabularies_from(document)
