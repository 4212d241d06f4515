"""How a treatment's facts read to patients, declared next to each field of the content model.

A field of `model.Treatment` carries a `Fact(...)` in its `Annotated[...]` metadata: its heading, and
how its value is worded ("2–3 sessions, 6–8 weeks apart"). The key-facts panel, the comparison
table's columns and its `columns=` option, and the editors' column list are all read from those
declarations (`declared_facts`), so adding a fact is one field in model.py.

A fact the page leaves out reads "Discussed at consultation": the site never guesses. This module
does not import the model (the model imports it), so wording functions take the treatment as given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clinic_site.ranges import Range, count_text

NOT_GIVEN = "Discussed at consultation"


@dataclass(frozen=True)
class FactContext:
    """What wording needs beyond the treatment: the vocabularies' labels and the clinic's currency."""

    vocabularies: Any  # vocabulary.Vocabularies
    clinic: Any  # clinic_details.ClinicDetails


Wording = Callable[[Any, FactContext], "str | None"]


@dataclass(frozen=True)
class Fact:
    """Field metadata: this field is shown to readers as a fact.

    heading   the label in the key facts and the comparison table's column heading
    column    the name editors use in `columns=` (defaults to the field's name)
    unit      for ranges: '2–3 <unit>s'
    wording   a function (treatment, context) -> text, when the default wording does not fit
    uses      other fields this fact words together with its own (e.g. the course uses interval_weeks)
    in_table  shown in the comparison table when a marker names no columns
    """

    heading: str
    column: str | None = None
    unit: str | None = None
    wording: Wording | None = None
    uses: tuple[str, ...] = ()
    in_table: bool = False


class ClinicFact:
    """Field metadata: the clinic's own fact (its price, its practice), which needs no outside source."""

    def __repr__(self) -> str:
        return "CLINIC_FACT"


CLINIC_FACT = ClinicFact()


@dataclass(frozen=True)
class DeclaredFact:
    """One fact as the site uses it: the declaration with the field it belongs to."""

    field: str  # the model field, e.g. session_minutes
    fact: Fact
    vocabulary: str | None  # the vocabulary the field's keys come from, for the default wording
    clinic_fact: bool

    @property
    def key(self) -> str:
        return self.fact.column or self.field

    @property
    def heading(self) -> str:
        return self.fact.heading

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field whose value this fact shows."""
        return (self.field, *self.fact.uses)

    def text(self, treatment: Any, ctx: FactContext) -> str | None:
        if self.fact.wording is not None:
            return self.fact.wording(treatment, ctx)
        return default_wording(getattr(treatment, self.field), self.fact.unit, self.vocabulary, ctx)


def default_wording(value: Any, unit: str | None, vocabulary: str | None, ctx: FactContext) -> str | None:
    """Ranges with their unit, vocabulary keys as their labels, text as written."""
    if value is None or value == []:
        return None
    if isinstance(value, Range):
        return count_text(value, unit or "")
    if vocabulary is not None:
        labels = ctx.vocabularies[vocabulary]
        return ", ".join(labels.label(key) for key in value) if isinstance(value, list) else labels.label(value)
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


@dataclass(frozen=True)
class FactValue:
    key: str
    heading: str
    text: str
    given: bool  # False when the page leaves the fact out
    fields: tuple[str, ...] = field(default=())
    clinic_fact: bool = False


def fact_value(declared: DeclaredFact, treatment: Any, ctx: FactContext) -> FactValue:
    text = declared.text(treatment, ctx)
    return FactValue(declared.key, declared.heading, text or NOT_GIVEN, bool(text), declared.fields, declared.clinic_fact)


# -- wording of facts that combine fields or need more than the default ---------------------------


def _labels(vocabulary: str, keys: list[str], ctx: FactContext) -> str | None:
    return ", ".join(ctx.vocabularies[vocabulary].label(k) for k in keys) or None


def course(t: Any, ctx: FactContext) -> str | None:
    """'2–3 sessions, 6–8 weeks apart'; 'at least' when the interval is a minimum."""
    parts = []
    if t.sessions:
        parts.append(count_text(t.sessions, "session"))
    if t.interval_weeks:
        gap = count_text(t.interval_weeks, "week") + " apart"
        parts.append(gap if parts else "Sessions " + gap)
    return ", ".join(parts) or None


def downtime(t: Any, ctx: FactContext) -> str | None:
    """Days of recovery with what the skin may show; the effects also when no days are given."""
    effects = _labels("downtime_effects", t.downtime_effects, ctx)
    if t.downtime_days is None:
        return f"May include {effects.lower()}" if effects else None
    if t.downtime_days.high == 0:
        return "None expected"
    days = count_text(t.downtime_days, "day")
    return f"{days} ({effects.lower()})" if effects else days


def results(t: Any, ctx: FactContext) -> str | None:
    value = t.results_weeks
    if value is None:
        return None
    return "From the first weeks" if value.high == 0 else f"After {count_text(value, 'week')}"


def sun_protection(t: Any, ctx: FactContext) -> str | None:
    sun = t.sun_protection
    if sun is None:
        return None
    return f"SPF {sun.spf} or higher for {count_text(sun.weeks, 'week')}" if sun.weeks else f"SPF {sun.spf} or higher"


def price(t: Any, ctx: FactContext) -> str | None:
    return f"From {ctx.clinic.price(t.price_from)}" if t.price_from is not None else None


def feels(t: Any, ctx: FactContext) -> str | None:
    """'Mild discomfort: a prickling feeling under numbing cream'."""
    if t.feels is None:
        return None
    label = ctx.vocabularies["discomfort"].label(t.feels.level)
    return f"{label}: {lower_first(t.feels.note)}" if t.feels.note else label


def lower_first(text: str) -> str:
    """'Warmth or burning' -> 'warmth or burning', 'A blood test' -> 'a blood test'; 'NHS advice',
    'UV light' and 'I' keep their capitals."""
    first = text.split(" ", 1)[0]
    keeps_capitals = first == "I" or (len(first) > 1 and not first[1:].islower())
    return text if keeps_capitals else text[:1].lower() + text[1:]


def performed_by(t: Any, ctx: FactContext) -> str | None:
    """'Nurse prescriber (Nursing and Midwifery Council)'."""
    if t.performed_by is None:
        return None
    role = ctx.vocabularies["practitioner_roles"].label(t.performed_by.role)
    return f"{role}, {ctx.vocabularies['registers'].label(t.performed_by.registered_with)}"
