"""Related treatments on a treatment page: a few, the closest first, found without scanning the site."""

from __future__ import annotations

from clinic_site.catalogue import Catalogue, TreatmentEntry
from clinic_site.model import Treatment, TreatmentPage


def entry(name: str, category: str, concerns: list[str], order: int) -> TreatmentEntry:
    treatment = Treatment(name=name, category=category, summary="A summary.", concerns=concerns, order=order)
    page = TreatmentPage(description="A description.", treatment=treatment)
    return TreatmentEntry(page, f"treatments/{name}.md", f"treatments/{name}/", f"docs/treatments/{name}.md")


PEEL = entry("peel", "chemical-exfoliation", ["texture"], 10)
ROLLER = entry("roller", "collagen-induction", ["acne-scars", "texture"], 20)
PEN = entry("pen", "collagen-induction", ["acne-scars"], 30)
PRP = entry("prp", "collagen-induction", ["firmness"], 40)
LASER = entry("laser", "resurfacing", ["acne-scars"], 50)
CATALOGUE = Catalogue((PEEL, ROLLER, PEN, PRP, LASER), vocabularies=None)


def names(entries) -> list[str]:
    return [e.name for e in entries]


def test_the_same_category_comes_first_then_shared_concerns_in_catalogue_order():
    assert names(CATALOGUE.related(ROLLER, 6)) == ["pen", "prp", "laser", "peel"]


def test_treatments_sharing_nothing_are_not_related():
    assert names(CATALOGUE.related(PRP, 6)) == ["roller", "pen"]


def test_at_most_the_limit_is_shown():
    assert names(CATALOGUE.related(ROLLER, 2)) == ["pen", "prp"]


def test_no_treatment_is_related_to_itself_or_listed_twice():
    for e in CATALOGUE:
        related = CATALOGUE.related(e, 6)
        assert all(r is not e for r in related) and len({id(r) for r in related}) == len(related)
