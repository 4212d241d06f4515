"""The web editor at /admin/ (Decap CMS) in real Chromium, saving through Decap's real local backend.

One setup for the module: a copy of the project built with the local backend switched on (as
`make cms` does), served with its `_headers` like a host, and decap-server (from npm) writing into
the copy's files. Every page opened records Content-Security-Policy violations and requests to other
hosts, and every test ends by asserting there were none.
"""

from __future__ import annotations

import difflib
import re
import socket
import subprocess
import time
from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup

from clinic_site.cms_config import LOCAL_PORT_VARIABLE
from clinic_site.security_headers import HEADERS_FILE, headers_for, parse_headers_file
from scripts.cms_local import DECAP_SERVER, backend_environment
from tests.conftest import DESKTOP, PHONE
from tests.support.browser import StaticSiteServer
from tests.support.sites import build, copy_project

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""
MARKERS = (
    "<!-- A note for editors: HTML comments stay in the file exactly as written. -->\n\n"
    "<!-- comparison-table treatments=dermaroller,microneedling-pen columns=downtime,price -->\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, f"decap-server stopped: {log.read_text()}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"decap-server did not listen on 127.0.0.1:{port}: {log.read_text()}")


@dataclass
class Editor:
    project: object
    url: str
    context: object
    tmp: object
    problems: list[str] = field(default_factory=list)  # policy violations and requests to other hosts

    def open(self, route: str = ""):
        """A new tab on /admin/, signed in to the local backend, at `route` (e.g. #/collections/treatments)."""
        page = self.context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda m: self.problems.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("request", lambda r: self.problems.append(f"request to {r.url}") if self.elsewhere(r.url) else None)
        page.goto(self.url + "admin/")
        page.get_by_text("Collections").or_(page.get_by_role("button", name="Login")).first.wait_for()
        if page.get_by_role("button", name="Login").is_visible():
            page.get_by_role("button", name="Login").click()  # the local backend needs no password
        page.get_by_text("Collections").wait_for()
        if route:
            page.goto(self.url + "admin/" + route)
        return page

    def elsewhere(self, url: str) -> bool:
        return url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith("http://127.0.0.1:")

    def close(self, page) -> None:
        self.problems += page.evaluate("window.__cspViolations")
        page.close()
        assert self.problems == []

    def page_file(self, name: str):
        return self.project / "docs/treatments" / f"{name}.md"

    def built(self, name: str):
        """The copy built with --strict now, as publishing does."""
        result = build(self.project, self.tmp / name)
        assert result.ok, result.output
        return result.site_dir


@pytest.fixture(scope="module")
def editor(tmp_path_factory, browser):
    assert DECAP_SERVER.is_file(), "decap-server is missing: run `npm ci` (make test does)"
    tmp = tmp_path_factory.mktemp("web-editor")
    project = copy_project(tmp / "project")
    dermaroller = project / "docs/treatments/dermaroller.md"
    dermaroller.write_text(dermaroller.read_text(encoding="utf-8") + "\n" + MARKERS, encoding="utf-8")
    port = free_port()
    result = build(project, tmp / "site", env={LOCAL_PORT_VARIABLE: str(port)})
    assert result.ok, result.output
    log = tmp / "decap-server.log"
    with log.open("w") as output:
        backend = subprocess.Popen(
            ["node", str(DECAP_SERVER)], cwd=project, env=backend_environment(project, port), stdout=output, stderr=output
        )
    try:
        wait_for_port(port, backend, log)
        rules = parse_headers_file((result.site_dir / HEADERS_FILE).read_text(encoding="utf-8"))
        with StaticSiteServer(result.site_dir, extra_headers=lambda path: headers_for(rules, path)) as server:
            context = browser.new_context(viewport=DESKTOP)
            try:
                yield Editor(project, server.url, context, tmp)
            finally:
                context.close()
    finally:
        backend.terminate()
        backend.wait(timeout=10)


