"""Plain-language wording of a treatment's facts, shared by the comparison table and the
key-facts panel so both always say the same thing.

A fact the page leaves out reads "Discussed at consultation": the site never guesses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clinic_site.catalogue import TreatmentEntry
from clinic_site.clinic_details import ClinicDetails
from clinic_site.model import Range
from clinic_site.vocabulary import Vocabularies

NOT_GIVEN = "Discussed at consultation"
DASH = "\u2013"  # en dash, as in "2–3"


def count_text(value: Range, singular: str, plural: str | None = None) -> str:
    """Range(2, 3) -> '2–3 sessions'; Range(1, 1) -> '1 session'."""
    plural = plural or singular + "s"
    if value.is_single:
        return f"{value.low} {singular if value.low == 1 else plural}"
    return f"{value.low}{DASH}{value.high} {plural}"


@dataclass(frozen=True)
class FactContext:
    vocabularies: Vocabularies
    clinic: ClinicDetails


def _labels(vocabulary: str, keys: list[str], ctx: FactContext) -> str | None:
    return ", ".join(ctx.vocabularies[vocabulary].label(k) for k in keys) or None


def category(e: TreatmentEntry, ctx: FactContext) -> str | None:
    return ctx.vocabularies["categories"].label(e.treatment.category)


def concerns(e: TreatmentEntry, ctx: FactContext) -> str | None:
    return _labels("concerns", e.treatment.concerns, ctx)


def areas(e: TreatmentEntry, ctx: FactContext) -> str | None:
    return _labels("areas", e.treatment.areas, ctx)


def numbing(e: TreatmentEntry, ctx: FactContext) -> str | None:
    key = e.treatment.numbing
    return ctx.vocabularies["numbing"].label(key) if key else None


def session_length(e: TreatmentEntry, ctx: FactContext) -> str | None:
    value = e.treatment.session_minutes
    return count_text(value, "minute") if value else None


def course(e: TreatmentEntry, ctx: FactContext) -> str | None:
    """'2–3 sessions, 6–8 weeks apart'."""
    t = e.treatment
    parts = []
    if t.sessions:
        parts.append(count_text(t.sessions, "session"))
    if t.interval_weeks:
        gap = count_text(t.interval_weeks, "week") + " apart"
        parts.append(gap if parts else "Sessions " + gap)
    return ", ".join(parts) or None


def maintenance(e: TreatmentEntry, ctx: FactContext) -> str | None:
    return e.treatment.maintenance


def downtime(e: TreatmentEntry, ctx: FactContext) -> str | None:
    t = e.treatment
    if t.downtime_days is None:
        return None
    if t.downtime_days.high == 0:
        text = "None expected"
    else:
        text = count_text(t.downtime_days, "day")
    effects = _labels("downtime_effects", t.downtime_effects, ctx)
    return f"{text} ({effects.lower()})" if effects and t.downtime_days.high else text


def results(e: TreatmentEntry, ctx: FactContext) -> str | None:
    value = e.treatment.results_weeks
    return f"After {count_text(value, 'week')}" if value else None


def sun_protection(e: TreatmentEntry, ctx: FactContext) -> str | None:
    sun = e.treatment.sun_protection
    if sun is None:
        return None
    return f"SPF {sun.spf} for {count_text(sun.weeks, 'week')}" if sun.weeks else f"SPF {sun.spf} or higher"


def price(e: TreatmentEntry, ctx: FactContext) -> str | None:
    amount = e.treatment.price_from
    return f"From {ctx.clinic.price(amount)}" if amount is not None else None


@dataclass(frozen=True)
class Fact:
    key: str
    heading: str
    wording: Callable[[TreatmentEntry, FactContext], str | None]


# Order here is the order of the comparison table's columns and the key-facts panel.
FACTS: dict[str, Fact] = {
    fact.key: fact
    for fact in (
        Fact("category", "Type", category),
        Fact("concerns", "Helps with", concerns),
        Fact("areas", "Areas", areas),
        Fact("numbing", "Numbing", numbing),
        Fact("session", "Session length", session_length),
        Fact("course", "Course", course),
        Fact("maintenance", "Maintenance", maintenance),
        Fact("downtime", "Downtime", downtime),
        Fact("results", "Results", results),
        Fact("sun", "Sun protection afterwards", sun_protection),
        Fact("price", "Price", price),
    )
}


@dataclass(frozen=True)
class FactValue:
    key: str
    heading: str
    text: str
    given: bool  # False when the page leaves the fact out


def fact_value(key: str, entry: TreatmentEntry, ctx: FactContext) -> FactValue:
    fact = FACTS[key]
    text = fact.wording(entry, ctx)
    return FactValue(key, fact.heading, text or NOT_GIVEN, given=bool(text))


def key_facts(entry: TreatmentEntry, ctx: FactContext) -> list[FactValue]:
    """Every fact for the treatment page's key-facts panel (price only when given)."""
    values = [fact_value(key, entry, ctx) for key in FACTS]
    return [v for v in values if v.given or v.key != "price"]
