"""The content model of a treatment page: the one declared model of the editors' contract.

Validation, the JSON Schema for editors, the editors' field reference, the web editor's form, the
feed, the key facts and the comparison table's columns all come from these classes. To add an
optional fact, add one field to `Treatment` with a `Fact(...)` saying how it reads, then run
`make schema`. Field names are the editors' interface: rename nothing without migrating the pages.
Vocabulary fields are checked against `data/vocabulary.yml`, passed in as validation context.
"""

from __future__ import annotations

import datetime
import functools
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints, ValidationInfo, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from clinic_site import facts
from clinic_site.facts import CLINIC_FACT, DeclaredFact, Fact
from clinic_site.picture_fields import BeforeAfterPhotos, Picture
from clinic_site.problems import did_you_mean, show_value
from clinic_site.ranges import Range, range_type
from clinic_site.safe_values import WebAddress, WrittenText
from clinic_site.vocabulary import Vocabularies

__all__ = ["Range", "Text", "Treatment", "TreatmentPage"]

Text = WrittenText


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
    return Annotated[list[vocabulary_key(vocabulary)], AfterValidator(_no_repeats), Field(min_length=min_length)]  # type: ignore[misc]  # a type built at import time


@dataclass(frozen=True)
class Section:
    """Field metadata: the field is shown as a section of the treatment page, with this heading."""

    heading: str
    anchor: str
    uses: tuple[str, ...] = ()  # other fields shown in the same section
    always_shown: bool = False  # shown (saying "discussed at consultation") even when the page gives nothing


class Strict(BaseModel):
    """Unknown keys are errors, so a typo such as `sesions` never publishes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SunProtection(Strict):
    spf: Annotated[int, Field(ge=15, le=100, description="Minimum sun protection factor to use afterwards.", examples=[50])]
    weeks: Annotated[
        range_type(1, 52) | None,
        Field(description="For how many weeks after treatment (leave out if not known).", examples=["at least 4"]),
    ] = None


class TimelineStep(Strict):
    when: Annotated[
        Text,
        Field(
            max_length=60,
            description="When this advice applies, e.g. 'Day of treatment' or 'Days 2-7'.",
            examples=["Day of treatment"],
        ),
    ]
    advice: Annotated[
        Text,
        Field(
            max_length=400,
            description="What to do or avoid, in one or two plain sentences.",
            examples=["Keep the skin clean and avoid make-up."],
        ),
    ]


class Feeling(Strict):
    level: Annotated[vocabulary_key("discomfort"), Field(description="How uncomfortable most people find it.", examples=["mild"])]
    note: Annotated[
        Text | None,
        Field(
            max_length=200,
            description="During and after, in a short phrase.",
            examples=["A prickling feeling under numbing cream; warm and tight for a day"],
        ),
    ] = None


class Practitioner(Strict):
    role: Annotated[
        vocabulary_key("practitioner_roles"), Field(description="Who performs it at the clinic.", examples=["nurse-prescriber"])
    ]
    registered_with: Annotated[
        vocabulary_key("registers"),
        Field(description="The professional register they are on ('none' when there is none).", examples=["nmc"]),
    ]


class Review(Strict):
    by: Annotated[
        Text, Field(description="Who reviewed the page's medical content (a role or name).", examples=["Clinical lead"])
    ]
    on: Annotated[datetime.date, Field(description="Date of the review, written YYYY-MM-DD.", examples=["2026-11-01"])]


def _supportable_fields() -> list[str]:
    return [name for name in Treatment.model_fields if name not in NOT_SOURCED]


def _one_of(name: str, known: list[str], what: str, accepted: str) -> str:
    """`name` if it is one of `known`, else the editor's message with a did-you-mean."""
    if name in known:
        return name
    hint = did_you_mean(name, known)
    raise PydanticCustomError(
        "unknown_name",
        "{problem}",
        {
            "problem": f"{show_value(name)} is not {what}" + (f" (did you mean '{hint}'?)" if hint else ""),
            "accepted": f"{accepted}: " + ", ".join(known),
        },
    )


def _check_supported_field(name: str) -> str:
    return _one_of(
        name, _supportable_fields(), "a field of the treatment", "names of the treatment's fields that the source supports"
    )


