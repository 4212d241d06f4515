"""What the site's search indexes (hooks/clinic_site/search_entries.py): each page's own words, but
not its listings of treatments (comparison tables, cards, the chooser), so that a search leads to a
treatment's own page. The pages themselves still show every listing. Real in-process builds."""

from __future__ import annotations

import json

import pytest

from clinic_site.page_markers import MARKERS
from clinic_site.search_on_demand import FULL_INDEX
from tests.support.small_site import PAGES, build_in_process, small_project

SUMMARY = "Fine needles prompt the skin to make new collagen."  # the pen's summary, on its cards and rows
LISTINGS = [marker for marker in MARKERS if not marker.in_search]
OWN_WORDS = "Zephyrine"  # a word written only in the listing page's own text


def listing_page(marker) -> str:
    options = " concern=acne-scars" if "concern" in marker.options and marker.options["concern"].required else ""
    return (
        f"---\ntitle: Listing\ndescription: A page with a listing.\n---\n\n{OWN_WORDS} writes this.\n\n"
        f"<!-- {marker.name}{options} -->\n\nAfter the listing.\n"
    )


def documents_of(site_dir, location: str) -> list[dict]:
    docs = json.loads((site_dir / FULL_INDEX).read_text(encoding="utf-8"))["docs"]
    return [d for d in docs if d["location"].split("#")[0] == location]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pages = {**PAGES, **{f"listing-{marker.name}.md": listing_page(marker) for marker in LISTINGS}}
    result = build_in_process(small_project(tmp_path_factory.mktemp("search") / "project", pages))
    assert result.ok, result.messages
    return result.site_dir


def test_the_registry_leaves_the_treatment_listings_out_of_search():
    assert {m.name for m in LISTINGS} == {"comparison-table", "treatment-cards", "treatment-list", "treatment-chooser"}


@pytest.mark.parametrize("marker", LISTINGS, ids=lambda m: m.name)
def test_search_indexes_the_pages_own_words_and_not_its_listing_which_the_page_still_shows(built, marker):
    location = f"listing-{marker.name}/"
    indexed = " ".join(d["title"] + " " + d["text"] for d in documents_of(built, location))
    assert OWN_WORDS in indexed and "After the listing." in indexed
    assert "Pen" not in indexed and "collagen" not in indexed
    page = (built / location / "index.html").read_text(encoding="utf-8")
    assert "Pen" in page  # the reader still sees the listing


def test_a_treatment_is_found_on_its_own_page(built):
    indexed = " ".join(d["title"] + " " + d["text"] for d in documents_of(built, "treatments/pen/"))
    assert "Microneedling pen (test)" in indexed and "A test page about a pen." in indexed


def test_a_marker_search_may_index_is_indexed(built):
    indexed = " ".join(d["text"] for d in documents_of(built, "consultation/"))
    assert "020" in indexed or "@" in indexed  # the clinic's contact details, from <!-- clinic-contact -->
