"""The content model: what editors may write in a treatment page's front matter."""

import datetime

import pytest

from clinic_site.catalogue import SourcePage, build_catalogue, read_front_matters, validate_treatment_page
from clinic_site.frontmatter import FrontMatter
from clinic_site.model import Range, Treatment
from clinic_site.problems import ContentError
from clinic_site.yaml_documents import YamlDocument
from tests.helpers_content import page, vocabularies


def validate(data: dict):
    return validate_treatment_page(
        FrontMatter(YamlDocument(data, "docs/treatments/dermaroller.md"), True), "docs/treatments/dermaroller.md", vocabularies()
    )


def problems(data: dict) -> list[str]:
    with pytest.raises(ContentError) as caught:
        validate(data)
    return [str(p) for p in caught.value.problems]


def test_a_valid_page_validates_with_ranges_parsed():
    result = validate(page()).treatment
    assert result.sessions == Range(2, 3)
    assert result.sun_protection.weeks == Range(2, 2)
    assert result.price_from is None and result.aftercare == [] and result.order == 1000


@pytest.mark.parametrize(
    "written, expected",
    [
        (3, Range(3, 3)),
        ("3", Range(3, 3)),
        ("2-3", Range(2, 3)),
        ("2 - 3", Range(2, 3)),
        ("2\u20133", Range(2, 3)),
        ("at least 4", Range(4, 4, at_least=True)),
        ("At least 6-8", Range(6, 8, at_least=True)),
    ],
)
def test_ranges_accept_a_whole_number_or_low_dash_high(written, expected):
    assert validate(page(sessions=written)).treatment.sessions == expected


def test_zero_is_accepted_where_it_means_none():
    assert validate(page(downtime_days=0)).treatment.downtime_days == Range(0, 0)


@pytest.mark.parametrize(
    "field, written, problem",
    [
        ("sessions", 0, "0 is less than 1"),
        ("sessions", "0-2", "'0-2' is less than 1"),
        ("sessions", 100000000000000000000, "100000000000000000000 is more than 20"),
        ("sessions", "100000000000000000000", "'100000000000000000000' is not a whole number or a range"),
        ("interval_weeks", "1-200", "'1-200' is more than 104"),
        ("session_minutes", 1, "1 is less than 5"),
    ],
)
def test_every_range_has_a_plausible_bound(field, written, problem):
    [message] = problems(page(**{field: written}))
    assert message.startswith(f"docs/treatments/dermaroller.md: treatment.{field}: {problem}. Accepted: a whole number from ")


@pytest.mark.parametrize(
    "written, problem",
    [
        ("3-2", "'3-2' has the larger number first"),
        ("two", "'two' is not a whole number or a range"),
        ("2-", "'2-' is not a whole number or a range"),
        (2.5, "2.5 is not a whole number or a range"),
        (-1, "-1 is not a whole number or a range"),
    ],
)
def test_malformed_ranges_are_explained(written, problem):
    assert problems(page(sessions=written)) == [
        f"docs/treatments/dermaroller.md: treatment.sessions: {problem}. "
        "Accepted: a whole number from 1 to 20, or a range such as 2-3 (smaller number first), optionally after 'at least' where the source gives a minimum."
    ]


@pytest.mark.parametrize("field", ["name", "category", "summary", "concerns"])
def test_required_fields(field):
    [message] = problems(page(**{field: None}))
    assert message.startswith(f"docs/treatments/dermaroller.md: treatment.{field}: this required field is missing. Accepted: ")


def test_description_is_required_on_treatment_pages():
    data = page()
    del data["description"]
    [message] = problems(data)
    assert message.startswith("docs/treatments/dermaroller.md: description: this required field is missing.")


def test_unknown_key_suggests_the_field_meant():
    [message] = problems(page(sesions="2-3"))
    assert message.startswith(
        "docs/treatments/dermaroller.md: treatment.sesions: unknown field 'sesions' (did you mean 'sessions'?). "
        "Accepted: the fields name, category, summary, concerns,"
    )


def test_vocabulary_value_lists_allowed_keys_and_suggests():
    [message] = problems(page(category="colagen-induction"))
    assert message == (
        "docs/treatments/dermaroller.md: treatment.category: 'colagen-induction' is not a known category "
        "(did you mean 'collagen-induction'?). Accepted: one of chemical-exfoliation, collagen-induction "
        "(or add a new key under 'categories:' in data/vocabulary.yml)."
    )


def test_vocabulary_values_in_lists_are_checked_item_by_item():
    [message] = problems(page(concerns=["acne-scars", "wrinkles"]))
    assert message.startswith("docs/treatments/dermaroller.md: treatment.concerns, item 2: 'wrinkles' is not a known concern.")


def test_at_least_one_concern():
    [message] = problems(page(concerns=[]))
    assert "treatment.concerns: the list is empty" in message
    assert message.endswith(
        "Accepted: a list (at least one) written [first, second] of keys of 'concerns' in data/vocabulary.yml (acne-scars, fine-lines)."
    )


