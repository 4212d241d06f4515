"""The comparison table: its rows, columns, wording and markup."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from clinic_site.catalogue import Catalogue, TreatmentEntry
from clinic_site.clinic_details import load_clinic_details
from clinic_site.comparison_table import ComparisonTable, columns, default_column_keys
from clinic_site.facts import NOT_GIVEN, FactContext, FactValue, fact_value
from clinic_site.model import Range, TreatmentPage
from clinic_site.ranges import count_text
from clinic_site.rendering import add_row_rendering, enable_autoescape, render
from tests.helpers_content import CLINIC, page, vocabularies
from tests.support.sites import ROOT


def fact(key: str, entry: TreatmentEntry, ctx: FactContext) -> FactValue:
    """How the column `key` reads for one treatment."""
    return fact_value(columns()[key], entry.treatment, ctx)


def entry(slug: str, **changes) -> TreatmentEntry:
    front = TreatmentPage.model_validate(page(**changes), context={"vocabularies": vocabularies()})
    return TreatmentEntry(front, f"treatments/{slug}.md", f"treatments/{slug}/", f"docs/treatments/{slug}.md")


@pytest.fixture
def ctx() -> FactContext:
    return FactContext(vocabularies(), load_clinic_details({"clinic": CLINIC}))


def test_ranges_read_with_an_en_dash_and_the_right_plural():
    assert count_text(Range(2, 3), "session") == "2\u20133 sessions"
    assert count_text(Range(1, 1), "session") == "1 session"
    assert count_text(Range(4, 4), "week") == "4 weeks"


def test_course_reads_sessions_and_interval(ctx):
    assert fact("course", entry("a"), ctx).text == "2\u20133 sessions, 6\u20138 weeks apart"
    assert fact("course", entry("a", sessions=None), ctx).text == "Sessions 6\u20138 weeks apart"
    assert fact("course", entry("a", sessions=None, interval_weeks=None), ctx).text == NOT_GIVEN


def test_missing_facts_say_discussed_at_consultation(ctx):
    sparse = entry(
        "a", **{k: None for k in ("numbing", "session_minutes", "downtime_days", "downtime_effects", "sun_protection")}
    )
    for key in ("numbing", "session", "downtime", "results", "sun", "price"):
        value = fact(key, sparse, ctx)
        assert value.text == "Discussed at consultation" and not value.given


def test_downtime_reads_days_and_effects_and_zero_as_none_expected(ctx):
    assert fact("downtime", entry("a"), ctx).text == "2\u20137 days (redness, flaking)"
    assert fact("downtime", entry("a", downtime_days=0), ctx).text == "None expected"


def test_downtime_effects_show_without_days(ctx):
    """Issue 9: every value an editor enters appears, also effects without a number of days."""
    assert fact("downtime", entry("a", downtime_days=None), ctx).text == "May include redness, flaking"


def test_sun_protection_and_price_wording(ctx):
    assert fact("sun", entry("a"), ctx).text == "SPF 50 or higher for 2 weeks"
    assert fact("sun", entry("a", sun_protection={"spf": 30}), ctx).text == "SPF 30 or higher"
    assert fact("price", entry("a", price_from=250), ctx).text == "From £250"
    assert fact("price", entry("a", price_from=Decimal("99.5")), ctx).text == "From £99.50"


def catalogue(*entries: TreatmentEntry) -> Catalogue:
    return Catalogue(entries, vocabularies()).sorted()


def test_price_column_only_when_some_treatment_has_a_price():
    assert "price" not in ComparisonTable(catalogue(entry("a"), entry("b", name="B"))).column_keys()
    assert ComparisonTable(catalogue(entry("a"), entry("b", name="B", price_from=90))).column_keys() == default_column_keys()
    assert default_column_keys()[-1] == "price"


def test_marker_options_filter_rows_and_choose_columns():
    cat = catalogue(
        entry("peel", name="Peel", category="chemical-exfoliation", concerns=["fine-lines"], order=1),
        entry("roller", name="Roller", order=2),
        entry("pen", name="Pen", order=3),
    )
    rows = lambda options: [e.name for e in ComparisonTable.from_options(cat, options).catalogue.sorted()]  # noqa: E731
    assert rows({}) == ["Peel", "Roller", "Pen"]
    assert rows({"category": ["collagen-induction"]}) == ["Roller", "Pen"]
    assert rows({"concern": ["acne-scars"]}) == ["Roller", "Pen"]
    assert rows({"treatments": ["pen", "peel"]}) == ["Peel", "Pen"]
    assert ComparisonTable.from_options(cat, {"columns": ["downtime", "sun"]}).column_keys() == ("downtime", "sun")


@pytest.fixture(scope="module")
def theme_env():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return add_row_rendering(enable_autoescape(config.theme.get_env()))


def rendered_table(theme_env, ctx, cat: Catalogue, page_url="compare/") -> BeautifulSoup:
    data = ComparisonTable(cat).template_data(ctx, lambda e: [])

    class Page:
        url = page_url

    return BeautifulSoup(
        render(theme_env, "partials/clinic/comparison-table.html", page=Page(), base_url="..", **data), "html.parser"
    )


def test_table_markup_has_header_cells_links_and_labels(theme_env, ctx):
    soup = rendered_table(theme_env, ctx, catalogue(entry("dermaroller"), entry("pen", name="Pen")))
    headers = [th.get_text(strip=True) for th in soup.select("thead th")]
    assert headers == [
        "Treatment",
        "Type",
        "Helps with",
        "Numbing",
        "How it feels",
        "Session length",
        "Course",
        "Downtime",
        "Results",
        "Sun protection afterwards",
    ]
    links = [(a.get_text(), a["href"]) for a in soup.select("tbody th[scope=row] a")]
    assert links == [("Dermaroller", "../treatments/dermaroller/"), ("Pen", "../treatments/pen/")]
    first = soup.select_one("tbody tr")
    assert [td["data-label"] for td in first.select("td")] == headers[1:]
    assert first.select("td")[5].get_text() == "2\u20133 sessions, 6\u20138 weeks apart"
    assert "None" not in soup.get_text() and "null" not in soup.get_text()


def test_values_are_escaped_by_the_template_engine(theme_env, ctx):
    # Markup itself is refused in text fields (test_edit_hunt_markup_in_text.py); what text may hold
    # still has to be escaped: '&', quotes and a '<' that starts no tag.
    name = "Bold & \"co\" 'n' <3 > 2"
    table = rendered_table(theme_env, ctx, catalogue(entry("x", name=name)))
    assert table.select_one("tbody th a").get_text() == name
    html = str(table)
    assert "Bold &amp; " in html and "&lt;3 &gt; 2" in html


def test_an_empty_table_says_so(theme_env, ctx):
    soup = rendered_table(theme_env, ctx, catalogue())
    assert soup.find("table") is None
    assert soup.get_text(strip=True) == "No treatments to compare here yet."
