"""One path from a model and a YAML document to the editor's messages, for every file an editor
touches: treatment and plain pages' front matter, data/vocabulary.yml, data/claims.yml and the
clinic's settings in mkdocs.yml.

Each message names the file, the line, the field as written, the bad value and what is accepted,
with a did-you-mean for typos. What is accepted is worded once, by `accepted_text` from the model's
JSON Schema; the editors' field reference (editor_schema.py) uses the same function, so the two
never drift apart.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from clinic_site.problems import ContentError, ContentProblem, did_you_mean, show_value
from clinic_site.yaml_documents import YamlDocument, yaml_flow

VOCABULARY_FILE = "data/vocabulary.yml"


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The BaseModel classes inside an annotation such as `list[TimelineStep] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += models_in(arg)
    return found


def field_label(loc: tuple) -> str:
    """('treatment', 'aftercare', 1, 'when') -> 'treatment.aftercare, item 2, when'."""
    text = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark for a mapping's key: the key itself is named next
            continue
        if isinstance(part, int):
            text += f", item {part + 1}"
        elif text.endswith(tuple("0123456789")):
            text += f", {part}"
        else:
            text += f".{part}" if text else str(part)
    return text


# -- the model's JSON Schema, walked by location ---------------------------------------------------


@functools.cache
def model_schema(model: type[BaseModel]) -> dict:
    return model.model_json_schema()


def resolve(schema: dict, node: dict) -> dict:
    """Follow a `$ref` and drop the `null` branch pydantic adds for optional fields."""
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            merged = {k: v for k, v in node.items() if k not in ("anyOf", "default")}
            return {**resolve(schema, branches[0]), **merged}
    if "$ref" in node:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def schema_at(schema: dict, loc: tuple) -> tuple[dict, dict | None]:
    """(the object holding the last named field, that field's node) for a validation error's location."""
    holder, node = resolve(schema, schema), resolve(schema, schema)
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            if node.get("type") == "array":
                node = resolve(schema, node.get("items", {}))
            continue
        if "properties" in node:
            holder = node
            found = node["properties"].get(part)
            if found is None:
                return holder, None
            node = resolve(schema, found)
        elif isinstance(node.get("additionalProperties"), dict):
            node = resolve(schema, node["additionalProperties"])
        else:
            return holder, None
    return holder, node


def _sentence_case(text: str) -> str:
    """'The kind of treatment.' -> 'the kind of treatment', leaving acronyms such as 'SPF' alone."""
    text = text.rstrip(".")
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _yaml_word(value: Any) -> str:
    """A value as editors write it in YAML: true, not Python's True."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    return str(value)


def accepted_text(schema: dict, node: dict, vocabularies: Any = None) -> str:
    """What may be written in a field, in plain words: the one wording of the rules, used by
    the build's messages and the editors' field reference."""
    node = resolve(schema, node)
    if vocabulary := node.get("x-vocabulary"):
        return f"a key of '{vocabulary}' in {VOCABULARY_FILE}{_keys(vocabulary, vocabularies)}"
    if accepted := node.get("x-accepted"):
        return accepted
    if "const" in node:  # e.g. patient_consent: only true
        return f"only {_yaml_word(node['const'])}"
    if "enum" in node:
        return "one of " + ", ".join(map(_yaml_word, node["enum"]))
    kind = node.get("type")
    if kind == "array":
        item = resolve(schema, node.get("items", {}))
        size = " (at least one)" if node.get("minItems", 0) > 0 else ""
        size += f", at most {node['maxItems']}" if "maxItems" in node else ""
        if item.get("type") == "object" and "properties" in item:
            return f"a list of entries{size}, each with the fields " + ", ".join(item["properties"])
        if vocabulary := item.get("x-vocabulary"):
            return f"a list{size} written [first, second] of keys of '{vocabulary}' in {VOCABULARY_FILE}{_keys(vocabulary, vocabularies)}"
        if "enum" in item:
            return f"a list{size} of " + ", ".join(map(str, item["enum"])) + ", written [first, second]"
        return f"a list of short phrases{size}, one per line starting with '- '"
    if kind == "object":
        if "properties" in node:
            return "the fields " + ", ".join(node["properties"])
        return "lines of the form 'name: text', one per field"
    if node.get("format") == "date":
        return "a date written YYYY-MM-DD"
    if kind == "boolean":
        return "true or false"
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return f"a whole number from {low} to {high}"
        return "a whole number" + (f" of {low} or more" if low is not None else "")
    numbers = [branch for branch in node.get("anyOf", []) if branch.get("type") == "number"] or (
        [node] if kind == "number" else []
    )
    if numbers:
        bounds = {**numbers[0], **node}
        limits = [f"more than {bounds['exclusiveMinimum']:g}" if "exclusiveMinimum" in bounds else ""]
        limits.append(f"at most {bounds['maximum']:g}" if "maximum" in bounds else "")
        return "an amount such as 250 or 99.50" + "".join(f", {limit}" for limit in limits if limit) + ", without a currency sign"
    if "pattern" in node and node.get("description"):
        return _sentence_case(node["description"])  # the description says the form in words
    if kind == "string":
        shortest = node.get("minLength", 0)
        not_empty = f" of at least {shortest} characters" if shortest > 1 else " (not empty)" if shortest else ""
        return (
            f"plain text{not_empty}, at most {node['maxLength']} characters" if "maxLength" in node else f"plain text{not_empty}"
        )
    return _sentence_case(node["description"]) if node.get("description") else "see the field reference in EDITING.md"


def _keys(vocabulary: str, vocabularies: Any) -> str:
    return f" ({', '.join(vocabularies[vocabulary].keys())})" if vocabularies is not None else ""


def _example(node: dict | None) -> str:
    """', e.g. 30-60' from the field's examples (not for vocabulary keys: the message lists them)."""
    node = node or {}
    examples = node.get("examples")
    if not examples or node.get("x-vocabulary") or (node.get("items") or {}).get("x-vocabulary"):
        return ""
    return f", e.g. {yaml_flow(examples[0])}"


# -- validation errors as editor messages ------------------------------------------------------------


def problem_for(
    error: Mapping[str, Any],
    model: type[BaseModel],
    path: str,
    *,
    at: tuple = (),
    vocabularies: Any = None,
    line: int | None = None,
) -> ContentProblem:
    """The editor's message for one of pydantic's errors; `at` is where the model's data sits in
    the file (e.g. ('extra', 'clinic') in mkdocs.yml)."""
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"]) + tuple(ctx.get("loc", ()))
    label = field_label(at + loc)
    if "problem" in ctx:  # our own checks (ranges, vocabularies, repeats) word their message
        return ContentProblem(path, label, ctx["problem"], ctx["accepted"], line=line)
    schema = model_schema(model)
    holder, node = schema_at(schema, loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        fields = list(holder.get("properties", {}))
        hint = did_you_mean(name, fields)
        problem = f"unknown field '{name}'" + (f" (did you mean '{hint}'?)" if hint else "")
        return ContentProblem(path, label, problem, "the fields " + ", ".join(fields), line=line)
    if node is None:
        return ContentProblem(path, label, f"found {show_value(error.get('input'))}", error["msg"], line=line)
    if kind == "missing":
        what = _sentence_case(node["description"]) if node.get("description") else accepted_text(schema, node, vocabularies)
        if node.get("x-vocabulary") and vocabularies is not None:
            return ContentProblem(
                path,
                label,
                "this required field is missing",
                f"{what}, using the keys {', '.join(vocabularies[node['x-vocabulary']].keys())}",
                line=line,
            )
        return ContentProblem(path, label, "this required field is missing", what + _example(node), line=line)
    if kind in ("value_error", "string_pattern_mismatch") and node.get("description"):
        accepted = _sentence_case(node["description"])  # a custom rule: the description says it in words
    else:
        accepted = accepted_text(schema, node, vocabularies) + _example(node)
    value = error.get("input")
    if kind in ("string_too_long", "too_long") and isinstance(value, str):  # too_long: a checked text type
        return ContentProblem(path, label, f"{show_value(value)} is {len(value)} characters long", accepted, line=line)
    if kind == "too_short" and isinstance(value, dict):
        return ContentProblem(path, label, "nothing is written under it", accepted, line=line)
    if kind == "too_short" and not isinstance(value, str):  # a text too short: "found ..." below
        return ContentProblem(path, label, "the list is empty", accepted, line=line)
    if kind == "too_long" and isinstance(value, list):
        return ContentProblem(path, label, f"the list has {len(value)} items", accepted, line=line)
    return ContentProblem(path, label, f"found {show_value(value)}", accepted, line=line)


def validate(
    model: type[BaseModel],
    document: YamlDocument,
    *,
    at: tuple = (),
    vocabularies: Any = None,
    data: Any = None,
    context: dict | None = None,
) -> Any:
    """`document`'s data at `at` (or `data`) checked against `model`, or ContentError listing every
    problem. Vocabulary fields are checked when `vocabularies` is given; `context` reaches validators."""
    if data is None:
        data = document.data
        for part in at:
            data = data.get(part) if isinstance(data, dict) else None
    try:
        context = {**(context or {}), **({"vocabularies": vocabularies} if vocabularies is not None else {})}
        return model.model_validate(data, context=context or None)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = at + tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("loc", ()))
            problems.append(
                problem_for(error, model, document.path, at=at, vocabularies=vocabularies, line=document.line_of(loc))
            )
        raise ContentError(problems) from None