class Source(Strict):
    """A reputable public source for facts on the page (the NHS, BAD, DermNet, AAD, a peer-reviewed paper)."""

    title: Annotated[Text, Field(max_length=200, description="The page's or paper's title.", examples=["Chemical peels"])]
    publisher: Annotated[Text, Field(max_length=120, description="Who published it.", examples=["NHS"])]
    url: Annotated[
        WebAddress,
        Field(max_length=500, examples=["https://www.nhs.uk/conditions/cosmetic-procedures/chemical-peels/"]),
    ]
    checked: Annotated[
        datetime.date,
        Field(description="When someone last checked that it still says this, written YYYY-MM-DD.", examples=["2026-11-21"]),
    ]
    supports: Annotated[
        list[Annotated[str, AfterValidator(_check_supported_field)]],
        AfterValidator(_no_repeats),
        Field(
            min_length=1, description="The fields of this page whose facts the source gives.", examples=[["sessions", "risks"]]
        ),
    ]


def _optional_fact_fields() -> list[str]:
    """The facts a page may leave out (and so give a reason for)."""
    return [declared.field for declared in treatment_facts() if not Treatment.model_fields[declared.field].is_required()]


def _check_fact_name(name: str) -> str:
    return _one_of(name, _optional_fact_fields(), "a fact of the treatment", "names of facts the page leaves out")


FactName = Annotated[str, AfterValidator(_check_fact_name)]


def _fact_names_in_schema(schema: dict) -> None:
    """The keys editors may use, for editors' tools and the web editor's form (the model checks them too)."""
    schema["propertyNames"] = {"enum": _optional_fact_fields()}


