"""The content model of a treatment page: the one declared model of the editors' contract.

Validation, the JSON Schema for editors and the editors' field reference all come from these
classes. Field names are the editors' interface: rename nothing without migrating the pages.
Vocabulary fields are checked against `data/vocabulary.yml`, passed in as validation context.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from clinic_site.picture_fields import BeforeAfterPhotos, Picture
from clinic_site.problems import did_you_mean, show_value
from clinic_site.vocabulary import Vocabularies

RANGE_PATTERN = re.compile(r"^\s*(\d+)\s*(?:[-–—]|to)\s*(\d+)\s*$")
RANGE_ACCEPTED = "a whole number such as 3, or a range such as 2-3 (smaller number first)"


class Range(NamedTuple):
    """A whole number or an inclusive range, as editors write '3' or '2-3'."""

    low: int
    high: int

    @property
    def is_single(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        return str(self.low) if self.is_single else f"{self.low}-{self.high}"


def _parse_range(value: Any) -> Range:
    if isinstance(value, Range):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Range(value, value)
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return Range(int(text), int(text))
        if match := RANGE_PATTERN.match(text):
            low, high = int(match[1]), int(match[2])
            if low < high:
                return Range(low, high)
            if low == high:
                return Range(low, low)
            raise PydanticCustomError(
                "range", "{problem}", {"problem": f"{show_value(value)} has the larger number first", "accepted": RANGE_ACCEPTED}
            )
    raise PydanticCustomError(
        "range", "{problem}", {"problem": f"{show_value(value)} is not a whole number or a range", "accepted": RANGE_ACCEPTED}
    )


RangeValue = Annotated[
    Range,
    BeforeValidator(_parse_range),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": r"^\d+-\d+$"},
            ],
            "x-accepted": RANGE_ACCEPTED,
        }
    ),
]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def vocabulary_key(vocabulary: str) -> Any:
    """A string that must be a key of one vocabulary in data/vocabulary.yml."""

    def check(value: str, info: ValidationInfo) -> str:
        vocabularies: Vocabularies | None = (info.context or {}).get("vocabularies")
        if vocabularies is None:  # validating without vocabularies (e.g. schema examples)
            return value
        terms = vocabularies[vocabulary]
        if value in terms:
            return value
        hint = did_you_mean(value, terms.keys())
        problem = f"{show_value(value)} is not a known {terms.noun}" + (f" (did you mean '{hint}'?)" if hint else "")
        accepted = f"one of {', '.join(terms.keys())} (or add a new key under '{vocabulary}:' in {vocabularies.source})"
        raise PydanticCustomError("vocabulary", "{problem}", {"problem": problem, "accepted": accepted})

    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"x-vocabulary": vocabulary})]


def _no_repeats(items: list) -> list:
    repeated = sorted({str(item) for item in items if items.count(item) > 1})
    if repeated:
        raise PydanticCustomError(
            "repeated",
            "{problem}",
            {"problem": f"{', '.join(repeated)} is listed more than once", "accepted": "each key once"},
        )
    return items


def key_list(vocabulary: str, *, min_length: int = 0) -> Any:
    return Annotated[list[vocabulary_key(vocabulary)], AfterValidator(_no_repeats), Field(min_length=min_length)]


class Strict(BaseModel):
    """Unknown keys are errors, so a typo such as `sesions` never publishes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SunProtection(Strict):
    spf: Annotated[int, Field(ge=15, le=100, description="Minimum sun protection factor to use afterwards.", examples=[50])]
    weeks: Annotated[
        RangeValue | None, Field(description="For how many weeks after treatment (leave out if not known).", examples=[2])
    ] = None


class AftercareStep(Strict):
    when: Annotated[
        Text, Field(description="When this advice applies, e.g. 'Day of treatment' or 'Days 2-7'.", examples=["Day of treatment"])
    ]
    advice: Annotated[
        Text,
        Field(
            description="What to do or avoid, in one or two plain sentences.", examples=["Keep the skin clean and avoid make-up."]
        ),
    ]


class Review(Strict):
    by: Annotated[
        Text, Field(description="Who reviewed the page's medical content (a role or name).", examples=["Clinical lead"])
    ]
    on: Annotated[datetime.date, Field(description="Date of the review, written YYYY-MM-DD.", examples=["2026-11-01"])]


