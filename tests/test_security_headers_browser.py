"""The built site served with its own `_headers` applied, opened page by page in real Chromium."""

from __future__ import annotations

import pytest

from clinic_site.security_headers import HEADERS_FILE, headers_for, parse_headers_file
from tests.support.browser import StaticSiteServer

pytestmark = pytest.mark.browser

# Collects violations that happen before the test can listen (the listener is added first thing).
REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


@pytest.fixture(scope="module")
def served_with_headers(demo_site):
    rules = parse_headers_file((demo_site / HEADERS_FILE).read_text(encoding="utf-8"))
    with StaticSiteServer(demo_site, extra_headers=lambda path: headers_for(rules, path)) as server:
        yield server


def html_page_urls(site_dir) -> list[str]:
    urls = []
    for page in sorted(site_dir.rglob("*.html")):
        path = page.relative_to(site_dir).as_posix()
        urls.append(path.removesuffix("index.html"))
    return urls


def csp_violations(browser, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    """Open each page in one tab; every CSP violation per page (DOM events and console reports)."""
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(REPORT_VIOLATIONS)
    found = {}
    try:
        for path in paths:
            messages.clear()
            page.goto(base_url + path, wait_until="load")
            page.wait_for_timeout(150)  # Material's bundle and the search worker start after load
            if violations := messages + page.evaluate("window.__cspViolations"):
                found[path] = violations
    finally:
        page.close()
    return found


def test_the_headers_are_served(served_with_headers):
    import urllib.request

    with urllib.request.urlopen(served_with_headers.url) as response:
        csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_every_page_opens_without_content_security_policy_violations(browser, served_with_headers, demo_site):
    paths = html_page_urls(demo_site)
    assert "treatments/dermaroller/" in paths and "404.html" in paths
    assert csp_violations(browser, served_with_headers.url, paths) == {}


def test_search_works_under_the_content_security_policy(browser, served_with_headers):
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto(served_with_headers.url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("microneedling")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert results.count() >= 1
    assert "Microneedling" in page.locator(".md-search-result").inner_text()
    assert messages + page.evaluate("window.__cspViolations") == []
    page.close()
