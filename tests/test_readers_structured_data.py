"""The structured-data module on its own: breadcrumbs and URLs in cases the demo site lacks."""

from __future__ import annotations

from clinic_site.clinic_details import load_clinic_details
from clinic_site.structured_data import Crumb, breadcrumb_trail, page_graph
from tests.test_readers_findable import CONFIG


def test_breadcrumbs_skip_sections_without_a_page():
    titles = {"concerns/acne-scars/": "Acne scars"}
    assert breadcrumb_trail("concerns/acne-scars/", titles.get) == [
        Crumb("Home", ""),
        Crumb("Acne scars", "concerns/acne-scars/"),
    ]


def test_without_site_url_no_urls_are_guessed():
    clinic = load_clinic_details(CONFIG["extra"])
    graph = page_graph(clinic, None, [Crumb("Home", ""), Crumb("Compare", "compare/")])["@graph"]
    clinic_data, trail = graph
    assert "url" not in clinic_data and "potentialAction" not in clinic_data
    assert [item.get("item") for item in trail["itemListElement"]] == [None, None]