class Treatment(Strict):
    """The `treatment:` block of a treatment page."""

    name: Annotated[Text, Field(max_length=40, description="Short name used in tables and cards.", examples=["Dermaroller"])]
    category: Annotated[
        vocabulary_key("categories"), Field(description="The kind of treatment.", examples=["collagen-induction"])
    ]
    summary: Annotated[
        Text,
        Field(
            max_length=200,
            description="One sentence for cards and the comparison table.",
            examples=["Fine needles prompt the skin to renew itself and build collagen."],
        ),
    ]
    concerns: Annotated[
        key_list("concerns", min_length=1),
        Field(description="What it can help with (at least one).", examples=[["acne-scars", "fine-lines"]]),
    ]
    areas: Annotated[key_list("areas"), Field(description="Parts of the body it is used on.", examples=[["face", "neck"]])] = []
    numbing: Annotated[
        vocabulary_key("numbing") | None, Field(description="How discomfort is managed.", examples=["topical-cream"])
    ] = None
    session_minutes: Annotated[
        RangeValue | None, Field(description="How long one session takes, in minutes.", examples=["30-60"])
    ] = None
    sessions: Annotated[RangeValue | None, Field(description="How many sessions a course usually has.", examples=["2-3"])] = None
    interval_weeks: Annotated[RangeValue | None, Field(description="Weeks between sessions.", examples=["6-8"])] = None
    maintenance: Annotated[
        Text | None,
        Field(
            max_length=160, description="Upkeep after a course, in a short phrase.", examples=["One refresher treatment a year"]
        ),
    ] = None
    downtime_days: Annotated[
        RangeValue | None, Field(description="Days of visible recovery; 0 means none.", examples=["2-7"])
    ] = None
    downtime_effects: Annotated[
        key_list("downtime_effects"),
        Field(description="What the skin may show while it recovers.", examples=[["redness", "flaking"]]),
    ] = []
    results_weeks: Annotated[RangeValue | None, Field(description="Weeks until results usually show.", examples=["1-12"])] = None
    sun_protection: Annotated[
        SunProtection | None, Field(description="Sun protection needed afterwards.", examples=[{"spf": 50, "weeks": 2}])
    ] = None
    price_from: Annotated[
        Decimal | None,
        Field(
            gt=0,
            max_digits=9,
            decimal_places=2,
            description="Lowest price of one session, in the clinic's currency (set in mkdocs.yml).",
            examples=[250],
        ),
    ] = None
    aftercare: Annotated[
        list[AftercareStep],
        Field(
            description="The aftercare timeline, in order.",
            examples=[[{"when": "Day of treatment", "advice": "Keep the skin clean and avoid make-up."}]],
        ),
    ] = []
    not_suitable_for: Annotated[
        key_list("not_suitable_for"), Field(description="Who should not have it.", examples=[["pregnancy", "isotretinoin"]])
    ] = []
    risks: Annotated[
        list[Text],
        Field(
            description="Possible side effects and risks, one short phrase each.", examples=[["Temporary redness and swelling"]]
        ),
    ] = []
    order: Annotated[int, Field(ge=0, description="Position in tables and lists (then by name).", examples=[20])] = 1000
    reviewed: Annotated[
        Review | None,
        Field(
            description="Who last reviewed the medical content, and when (the build warns when missing or older than the review age set in mkdocs.yml).",
            examples=[{"by": "Clinical lead", "on": "2026-11-01"}],
        ),
    ] = None

    # -- Pictures (issue 10): field types in picture_fields.py; files checked and converted by images.py --
    image: Annotated[
        Picture | None,
        Field(
            description="An illustration or photo shown on the treatment's page: {file, alt, caption}; alt is required.",
            examples=[{"file": "images/peel-depths.svg", "alt": "How deep light, medium and deep peels reach"}],
        ),
    ] = None
    before_after: Annotated[
        list[BeforeAfterPhotos],
        Field(
            description="Real patients' before and after photos, each pair with the patient's recorded consent and unretouched: true.",
        ),
    ] = []
    # -- end of pictures --


class ClaimReview(Strict):
    """A phrase the claims check flags that a reviewer has accepted for this page, and why."""

    phrase: Annotated[Text, Field(description="The flagged phrase exactly as the warning quotes it.", examples=["no downtime"])]
    reason: Annotated[
        Text,
        Field(
            min_length=10,
            description="Why the wording is acceptable here, and who agreed it.",
            examples=["Quoted from the NHS page on this treatment; agreed by the clinical lead."],
        ),
    ]


ClaimsReviewed = Annotated[
    list[ClaimReview],
    Field(
        description="Wording the claims check flags that has been reviewed and accepted on this page (see EDITING.md).",
        examples=[
            [{"phrase": "no downtime", "reason": "Quoted from the NHS page on this treatment; agreed by the clinical lead."}]
        ],
    ),
]


class TreatmentPage(BaseModel):
    """The whole front matter of a treatment page."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    title: Annotated[
        Text | None,
        Field(description="The page title (defaults to the treatment's name).", examples=["Dermaroller (medical microneedling)"]),
    ] = None
    description: Annotated[
        Text,
        Field(
            max_length=160,
            description="One or two plain sentences for search results and link previews (at most 160 characters).",
            examples=["A sterile roller with fine needles prompts your skin's own repair process."],
        ),
    ]
    treatment: Annotated[
        Treatment, Field(description="The treatment's facts, shown in its key-facts panel and the comparison table.")
    ]
    # MkDocs / Material page options editors may legitimately use on any page.
    hide: Annotated[list[str], Field(description="Material page option: parts of the page to hide (navigation, toc).")] = []
    search: Annotated[dict[str, Any], Field(description="Material page option, e.g. {exclude: true}.")] = {}
    claims_reviewed: ClaimsReviewed = []
