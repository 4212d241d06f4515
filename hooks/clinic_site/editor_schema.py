"""What editors see of the content model: the JSON Schema for their editor, the field reference in
EDITING.md, the marker and column tables in README.md and EDITING.md, and the fields of a new page,
all derived from `model.TreatmentPage` and the marker registry (never written twice).

The walk goes over pydantic's own JSON Schema of the model, which already resolves ranges, dates,
nested models and the `x-vocabulary` marks of vocabulary fields; what each field accepts is worded
by `validation.accepted_text`, the same words the build's messages use.
"""

from __future__ import annotations

import functools
import json
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from clinic_site.model import TreatmentPage
from clinic_site.validation import accepted_text, models_in, resolve
from clinic_site.vocabulary import Vocabularies
from clinic_site.yaml_documents import yaml_flow

SCHEMA_FILE = "schemas/treatment-front-matter.schema.json"
# MkDocs/Material page options: accepted on treatment pages, but not part of the editors' contract.
PAGE_OPTIONS = ("hide", "search")


@dataclass(frozen=True)
class FieldDoc:
    """One field of the front matter as an editor meets it."""

    path: str  # e.g. treatment.sessions, treatment.aftercare[].when
    name: str
    required: bool
    description: str
    accepts: str  # what may be written, in plain words
    example: Any  # a valid value, or None when the model gives none
    vocabulary: str | None
    children: tuple[FieldDoc, ...] = ()
    is_list_of_entries: bool = False

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _fields(schema: dict, node: dict, prefix: str) -> tuple[FieldDoc, ...]:
    required = set(node.get("required", []))
    docs = []
    for name, raw in node.get("properties", {}).items():
        if not prefix and name in PAGE_OPTIONS:
            continue
        prop = resolve(schema, raw)
        path = f"{prefix}{name}"
        children: tuple[FieldDoc, ...] = ()
        entries = False
        if prop.get("type") == "object" and "properties" in prop:
            children = _fields(schema, prop, path + ".")
        elif prop.get("type") == "array":
            item = resolve(schema, prop.get("items", {}))
            if item.get("type") == "object":
                children, entries = _fields(schema, item, path + "[]."), True
        examples = prop.get("examples") or []
        docs.append(
            FieldDoc(
                path=path,
                name=name,
                required=name in required,
                description=prop.get("description", ""),
                accepts=accepted_text(schema, prop),
                example=examples[0] if examples else None,
                vocabulary=prop.get("x-vocabulary") or resolve(schema, prop.get("items", {})).get("x-vocabulary"),
                children=children,
                is_list_of_entries=entries,
            )
        )
    return tuple(docs)


def _declared(info: FieldInfo) -> dict:
    """Description and examples as declared, also when the Field sits inside `X | None`."""
    found = {"description": info.description, "examples": info.examples}
    for arg in typing.get_args(info.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, FieldInfo):
                found["description"] = found["description"] or meta.description
                found["examples"] = found["examples"] or meta.examples
    return {k: v for k, v in found.items() if v}


def _models(model: type[BaseModel]) -> list[type[BaseModel]]:
    found = [model]
    for info in model.model_fields.values():
        for nested in models_in(info.annotation):
            if nested not in found:
                found += [m for m in _models(nested) if m not in found]
    return found


def _model_schema() -> dict:
    """pydantic's schema, with every field's declared description and examples at its top level.

    pydantic leaves them out for custom types (ranges) and nests them inside `anyOf` for optional
    fields, where editors do not show them.
    """
    schema = TreatmentPage.model_json_schema()
    for model in _models(TreatmentPage):
        definition = schema if model is TreatmentPage else schema["$defs"][model.__name__]
        for name, info in model.model_fields.items():
            definition["properties"][name].update(_declared(info))
    return schema


@functools.cache  # the model does not change while MkDocs runs
def field_docs() -> tuple[FieldDoc, ...]:
    """Every field of a treatment page's front matter (page options such as `hide` left out)."""
    schema = _model_schema()
    return _fields(schema, schema, "")


