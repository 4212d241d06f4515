"""Concern pages in the built site match the data: a page per concern some treatment lists, with
those treatments as cards and table rows, linked from home, /treatments/, /concerns/, /compare/ and
each treatment page; editing a treatment's concerns and rebuilding updates every list."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from clinic_site.frontmatter import read_front_matter
from tests.support.sites import ROOT, build, replace_in

LINKING_PAGES = ("index.html", "treatments/index.html", "concerns/index.html")


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def treatment_concerns(project: Path) -> dict[str, list[str]]:
    """Each treatment's concerns, read from its front matter: the data the pages must match."""
    found = {}
    for path in sorted((project / "docs/treatments").glob("*.md")):
        if path.name != "index.md":
            found[path.stem] = read_front_matter(path.read_text(encoding="utf-8"), str(path)).data["treatment"]["concerns"]
    return found


def expected_pages(project: Path) -> dict[str, set[str]]:
    """concern key -> slugs of the treatments that list it."""
    pages: dict[str, set[str]] = {}
    for slug, concerns in treatment_concerns(project).items():
        for concern in concerns:
            pages.setdefault(concern, set()).add(slug)
    return pages


def built_concern_pages(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "concerns").glob("*/index.html")}


def card_slugs(page: BeautifulSoup) -> set[str]:
    return {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("article .clinic-cards .clinic-card__title a")}


def row_slugs(page: BeautifulSoup) -> set[str]:
    return {row["data-treatment"] for row in page.select("article .clinic-compare tbody tr")}


def concern_links(site: Path, page: str) -> set[str]:
    """Concern keys linked from a page's "What would you like to improve?" list, checking each link resolves."""
    keys = set()
    for a in soup(site, page).select(".clinic-improve__link"):
        target = urljoin(page, a["href"])  # relative to the page's own URL
        assert (site / target / "index.html").is_file(), f"{page} links to {a['href']}, which was not built"
        keys.add(target.rstrip("/").rsplit("/", 1)[-1])
    return keys


def assert_site_matches_data(project: Path, site: Path) -> None:
    expected = expected_pages(project)
    assert built_concern_pages(site) == set(expected)
    for concern, slugs in expected.items():
        page = soup(site, f"concerns/{concern}/index.html")
        assert card_slugs(page) == slugs, concern
        assert row_slugs(page) == slugs, concern
    for linking_page in LINKING_PAGES:
        assert concern_links(site, linking_page) == set(expected), linking_page
    compare = soup(site, "compare/index.html")
    assert {o["value"] for o in compare.select(".clinic-chooser option") if o["value"]} == set(expected)
    for slug, concerns in treatment_concerns(project).items():
        links = soup(site, f"treatments/{slug}/index.html").select(".clinic-facts__concerns > a")  # not the source numbers
        assert [a["href"] for a in links] == [f"../../concerns/{c}/" for c in concerns], slug


def test_the_demo_site_has_a_page_per_concern_that_some_treatment_lists(demo_site):
    assert_site_matches_data(ROOT, demo_site)


def test_a_concern_page_introduction_comes_from_data_concerns_else_the_vocabulary(demo_site):
    acne = soup(demo_site, "concerns/acne-scars/index.html").select_one("article")
    assert "sometimes called atrophic scars" in acne.get_text()  # data/concerns/acne-scars.md
    fine_lines = soup(demo_site, "concerns/fine-lines/index.html")
    assert (
        fine_lines.select_one("article .clinic-lede")
        .get_text(strip=True)
        .startswith("Fine lines appear as the skin makes less collagen")
    )


def test_a_concern_page_has_its_label_as_title_a_description_and_a_booking_link(demo_site):
    page = soup(demo_site, "concerns/dullness/index.html")
    assert page.select_one("article h1").get_text(strip=True) == "Dull or tired-looking skin"
    assert page.select_one('meta[name="description"]')["content"] == (
        "Treatments that may help with dull or tired-looking skin: what each involves and how they compare."
    )
    assert page.select_one("article .clinic-book a")["href"] == "../../consultation/"
    assert [h.get_text(strip=True) for h in page.select("article h2")] == ["Treatments that may help¶", "Compared side by side¶"]