class Treatment(Strict):
    """The `treatment:` block of a treatment page. Field order is the order of the key facts."""

    name: Annotated[Text, Field(max_length=40, description="Short name used in tables and cards.", examples=["Dermaroller"])]
    category: Annotated[
        vocabulary_key("categories"),
        Field(description="The kind of treatment.", examples=["collagen-induction"]),
        Fact("Type", in_table=True),
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
        Fact("Helps with", in_table=True),
    ]
    areas: Annotated[
        key_list("areas"), Field(description="Parts of the body it is used on.", examples=[["face", "neck"]]), Fact("Areas")
    ] = []
    how_it_is_done: Annotated[
        list[Annotated[Text, StringConstraints(max_length=300)]],
        Field(
            max_length=12,
            description="How it is done, as short steps in order.",
            examples=[["A numbing cream is applied for 30 minutes."]],
        ),
        Section("How it is done", "how-it-is-done"),
    ] = []
    numbing: Annotated[
        vocabulary_key("numbing") | None,
        Field(description="How discomfort is managed (the clinic's own practice).", examples=["topical-cream"]),
        Fact("Numbing", in_table=True),
        CLINIC_FACT,
    ] = None
    feels: Annotated[
        Feeling | None,
        Field(description="How it feels during and after.", examples=[{"level": "mild", "note": "A prickling feeling"}]),
        Fact("How it feels", wording=facts.feels, in_table=True),
    ] = None
    session_minutes: Annotated[
        range_type(5, 480) | None,
        Field(
            description="How long one appointment takes at the clinic, in minutes (the clinic's own practice).",
            examples=["30-60"],
        ),
        Fact("Session length", column="session", unit="minute", in_table=True),
        CLINIC_FACT,
    ] = None
    sessions: Annotated[
        range_type(1, 20) | None,
        Field(description="How many sessions a course usually has.", examples=["3-6"]),
        Fact("Course", column="course", wording=facts.course, uses=("interval_weeks",), in_table=True),
    ] = None
    interval_weeks: Annotated[range_type(1, 104) | None, Field(description="Weeks between sessions.", examples=["2-4"])] = None
    maintenance: Annotated[
        Text | None,
        Field(
            max_length=160,
            description="Upkeep after a course, in a short phrase.",
            examples=["Light peels are usually repeated to keep the effect"],
        ),
        Fact("Maintenance"),
    ] = None
    downtime_days: Annotated[
        range_type(0, 90) | None,
        Field(description="Days of visible recovery; 0 means none.", examples=["1-7"]),
        Fact("Downtime", column="downtime", wording=facts.downtime, uses=("downtime_effects",), in_table=True),
    ] = None
    downtime_effects: Annotated[
        key_list("downtime_effects"),
        Field(description="What the skin may show while it recovers.", examples=[["redness", "flaking"]]),
    ] = []
    results_weeks: Annotated[
        range_type(0, 104) | None,
        Field(description="Weeks until results usually show (0: straight away).", examples=["4-6"]),
        Fact("Results", column="results", wording=facts.results, in_table=True),
    ] = None
    results_last_months: Annotated[
        range_type(1, 120) | None,
        Field(description="How many months results usually last.", examples=["6-12"]),
        Fact("How long results last", column="lasting", unit="month"),
    ] = None
    sun_protection: Annotated[
        SunProtection | None,
        Field(description="Sun protection needed afterwards.", examples=[{"spf": 30, "weeks": "at least 4"}]),
        Fact("Sun protection afterwards", column="sun", wording=facts.sun_protection, in_table=True),
    ] = None
    performed_by: Annotated[
        Practitioner | None,
        Field(
            description="Who performs it at the clinic, and their register (the clinic's own practice).",
            examples=[{"role": "nurse-prescriber", "registered_with": "nmc"}],
        ),
        Fact("Performed by", column="practitioner", wording=facts.performed_by),
        CLINIC_FACT,
    ] = None
    price_from: Annotated[
        Decimal | None,
        Field(
            gt=0,
            le=100000,
            max_digits=9,
            decimal_places=2,
            description="Lowest price of one session, in the clinic's currency (set in mkdocs.yml).",
            examples=[250],
        ),
        Fact("Price", column="price", wording=facts.price, in_table=True),
        CLINIC_FACT,
    ] = None
    preparation: Annotated[
        list[TimelineStep],
        Field(
            max_length=12,
            description="What to do before treatment, in order.",
            examples=[[{"when": "2 weeks before", "advice": "Avoid sunbathing and sunbeds."}]],
        ),
        Section("Before your treatment", "preparation"),
    ] = []
    aftercare: Annotated[
        list[TimelineStep],
        Field(
            max_length=12,
            description="The aftercare timeline, in order.",
            examples=[[{"when": "Day of treatment", "advice": "Keep the skin clean and avoid make-up."}]],
        ),
        Section("Aftercare", "aftercare", always_shown=True),
    ] = []
    not_suitable_for: Annotated[
        key_list("not_suitable_for"),
        Field(description="Who should not have it.", examples=[["pregnancy", "isotretinoin"]]),
        Section("Who it is not suitable for", "not-suitable-for", always_shown=True),
    ] = []
    risks: Annotated[
        list[Annotated[Text, StringConstraints(max_length=200)]],
        Field(
            max_length=20,
            description="Common side effects, one short phrase each.",
            examples=[["Redness and swelling for a few days"]],
        ),
        Section("Side effects and risks", "risks", uses=("rare_risks",), always_shown=True),
    ] = []
    rare_risks: Annotated[
        list[Annotated[Text, StringConstraints(max_length=200)]],
        Field(max_length=20, description="Less common but more serious risks, one short phrase each.", examples=[["Infection"]]),
    ] = []
    discussed_at_consultation: Annotated[
        dict[FactName, Annotated[Text, StringConstraints(max_length=300)]],
        Field(
            json_schema_extra=_fact_names_in_schema,
            description="For a fact the page leaves out: why it is discussed at consultation instead (shown beside it).",
            examples=[
                {"results_last_months": "No reputable source gives a typical figure; it depends on your skin and the course."}
            ],
        ),
    ] = {}
    sources: Annotated[
        list[Source],
        Field(
            max_length=30,
            description="Reputable sources for the page's facts, and which fields each supports (shown as numbered Sources).",
            examples=[
                [
                    {
                        "title": "Chemical peels",
                        "publisher": "NHS",
                        "url": "https://www.nhs.uk/conditions/cosmetic-procedures/chemical-peels/",
                        "checked": "2026-11-21",
                        "supports": ["downtime_days", "risks"],
                    }
                ]
            ],
        ),
        Section("Sources", "sources", always_shown=True),
    ] = []
    # Pictures: field types in picture_fields.py; files checked and converted by images.py.
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
    order: Annotated[int, Field(ge=0, le=100000, description="Position in tables and lists (then by name).", examples=[20])] = (
        1000
    )
    reviewed: Annotated[
        Review | None,
        Field(
            description="Who last reviewed the medical content, and when (the build warns when missing or older than the review age set in mkdocs.yml).",
            examples=[{"by": "Clinical lead", "on": "2026-11-01"}],
        ),
    ] = None

    @model_validator(mode="after")
    def _reasons_only_for_facts_left_out(self) -> Treatment:
        given = [name for name in self.discussed_at_consultation if getattr(self, name) not in (None, [])]
        if given:
            raise PydanticCustomError(
                "reason_for_given_fact",
                "{problem}",
                {
                    "problem": f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} given on the page, so not discussed at consultation",
                    "accepted": "reasons only for facts the page leaves out (remove the reason, or the fact)",
                    "loc": ("discussed_at_consultation", given[0]),
                },
            )
        return self


# Fields a source does not support: what the page is called, how the site files it, its pictures.
NOT_SOURCED = frozenset(
    {"name", "category", "summary", "order", "reviewed", "sources", "discussed_at_consultation", "image", "before_after"}
)


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