# -- the JSON Schema for editors' tools -------------------------------------------------------------


def _for_editors(node: Any, schema: dict, vocabularies: Vocabularies) -> Any:
    """Vocabulary marks become enums of the current keys; our `x-` notes become descriptions.

    Validators in editors (Ajv in strict mode) refuse unknown keywords and formats, so nothing
    but standard JSON Schema is left.
    """
    if isinstance(node, list):
        return [_for_editors(item, schema, vocabularies) for item in node]
    if not isinstance(node, dict):
        return node
    # pydantic's "title" keywords only repeat the field names; a property called title stays.
    node = {
        k: {name: _for_editors(p, schema, vocabularies) for name, p in v.items()}
        if k in ("properties", "$defs")
        else _for_editors(v, schema, vocabularies)
        for k, v in node.items()
        if k != "title"
    }
    if vocabulary := node.pop("x-vocabulary", None):
        terms = vocabularies[vocabulary]
        node["enum"] = terms.keys()
        labels = "; ".join(f"{key}: {terms.label(key)}" for key in terms)
        note = f"A key of '{vocabulary}' in data/vocabulary.yml ({labels})."
        node["description"] = f"{node['description']} {note}" if "description" in node else note
    if accepted := node.pop("x-accepted", None):
        node["description"] = f"{node['description']} Write {accepted}." if "description" in node else f"Write {accepted}."
    if node.get("format") == "date":
        del node["format"]
        node["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    return node


def json_schema(vocabularies: Vocabularies) -> dict:
    """The JSON Schema of a treatment page's front matter, with the vocabularies' keys as enums."""
    schema = _model_schema()
    schema = _for_editors(schema, schema, vocabularies)
    for definition in [schema, *schema["$defs"].values()]:
        for prop in definition["properties"].values():
            branches = [b for b in prop.get("anyOf", []) if b.get("type") != "null"]
            if len(branches) == 1 and "enum" in branches[0]:  # the vocabulary's keys, shown on hover
                prop["description"] = branches[0]["description"]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": "Generated by `make schema` from hooks/clinic_site/model.py and data/vocabulary.yml: do not edit by hand.",
        "title": "Front matter of a treatment page (docs/treatments/*.md)",
        **schema,
    }


def json_schema_text(vocabularies: Vocabularies) -> str:
    return json.dumps(json_schema(vocabularies), indent=2, ensure_ascii=False) + "\n"


def write_json_schema(root: Path, vocabularies: Vocabularies) -> None:
    """Keep the editors' schema in step with the vocabularies: every build and preview writes it
    (it is not committed, so an editor's new vocabulary key can never leave a stale copy in git)."""
    target = root / SCHEMA_FILE
    text = json_schema_text(vocabularies)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# -- the field reference in EDITING.md --------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example_text(doc: FieldDoc) -> str:
    if doc.example is None:
        return ""
    return f"`{doc.name}: {yaml_flow(doc.example)}`"


def field_reference() -> str:
    """A Markdown table of every field, generated from the model."""
    lines = [
        "| Field | Required? | What it is | What you can write | Example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for top in field_docs():
        for doc in top.walk():
            required = "**required**" if doc.required else "optional"
            lines.append(
                f"| `{doc.path}` | {required} | {_cell(doc.description)} | {_cell(doc.accepts)} | {_cell(_example_text(doc))} |"
            )
    return "\n".join(lines) + "\n"


def generated_section_markers(name: str) -> tuple[str, str]:
    return (f"<!-- {name}:start (generated by `make schema`: do not edit by hand) -->", f"<!-- {name}:end -->")


def with_section(text: str, name: str, content: str) -> str:
    """The text with the generated section `name` (between its start and end markers) replaced."""
    start_marker, end_marker = generated_section_markers(name)
    start, end = text.index(start_marker), text.index(end_marker)
    return text[: start + len(start_marker)] + "\n\n" + content + "\n" + text[end:]
