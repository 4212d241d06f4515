"""In the live preview (`mkdocs serve`), a content mistake shows as a panel on the page while the
server keeps serving; fixing the page brings it back. `mkdocs build` still fails on the same mistake.

One real `mkdocs serve` process and real Chromium, used as an editor would: break a page, look,
fix it, look again.
"""

from __future__ import annotations

import pytest

from clinic_site.preview import panel_for
from clinic_site.problems import ContentProblem
from tests.support.serve import LivePreview
from tests.support.sites import build, replace_in

pytestmark = pytest.mark.browser

PANEL = "[data-clinic-problems]"
TYPO = ("category: collagen-induction", "category: collagen-inductoin")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    from tests.support.sites import copy_project

    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    with LivePreview(project) as running:
        yield running


@pytest.fixture
def page(browser, preview):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def test_broken_page_shows_the_problem_and_fixing_it_brings_the_page_back(preview, page, artifacts):
    source = preview.project / "docs/treatments/dermaroller.md"
    page.goto(preview.url + "treatments/dermaroller/")
    assert page.locator(".clinic-facts, .clinic-treatment").count() > 0
    assert page.locator(PANEL).count() == 0

    replace_in(source, *TYPO)
    # The open page reloads by itself after the rebuild, as it does for the editor.
    page.wait_for_selector(PANEL, timeout=30_000)
    panel = page.locator(PANEL)
    assert panel.is_visible()
    text = panel.inner_text()
    assert "docs/treatments/dermaroller.md" in text
    assert "treatment.category" in text
    assert "'collagen-inductoin' is not a known category (did you mean 'collagen-induction'?)" in text
    assert "one of chemical-exfoliation, collagen-induction" in text
    page.screenshot(path=str(artifacts / "live-preview-problem-panel.png"), full_page=True)
    assert (
        "Shown in the preview, to fix before publishing: docs/treatments/dermaroller.md, line 6: treatment.category"
        in preview.log
    )
    assert "stuck" not in preview.log and "Aborted" not in preview.log

    # The broken treatment is left out of the table; the table page points to the broken page.
    page.goto(preview.url + "compare/")
    assert page.locator('tr[data-treatment="dermaroller"]').count() == 0
    assert page.locator('tr[data-treatment="prp"]').count() == 1
    page.locator(PANEL).get_by_role("link", name="docs/treatments/dermaroller.md").click()
    page.wait_for_url("**/treatments/dermaroller/")

    replace_in(source, TYPO[1], TYPO[0])
    page.wait_for_selector(PANEL, state="detached", timeout=30_000)
    assert page.locator("h1").inner_text().startswith("Dermaroller")
    assert page.get_by_role("heading", name="Who it is not suitable for").is_visible()
    page.goto(preview.url + "compare/")
    assert page.locator('tr[data-treatment="dermaroller"]').count() == 1


def test_a_broken_data_file_shows_on_every_page(preview, page):
    vocabulary = preview.project / "data/vocabulary.yml"
    original = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(original.replace("  face:\n    label: Face", "  face:\n    lable: Face"), encoding="utf-8")
    try:
        for path in ("", "privacy/", "treatments/prp/"):
            html = preview.wait_for_html(path, lambda h: "data-clinic-problems" in h, f"the panel on /{path}")
            assert "data/vocabulary.yml" in html and "areas.face" in html
        page.goto(preview.url + "privacy/")
        assert "unknown field(s) lable" in page.locator(PANEL).inner_text()
    finally:
        vocabulary.write_text(original, encoding="utf-8")
    preview.wait_for_html("privacy/", lambda h: "data-clinic-problems" not in h, "the panel to go")


def test_risky_wording_is_shown_in_the_preview_without_stopping_it(preview, page):
    privacy = preview.project / "docs/privacy.md"
    original = privacy.read_text(encoding="utf-8")
    privacy.write_text(original + "\nOur treatments are completely safe.\n", encoding="utf-8")
    try:
        preview.wait_for_html("privacy/", lambda h: "data-clinic-problems" in h, "the claims panel")
        page.goto(preview.url + "privacy/")
        text = page.locator(PANEL).inner_text()
        line = original.count("\n") + 2
        assert f"docs/privacy.md, line {line}" in text
        assert "'completely safe' is an absolute safety claim" in text
        logged = [line for line in preview.log.splitlines() if "'completely safe'" in line]
        assert logged and all(line.startswith("INFO") for line in logged)  # a warning would stop a strict rebuild
    finally:
        privacy.write_text(original, encoding="utf-8")
    preview.wait_for_html("privacy/", lambda h: "data-clinic-problems" not in h, "the panel to go")


def test_a_broken_link_is_shown_on_its_page_and_the_preview_goes_on(preview, page):
    consultation = preview.project / "docs/consultation.md"
    replace_in(consultation, "[compare treatments](compare.md)", "[compare treatments](comparison.md)")
    try:
        preview.wait_for_html("consultation/", lambda h: "data-clinic-problems" in h, "the link panel")
        page.goto(preview.url + "consultation/")
        text = page.locator(PANEL).inner_text()
        assert "docs/consultation.md" in text and "contains a link 'comparison.md'" in text
        assert "Aborted" not in preview.log and "stuck" not in preview.log
    finally:
        replace_in(consultation, "(comparison.md)", "(compare.md)")
    preview.wait_for_html("consultation/", lambda h: "data-clinic-problems" not in h, "the panel to go")


def test_build_still_fails_on_the_same_mistake(project):
    replace_in(project / "docs/treatments/dermaroller.md", *TYPO)
    result = build(project)
    assert not result.ok
    assert (
        "docs/treatments/dermaroller.md, line 6: treatment.category: 'collagen-inductoin' is not a known category"
        in result.output
    )
    assert not (result.site_dir / "treatments/dermaroller/index.html").exists()


def test_panel_sorts_problems_into_this_page_site_files_and_other_pages():
    problems = [
        ContentProblem("docs/a.md", "title", "found 1", "text"),
        ContentProblem("mkdocs.yml", "extra.clinic.phone", "missing", "a phone number"),
        ContentProblem("docs/b.md", "treatment.name", "missing", "a name"),
        ContentProblem("docs/b.md", "wording", "'painless'", "other wording", line=3),
    ]
    panel = panel_for(problems, "docs/a.md", "docs", {"docs/b.md": "b/"})
    assert [p.field for p in panel.here] == ["title"]
    assert [p.path for p in panel.site_wide] == ["mkdocs.yml"]
    assert [(o.path, o.url, o.count) for o in panel.elsewhere] == [("docs/b.md", "b/", 2)]
    assert not panel_for([], "docs/a.md", "docs", {})
