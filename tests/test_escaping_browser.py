"""Values are escaped everywhere, Material's templates included: a payload in every text field and
settings value that is shown as text runs nothing in Chromium and injects no element, on a site
served WITHOUT `_headers` (as GitHub Pages serves it), search included. Ordinary text with quotes,
ampersands and '<' renders as written. Titles, which Material's search shows as HTML, refuse markup
(see test_plain_text_values.py)."""

from __future__ import annotations

import re

import markupsafe
import pytest

from tests.support.browser import StaticSiteServer
from tests.support.sites import build
from tests.support.small_site import PEN, replace_in, small_project

pytestmark = pytest.mark.browser

# Breaks out of a quoted attribute, a tag and a <script> or <title>; each part marked so an
# element it created can be found. "Payloadword" lets the search find the pages that hold it.
PAYLOAD = (
    "Payloadword \"'></title></script><b data-pwned>b</b><img src=x onerror=alert(1) data-pwned>"
    "<svg onload=alert(2) data-pwned></svg><script>alert(3)</script>"
)
ORDINARY = 'PRP, our "vampire facial" & more < 3 sessions'
# Text the content model checks (front matter, the clinic's details, vocabulary descriptions) refuses
# markup (a '<' that starts a tag, test_edit_hunt_markup_in_text.py), so there the payload breaks out
# of quoted attributes and JSON strings without writing a tag. MkDocs' own settings take the full one.
TAGLESS_PAYLOAD = 'Payloadword "\' onfocus=alert(1) autofocus data-pwned x=" \\" & < 3'


SITE_NAME = 'Willow & Co "Skin" <3'


def yaml_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def set_line(path, start: str, line: str) -> None:
    """Replace the first whole line that starts with `start`."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(start)}[^\n]*", re.M)
    assert pattern.search(text), start
    path.write_text(pattern.sub(lambda _: line, text, count=1), encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    project = small_project(tmp_path_factory.mktemp("payloads") / "project")
    y = yaml_text(PAYLOAD)
    t = yaml_text(TAGLESS_PAYLOAD)
    page = project / PEN
    set_line(page, "title: ", f"title: {yaml_text(ORDINARY)}")
    set_line(page, "description: ", f"description: {t}")
    set_line(page, "  summary: ", f"  summary: {t}")
    replace_in(page, "    - Redness and swelling", f"    - {t}")
    replace_in(
        page, "        - sun_protection\n", "        - sun_protection\n        - risks\n        - preparation\n"
    )  # the payload's digits
    replace_in(page, "    by: Clinical lead", f"    by: {t}")
    replace_in(page, "  order: 30", f"  preparation:\n    - when: Before\n      advice: {t}\n  order: 30")
    # A heading whose text is an escaped tag.
    replace_in(page, "## What it is", "## Safety &lt;img src=x onerror=alert(4) data-pwned&gt; & care\n\n## What it is")
    set_line(project / "docs" / "privacy.md", "description: ", f"description: {yaml_text(ORDINARY)}")
    config = project / "mkdocs.yml"
    set_line(config, "site_name: ", f"site_name: {yaml_text(SITE_NAME)}")
    set_line(config, "site_description: ", f"site_description: {y}")
    set_line(config, "copyright: ", f"copyright: {yaml_text(ORDINARY)}\nsite_author: {y}")
    set_line(config, "    name: ", f"    name: {t}")
    set_line(config, "      street: ", f"      street: {t}")
    set_line(config, "      name: Care Quality Commission", f"      name: {t}")
    vocabulary = project / "data" / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    acne = text.index("  acne-scars:\n")
    after = re.compile(r"\n  [a-z]").search(text, acne + 5).start() + 1  # the next concern
    vocabulary.write_text(
        text[:acne] + f"  acne-scars:\n    label: Acne scars\n    description: {t}\n" + text[after:], encoding="utf-8"
    )
    result = build(project)
    assert result.ok, result.output
    return result.site_dir


def page_paths(site_dir) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("*.html"))


def test_no_payload_runs_or_injects_an_element_on_any_page_served_without_headers(browser, payload_site):
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    injected = {}
    with StaticSiteServer(payload_site) as server:  # no extra headers: no Content-Security-Policy
        paths = page_paths(payload_site)
        assert "treatments/pen/" in paths and "concerns/acne-scars/" in paths
        for path in paths:
            page.goto(server.url + path, wait_until="load")
            page.wait_for_timeout(100)
            if count := page.locator("[data-pwned]").count():
                injected[path] = count
    page.close()
    assert dialogs == []
    assert injected == {}


def test_payload_text_is_shown_as_written(payload_site, browser):
    page = browser.new_page()
    with StaticSiteServer(payload_site) as server:
        page.goto(server.url + "treatments/pen/")
        assert page.locator('meta[name="description"]').get_attribute("content") == TAGLESS_PAYLOAD
        assert page.title() == f"{ORDINARY} - {SITE_NAME}"
        assert page.locator("h1").first.inner_text() == ORDINARY
        assert TAGLESS_PAYLOAD in page.locator(".clinic-lede").first.inner_text()
        heading = "Safety <img src=x onerror=alert(4) data-pwned> & care"
        assert heading + "¶" in page.locator("h2").all_inner_texts()
        # The table of contents shows the heading's text once escaped, not "&amp;" or "&lt;".
        assert heading in [t.strip() for t in page.locator(".md-nav--secondary a").all_inner_texts()]
        assert page.locator(".clinic-header__name").first.inner_text().strip() == SITE_NAME
        assert ORDINARY in page.locator("footer").last.inner_text()
        page.goto(server.url + "privacy/")
        assert page.locator('meta[name="description"]').get_attribute("content") == ORDINARY
        assert page.locator('meta[property="og:description"]').get_attribute("content") == ORDINARY
        assert page.locator('meta[name="author"]').get_attribute("content") == PAYLOAD
    page.close()


def test_searching_the_payload_pages_runs_nothing(browser, payload_site, artifacts):
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with StaticSiteServer(payload_site) as server:
        for query in ("Payloadword", "Safety", "sessions"):  # payload texts, the escaped heading, the ordinary title
            page.goto(server.url, wait_until="networkidle")
            search = page.locator("input.md-search__input")
            search.click()
            search.press_sequentially(query)
            page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
            page.wait_for_timeout(200)
            assert page.locator("[data-pwned]").count() == 0, query
            assert page.locator(".md-search-result__item").count() >= 1, query
        page.screenshot(path=str(artifacts / "security-search-payload.png"))
    page.close()
    assert dialogs == []


def test_the_built_html_holds_every_value_escaped(payload_site):
    text = (payload_site / "treatments" / "pen" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x onerror" not in text and "<b data-pwned>" not in text
    assert (
        f'<meta name="description" content="{markupsafe.escape(TAGLESS_PAYLOAD)}">' in text
    )  # Jinja's escaping, in Material's base.html
