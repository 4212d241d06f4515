"""Findable: every page has a title, a description, a canonical URL, link-preview tags and
schema.org JSON-LD; the site has sitemap.xml, a robots.txt pointing at it, and a 404 page.
Editors' mistakes that would make a page unfindable or track readers fail the build."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from clinic_site.yaml_documents import load_yaml
from tests.support.readers import site_pages
from tests.support.sites import ROOT, build, replace_in

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_URL = CONFIG["site_url"]
CLINIC = CONFIG["extra"]["clinic"]
TREATMENTS = sorted(p.stem for p in (ROOT / "docs" / "treatments").glob("*.md") if p.name != "index.md")


def front_matter(path: Path) -> dict:
    """As the site reads it (YAML 1.2 style: `on:` is a key, not true)."""
    return load_yaml(path.read_text(encoding="utf-8").split("---")[1])


@cache
def soup(site: Path, path: str) -> BeautifulSoup:
    file = site / (path if path.endswith(".html") else path + "index.html")
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.find("meta", attrs={"name": key}) or page.find("meta", attrs={"property": key})
    return tag["content"] if tag else None


def json_ld(page: BeautifulSoup) -> list[dict]:
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    document = json.loads(blocks[0].string)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def of_type(graph: list[dict], kind: str) -> list[dict]:
    return [item for item in graph if item["@type"] == kind]


@pytest.fixture(scope="module")
def pages(demo_site) -> list[str]:
    return [p for p in site_pages(demo_site) if p != "404.html"]


def test_every_page_has_its_own_meaningful_title(demo_site, pages):
    titles = [soup(demo_site, p).title.string.strip() for p in pages]
    assert all(t.endswith(" - " + CONFIG["site_name"]) and len(t) > len(CONFIG["site_name"]) + 6 for t in titles), titles
    assert len(set(titles)) == len(titles)


def test_every_page_has_a_meta_description(demo_site, pages):
    for path in pages:
        description = meta(soup(demo_site, path), "description")
        assert description and 30 <= len(description) <= 160, path


def test_treatment_pages_are_described_by_their_front_matter(demo_site):
    for slug in TREATMENTS:
        fm = front_matter(ROOT / "docs" / "treatments" / f"{slug}.md")
        page = soup(demo_site, f"treatments/{slug}/")
        assert meta(page, "description") == fm["description"]
        assert page.title.string.strip() == f"{fm.get('title', fm['treatment']['name'])} - {CONFIG['site_name']}"


def test_canonical_urls_come_from_site_url(demo_site, pages):
    for path in pages:
        canonical = soup(demo_site, path).find("link", rel="canonical")["href"]
        assert canonical == SITE_URL + path


def test_every_page_has_open_graph_and_twitter_card_tags(demo_site, pages):
    for path in pages:
        page = soup(demo_site, path)
        assert meta(page, "og:url") == SITE_URL + path
        assert meta(page, "og:site_name") == CONFIG["site_name"]
        assert meta(page, "og:title") and meta(page, "og:title") == meta(page, "twitter:title")
        assert meta(page, "og:description") == meta(page, "description") == meta(page, "twitter:description")
        assert meta(page, "og:type") == ("article" if path.startswith("treatments/") and path != "treatments/" else "website")
        assert meta(page, "og:locale") == CLINIC["locale"]
        assert meta(page, "twitter:card") == "summary_large_image"


def test_every_page_has_a_link_preview_picture_of_1200_by_630(demo_site, pages):
    """og:image is absolute (from site_url), published with the site, and 1200 x 630 PNG or JPEG."""
    from PIL import Image

    previews = set()
    for path in pages:
        page = soup(demo_site, path)
        url = meta(page, "og:image")
        assert url and url.startswith(SITE_URL), path
        with Image.open(demo_site / url.removeprefix(SITE_URL)) as picture:
            assert picture.size == (1200, 630) and picture.format in ("PNG", "JPEG"), path
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        previews.add(url)
    assert len(previews) == len(pages)  # each page's own title on its card


def test_every_page_describes_the_clinic_as_a_medical_clinic(demo_site):
    for path in site_pages(demo_site):
        [clinic] = of_type(json_ld(soup(demo_site, path)), "MedicalClinic")
        assert clinic["name"] == CLINIC["name"]
        assert clinic["telephone"] == "+442079460000"  # derived from phone: 020 7946 0000 in GB
        assert clinic["email"] == CLINIC["email"]
        assert clinic["url"] == SITE_URL
        assert clinic["address"] == {
            "@type": "PostalAddress",
            "streetAddress": CLINIC["address"]["street"],
            "addressLocality": CLINIC["address"]["locality"],
            "postalCode": CLINIC["address"]["postal_code"],
            "addressCountry": CLINIC["address"]["country"],
        }
        assert clinic["potentialAction"]["target"] == SITE_URL + CLINIC["booking_url"]
        weekdays = [f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
        assert clinic["openingHoursSpecification"] == [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "09:00", "closes": "18:00"},
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": ["https://schema.org/Saturday"],
                "opens": "10:00",
                "closes": "16:00",
            },
        ]


def test_treatment_pages_describe_a_medical_web_page_about_the_procedure(demo_site):
    vocabulary = yaml.safe_load((ROOT / "data" / "vocabulary.yml").read_text(encoding="utf-8"))
    for slug in TREATMENTS:
        fm = front_matter(ROOT / "docs" / "treatments" / f"{slug}.md")
        treatment, url = fm["treatment"], f"{SITE_URL}treatments/{slug}/"
        graph = json_ld(soup(demo_site, f"treatments/{slug}/"))
        [web_page] = of_type(graph, "MedicalWebPage")
        assert web_page["url"] == url
        assert web_page["name"] == fm.get("title", treatment["name"])
        assert web_page["description"] == fm["description"]
        assert web_page["publisher"] == {"@id": SITE_URL + "#clinic"}
        if "reviewed" in treatment:
            assert web_page["lastReviewed"] == str(treatment["reviewed"]["on"])
        procedure = web_page["about"]
        assert procedure["@type"] == "MedicalProcedure"
        assert procedure["name"] == treatment["name"]
        assert procedure["description"] == treatment["summary"]
        assert procedure.get("contraindication", []) == [
            vocabulary["not_suitable_for"][key]["label"] for key in treatment.get("not_suitable_for", [])
        ]
        assert procedure.get("possibleComplication", []) == treatment.get("risks", [])
        assert procedure.get("bodyLocation", []) == [vocabulary["areas"][key]["label"] for key in treatment.get("areas", [])]


def test_other_pages_state_no_procedure(demo_site):
    for path in ["", "compare/", "treatments/", "consultation/", "404.html"]:
        graph = json_ld(soup(demo_site, path))
        assert not of_type(graph, "MedicalWebPage") and not of_type(graph, "MedicalProcedure")


def test_breadcrumbs_lead_from_home_to_the_page(demo_site):
    graph = json_ld(soup(demo_site, "treatments/dermaroller/"))
    [trail] = of_type(graph, "BreadcrumbList")
    assert [(i["position"], i["name"], i["item"]) for i in trail["itemListElement"]] == [
        (1, "Home", SITE_URL),
        (2, "Treatments", SITE_URL + "treatments/"),
        (3, "Dermaroller (medical microneedling)", SITE_URL + "treatments/dermaroller/"),
    ]
    [trail] = of_type(json_ld(soup(demo_site, "compare/")), "BreadcrumbList")
    assert [i["name"] for i in trail["itemListElement"]] == ["Home", "Compare treatments"]
    assert not of_type(json_ld(soup(demo_site, "")), "BreadcrumbList")  # the home page is the start


def test_json_ld_cannot_be_broken_out_of_by_content(demo_site):
    """Values reach the script block through `tojson`, which escapes '<', '>' and '&'."""
    for path in site_pages(demo_site):
        block = soup(demo_site, path).find("script", type="application/ld+json").string
        assert "</" not in block and "<!--" not in block


def test_sitemap_lists_every_page_and_robots_txt_points_at_it(demo_site, pages):
    sitemap = ET.parse(demo_site / "sitemap.xml").getroot()
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert locations == {SITE_URL + p for p in pages}
    robots = (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots


def test_the_404_page_is_styled_and_leads_back_into_the_site(demo_site):
    page = soup(demo_site, "404.html")
    assert page.title.string.strip() == f"Page not found - {CONFIG['site_name']}"
    assert page.h1.string.strip() == "Sorry, we cannot find that page"
    links = {a["href"] for a in page.select(".clinic-notfound a")}
    assert {"/", "/treatments/", "/compare/"} <= links
    assert any(link["href"].endswith("stylesheets/clinic.css") for link in page.find_all("link", rel="stylesheet"))


# -- editors' mistakes --------------------------------------------------------------------------


def test_a_treatment_page_without_a_description_is_a_build_error(project):
    replace_in(project / "docs" / "treatments" / "prp.md", "\ndescription:", "\nx_removed_description:")
    result = build(project)
    assert not result.ok
    assert "docs/treatments/prp.md: description: this required field is missing" in result.output
    assert "Traceback" not in result.output


ANALYTICS = "\n  analytics:\n    provider: google\n    property: G-XXXXXXXXXX\n"
CONSENT = "\n  consent:\n    title: Cookie consent\n    description: We would like to measure how the site is used.\n"


def test_analytics_without_cookie_consent_is_a_build_error_naming_mkdocs_yml(project):
    replace_in(project / "mkdocs.yml", "\nextra:\n", "\nextra:" + ANALYTICS)
    result = build(project)
    assert not result.ok
    assert "mkdocs.yml: extra.consent: analytics is on (provider 'google') but cookie consent is missing" in result.output
    assert "Traceback" not in result.output


def test_analytics_with_cookie_consent_builds_and_asks_readers(project):
    replace_in(project / "mkdocs.yml", "\nextra:\n", "\nextra:" + ANALYTICS + CONSENT)
    result = build(project)
    assert result.ok, result.output
    assert 'data-md-component="consent"' in (result.site_dir / "index.html").read_text(encoding="utf-8")
