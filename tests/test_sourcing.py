"""Every figure on a treatment page is traced to a cited source, is the clinic's own, or is left out
with a reason (issue 9); readers see the sources beside the facts."""

from __future__ import annotations

import copy

import pytest

from clinic_site import treatment_sections as page_sections
from clinic_site.catalogue import TreatmentEntry, validate_treatment_page
from clinic_site.clinic_details import load_clinic_details
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import NOT_SOURCED, Treatment, clinic_fact_fields, treatment_facts, treatment_sections
from clinic_site.sourcing import sourcing_problems
from clinic_site.yaml_documents import yaml_flow
from tests.helpers_content import CLINIC, VALID_PAGE, vocabularies

PATH = "docs/treatments/dermaroller.md"
NHS = {"title": "Microneedling", "publisher": "NHS", "url": "https://www.nhs.uk/x/", "checked": "2026-11-21"}
SOURCED = {
    **VALID_PAGE["treatment"],
    "feels": {"level": "mild"},
    "results_weeks": "4-6",
    "price_from": 150,
    "sources": [{**NHS, "supports": ["sessions", "interval_weeks", "downtime_days", "sun_protection", "results_weeks"]}],
}


def written(treatment: dict) -> str:
    """The page as an editor writes it, so messages carry real line numbers."""
    lines = ["---", f"description: {VALID_PAGE['description']}", "treatment:"]
    lines += [f"  {key}: {yaml_flow(value)}" for key, value in treatment.items()]
    return "\n".join(lines) + "\n---\n\nBody.\n"


def entry_and_problems(treatment: dict) -> tuple[TreatmentEntry, list[str]]:
    front_matter = read_front_matter(written(treatment), PATH)
    page = validate_treatment_page(front_matter, PATH, vocabularies())
    entry = TreatmentEntry(page, "treatments/dermaroller.md", "treatments/dermaroller/", PATH)
    return entry, [str(p) for p in sourcing_problems(entry, front_matter)]


def line_of(treatment: dict, field: str) -> int:
    return written(treatment).splitlines().index(f"  {field}: {yaml_flow(treatment[field])}") + 1


def test_a_fully_sourced_page_has_no_problems():
    assert entry_and_problems(SOURCED)[1] == []


def test_a_figure_that_loses_its_source_is_reported_on_its_line():
    treatment = copy.deepcopy(SOURCED)
    treatment["sources"][0]["supports"].remove("sessions")
    assert entry_and_problems(treatment)[1] == [
        f"{PATH}, line {line_of(treatment, 'sessions')}: treatment.sessions: the figure in '2-3' has no source. "
        "Accepted: a source under treatment.sources whose supports lists sessions; or leave the field out, "
        "and say why under treatment.discussed_at_consultation."
    ]


def test_a_digit_in_text_is_a_figure_too():
    treatment = {**SOURCED, "risks": ["Redness for 2 days"]}
    [message] = entry_and_problems(treatment)[1]
    assert "treatment.risks: the figure in 'Redness for 2 days' has no source." in message


def test_the_clinics_own_facts_need_no_source():
    treatment = {
        **SOURCED,
        "session_minutes": "30-60",
        "price_from": 90,
        "performed_by": {"role": "nurse-prescriber", "registered_with": "nmc"},
    }
    assert entry_and_problems(treatment)[1] == []
    assert {"price_from", "session_minutes", "numbing", "performed_by"} <= clinic_fact_fields()


def test_a_source_supporting_a_field_the_page_does_not_set_is_reported():
    treatment = copy.deepcopy(SOURCED)
    treatment["sources"][0]["supports"].append("results_last_months")
    [message] = entry_and_problems(treatment)[1]
    assert message.endswith(
        "treatment.sources, item 1, supports: the source 'Microneedling' is said to support results_last_months, which the page "
        "does not set. Accepted: the fact the source gives, under treatment.results_last_months; or remove results_last_months "
        "from this source's supports."
    )


def test_a_table_fact_left_out_needs_a_reason_on_the_page():
    treatment = copy.deepcopy({key: value for key, value in SOURCED.items() if key != "results_weeks"})
    treatment["sources"][0]["supports"].remove("results_weeks")
    [message] = entry_and_problems(treatment)[1]
    assert message.endswith(
        "treatment.results_weeks: the page leaves out 'Results', which the comparison table shows, without saying why. "
        "Accepted: the fact with its source; or a reason under treatment.discussed_at_consultation, "
        "e.g. 'results_weeks: <why it is discussed at consultation>'."
    )
    treatment["discussed_at_consultation"] = {"results_weeks": "Studies report different times."}
    assert entry_and_problems(treatment)[1] == []


def test_a_reason_for_a_fact_the_page_gives_is_refused():
    treatment = {**SOURCED, "discussed_at_consultation": {"sessions": "Depends on you."}}
    with pytest.raises(Exception) as caught:
        entry_and_problems(treatment)
    [problem] = caught.value.problems
    assert str(problem).endswith(
        "treatment.discussed_at_consultation.sessions: sessions is given on the page, so not discussed at consultation. "
        "Accepted: reasons only for facts the page leaves out (remove the reason, or the fact)."
    )
    assert problem.line == line_of(treatment, "discussed_at_consultation")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/x", "nhs.uk/page", "ftp://x.org/y"])
def test_a_source_address_must_be_a_web_address(url):
    treatment = {**SOURCED, "sources": [{**SOURCED["sources"][0], "url": url}]}
    with pytest.raises(Exception) as caught:
        entry_and_problems(treatment)
    [problem] = caught.value.problems
    assert problem.field == "treatment.sources, item 1, url"
    assert (
        problem.accepted
        == "an address starting with https:// (or http://) followed by a host name, e.g. https://booking.example.org/"
    )


def test_every_field_an_editor_fills_in_is_shown_somewhere():
    """Issue 9: every entered value must appear: as a fact, in a section, or it only files the page."""
    shown = {name for fact in treatment_facts() for name in fact.fields}
    shown |= {name for name, section in treatment_sections() for name in (name, *section.uses)}
    # The title, the lede, the order, the review line, and the reasons beside the facts.
    files_the_page = {"name", "summary", "order", "reviewed", "discussed_at_consultation"}
    pictures = {"image", "before_after"}  # the picture under the key facts; the before/after section
    assert set(Treatment.model_fields) == shown | files_the_page | pictures
    assert files_the_page <= NOT_SOURCED | {"name", "summary"}
    assert "before_after" in page_sections.sections_by_key()


def test_key_facts_link_their_sources_give_reasons_and_mark_the_clinics_own():
    from clinic_site.catalogue import Catalogue
    from clinic_site.site_model import SiteModel
    from clinic_site.views import SiteViews

    treatment = {
        **SOURCED,
        "numbing": "topical-cream",
        "discussed_at_consultation": {"results_last_months": "No study measured it."},
    }
    entry, _ = entry_and_problems(treatment)
    site = SiteModel(load_clinic_details({"clinic": CLINIC}), Catalogue((entry,), vocabularies()), (), {}, {}, {}, (), ())
    facts = {fact["key"]: fact for fact in SiteViews(site, {}).key_facts(entry)}
    assert facts["course"]["sources"] == [1] and facts["course"]["text"] == "2\u20133 sessions, 6\u20138 weeks apart"
    assert facts["numbing"]["clinic_fact"] and facts["numbing"]["sources"] == []
    assert (facts["lasting"]["text"], facts["lasting"]["reason"]) == ("Discussed at consultation", "No study measured it.")
    assert facts["price"]["text"] == "From £150" and facts["price"]["clinic_fact"]
