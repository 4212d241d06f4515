"""A treatment page's structure: its contents list every section, generated ones included, in page
order (from one list, clinic_site/treatment_sections.py), and cards do not repeat a heading."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.sites import ROOT

TREATMENTS = sorted(p.stem for p in (ROOT / "docs" / "treatments").glob("*.md") if p.name != "index.md")


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("slug", TREATMENTS)
def test_the_contents_list_every_section_of_the_page_in_order(demo_site, slug):
    page = soup(demo_site, f"treatments/{slug}")
    sections = [h2["id"] for h2 in page.select("article.md-content__inner h2[id]")]
    contents = [a["href"].removeprefix("#") for a in page.select(".md-nav--secondary a.md-nav__link")]
    assert contents == sections
    assert {"key-facts", "aftercare", "not-suitable-for", "risks", "sources"} <= set(contents)


def test_cards_grouped_under_a_category_do_not_repeat_it(demo_site):
    page = soup(demo_site, "treatments")
    for section in page.select(".clinic-treatment-list section"):
        assert section.select(".clinic-card") and not section.select(".clinic-card__category")


def test_cards_elsewhere_name_their_category_once_above_the_name(demo_site):
    for card in soup(demo_site, "").select(".clinic-home-treatments .clinic-card"):
        assert len(card.select(".clinic-card__category")) == 1
