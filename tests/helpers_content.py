"""Small content for unit tests: a vocabulary and a valid treatment, as an editor would write them."""

from __future__ import annotations

import copy

from clinic_site.vocabulary import Vocabularies, parse_vocabularies

VOCABULARY = {
    "categories": {
        "chemical-exfoliation": {"label": "Chemical peels"},
        "collagen-induction": {"label": "Collagen induction therapy"},
    },
    "concerns": {
        "acne-scars": {"label": "Acne scars", "description": "Marks acne leaves."},
        "fine-lines": {"label": "Fine lines"},
    },
    "areas": {"face": {"label": "Face"}, "neck": {"label": "Neck"}},
    "numbing": {"none": {"label": "None needed"}, "topical-cream": {"label": "Numbing cream"}},
    "downtime_effects": {"redness": {"label": "Redness"}, "flaking": {"label": "Flaking"}},
    "not_suitable_for": {"pregnancy": {"label": "Pregnancy or breastfeeding"}},
    "discomfort": {"none": {"label": "No discomfort expected"}, "mild": {"label": "Mild discomfort"}},
    "practitioner_roles": {"nurse-prescriber": {"label": "Nurse prescriber"}},
    "registers": {"nmc": {"label": "registered with the Nursing and Midwifery Council"}},
}

# The clinic's details as mkdocs.yml gives them (extra.clinic).
CLINIC = {
    "name": "Test Clinic",
    "phone": "020 7946 0000",
    "phone_link": "+442079460000",
    "email": "a@example.org",
    "address": {"street": "1 Street", "locality": "Town", "postal_code": "AB1 2CD", "country": "GB"},
    "booking_url": "consultation/",
    "currency": "GBP",
}

VALID_PAGE = {
    "title": "Dermaroller (medical microneedling)",
    "description": "A hand-held roller with fine needles prompts the skin to renew itself.",
    "treatment": {
        "name": "Dermaroller",
        "category": "collagen-induction",
        "summary": "Fine needles prompt the skin to make new collagen.",
        "concerns": ["acne-scars", "fine-lines"],
        "areas": ["face", "neck"],
        "numbing": "topical-cream",
        "session_minutes": "30-60",
        "sessions": "2-3",
        "interval_weeks": "6-8",
        "downtime_days": "2-7",
        "downtime_effects": ["redness", "flaking"],
        "sun_protection": {"spf": 50, "weeks": 2},
    },
}


def vocabularies() -> Vocabularies:
    return parse_vocabularies(copy.deepcopy(VOCABULARY), "data/vocabulary.yml")


def page(**treatment_changes) -> dict:
    """VALID_PAGE with treatment fields changed; a value of None removes the field."""
    data = copy.deepcopy(VALID_PAGE)
    for key, value in treatment_changes.items():
        if value is None:
            data["treatment"].pop(key, None)
        else:
            data["treatment"][key] = value
    return data