def field(page, label: str):
    """A form field by its label; Decap adds "(optional)" to optional fields' labels."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$", re.IGNORECASE))


def choose(page, label: str, option: str) -> None:
    field(page, label).click()
    page.get_by_role("option", name=option, exact=True).click()


def publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-"][
        2:
    ]


def test_the_editor_lists_every_treatment_and_not_the_overview(editor, artifacts):
    page = editor.open("#/collections/treatments")
    page.get_by_text("Microneedling pen").wait_for()
    names = [name.strip() for name in page.locator("main a h2, main a").all_inner_texts() if name.strip()]
    assert {"Chemical peel", "Dermaroller", "Mesotherapy", "Microneedling pen", "PRP"} <= set(names)
    assert "Treatments" not in names and "index" not in names  # docs/treatments/index.md is the overview
    page.screenshot(path=artifacts / "web-editor-list-desktop.png")
    page.set_viewport_size(PHONE)
    page.screenshot(path=artifacts / "web-editor-list-phone.png")
    editor.close(page)


def test_a_summary_a_price_and_a_word_of_text_change_exactly_those_lines(editor, artifacts):
    path = editor.page_file("dermaroller")
    before = path.read_text(encoding="utf-8")
    page = editor.open("#/collections/treatments/entries/dermaroller")
    summary = field(page, "Summary")
    summary.fill(summary.input_value().replace("tiny", "small"))
    field(page, "Price from").fill("180")
    text = field(page, "Page text")
    text.fill(text.input_value().replace("comes sealed", "comes wrapped"))
    page.screenshot(path=artifacts / "web-editor-form-desktop.png")
    publish(page)
    page.get_by_text("Entry saved").wait_for()
    after = path.read_text(encoding="utf-8")
    price_line = next(line for line in before.splitlines() if line.startswith("  price_from:"))
    expected = (
        before.replace("makes tiny, controlled", "makes small, controlled")
        .replace(price_line, "  price_from: 180")
        .replace("comes sealed", "comes wrapped")
    )
    assert after == expected, "\n".join(changed_lines(before, after))
    assert len(changed_lines(before, after)) == 6  # three lines changed: each a - and a +
    assert MARKERS in after
    editor.close(page)

    site = editor.built("after-edit")
    row = BeautifulSoup((site / "compare/index.html").read_text(encoding="utf-8"), "html.parser").find(
        "tr", attrs={"data-treatment": "dermaroller"}
    )
    assert row.find("td", attrs={"data-label": "Price"}).get_text(strip=True) == "From £180"
    treatment = (site / "treatments/dermaroller/index.html").read_text(encoding="utf-8")
    assert "makes small, controlled injuries" in treatment and "comes wrapped" in treatment
    assert 'data-treatment="microneedling-pen"' in treatment  # the marker still places its table


def test_the_form_refuses_a_range_in_words_and_a_concern_not_in_the_vocabulary(editor):
    path = editor.page_file("prp")
    before = path.read_bytes()
    page = editor.open("#/collections/treatments/entries/prp")
    field(page, "Sessions").fill("3 weeks")
    concerns = field(page, "Concerns")
    concerns.click()
    page.keyboard.type("wrinkles")
    page.get_by_text("No options").wait_for()  # nothing outside data/vocabulary.yml can be chosen
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    publish(page)
    page.get_by_text(re.compile("didn't match the pattern: Write a whole number from 1 to 20", re.IGNORECASE)).wait_for()
    page.wait_for_timeout(1000)  # the backend would have written by now
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(p.name for p in (editor.project / "docs/treatments").iterdir())
    chosen = page.locator("div", has=concerns).filter(has_text="Fine lines").last.inner_text()
    assert "wrinkles" not in chosen and "Sun damage" in chosen  # PRP's own concerns, unchanged
    editor.close(page)


REASONS = {
    "Feels": "We talk it through with you first.",
    "Sessions": "It depends on your skin.",
    "Downtime days": "It varies from person to person.",
    "Results weeks": "No study gives a typical time.",
    "Sun protection": "We give you written advice.",
}
REASON_FIELDS = {
    "Feels": "feels",
    "Sessions": "sessions",
    "Downtime days": "downtime_days",
    "Results weeks": "results_weeks",
    "Sun protection": "sun_protection",
}


def test_a_new_treatment_from_the_form_gets_its_row_in_compare(editor):
    page = editor.open("#/collections/treatments/new")
    field(page, "Description").fill("Laser Genesis uses gentle laser light to warm the deeper layers of the skin.")
    field(page, "Name").fill("Laser Genesis")
    choose(page, "Category", "Collagen induction therapy")
    field(page, "Summary").fill("Gentle laser light warms the deeper skin to prompt collagen renewal.")
    choose(page, "Concerns", "Uneven texture")
    page.keyboard.press("Escape")
    choose(page, "Numbing", "Numbing cream")
    field(page, "Session minutes").fill("30-45")  # the clinic's own practice: no source needed
    field(page, "Price from").fill("150")
    page.get_by_role("button", name=re.compile("Add aftercare")).click()
    field(page, "When").fill("Day of treatment")
    field(page, "Advice").fill("Keep the skin clean and avoid make-up until the next morning.")
    # A fact the comparison shows but no reputable source gives: the page says why (the build insists).
    for fact in REASONS:
        field(page, f"Why not given: {fact}").fill(REASONS[fact])
    field(page, "By").fill("Clinical lead")
    field(page, "On").fill("2026-11-20")
    field(page, "Page text").fill("## What it is\n\nA laser treatment that warms the skin without breaking it.\n")
    publish(page)
    page.get_by_text("Entry saved").wait_for()
    assert editor.page_file("laser-genesis").read_text(encoding="utf-8") == (
        "---\n"
        "description: Laser Genesis uses gentle laser light to warm the deeper layers of the skin.\n"
        "treatment:\n"
        "  name: Laser Genesis\n"
        "  category: collagen-induction\n"
        "  summary: Gentle laser light warms the deeper skin to prompt collagen renewal.\n"
        "  concerns:\n"
        "    - texture\n"
        "  numbing: topical-cream\n"
        "  session_minutes: 30-45\n"
        "  price_from: 150\n"
        "  aftercare:\n"
        "    - when: Day of treatment\n"
        "      advice: Keep the skin clean and avoid make-up until the next morning.\n"
        "  discussed_at_consultation:\n"
        + "".join(f"    {name}: {REASONS[label]}\n" for label, name in REASON_FIELDS.items())
        + "  reviewed:\n"
        "    by: Clinical lead\n"
        "    on: 2026-11-20\n"
        "---\n"
        "\n"
        "## What it is\n"
        "\n"
        "A laser treatment that warms the skin without breaking it.\n"
    )
    editor.close(page)

    site = editor.built("after-new")
    row = BeautifulSoup((site / "compare/index.html").read_text(encoding="utf-8"), "html.parser").find(
        "tr", attrs={"data-treatment": "laser-genesis"}
    )
    assert row is not None and row.find("a").get_text(strip=True) == "Laser Genesis"
    assert row.find("td", attrs={"data-label": "Price"}).get_text(strip=True) == "From £150"
    page_html = (site / "treatments/laser-genesis/index.html").read_text(encoding="utf-8")
    assert "Keep the skin clean and avoid make-up until the next morning." in page_html  # the aftercare timeline


def test_nothing_broke_the_editors_policy_or_reached_another_host(editor):
    page = editor.open("#/collections/treatments/entries/mesotherapy")
    field(page, "Summary").wait_for()
    editor.close(page)
    assert editor.problems == []  # over every page this module opened
