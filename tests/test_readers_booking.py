"""Booking and moving around as a member of the public would, in real Chromium: one tap to book from
every page on a phone, every way to book on the consultation page's first screen, today's opening
hours in the clinic's time zone, the menu from the keyboard, every page reachable by keyboard alone
on a phone, and the /compare/ chooser's result in view. First-screen screenshots of every page type
at both sizes go to test-artifacts/."""

from __future__ import annotations

import datetime
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import DESKTOP, PHONE
from tests.support.browser import opened_together
from tests.support.readers import site_pages

pytestmark = pytest.mark.browser

SCREENS = {"phone": PHONE, "desktop": DESKTOP}
PAGE_TYPES = {
    "home": "",
    "treatments": "treatments/",
    "treatment": "treatments/chemical-peel/",
    "compare": "compare/",
    "concern": "concerns/acne-scars/",
    "concerns": "concerns/",
    "consultation": "consultation/",
    "privacy": "privacy/",
    "not-found": "404.html",
}
BOOKING_PAGE = "consultation/"

# Links a reader can see and tap right now: in the window, not under anything else.
TAPPABLE_LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => {
  const r = a.getBoundingClientRect();
  if (r.width === 0 || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return false;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return top && (top === a || a.contains(top));
}).map(a => ({href: a.href, text: a.textContent.trim()}))"""


def open_page(browser, served_demo, path, screen="phone", **context_options):
    context = browser.new_context(viewport=SCREENS[screen], **context_options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_demo.url + path, wait_until="networkidle")
    return context, page, errors


@pytest.mark.parametrize("path", [p for p in PAGE_TYPES.values()])
def test_booking_is_one_tap_away_on_every_page_type_on_a_phone(browser, served_demo, path):
    """At the top of the page and half way down: a visible link to the booking page, and one to call."""
    booking = served_demo.url + BOOKING_PAGE
    context, page, errors = open_page(browser, served_demo, path)
    try:
        for position in ("top", "middle"):
            if position == "middle":
                page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight / 2)")
            hrefs = {link["href"] for link in page.evaluate(TAPPABLE_LINKS)}
            if path == BOOKING_PAGE:
                assert "tel:+442079460000" in hrefs and booking not in hrefs, position
            else:
                assert booking in hrefs and "tel:+442079460000" in hrefs, (position, sorted(hrefs))
    finally:
        context.close()
    assert not errors


def test_every_page_of_the_site_offers_booking_in_one_tap_on_a_phone(browser, served_demo, demo_site):
    booking = served_demo.url + BOOKING_PAGE
    missing = []
    every_page = [(path, served_demo.url + path, {"viewport": PHONE}) for path in site_pages(demo_site)]
    for opened in opened_together(browser, every_page):
        hrefs = {link["href"] for link in opened.page.evaluate(TAPPABLE_LINKS)}
        wanted = "tel:+442079460000" if opened.key == BOOKING_PAGE else booking
        if wanted not in hrefs:
            missing.append(opened.key)
    assert missing == []


def test_the_consultation_page_shows_every_way_to_book_on_its_first_screen(browser, served_demo, artifacts):
    context, page, errors = open_page(browser, served_demo, BOOKING_PAGE)
    try:
        bar_top = page.locator(".clinic-bookbar").bounding_box()["y"]
        ways = page.locator("#ways-to-book")
        for part in (
            ways.locator('a[href^="tel:"]'),
            ways.locator('a[href^="mailto:"]'),
            ways.locator(".clinic-hours__today"),
            ways.locator(".clinic-hours__week"),
        ):
            box = part.bounding_box()
            assert part.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= bar_top, part
        assert ways.locator('a[href^="tel:"]').inner_text() == "Call 020 7946 0000"
        assert ways.locator('a[href^="mailto:"]').inner_text() == "Email hello@example.org"
        page.screenshot(path=artifacts / "consultation-phone-ways-to-book.png")
    finally:
        context.close()
    assert not errors


@pytest.mark.parametrize(
    ("utc", "reader_zone", "today"),
    [
        ("2026-11-21T11:00:00Z", "Europe/London", "Open today (Saturday): 10am to 4pm"),
        # 23:30 on Sunday in London is already Monday morning in Tokyo: the clinic's own day counts.
        ("2026-11-22T23:30:00Z", "Asia/Tokyo", "Closed today (Sunday). We open again on Monday, 9am to 6pm."),
    ],
)
def test_todays_hours_are_the_clinics_today(browser, served_demo, utc, reader_zone, today):
    context = browser.new_context(viewport=PHONE, timezone_id=reader_zone)
    page = context.new_page()
    try:
        page.clock.set_fixed_time(datetime.datetime.fromisoformat(utc.replace("Z", "+00:00")))
        page.goto(served_demo.url + BOOKING_PAGE, wait_until="networkidle")
        line = page.locator("#ways-to-book .clinic-hours__today")
        assert line.inner_text() == today
        marked = page.locator("#ways-to-book .clinic-hours__now dt")
        assert marked.inner_text() == today.split("(")[1].split(")")[0]
    finally:
        context.close()


def test_without_javascript_the_week_is_listed_and_no_empty_today_line(browser, served_demo):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served_demo.url + BOOKING_PAGE)
        assert page.locator("#ways-to-book .clinic-hours__week").is_visible()
        assert page.locator("#ways-to-book .clinic-hours__today").evaluate("e => getComputedStyle(e).display") == "none"
        page.locator(".clinic-header__toggle-label[for=__drawer]").click()  # Material's own menu still opens
        assert page.evaluate("document.getElementById('__drawer').checked")
    finally:
        context.close()


# -- the keyboard on a phone ---------------------------------------------------------------------------

ACTIVE = """() => { const a = document.activeElement; return a === document.body || !a ? null :
  {tag: a.tagName, href: a.href || null, toggle: a.getAttribute('data-clinic-toggle'), expanded: a.getAttribute('aria-expanded')} }"""


def test_the_menu_opens_and_closes_from_the_keyboard(browser, served_demo):
    context, page, errors = open_page(browser, served_demo, "compare/")
    try:
        for _ in range(10):
            page.keyboard.press("Tab")
            if (page.evaluate(ACTIVE) or {}).get("toggle") == "__drawer":
                break
        else:
            pytest.fail("the menu button cannot be reached with Tab")
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert page.locator("[data-clinic-toggle=__drawer]").get_attribute("aria-expanded") == "true"
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")  # focus moved into the menu
        assert page.locator(".md-sidebar--primary").get_by_role("link", name="Skin concerns").is_visible()
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate(ACTIVE)["toggle"] == "__drawer"
        assert page.locator("[data-clinic-toggle=__drawer]").get_attribute("aria-expanded") == "false"
    finally:
        context.close()
    assert not errors


def test_keyboard_alone_on_a_phone_reaches_every_page(browser, served_demo, demo_site):
    """Tab (and Enter on the menu button) through each page, collecting the links that take focus;
    following those links from the home page must reach every page of the site."""
    base = served_demo.url
    wanted = {base + p for p in site_pages(demo_site) if p != "404.html"}
    links: dict[str, set[str]] = {}  # page -> the pages its focusable links lead to
    for opened in opened_together(browser, [(url, url, {"viewport": PHONE}) for url in sorted(wanted | {base})]):
        page, reached = opened.page, links.setdefault(opened.key, set())
        opened_menu = False
        for _ in range(250):
            page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE)
            if active is None:
                break
            if active["toggle"] == "__drawer" and not opened_menu:
                page.keyboard.press("Enter")
                page.wait_for_timeout(300)
                opened_menu = True
                continue
            href = active["href"]
            if href and href.startswith(base):
                reached.add(urljoin(href, urlsplit(href).path))  # without #fragment or ?query
    seen, queue = {base}, [base]
    while queue:
        for target in links[queue.pop()] & wanted - seen:
            seen.add(target)
            queue.append(target)
    assert wanted - seen == set()


# -- the chooser, headings, tables ---------------------------------------------------------------------


def test_on_a_phone_a_choice_in_the_chooser_shows_its_result_without_scrolling(browser, served_demo):
    context, page, errors = open_page(browser, served_demo, "compare/")
    try:
        page.evaluate(
            "() => { const f = document.querySelector('form.clinic-chooser');"
            " window.scrollTo(0, f.getBoundingClientRect().top + scrollY - document.querySelector('.md-header').offsetHeight); }"
        )
        before = page.evaluate("scrollY")
        options = page.locator(".clinic-chooser__options label")
        options.nth(0).click()
        options.nth(1).click()
        assert page.evaluate("scrollY") == before  # nothing had to scroll to reach the controls
        layout = page.evaluate(
            """() => {
              const rows = [...document.querySelectorAll('.clinic-compare__table tbody tr')].filter(r => !r.hidden);
              return {shown: rows.length, firstRowTop: rows[0].getBoundingClientRect().top,
                      barTop: document.querySelector('.clinic-bookbar').getBoundingClientRect().top,
                      status: document.querySelector('.clinic-chooser__status').getBoundingClientRect().bottom};
            }"""
        )
    finally:
        context.close()
    assert layout["shown"] == 2
    assert layout["status"] <= layout["barTop"]
    assert layout["firstRowTop"] + 40 <= layout["barTop"]  # the first chosen treatment's name is in view
    assert not errors


@pytest.mark.parametrize("screen", SCREENS)
def test_heading_sizes_follow_the_hierarchy(browser, served_demo, screen):
    context, page, _ = open_page(browser, served_demo, "treatments/microneedling-pen/", screen)
    try:
        size = lambda selector: page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{selector}')).fontSize)")  # noqa: E731
        h1, h2, h3 = size("article h1"), size("article h2"), size(".clinic-timeline__when")
        body = size("article .clinic-timeline__step p")
    finally:
        context.close()
    assert h1 > h2 > h3 > body


def test_a_concern_pages_comparison_is_a_table_on_a_desktop_screen(browser, served_demo):
    context, page, _ = open_page(browser, served_demo, "concerns/acne-scars/", "desktop")
    try:
        display = page.evaluate("getComputedStyle(document.querySelector('.clinic-compare__table')).display")
        headers = page.locator(".clinic-compare__table thead th").first.is_visible()
    finally:
        context.close()
    assert display == "table" and headers


@pytest.mark.parametrize("screen", SCREENS)
def test_the_header_shows_the_main_pages_and_book_on_a_desktop_screen_and_a_menu_on_a_phone(browser, served_demo, screen):
    context, page, _ = open_page(browser, served_demo, "privacy/", screen)
    try:
        header = page.locator("header.clinic-header")
        links = [a.inner_text() for a in header.locator(".clinic-header__links a").all() if a.is_visible()]
        book = header.get_by_role("link", name="Book a consultation").is_visible()
        menu = header.get_by_role("button", name="Menu").is_visible()
    finally:
        context.close()
    if screen == "desktop":
        assert links == ["Treatments", "Compare treatments", "Skin concerns"] and book and not menu
    else:
        assert links == [] and not book and menu  # on phones "Book" is in the bar at the bottom


@pytest.mark.parametrize("screen", SCREENS)
def test_first_screen_screenshots_of_every_page_type(browser, served_demo, artifacts, screen):
    names = {path: name for name, path in PAGE_TYPES.items()}
    every_type = [(path, served_demo.url + path, {"viewport": SCREENS[screen]}) for path in PAGE_TYPES.values()]
    shot = []
    for opened in opened_together(browser, every_type):
        page, name = opened.page, names[opened.key]
        target = artifacts / f"first-screen-{name}-{screen}.png"
        page.screenshot(path=target)
        # Nothing moved while the page loaded (pictures have their size, revealed controls their room).
        shift = page.evaluate(
            "() => new Promise(done => { let total = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
            " if (!e.hadRecentInput) total += e.value; }).observe({type: 'layout-shift', buffered: true});"
            " setTimeout(() => done(total), 100); })"
        )
        assert target.stat().st_size > 5000
        assert shift < 0.05, (name, shift)
        assert not opened.errors, name
        shot.append(name)
    assert shot == list(PAGE_TYPES)
