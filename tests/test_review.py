"""Medical review: shown on the page; the build warns when it is missing or older than the limit."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from clinic_site.catalogue import TreatmentEntry
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import TreatmentPage
from clinic_site.problems import ContentError
from clinic_site.review import months_before, review_months, review_problems, today
from tests.support.sites import ROOT, build, replace_in

DAY = datetime.date(2026, 11, 21)


def entry(reviewed: dict | None) -> TreatmentEntry:
    treatment = {"name": "Peel", "category": "chemical-exfoliation", "summary": "A peel.", "concerns": ["texture"]}
    if reviewed:
        treatment["reviewed"] = reviewed
    page = TreatmentPage.model_validate({"description": "A peel.", "treatment": treatment})
    return TreatmentEntry(page, "treatments/peel.md", "treatments/peel/", "docs/treatments/peel.md")


def test_today_is_the_real_date_unless_clinic_today_fixes_it():
    assert today({"CLINIC_TODAY": "2030-01-02", "SOURCE_DATE_EPOCH": "0"}) == datetime.date(2030, 1, 2)
    assert today({"SOURCE_DATE_EPOCH": "0"}) == datetime.date.today()  # it dates the output, not the review check


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_before(DAY, 12) == datetime.date(2025, 11, 21)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)


def test_missing_review_warns():
    [problem] = review_problems([entry(None)], DAY, 12)
    assert str(problem) == (
        "docs/treatments/peel.md: treatment.reviewed: the page has no medical review. Accepted: reviewed: {by: <who>, "
        "on: <YYYY-MM-DD>} once a clinician has checked the page's medical content."
    )


def test_review_older_than_the_limit_warns_and_one_on_the_limit_does_not():
    assert review_problems([entry({"by": "Clinical lead", "on": "2025-11-21"})], DAY, 12) == []
    [problem] = review_problems([entry({"by": "Clinical lead", "on": "2025-11-20"})], DAY, 12)
    assert str(problem) == (
        "docs/treatments/peel.md: treatment.reviewed.on: the last review was on 2025-11-20, more than 12 months ago. "
        "Accepted: a review on or after 2025-11-21: ask a clinician to check the page again, then update by and on."
    )


def test_review_in_the_future_warns():
    [problem] = review_problems([entry({"by": "Clinical lead", "on": "2062-11-01"})], DAY, 12)
    assert problem.problem == "the review date 2062-11-01 is in the future"


@pytest.mark.parametrize("value", [0, "twelve", True, 12.5])
def test_review_age_setting_must_be_whole_months(value):
    with pytest.raises(
        ContentError, match=r"mkdocs.yml: extra.clinic_review_months: found .*whole number of months from 1 to 120"
    ):
        review_months({"clinic_review_months": value})
    assert review_months({}) == 12


def test_reviewed_by_and_on_show_on_the_treatment_page(demo_site):
    html = BeautifulSoup((demo_site / "treatments/dermaroller/index.html").read_text(encoding="utf-8"), "html.parser")
    review = read_front_matter((ROOT / "docs/treatments/dermaroller.md").read_text(encoding="utf-8"), "x").data["treatment"][
        "reviewed"
    ]
    on = datetime.date.fromisoformat(review["on"])
    reviewed = html.select_one(".clinic-reviewed")
    assert reviewed.get_text(" ", strip=True) == f"Reviewed by {review['by']} on {on.day} {on:%B %Y} ."
    assert reviewed.time["datetime"] == review["on"]


def test_build_warns_about_stale_reviews_and_the_limit_is_configurable(project):
    review = read_front_matter((project / "docs/treatments/dermaroller.md").read_text(encoding="utf-8"), "x").data["treatment"][
        "reviewed"
    ]
    on = datetime.date.fromisoformat(review["on"])
    thirteen_months_later = (on + datetime.timedelta(days=396)).isoformat()
    stale = build(project, env={"CLINIC_TODAY": thirteen_months_later})
    assert not stale.ok
    lines = (project / "docs/treatments/dermaroller.md").read_text(encoding="utf-8").splitlines()
    reviewed_at = lines.index("  reviewed:")
    on_line = next(n for n in range(reviewed_at, len(lines)) if lines[n].strip().startswith("on:")) + 1
    assert (
        f"WARNING -  docs/treatments/dermaroller.md, line {on_line}: treatment.reviewed.on: the last review was on {on}, "
        "more than 12 months ago"
    ) in stale.output
    replace_in(project / "mkdocs.yml", "extra:\n", "extra:\n  clinic_review_months: 24\n")
    assert build(project, env={"CLINIC_TODAY": thirteen_months_later}).ok