def test_treatment_pages_show_at_most_three_related_treatments_closest_first(demo_site):
    """Most concerns in common first, then the same category, then table order."""
    pages = {}
    for path in (ROOT / "docs/treatments").glob("*.md"):
        if path.name != "index.md":
            t = read_front_matter(path.read_text(encoding="utf-8"), str(path)).data["treatment"]
            pages[path.stem] = (set(t["concerns"]), t["category"], t.get("order", 1000), t["name"])
    for slug, (concerns, category, _, _) in pages.items():
        others = [
            (-len(concerns & c), cat != category, order, name) for other, (c, cat, order, name) in pages.items() if other != slug
        ]
        expected = [name for shared, *_, name in sorted(others) if shared < 0][:3]
        related = soup(demo_site, f"treatments/{slug}/index.html").select(".clinic-related .clinic-card__title a")
        assert [a.get_text() for a in related] == expected, slug


def test_adding_and_removing_a_concern_on_treatment_pages_updates_every_list(project, demo_site):
    # A new concern in the vocabulary, given to PRP; another that no page lists yet.
    replace_in(
        project / "data/vocabulary.yml",
        "\nareas:",
        ("\n  pigmentation:\n    label: Uneven skin tone\n  redness:\n    label: Redness\n\nareas:"),
    )
    replace_in(project / "docs/treatments/prp.md", "  concerns:\n", "  concerns:\n    - pigmentation\n")
    # Sun damage removed from every page that lists it: its page and every link to it must go.
    listing = [slug for slug, concerns in treatment_concerns(project).items() if "sun-damage" in concerns]
    for slug in listing:
        replace_in(project / f"docs/treatments/{slug}.md", "    - sun-damage\n", "")
    result = build(project)
    assert result.ok, result.output

    site = result.site_dir
    assert built_concern_pages(site) == built_concern_pages(demo_site) - {"sun-damage"} | {"pigmentation"}
    assert card_slugs(soup(site, "concerns/pigmentation/index.html")) == {"prp"}
    assert "redness" not in built_concern_pages(site)
    assert_site_matches_data(project, site)
    for page in (
        "index.html",
        "treatments/index.html",
        "concerns/index.html",
        "compare/index.html",
        *(f"treatments/{slug}/index.html" for slug in listing),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert "sun-damage/" not in html and "redness/" not in html, page


def test_editor_mistakes_around_concern_pages_fail_the_build_with_every_message(project):
    (project / "docs/concerns/texture.md").write_text("Hand-written texture page.\n", encoding="utf-8")
    (project / "data/concerns/fine-line.md").write_text("About fine lines.\n", encoding="utf-8")
    replace_in(project / "docs/compare.md", "<!-- treatment-chooser -->", "<!-- treatment-cards concern=acne-scar -->")
    result = build(project)
    assert not result.ok
    assert "Traceback" not in result.output
    assert "The site was not built: 3 content problems to fix." in result.output
    assert (
        "docs/concerns/texture.md: file: the page for the concern 'texture' is generated from data/vocabulary.yml "
        "and the treatments. Accepted: write its introduction in data/concerns/texture.md (plain Markdown) and delete "
        "docs/concerns/texture.md (only docs/concerns/index.md, the overview, is written by hand)."
    ) in result.output
    assert "data/concerns/fine-line.md: file name: 'fine-line' is not a concern (did you mean 'fine-lines.md'?)." in result.output
    line = (project / "docs/compare.md").read_text(encoding="utf-8").splitlines().index(
        "<!-- treatment-cards concern=acne-scar -->"
    ) + 1
    assert (
        f"docs/compare.md, line {line}: marker 'treatment-cards', option 'concern': 'acne-scar' is not accepted "
        "(did you mean 'acne-scars'?). Accepted: concern keys: acne-scars, fine-lines, sun-damage, texture, dullness, firmness."
    ) in result.output


@pytest.mark.parametrize("page", ["concerns/index.html", "treatments/index.html", "index.html"])
def test_concern_links_are_plain_links_with_the_label_and_treatment_count(demo_site, page):
    first = soup(demo_site, page).select_one(".clinic-improve")
    assert first.select_one("h2").get_text(strip=True) == "What would you like to improve?"
    link = first.select_one("a")
    count = sum("acne-scars" in concerns for concerns in treatment_concerns(ROOT).values())
    assert " ".join(link.get_text().split()) == f"Acne scars {count} treatments"
