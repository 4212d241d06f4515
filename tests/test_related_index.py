"""Related treatments come from per-concern bit sets; they must rank exactly as a full scan would."""

from __future__ import annotations

import random

from clinic_site.catalogue import Catalogue, TreatmentEntry, _bit_counts
from clinic_site.model import Treatment, TreatmentPage

CONCERNS = ["acne-scars", "fine-lines", "texture", "firmness", "dullness", "sun-damage"]
CATEGORIES = ["chemical-exfoliation", "collagen-induction", "resurfacing"]


def entry(number: int, category: str, concerns: list[str], order: int) -> TreatmentEntry:
    treatment = Treatment(name=f"T{number}", category=category, summary="A summary.", concerns=concerns, order=order)
    return TreatmentEntry(
        TreatmentPage(description="A description.", treatment=treatment),
        f"treatments/t{number}.md",
        f"treatments/t{number}/",
        f"docs/treatments/t{number}.md",
    )


def scanned(catalogue: Catalogue, e: TreatmentEntry, limit: int) -> list[TreatmentEntry]:
    """The ranking written out plainly: most shared concerns, then same category, then table order."""
    ranked = []
    for position, other in enumerate(catalogue.sorted()):
        shared = len(set(e.treatment.concerns) & set(other.treatment.concerns))
        same_category = other.treatment.category == e.treatment.category
        if other is not e and (shared or same_category):
            ranked.append((-shared, -same_category, position, other))
    return [item[-1] for item in sorted(ranked, key=lambda item: item[:3])[:limit]]


def test_bit_counts_say_how_many_sets_hold_each_row():
    # rows 0..3; set A = {0, 1}, B = {1, 2}: row 1 is in both, rows 0 and 2 in one, row 3 in none
    assert _bit_counts([0b0011, 0b0110], 0b1111) == [0b1000, 0b0101, 0b0010]


def test_the_index_ranks_exactly_as_a_full_scan_on_random_catalogues():
    rng = random.Random(5)
    for trial in range(30):
        entries = tuple(
            entry(n, rng.choice(CATEGORIES), rng.sample(CONCERNS, rng.randint(1, 4)), rng.randint(0, 50))
            for n in range(rng.randint(1, 40))
        )
        catalogue = Catalogue(entries, vocabularies=None)
        for e in entries:
            for limit in (1, 3, 10):
                assert catalogue.related_to(e, limit) == scanned(catalogue, e, limit), (trial, e.name, limit)