# What Material reads from `hide:` (https://squidfunk.github.io/mkdocs-material/setup/setting-up-navigation/).
HideOption = typing.Literal["navigation", "toc", "footer", "path"]
HideOptions = Annotated[
    list[HideOption],
    AfterValidator(_no_repeats),
    Field(description="Material page option: parts of the page to hide.", examples=[["toc"]]),
]
SearchOptions = Annotated[
    dict[typing.Literal["exclude"], StrictBool], Field(description="Material page option, e.g. {exclude: true}.")
]


class TreatmentPage(BaseModel):
    """The whole front matter of a treatment page."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    title: Annotated[
        Text | None,
        Field(
            max_length=80,
            description="The page title (defaults to the treatment's name).",
            examples=["Dermaroller (medical microneedling)"],
        ),
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
    hide: HideOptions = []
    search: SearchOptions = {}
    claims_reviewed: ClaimsReviewed = []


def _known_template(name: str, info: ValidationInfo) -> str:
    templates = (info.context or {}).get("templates")
    if templates is None or name in templates:
        return name
    hint = did_you_mean(name, sorted(templates))
    raise PydanticCustomError(
        "template",
        "{problem}",
        {
            "problem": f"there is no template {show_value(name)}" + (f" (did you mean '{hint}'?)" if hint else ""),
            "accepted": "leave it out for an ordinary page; 'home.html' for the home page (templates live in overrides/)",
        },
    )


class PlainPage(BaseModel):
    """The front matter of every page that is not a treatment: what MkDocs and Material read from it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    title: Annotated[Text | None, Field(max_length=80, description="The page title.", examples=["Book a consultation"])] = None
    description: Annotated[
        Text | None,
        Field(
            max_length=160,
            description="One or two plain sentences for search results and link previews.",
            examples=["How to book."],
        ),
    ] = None
    template: Annotated[
        str | None, AfterValidator(_known_template), Field(description="A page template in overrides/.", examples=["home.html"])
    ] = None
    overview: Annotated[
        StrictBool,  # true or false as YAML writes them; pydantic alone would read 1 or 'yes' as true
        Field(description="True on docs/treatments/index.md: the overview, which the web editor does not list as a treatment."),
    ] = False
    image: Annotated[
        Picture | None,
        Field(description="A picture for the page, e.g. the home page's hero: {file, alt, caption}; alt is required."),
    ] = None
    hide: HideOptions = []
    search: SearchOptions = {}
    claims_reviewed: ClaimsReviewed = []


# -- what the declarations say, read once -------------------------------------------------------------


def _metadata(info: FieldInfo) -> list[Any]:
    """A field's Annotated metadata, also when the annotation is `X | None`."""
    found = list(info.metadata)
    for arg in typing.get_args(info.annotation):
        found += getattr(arg, "__metadata__", ())
    return found


def vocabulary_of(info: FieldInfo | None) -> str | None:
    """The vocabulary a field's keys come from (vocabulary_key marks them with x-vocabulary)."""
    if info is None:
        return None
    if isinstance(info.json_schema_extra, dict) and "x-vocabulary" in info.json_schema_extra:
        return str(info.json_schema_extra["x-vocabulary"])
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


_FACTS: tuple[DeclaredFact, ...] = ()


def treatment_facts() -> tuple[DeclaredFact, ...]:
    """Every fact `Treatment` declares, in field order: the key facts and the table's columns."""
    global _FACTS
    if not _FACTS:
        _FACTS = tuple(
            DeclaredFact(name, fact, vocabulary_of(info), CLINIC_FACT in _metadata(info))
            for name, info in Treatment.model_fields.items()
            for fact in _metadata(info)
            if isinstance(fact, Fact)
        )
    return _FACTS


def treatment_sections() -> tuple[tuple[str, Section], ...]:
    """(field, Section) for every field shown as a section of the treatment page, in field order."""
    return tuple(
        (name, section)
        for name, info in Treatment.model_fields.items()
        for section in _metadata(info)
        if isinstance(section, Section)
    )


def vocabulary_field_names() -> frozenset[str]:
    """Names of every field, at any depth of a page's front matter, whose values are vocabulary keys."""

    def walk(model: type[BaseModel]) -> set[str]:
        found = set()
        for name, info in model.model_fields.items():
            if vocabulary_of(info) is not None:
                found.add(name)
            for nested in _nested_models(info.annotation):
                found |= walk(nested)
        return found

    return frozenset(walk(TreatmentPage))


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _nested_models(arg)]


@functools.cache  # the model's declarations do not change while the hook runs
def clinic_fact_fields() -> frozenset[str]:
    """Fields holding the clinic's own facts (prices, practice): they need no outside source."""
    return frozenset(name for name, info in Treatment.model_fields.items() if CLINIC_FACT in _metadata(info))
