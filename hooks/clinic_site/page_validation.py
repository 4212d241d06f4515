"""Turn pydantic's validation errors into messages a marketing editor can act on.

Each message names the field as written in the page, the bad value and what is accepted, with a
did-you-mean for typos. The wording of "accepted" comes from the model (descriptions, examples,
constraints), so it stays true when the model grows.
"""

from __future__ import annotations

import datetime
import decimal
import typing
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from clinic_site.frontmatter import FrontMatter
from clinic_site.model import TreatmentPage
from clinic_site.problems import ContentError, ContentProblem, did_you_mean, show_value
from clinic_site.vocabulary import Vocabularies


def _flow(value: Any) -> str:
    """An example as an editor would type it in front matter: {spf: 50, weeks: 2}, [face, neck]."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return f'"{text}"' if any(mark in text for mark in (", ", ": ", "[", "{", "#")) else text


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The BaseModel classes inside an annotation such as `list[AftercareStep] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _base_types(annotation: Any) -> set[type]:
    if isinstance(annotation, type):
        return {annotation}
    found: set[type] = set()
    for arg in typing.get_args(annotation):
        found |= _base_types(arg)
    return found


def field_at(loc: tuple, model: type[BaseModel] = TreatmentPage) -> tuple[type[BaseModel], FieldInfo | None]:
    """The model that holds the field at `loc`, and the field's FieldInfo (None if unknown)."""
    current: type[BaseModel] = model
    info: FieldInfo | None = None
    names = [part for part in loc if isinstance(part, str)]
    for index, name in enumerate(names):
        info = current.model_fields.get(name)
        if info is None:
            return current, None
        if index < len(names) - 1:
            nested = _models_in(info.annotation)
            if not nested:
                return current, info
            current = nested[0]
    return current, info


def field_label(loc: tuple) -> str:
    """('treatment', 'aftercare', 1, 'when') -> 'treatment.aftercare, item 2, when'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f", item {part + 1}"
        elif text.endswith(tuple("0123456789")):
            text += f", {part}"
        else:
            text += f".{part}" if text else str(part)
    return text


def _example(info: FieldInfo | None) -> str:
    if info is not None and info.examples:
        return f", e.g. {_flow(info.examples[0])}"
    return ""


def _bounds(info: FieldInfo | None) -> tuple[Any, Any]:
    low = high = None
    for item in info.metadata if info else []:
        low = getattr(item, "ge", low) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", high) if getattr(item, "le", None) is not None else high
        if getattr(item, "gt", None) is not None:
            low = f"more than {item.gt}"
    return low, high


def _vocabulary_of(info: FieldInfo | None) -> str | None:
    """The vocabulary a field's values come from (model.py marks them with x-vocabulary)."""
    if info is None:
        return None
    if isinstance(info.json_schema_extra, dict) and "x-vocabulary" in info.json_schema_extra:
        return info.json_schema_extra["x-vocabulary"]
    found: list[str] = []

    def walk(annotation: Any) -> None:
        for item in getattr(annotation, "__metadata__", ()):
            extra = getattr(item, "json_schema_extra", None)
            if isinstance(extra, dict) and "x-vocabulary" in extra:
                found.append(extra["x-vocabulary"])
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(info.annotation)
    return found[0] if found else None


