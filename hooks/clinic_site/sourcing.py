"""Every figure a reader sees on a treatment page is traced to a cited source, or said to be the
clinic's own, or left out with a reason. The build warns (so `--strict` refuses to publish) when:

- a field holding a figure (a range, an SPF, a number written in text) has no source supporting it,
  unless it is one of the clinic's own facts (its price, its practice: model.clinic_fact_fields);
- a source says it supports a field the page does not set;
- a fact the comparison table shows is left out without a reason under `discussed_at_consultation:`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from clinic_site.catalogue import TreatmentEntry
from clinic_site.frontmatter import FrontMatter
from clinic_site.model import NOT_SOURCED, clinic_fact_fields, treatment_facts
from clinic_site.problems import ContentProblem, show_value
from clinic_site.ranges import Range

DIGIT = re.compile(r"\d")


def first_figure(value: Any) -> Any:
    """The first part of a field's value that states a figure (a number, or text with a digit), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal, Range)):
        return value
    if isinstance(value, str):
        return value if DIGIT.search(value) else None
    if isinstance(value, (list, tuple)):
        return next((found for item in value if (found := first_figure(item)) is not None), None)
    if isinstance(value, dict):
        return first_figure(list(value.values()))
    if hasattr(value, "model_dump"):  # a nested model: its fields as written
        return first_figure([getattr(value, name) for name in type(value).model_fields])
    return None


def _is_set(value: Any) -> bool:
    return value not in (None, [], {})


def sourcing_problems(entry: TreatmentEntry, front_matter: FrontMatter) -> list[ContentProblem]:
    treatment = entry.treatment
    supported: dict[str, int] = {}
    problems: list[ContentProblem] = []
    for index, source in enumerate(treatment.sources):
        for name in source.supports:
            supported.setdefault(name, index)
            if not _is_set(getattr(treatment, name)):
                problems.append(
                    ContentProblem(
                        entry.shown_as,
                        f"treatment.sources, item {index + 1}, supports",
                        f"the source '{source.title}' is said to support {name}, which the page does not set",
                        f"the fact the source gives, under treatment.{name}; or remove {name} from this source's supports",
                        line=front_matter.line_of(("treatment", "sources", index, "supports")),
                    )
                )
    own = clinic_fact_fields()
    for name in type(treatment).model_fields:
        if name in NOT_SOURCED or name in own or name in supported:
            continue
        figure = first_figure(getattr(treatment, name))
        if figure is not None:
            problems.append(
                ContentProblem(
                    entry.shown_as,
                    f"treatment.{name}",
                    f"the figure in {show_value(str(figure))} has no source",
                    f"a source under treatment.sources whose supports lists {name}; or leave the field out, "
                    "and say why under treatment.discussed_at_consultation",
                    line=front_matter.line_of(("treatment", name)),
                )
            )
    for declared in treatment_facts():
        shown = any(_is_set(getattr(treatment, name)) for name in declared.fields)  # e.g. a course from interval_weeks alone
        if declared.fact.in_table and not shown and declared.field not in treatment.discussed_at_consultation:
            problems.append(
                ContentProblem(
                    entry.shown_as,
                    f"treatment.{declared.field}",
                    f"the page leaves out '{declared.heading}', which the comparison table shows, without saying why",
                    f"the fact with its source; or a reason under treatment.discussed_at_consultation, "
                    f"e.g. '{declared.field}: <why it is discussed at consultation>'",
                    line=front_matter.line_of(("treatment",)),
                )
            )
    return problems
