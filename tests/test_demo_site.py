"""The demo site as shipped: it builds with --strict, and its pages carry what the front matter says."""

import re
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from clinic_site.frontmatter import read_front_matter
from tests.support.sites import ROOT, build

TREATMENT_PAGES = sorted(p.stem for p in (ROOT / "docs/treatments").glob("*.md") if p.name != "index.md")


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def compare_rows(site: Path) -> dict[str, str]:
    """Treatment name -> link target, for each row of /compare/."""
    return {a.get_text(strip=True): a["href"] for a in soup(site, "compare").select("table tbody th[scope=row] a")}


def test_the_demo_has_the_five_therapies():
    assert TREATMENT_PAGES == ["chemical-peel", "dermaroller", "mesotherapy", "microneedling-pen", "prp"]


def test_demo_builds_strict_without_warnings(demo_build):
    assert demo_build.ok
    assert "WARNING" not in demo_build.output and "ERROR" not in demo_build.output


def test_compare_has_a_linked_row_per_treatment_page(demo_site):
    rows = compare_rows(demo_site)
    assert sorted(href.strip("./").removeprefix("treatments/").strip("/") for href in rows.values()) == TREATMENT_PAGES
    for href in rows.values():
        assert (demo_site / "compare" / href / "index.html").resolve().is_file()


def test_compare_rows_follow_the_order_field(demo_site):
    assert list(compare_rows(demo_site)) == ["Chemical peel", "Dermaroller", "Microneedling pen", "Mesotherapy", "PRP"]


def test_missing_values_read_discussed_at_consultation_never_blank(demo_site):
    cells = soup(demo_site, "compare").select("table tbody td")
    texts = [td.get_text(strip=True) for td in cells]
    assert all(texts), "no cell may be blank"
    assert not {"None", "null", "nan"} & set(texts)
    assert "Discussed at consultation" in texts


def test_the_demo_compares_prices_and_few_facts_are_left_to_the_consultation(demo_site):
    """Issue 9: the comparison compares; at most 1 cell in 10 says "Discussed at consultation"."""
    table = soup(demo_site, "compare").select_one("table.clinic-compare__table")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headings[0] == "Treatment" and "Price" in headings
    cells = [td.get_text(strip=True) for td in table.select("tbody td")]
    assert sum(cell == "Discussed at consultation" for cell in cells) * 10 <= len(cells)


def test_treatment_page_has_key_facts_and_aftercare_from_front_matter(demo_site):
    page = soup(demo_site, "treatments/microneedling-pen")
    facts = {
        dt.get_text(strip=True): dd.get_text(strip=True)
        for dt, dd in zip(page.select(".clinic-facts dt"), page.select(".clinic-facts dd"), strict=False)
    }
    treatment = read_front_matter((ROOT / "docs/treatments/microneedling-pen.md").read_text(encoding="utf-8"), "pen").data[
        "treatment"
    ]
    sessions, interval = (str(treatment[key]).replace("-", "\u2013") for key in ("sessions", "interval_weeks"))
    assert facts["Course"].startswith(f"{sessions} sessions, {interval} weeks apart[")  # then its source numbers
    assert facts["Session length"] == str(treatment["session_minutes"]).replace("-", "\u2013") + " minutes(our practice)"
    assert facts["Numbing"] == "Numbing cream(our practice)"
    steps = [h.get_text(strip=True) for h in page.select("#aftercare ~ ol .clinic-timeline__when")]
    assert steps == [step["when"] for step in treatment["aftercare"]]
    assert (
        page.find("h1").get_text(strip=True)
        == read_front_matter((ROOT / "docs/treatments/microneedling-pen.md").read_text(encoding="utf-8"), "pen").data["title"]
    )


def test_clinic_details_come_from_mkdocs_yml(demo_site):
    config = load_config(str(ROOT / "mkdocs.yml"))
    phone = config.extra["clinic"]["phone"]
    page = soup(demo_site, "consultation")
    calls = page.select('a[href^="tel:"]')
    assert calls and {a["href"] for a in calls} == {"tel:+442079460000"}  # derived from phone, read as dialled in GB
    assert all(phone in (a.get_text() + a.get("aria-label", "")) for a in calls)
    for template in (ROOT / "overrides").rglob("*.html"):
        assert phone not in template.read_text(encoding="utf-8"), f"{template} hard-codes the phone number"


def test_treatments_overview_groups_by_category(demo_site):
    page = soup(demo_site, "treatments")
    groups = {
        section.find("h2").get_text(strip=True): [a.get_text() for a in section.select(".clinic-card a")]
        for section in page.select(".clinic-treatment-list section")
    }
    assert groups == {
        "Chemical peels": ["Chemical peel"],
        "Collagen induction therapy": ["Dermaroller", "Microneedling pen", "Mesotherapy", "PRP"],
    }


def unlink_mentions(project: Path, target: str) -> None:
    """What an editor does when retiring a page: links to it become plain text."""
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(rf"\[([^\]]+)\]\((?:\.\./treatments/)?{re.escape(target)}\)", r"\1", text), encoding="utf-8")


def test_retiring_a_page_that_others_link_to_fails_on_the_broken_links(project):
    (project / "docs/treatments/prp.md").unlink()
    result = build(project)
    assert result.returncode == 1
    assert "contains a link 'prp.md', but the target 'treatments/prp.md' is not found" in result.output


def test_adding_and_removing_a_page_adds_and_removes_its_row(project):
    new_page = (project / "docs/treatments/dermaroller.md").read_text(encoding="utf-8")
    new_page = new_page.replace("name: Dermaroller", "name: Laser Genesis")
    (project / "docs/treatments/laser-genesis.md").write_text(new_page, encoding="utf-8")
    (project / "docs/treatments/prp.md").unlink()
    unlink_mentions(project, "prp.md")
    result = build(project)
    assert result.ok, result.output
    rows = compare_rows(result.site_dir)
    assert "Laser Genesis" in rows and "PRP" not in rows
    assert rows["Laser Genesis"] == "../treatments/laser-genesis/"


def test_state_is_reset_between_builds_in_one_process(project, tmp_path):
    """`mkdocs serve` keeps the hook module loaded: a second build must not see the first one's pages."""
    config_file = str(project / "mkdocs.yml")
    mkdocs_build(load_config(config_file, site_dir=str(tmp_path / "one")))
    assert "Mesotherapy" in compare_rows(tmp_path / "one")
    (project / "docs/treatments/mesotherapy.md").unlink()
    unlink_mentions(project, "mesotherapy.md")
    mkdocs_build(load_config(config_file, site_dir=str(tmp_path / "two")))
    assert "Mesotherapy" not in compare_rows(tmp_path / "two")
    assert len(compare_rows(tmp_path / "two")) == len(TREATMENT_PAGES) - 1
