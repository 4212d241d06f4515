"""Search loads on first use: nothing of it but a small worker on a cold load, and it still works
by keyboard under the site's Content-Security-Policy (served with the built `_headers`)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from clinic_site.search_on_demand import FULL_INDEX, PAGE_INDEX, move_search_documents
from clinic_site.security_headers import HEADERS_FILE, headers_for, parse_headers_file
from tests.support.byte_count import CountingSiteServer

REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
"""


def test_the_page_index_keeps_only_the_settings_and_the_full_index_every_document(demo_site):
    page_index = json.loads((demo_site / PAGE_INDEX).read_text(encoding="utf-8"))
    full = json.loads((demo_site / FULL_INDEX).read_text(encoding="utf-8"))
    assert page_index == {"config": full["config"], "docs": []}
    assert {"treatments/dermaroller/", "compare/", "concerns/acne-scars/"} <= {d["location"] for d in full["docs"]}


def test_splitting_twice_keeps_the_documents(demo_site, tmp_path):
    (tmp_path / "search").mkdir()
    for name in (PAGE_INDEX, FULL_INDEX):
        (tmp_path / name).write_bytes((demo_site / name).read_bytes())
    assert move_search_documents(tmp_path)
    assert json.loads((tmp_path / FULL_INDEX).read_text(encoding="utf-8"))["docs"]


def test_a_site_without_search_is_left_alone(tmp_path):
    assert move_search_documents(tmp_path) is False


@pytest.fixture(scope="module")
def served_with_headers(demo_site):
    rules = parse_headers_file((demo_site / HEADERS_FILE).read_text(encoding="utf-8"))
    with CountingSiteServer(demo_site, extra_headers=lambda path: headers_for(rules, path)) as server:
        yield server


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}])
def test_search_loads_on_first_use_and_works_by_keyboard_under_the_csp(browser, served_with_headers, viewport):
    server = served_with_headers
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(REPORT_VIOLATIONS)
    try:
        server.take()
        page.goto(server.url, wait_until="networkidle")
        page.wait_for_timeout(300)
        on_load = {sent.path for sent in server.take()}
        assert "/" + PAGE_INDEX in on_load  # Material's page script asks for the settings
        assert not any("/workers/search" in path or path == "/" + FULL_INDEX for path in on_load), on_load

        page.keyboard.press("/")  # Material's shortcut: opens search and focuses the box
        assert page.evaluate("document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("Mesotherapy", delay=30)
        first = page.locator(".md-search-result__item").first
        expect(first).to_contain_text("Mesotherapy", timeout=15_000)  # results follow the typing
        on_search = {sent.path for sent in server.take()}
        assert "/" + FULL_INDEX in on_search and any("/workers/search" in path for path in on_search), on_search

        with page.expect_navigation():
            page.keyboard.press("Enter")  # Material: Enter goes to the best result
        assert page.url == server.url + "treatments/mesotherapy/"
        assert page.evaluate("window.__cspViolations") == []
        assert problems == []
    finally:
        context.close()
