"""/treatments.json: every treatment's validated facts, its address and a schema version."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from clinic_site.catalogue import validate_treatment_page
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import Treatment
from clinic_site.treatments_feed import SCHEMA_VERSION
from clinic_site.vocabulary import load_vocabularies
from tests.support.sites import ROOT
from tests.test_deploy_files import site_url


@pytest.fixture(scope="module")
def feed(demo_site) -> dict:
    return json.loads((demo_site / "treatments.json").read_text(encoding="utf-8"))


def page_of(demo_site, url: str) -> BeautifulSoup:
    path = demo_site / url.removeprefix(site_url()) / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_feed_has_a_schema_version_and_the_clinic_currency(feed):
    assert feed["schema_version"] == SCHEMA_VERSION
    assert feed["site_url"] == site_url()
    assert feed["currency"] == "GBP"


def test_the_feed_lists_every_treatment_page_once(feed, demo_site):
    pages = sorted(p.parent.name for p in (demo_site / "treatments").glob("*/index.html"))
    assert sorted(t["slug"] for t in feed["treatments"]) == pages
    assert [t["url"] for t in feed["treatments"]] == [f"{site_url()}treatments/{t['slug']}/" for t in feed["treatments"]]


def test_each_treatment_in_the_feed_matches_its_page(feed, demo_site):
    for record in feed["treatments"]:
        page = page_of(demo_site, record["url"])
        assert page.h1.get_text(strip=True) == record["title"]
        assert page.find("meta", attrs={"name": "description"})["content"] == record["description"]
        assert record["treatment"]["summary"] in page.get_text(" ", strip=True)


def test_the_feed_carries_each_pages_validated_front_matter(feed):
    vocabularies = load_vocabularies(ROOT / "data" / "vocabulary.yml", "data/vocabulary.yml")
    for record in feed["treatments"]:
        source = ROOT / "docs" / "treatments" / f"{record['slug']}.md"
        front_matter = read_front_matter(source.read_text(encoding="utf-8"), str(source))
        validated = validate_treatment_page(front_matter, str(source), vocabularies)
        assert record["treatment"] == validated.treatment.model_dump(mode="json")
        assert record["description"] == validated.description


def test_facts_left_out_are_null_and_ranges_are_strings(feed):
    every_field = set(Treatment.model_fields)
    for record in feed["treatments"]:
        assert set(record["treatment"]) == every_field  # a client always finds every key
        for key in ("session_minutes", "sessions", "interval_weeks", "downtime_days", "results_weeks"):
            assert record["treatment"][key] is None or isinstance(record["treatment"][key], str)
        assert "hide" not in record and "search" not in record  # page layout, not facts
    assert any(value is None for record in feed["treatments"] for value in record["treatment"].values())