def test_a_key_listed_twice_is_an_error():
    [message] = problems(page(concerns=["acne-scars", "acne-scars"]))
    assert "treatment.concerns: acne-scars is listed more than once. Accepted: each key once." in message


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"name": 42}, "treatment.name: found 42. Accepted: plain text (not empty), at most 40 characters, e.g. Dermaroller."),
        (
            {"areas": "face"},
            "treatment.areas: found 'face'. Accepted: a list written [first, second] of keys of 'areas' in data/vocabulary.yml (face, neck).",
        ),
        (
            {"sun_protection": 50},
            "treatment.sun_protection: found 50. Accepted: the fields spf, weeks, e.g. {spf: 30, weeks: at least 4}.",
        ),
        (
            {"sun_protection": {"spf": 5}},
            "treatment.sun_protection.spf: found 5. Accepted: a whole number from 15 to 100, e.g. 50.",
        ),
        (
            {"price_from": "£250"},
            "treatment.price_from: found '£250'. Accepted: an amount such as 250 or 99.50, more than 0, at most 100000, without a currency sign, e.g. 250.",
        ),
        (
            {"reviewed": {"by": "Lead", "on": "2026-13-01"}},
            "treatment.reviewed.on: found '2026-13-01'. Accepted: a date written YYYY-MM-DD, e.g. 2026-11-01.",
        ),
        (
            {"summary": ""},
            "treatment.summary: found ''. Accepted: plain text (not empty), at most 200 characters, e.g. Fine needles prompt the skin to renew itself and build collagen.",
        ),
    ],
)
def test_wrong_types_name_the_value_and_what_is_accepted(changes, expected):
    assert problems(page(**changes)) == [f"docs/treatments/dermaroller.md: {expected}"]


def test_description_longer_than_160_characters():
    data = page()
    data["description"] = "x" * 161
    [message] = problems(data)
    assert message.startswith("docs/treatments/dermaroller.md: description: 'xxxxxxxx")
    assert message.endswith(
        "… is 161 characters long. Accepted: plain text (not empty), at most 160 characters, e.g. A sterile roller with fine needles prompts your skin's own repair process."
    )


def test_every_problem_of_a_page_is_reported_at_once():
    assert len(problems(page(category="x", sessions="3-2", sesions=1))) == 3


def test_review_date_is_a_date():
    data = page(reviewed={"by": "Clinical lead", "on": "2026-11-01"})
    assert validate(data).treatment.reviewed.on == datetime.date(2026, 11, 1)


def test_template_cannot_be_set_by_editors():
    data = page()
    data["template"] = "main.html"
    [message] = problems(data)
    assert "template: unknown field 'template'" in message


def test_model_keeps_every_field_of_the_editors_contract_in_order():
    """Pages written by editors use these names: none may be renamed or dropped without migrating the
    pages. New optional fields may join anywhere (adding one is an edit to model.py alone)."""
    fields = list(Treatment.model_fields)
    contract = [
        "name",
        "category",
        "summary",
        "concerns",
        "areas",
        "how_it_is_done",
        "numbing",
        "feels",
        "session_minutes",
        "sessions",
        "interval_weeks",
        "maintenance",
        "downtime_days",
        "downtime_effects",
        "results_weeks",
        "results_last_months",
        "sun_protection",
        "performed_by",
        "price_from",
        "preparation",
        "aftercare",
        "not_suitable_for",
        "risks",
        "rare_risks",
        "discussed_at_consultation",
        "sources",
        "image",
        "before_after",
        "order",
        "reviewed",
    ]
    positions = [fields.index(name) for name in contract if name in fields]
    assert [name for name in contract if name not in fields] == []
    assert positions == sorted(positions)


def source(src_uri: str, name: str, order: int = 10) -> SourcePage:
    text = (
        f"---\ndescription: About {name}.\ntreatment:\n  name: {name}\n  category: collagen-induction\n"
        f"  summary: S.\n  concerns: [acne-scars]\n  order: {order}\n---\nBody\n"
    )
    return SourcePage(src_uri, src_uri.removesuffix(".md") + "/", text, "docs/" + src_uri)


def test_two_treatments_with_the_same_name_are_an_error():
    pages = [source("treatments/a.md", "Peel"), source("treatments/b.md", "peel")]
    front, _ = read_front_matters(pages)
    catalogue, found = build_catalogue(pages, front, vocabularies())
    assert [str(p) for p in found] == [
        "docs/treatments/b.md, line 4: treatment.name: the name 'peel' is already used by docs/treatments/a.md. "
        "Accepted: a name no other treatment page uses (names appear side by side in the comparison table)."
    ]
    assert [e.name for e in catalogue] == ["Peel"]


def test_catalogue_orders_by_order_then_name_and_skips_the_overview():
    pages = [
        source("treatments/z.md", "Zeta", 5),
        source("treatments/b.md", "beta", 10),
        source("treatments/a.md", "Alpha", 10),
        SourcePage("treatments/index.md", "treatments/", "# Treatments\n", "docs/treatments/index.md"),
    ]
    front, _ = read_front_matters(pages)
    catalogue, found = build_catalogue(pages, front, vocabularies())
    assert found == []
    assert [e.name for e in catalogue] == ["Zeta", "Alpha", "beta"]
