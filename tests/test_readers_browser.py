"""Every page of the demo site as readers see it: real Chromium, served with gzip from 127.0.0.1,
on a phone (360x740) and a desktop screen (1280x800).

Each page is opened once per screen size (see `visits`); the tests below each check one rule over
all of those visits and name every page that breaks it. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import DESKTOP, PHONE
from tests.support.browser import StaticSiteServer, opened_together
from tests.support.readers import site_pages
from tests.support.sites import build

pytestmark = pytest.mark.browser

SCREENS = {"phone": PHONE, "desktop": DESKTOP}
TREATMENT_PAGE = "treatments/dermaroller/"
COMPARE_PAGE = "compare/"


@dataclass
class Visit:
    path: str
    screen: str
    other_origin_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    scroll_width: int = 0
    inner_width: int = 0
    axe_violations: list[str] = field(default_factory=list)


def open_page(browser, served_demo, path: str, screen: str):
    """A fresh context (cold cache) and page at the given screen size, recording what it does."""
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    visit = Visit(path, screen)
    origin = urlsplit(served_demo.url)[:2]

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob"):
            return  # inline resources: nothing leaves the browser
        if (parts.scheme, parts.netloc) != origin:
            visit.other_origin_requests.append(request.url)

    page.on("request", on_request)
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.goto(served_demo.url + path, wait_until="networkidle")
    return context, page, visit


@pytest.fixture(scope="module")
def visits(browser, served_demo, demo_site, artifacts) -> list[Visit]:
    axe = Axe()
    done = []
    origin = urlsplit(served_demo.url)[:2]
    every_page = [
        ((path, screen), served_demo.url + path, {"viewport": SCREENS[screen]})
        for path in site_pages(demo_site)
        for screen in SCREENS
    ]
    for opened in opened_together(browser, every_page):
        page, (path, screen) = opened.page, opened.key
        visit = Visit(path, screen)
        visit.scroll_width, visit.inner_width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        results = axe.run(page)
        visit.axe_violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
        ]
        name = path.strip("/").replace("/", "-").removesuffix(".html") or "home"
        page.screenshot(path=artifacts / f"{name}-{screen}.png", full_page=True)
        for url in opened.requests:
            parts = urlsplit(url)
            if parts.scheme not in ("data", "blob") and (parts.scheme, parts.netloc) != origin:
                visit.other_origin_requests.append(url)  # inline resources never leave the browser
        visit.console_errors = opened.console_errors + opened.errors
        done.append(visit)
    return done


def failures(visits: list[Visit], problem) -> str:
    """One line per visit that breaks a rule ("" when none does), for the assertion message."""
    found = []
    for visit in visits:
        if detail := problem(visit):
            found.append(f"/{visit.path} on {visit.screen}: {detail}")
    return "\n".join(found)


def test_every_page_of_the_site_is_visited(visits):
    paths = {v.path for v in visits}
    assert {"", TREATMENT_PAGE, COMPARE_PAGE, "404.html"} <= paths
    assert len(visits) == 2 * len(paths)


def test_no_page_scrolls_sideways(visits):
    assert not failures(
        visits, lambda v: v.scroll_width > v.inner_width and f"{v.scroll_width}px wide in a {v.inner_width}px window"
    )


def test_axe_finds_no_accessibility_violations(visits):
    assert not failures(visits, lambda v: v.axe_violations)


def test_no_request_leaves_the_site(visits):
    assert not failures(visits, lambda v: v.other_origin_requests)


def test_no_console_errors(visits):
    assert not failures(visits, lambda v: v.console_errors)


# -- keyboard focus ---------------------------------------------------------------------------------

FOCUS_REPORT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    name: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    inView: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth && rect.width > 0,
    uncovered: !!top && (top === el || el.contains(top) || top.contains(el)),
    coveredBy: top ? top.tagName + '.' + top.className : null,
    searchOpen: document.getElementById('__search').checked,
  };
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", ["", TREATMENT_PAGE, COMPARE_PAGE])
def test_keyboard_focus_is_always_visible_and_never_hidden(browser, served_demo, path, screen):
    """Tab through the page: every focused element has an outline, is on screen, and is not
    covered by the sticky header or the booking bar."""
    context, page, _ = open_page(browser, served_demo, path, screen)
    problems, seen = [], 0
    try:
        for _ in range(80):
            page.keyboard.press("Tab")
            report = page.evaluate(FOCUS_REPORT)
            if report is None:
                break  # focus left the page: every element was visited
            seen += 1
            if not report["uncovered"]:
                page.wait_for_timeout(400)  # let a closing overlay (e.g. search) finish its animation
                report = page.evaluate(FOCUS_REPORT)
            if not (report["outline"] and report["inView"] and report["uncovered"]):
                problems.append(report)
    finally:
        context.close()
    assert seen >= 5
    assert not problems, "\n".join(map(str, problems))


# -- the comparison table -----------------------------------------------------------------------------

ROW_NAMES = "() => [...document.querySelectorAll('.clinic-compare__table tbody th')].map(th => th.textContent.trim())"
SORT_STATE = "() => [...document.querySelectorAll('.clinic-compare__table thead th')].map(th => th.getAttribute('aria-sort'))"


def wait_for_sort(page, order: str, column: int = 0) -> None:
    """The first sort fetches Tablesort (clinic-table-sort.js): wait until the header says it is sorted."""
    page.wait_for_function(f"() => ({SORT_STATE})()[{column}] === '{order}'", timeout=10_000)


@pytest.fixture
def wide_compare_page(browser, served_demo):
    context, page, visit = open_page(browser, served_demo, COMPARE_PAGE, "desktop")
    yield page
    context.close()
    assert not visit.console_errors


def test_table_is_a_table_on_wide_screens(wide_compare_page):
    page = wide_compare_page
    assert page.evaluate("getComputedStyle(document.querySelector('.clinic-compare__table')).display") == "table"
    assert page.locator(".clinic-compare__table thead th").first.is_visible()


def test_table_sorts_by_clicking_a_column_header(wide_compare_page):
    page = wide_compare_page
    names = page.evaluate(ROW_NAMES)
    header = page.locator(".clinic-compare__table thead th").first
    header.click()
    wait_for_sort(page, "ascending")
    assert page.evaluate(ROW_NAMES) == sorted(names, key=str.casefold)
    assert page.evaluate(SORT_STATE)[0] == "ascending"
    header.click()
    assert page.evaluate(ROW_NAMES) == sorted(names, key=str.casefold, reverse=True)
    assert page.evaluate(SORT_STATE)[0] == "descending"


def test_table_sorts_from_the_keyboard(wide_compare_page):
    page = wide_compare_page
    names = page.evaluate(ROW_NAMES)
    for _ in range(60):  # Tab until the first column header has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.clinic-compare__table thead th')"):
            break
    else:
        pytest.fail("no column header of the table can be reached with Tab")
    page.keyboard.press("Enter")
    wait_for_sort(page, "ascending")
    assert page.evaluate(ROW_NAMES) == sorted(names, key=str.casefold)
    assert page.evaluate(SORT_STATE)[0] == "ascending"
    page.keyboard.press(" ")
    assert page.evaluate(SORT_STATE)[0] == "descending"
    assert page.evaluate(ROW_NAMES) == sorted(names, key=str.casefold, reverse=True)


def test_sorting_a_column_puts_facts_discussed_at_consultation_last(wide_compare_page):
    page = wide_compare_page
    page.locator(".clinic-compare__table thead th[data-column='course']").click()
    page.wait_for_function(
        "() => document.querySelector(\".clinic-compare__table thead th[data-column='course']\").hasAttribute('aria-sort')"
    )
    cells = page.evaluate(
        "() => [...document.querySelectorAll('.clinic-compare__table tbody tr')].map(tr => tr.querySelector('td[data-label]:nth-of-type(5)').className)"
    )
    given = [c != "clinic-compare__open" for c in cells]
    assert given == sorted(given, reverse=True)


CARD_LAYOUT = """() => {
  const table = document.querySelector('.clinic-compare__table');
  const box = table.getBoundingClientRect();
  const cells = [...table.querySelectorAll('tbody td')];
  return {
    tag: table.tagName,
    display: getComputedStyle(table).display,
    headerCells: table.querySelectorAll('thead th[scope=col]').length,
    rowHeaders: table.querySelectorAll('tbody th[scope=row]').length,
    rows: table.querySelectorAll('tbody tr').length,
    labelsShown: cells.every(td => getComputedStyle(td, '::before').content.includes(td.dataset.label)),
    overflowing: cells.filter(td => td.scrollWidth > td.clientWidth + 1 || td.getBoundingClientRect().right > box.right + 1)
                      .map(td => td.dataset.label),
    cardWidths: [...table.querySelectorAll('tbody tr')].map(tr => Math.round(tr.getBoundingClientRect().width)),
    tableWidth: Math.round(box.width),
    // Text of a value that landed in the label's column (a cell whose value is several nodes
    // becomes several grid items: the commas between concern links once did).
    inLabelColumn: cells.flatMap((td) => {
      const style = getComputedStyle(td);
      const valueStart = td.getBoundingClientRect().left + parseFloat(style.paddingLeft)
        + parseFloat(style.gridTemplateColumns.split(' ')[0]) + parseFloat(style.columnGap);
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      const stray = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if ([...range.getClientRects()].some((rect) => rect.left < valueStart - 1)) stray.push(td.dataset.label + ': ' + node.textContent.trim());
      }
      return stray;
    }),
  };
}"""


def test_on_a_phone_each_treatment_is_a_card_of_labelled_facts(browser, served_demo):
    context, page, visit = open_page(browser, served_demo, COMPARE_PAGE, "phone")
    try:
        layout = page.evaluate(CARD_LAYOUT)
        headers_focusable = page.evaluate(
            "[...document.querySelectorAll('.clinic-compare__table thead th')].some(th => th.tabIndex >= 0)"
        )
    finally:
        context.close()
    assert layout["tag"] == "TABLE"
    assert layout["display"] == "block"
    assert layout["headerCells"] >= 5 and layout["rowHeaders"] == layout["rows"] >= 5
    assert layout["labelsShown"]
    assert layout["overflowing"] == []
    assert layout["inLabelColumn"] == []
    assert all(width <= layout["tableWidth"] for width in layout["cardWidths"])
    assert not headers_focusable  # hidden headers are kept out of the tab order
    assert not visit.console_errors


def test_booking_stays_within_reach_on_a_treatment_page(browser, served_demo):
    context, page, _ = open_page(browser, served_demo, TREATMENT_PAGE, "phone")
    try:
        page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight / 2)")
        bar = page.locator(".clinic-bookbar")
        box = bar.bounding_box()
        link_visible = bar.get_by_role("link", name="Book a consultation").is_visible()
    finally:
        context.close()
    assert link_visible
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert box["height"] < PHONE["height"] / 6  # a bar, not a wall


# -- a page an editor adds a wide Markdown table to -----------------------------------------------

WIDE_TABLE = (
    "\n\n| "
    + " | ".join(f"Column heading {i}" for i in range(8))
    + " |\n"
    + "|---" * 8
    + "|\n| "
    + " | ".join(f"A long cell value {i}" for i in range(8))
    + " |\n"
)


def test_a_wide_markdown_table_scrolls_within_its_box_and_the_keyboard_can_reach_it(browser, project):
    with (project / "docs" / "privacy.md").open("a", encoding="utf-8") as page_source:
        page_source.write(WIDE_TABLE)
    result = build(project)
    assert result.ok, result.output
    with StaticSiteServer(result.site_dir) as server:
        context, page, visit = open_page(browser, server, "privacy/", "phone")
        try:
            widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            box = page.locator(".md-typeset__scrollwrap")
            reachable = box.evaluate("box => box.tabIndex === 0 && box.scrollWidth > box.clientWidth")
            violations = [v["id"] for v in Axe().run(page).response["violations"]]
        finally:
            context.close()
    assert widths[0] <= widths[1]
    assert reachable
    assert violations == []
    assert not visit.console_errors