def _sentence_case(text: str) -> str:
    """'The kind of treatment' -> 'the kind of treatment', leaving acronyms such as 'SPF' alone."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def accepted_for(error: dict, holder: type[BaseModel], info: FieldInfo | None, vocabularies: Vocabularies | None = None) -> str:
    vocabulary = _vocabulary_of(info)
    if vocabulary and vocabularies is not None and error["type"] != "extra_forbidden":
        keys = ", ".join(vocabularies[vocabulary].keys())
        return f"{_accepted_for(error, holder, info)}, using the keys {keys}"
    return _accepted_for(error, holder, info)


def _accepted_for(error: dict, holder: type[BaseModel], info: FieldInfo | None) -> str:
    kind = error["type"]
    if kind in ("string_pattern_mismatch", "value_error") and info is not None and info.description:
        return _sentence_case(info.description)  # the description says the form in words, e.g. "ISO 4217 code, e.g. GBP"
    types_ = _base_types(info.annotation) if info else set()
    if kind == "extra_forbidden":
        return "the fields " + ", ".join(holder.model_fields)
    if kind in ("string_too_long",):
        return f"at most {error['ctx']['max_length']} characters"
    if datetime.date in types_ or kind.startswith("date"):
        return "a date written YYYY-MM-DD, e.g. 2026-11-01"
    if decimal.Decimal in types_:
        return "an amount such as 250 or 99.50, more than 0, without a currency sign"
    if int in types_:
        low, high = _bounds(info)
        if low is not None and high is not None:
            return f"a whole number from {low} to {high}{_example(info)}"
        return f"a whole number{' of ' + str(low) + ' or more' if low is not None else ''}{_example(info)}"
    nested = _models_in(info.annotation) if info else []
    if list in types_ or kind in ("list_type", "too_short"):
        if nested:
            fields = ", ".join(nested[0].model_fields)
            return f"a list of entries, each with the fields {fields}"
        return f"a list{' of at least one item' if kind == 'too_short' else ''} written [first, second]{_example(info)}"
    if nested:
        return "the fields " + ", ".join(nested[0].model_fields) + _example(info)
    if str in types_:
        return "plain text (not empty)" + _example(info)
    return _sentence_case(info.description) if info and info.description else "see the field reference in EDITING.md"


def problem_for(
    error: dict, path: str, vocabularies: Vocabularies | None = None, *, model: type[BaseModel] = TreatmentPage, prefix: str = ""
) -> ContentProblem:
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    holder, info = field_at(loc, model)
    label = prefix + field_label(loc)
    kind = error["type"]
    if "problem" in ctx:  # our own checks (ranges, vocabularies, repeats) word their message
        return ContentProblem(path, label, ctx["problem"], ctx["accepted"])
    if kind == "missing":
        what = _sentence_case(info.description.rstrip(".")) if info and info.description else "a value"
        vocabulary = _vocabulary_of(info)
        if vocabulary and vocabularies is not None:
            keys = ", ".join(vocabularies[vocabulary].keys())
            return ContentProblem(path, label, "this required field is missing", f"{what}, using the keys {keys}")
        return ContentProblem(path, label, "this required field is missing", what + _example(info))
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = did_you_mean(name, holder.model_fields)
        problem = f"unknown field '{name}'" + (f" (did you mean '{hint}'?)" if hint else "")
        return ContentProblem(path, label, problem, accepted_for(error, holder, info, vocabularies))
    if kind == "string_too_long":
        value = error["input"]
        return ContentProblem(
            path, label, f"{show_value(value)} is {len(value)} characters long", accepted_for(error, holder, info, vocabularies)
        )
    if kind == "too_short":
        return ContentProblem(path, label, "the list is empty", accepted_for(error, holder, info, vocabularies))
    value = error.get("input")
    return ContentProblem(path, label, f"found {show_value(value)}", accepted_for(error, holder, info, vocabularies))


def validate_treatment_page(front_matter: FrontMatter, path: str, vocabularies: Vocabularies) -> TreatmentPage:
    """The validated front matter of one treatment page, or ContentError listing every problem."""
    if "treatment" not in front_matter.data:
        raise ContentError(
            [
                ContentProblem(
                    path,
                    "treatment",
                    "pages in docs/treatments/ describe a treatment, but this page has no 'treatment:' block",
                    "a 'treatment:' block in the front matter with at least name, category, summary and concerns "
                    "(run 'make new-treatment NAME=...' for a filled-in template), or move the page out of docs/treatments/",
                )
            ]
        )
    try:
        return TreatmentPage.model_validate(front_matter.data, context={"vocabularies": vocabularies})
    except ValidationError as exc:
        problems = [problem_for(error, path, vocabularies) for error in exc.errors()]
        lines = [front_matter.line_of(tuple(error["loc"])) for error in exc.errors()]
        raise ContentError([replace(p, line=line) for p, line in zip(problems, lines, strict=False)]) from None
