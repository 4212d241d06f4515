"""In the live preview (`mkdocs serve`), a content mistake shows as a panel on the page while the
server keeps serving; fixing the page brings it back. `mkdocs build` still fails on the same mistake.

One real `mkdocs serve` process and real Chromium, used as an editor would: break a page, look,
fix it, look again.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from clinic_site.preview import panel_for
from clinic_site.problems import ContentProblem
from tests.support.serve import LivePreview
from tests.support.sites import build
from tests.support.small_site import PEN, line_of, replace_in, small_project

pytestmark = pytest.mark.browser

PANEL = "[data-clinic-problems]"
TYPO = ("category: collagen-induction", "category: collagen-inductoin")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = small_project(tmp_path_factory.mktemp("preview") / "project")
    with LivePreview(project, env={"CLINIC_TODAY": "2026-11-21"}) as running:
        yield running


@pytest.fixture
def page(browser, preview):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    opened = context.new_page()
    yield opened
    leave_live_preview(opened)
    context.close()


def leave_live_preview(page) -> None:
    """Stop the page's live reload and go to a blank page: closing a context while a reload commits
    can hang Chromium's close for good (microsoft/playwright#42068, #42366)."""
    page.context.route("**/livereload/**", lambda route: route.abort())
    for _ in range(5):
        try:
            page.goto("about:blank", timeout=5_000)  # a navigation that hangs is retried, not waited on for 30 s
            return
        except PlaywrightError:  # interrupted by a reload the preview had already started
            continue
    page.goto("about:blank")


def test_broken_page_shows_the_problem_and_fixing_it_brings_the_page_back(preview, page, artifacts):
    source = preview.project / PEN
    page.goto(preview.url + "treatments/pen/")
    assert page.locator(".clinic-facts, .clinic-treatment").count() > 0
    assert page.locator(PANEL).count() == 0

    replace_in(source, *TYPO)
    # The open page reloads by itself after the rebuild, as it does for the editor.
    page.wait_for_selector(PANEL, timeout=30_000)
    panel = page.locator(PANEL)
    assert panel.is_visible()
    text = panel.inner_text()
    assert PEN in text
    assert "treatment.category" in text
    assert "'collagen-inductoin' is not a known category (did you mean 'collagen-induction'?)" in text
    assert "one of chemical-exfoliation, collagen-induction" in text
    page.screenshot(path=str(artifacts / "live-preview-problem-panel.png"), full_page=True)
    assert (
        f"Shown in the preview, to fix before publishing: {PEN}, line {line_of(source, 'category:')}: treatment.category"
        in preview.log
    )
    assert "stuck" not in preview.log and "Aborted" not in preview.log

    # The broken treatment is left out of the table; the table page points to the broken page.
    page.goto(preview.url + "compare/")
    assert page.locator('tr[data-treatment="pen"]').count() == 0
    page.locator(PANEL).get_by_role("link", name=PEN).click()
    page.wait_for_url("**/treatments/pen/")

    replace_in(source, TYPO[1], TYPO[0])
    page.wait_for_selector(PANEL, state="detached", timeout=30_000)
    assert page.locator("h1").inner_text().startswith("Microneedling pen")
    assert page.get_by_role("heading", name="Who it is not suitable for").is_visible()
    page.goto(preview.url + "compare/")
    assert page.locator('tr[data-treatment="pen"]').count() == 1


def test_a_broken_data_file_shows_on_every_page(preview, page):
    vocabulary = preview.project / "data/vocabulary.yml"
    original = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(original.replace("  face:\n    label: Face", "  face:\n    lable: Face"), encoding="utf-8")
    try:
        for path in ("", "privacy/", "treatments/pen/"):
            html = preview.wait_for_html(path, lambda h: "data-clinic-problems" in h, f"the panel on /{path}")
            assert "data/vocabulary.yml" in html and "areas.face" in html
        page.goto(preview.url + "privacy/")
        assert "unknown field 'lable' (did you mean 'label'?)" in page.locator(PANEL).inner_text()
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
    replace_in(consultation, "<!-- clinic-contact -->", "<!-- clinic-contact -->\n\n[compare treatments](comparison.md)")
    try:
        preview.wait_for_html("consultation/", lambda h: "data-clinic-problems" in h, "the link panel")
        page.goto(preview.url + "consultation/")
        text = page.locator(PANEL).inner_text()
        assert "docs/consultation.md" in text and "contains a link 'comparison.md'" in text
        assert "Aborted" not in preview.log and "stuck" not in preview.log
    finally:
        replace_in(consultation, "\n\n[compare treatments](comparison.md)", "")
    preview.wait_for_html("consultation/", lambda h: "data-clinic-problems" not in h, "the panel to go")


@pytest.mark.parametrize(
    "broken, said",
    [
        (("    currency: GBP", "    currency: GBP\n   bad indent: x"), "mkdocs.yml"),  # a YAML mistake in mkdocs.yml
        (("  - hooks/clinic_site_hook.py", "  - hooks/missing_hook.py"), "missing_hook.py"),  # a hook that cannot load
        # A Python tag: MkDocs' loader would run it; the preview refuses the file before MkDocs reads it.
        (
            ("site_name: Willow Skin Clinic", 'site_name: !!python/object/apply:os.system ["touch PWNED"]'),
            "would make MkDocs import or run Python code",
        ),
    ],
)
def test_a_broken_mkdocs_yml_or_hook_shows_a_page_instead_of_hanging(preview, page, broken, said):
    """Issue 12: MkDocs' own rebuild fails before the hook runs; the preview says so on every page."""
    config = preview.project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    page.goto(preview.url + "privacy/")
    replace_in(config, *broken)
    try:
        page.wait_for_selector("text=The preview cannot be built", timeout=30_000)
        assert said in page.locator("pre").inner_text()
        assert not (preview.project / "PWNED").exists()
    finally:
        config.write_text(original, encoding="utf-8")
    page.wait_for_selector("h1:has-text('Privacy')", timeout=30_000)


def test_a_syntax_error_in_hook_code_shows_a_page_instead_of_hanging(preview, page):
    hook = preview.project / "hooks/clinic_site_hook.py"
    original = hook.read_text(encoding="utf-8")
    page.goto(preview.url + "privacy/")
    hook.write_text(original + "\ndef broken(:\n", encoding="utf-8")
    try:
        page.wait_for_selector("text=The preview cannot be built", timeout=30_000)
        assert "clinic_site_hook.py" in page.locator("pre").inner_text()
    finally:
        hook.write_text(original, encoding="utf-8")
    page.wait_for_selector("h1:has-text('Privacy')", timeout=30_000)


def test_build_still_fails_on_the_same_mistake(tmp_path):
    project = small_project(tmp_path / "project")
    replace_in(project / PEN, *TYPO)
    result = build(project)
    assert not result.ok
    assert (
        f"{PEN}, line {line_of(project / PEN, 'category:')}: treatment.category: 'collagen-inductoin' is not a known category"
        in result.output
    )
    assert not (result.site_dir / "treatments/pen/index.html").exists()


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
