"""The stylesheet purge changes no pixel: every page type, and the states scripts bring about,
screenshotted in real Chromium from a build with the purge and a build without it.

The build without it is a real `mkdocs build` of a project copy whose hook skips the purge; both
sites are served with gzip and shot at 360x740 and 1280x800 (full page), then compared pixel by
pixel (Pillow). Differences are saved under test-artifacts/css-purge/.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import shutil
import warnings
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops

from tests.support.browser import StaticSiteServer, opened_together
from tests.support.computed_styles import style_differences
from tests.support.sites import build, replace_in

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "treatment": "treatments/dermaroller/",
    "compare": "compare/",
    "concern": "concerns/acne-scars/",
    "consultation": "consultation/",
    "treatments": "treatments/",
    "concerns": "concerns/",
    "privacy": "privacy/",
    "404": "404.html",
}
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
TRANSITIONS_MS = 400  # let transitions end before a shot (they are also finished by `animations`)
PURGE_CALL = "        purge_unused_css(Path(site_dir), self.docs_dir)  # before _headers: it renames a fingerprinted file\n"


@pytest.fixture(scope="module")
def unpurged_site(tmp_path_factory, project_copy):
    replace_in(project_copy / "hooks" / "clinic_site" / "site_build.py", PURGE_CALL, "")
    result = build(project_copy, tmp_path_factory.mktemp("unpurged-site"))
    assert result.ok, result.output
    return result.site_dir


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    from tests.support.sites import copy_project

    return copy_project(tmp_path_factory.mktemp("unpurged") / "project")


@pytest.fixture(scope="module")
def servers(demo_site, unpurged_site):
    with StaticSiteServer(demo_site) as purged, StaticSiteServer(unpurged_site) as unpurged:
        yield purged, unpurged


def differing_pixels(x: Image.Image, y: Image.Image) -> Image.Image:
    """A greyscale image of two same-sized images, non-zero where any channel differs."""
    bands = ImageChops.difference(x.convert("RGBA"), y.convert("RGBA")).split()
    return functools.reduce(ImageChops.lighter, bands)


def difference(a: bytes, b: bytes) -> str:
    """How two PNG screenshots differ, pixel by pixel ("" when they do not), compared by Pillow.
    (Drawing them on a canvas in the browser reported a few differing pixels, under load, between
    screenshots Pillow finds identical.)"""
    if a == b:
        return ""
    with Image.open(io.BytesIO(a)) as x, Image.open(io.BytesIO(b)) as y:
        if x.size != y.size:
            return f"size {x.width}x{x.height} against {y.width}x{y.height}"
        differing = x.width * x.height - differing_pixels(x, y).histogram()[0]  # 0 in every channel
        if not differing:
            return ""
        left, top, right, bottom = differing_pixels(x, y).getbbox() or (0, 0, 0, 0)
    return f"{differing} pixels differ, within x {left}-{right}, y {top}-{bottom}"


def png(width: int = 40, height: int = 30, last_pixel: tuple[int, int, int, int] | None = None) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 255))
    if last_pixel:
        image.putpixel((width - 1, height - 1), last_pixel)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("changed", [(0, 0, 0, 254), (0, 0, 1, 255), (255, 255, 255, 255)])
def test_the_comparison_sees_one_pixel_changed_in_any_channel(changed):
    assert difference(png(), png()) == ""
    assert difference(png(), png(last_pixel=changed)) == "1 pixels differ, within x 39-40, y 29-30"
    assert difference(png(), png(41, 30)) == "size 40x30 against 41x30"


@contextlib.contextmanager
def acted_on(browser, base_urls: list[str], path: str, viewport: dict, act=None) -> Iterator[list]:
    """The same page of each site, loaded side by side (their idle waits overlap) and acted on alike."""
    contexts = [browser.new_context(viewport=viewport) for _ in base_urls]
    try:
        pages = [context.new_page() for context in contexts]
        for page, base_url in zip(pages, base_urls, strict=True):
            page.goto(base_url + path, wait_until="commit")
        for page in pages:
            page.wait_for_load_state("networkidle")
        for page in pages:
            if act:
                act(page)
                page.mouse.move(0, 0)  # nothing left under the pointer: a native control's hover look comes and goes
        pages[-1].wait_for_timeout(TRANSITIONS_MS)
        yield pages
    finally:
        for context in contexts:
            context.close()


def screenshot(page, full_page: bool = True) -> bytes:
    return page.screenshot(full_page=full_page, animations="disabled", caret="hide")


def assert_same(browser, servers, artifacts, name, path, viewport, act=None, full_page=True, attempts=3, first=None):
    """Shots of both sites must match. A pixel difference is looked at again in `attempts` fresh
    pairs of pages, each shot up to three times; when it stays, the pages' computed styles decide:
    rules the purge removed can change a look only through a computed style (see
    tests/support/computed_styles.py), so a difference there fails, naming the element and the
    property. Matching styles with differing pixels is Chromium's moment of painting (seen on CI:
    24 pixels of a checkbox's tick in every shot of one run), reported as a warning with the shots.
    `first`: the first pair (with purge, without), when already taken."""
    purged, unpurged = servers
    found, styles = "", []
    for attempt in range(attempts):
        if attempt == 0 and first:
            after, before = first
            if not (found := difference(before, after)):
                return
            continue
        with acted_on(browser, [purged.url, unpurged.url], path, viewport, act) as pages:
            for _ in range(3):
                after, before = (screenshot(page, full_page) for page in pages)
                if not (found := difference(before, after)):
                    return
                pages[-1].wait_for_timeout(TRANSITIONS_MS)
            styles = style_differences(*pages)
        if styles:
            break
    folder = artifacts / "css-purge"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}-without-purge.png").write_bytes(before)
    (folder / f"{name}-with-purge.png").write_bytes(after)
    assert not styles, (
        f"{name}: {found}; computed styles differ (with purge against without): "
        + "; ".join(map(str, styles))
        + " (screenshots in test-artifacts/css-purge/)"
    )
    warnings.warn(f"{name}: {found}, with the same computed styles (screenshots in test-artifacts/css-purge/)", stacklevel=2)


def test_the_unpurged_build_really_ships_materials_whole_stylesheet(demo_site, unpurged_site):
    def material_css_bytes(site):
        return sum(p.stat().st_size for p in (site / "assets" / "stylesheets").glob("main.*.min.css"))

    assert material_css_bytes(unpurged_site) > 2 * material_css_bytes(demo_site)


@pytest.fixture(scope="module")
def page_type_shots(browser, servers) -> dict[tuple[str, str, str], bytes]:
    """The first full-page shot of each page type at each size from both sites, the pages loaded side by
    side (opened_together) so their idle waits overlap; (page type, viewport, "purged"|"unpurged") -> PNG."""
    sites = dict(zip(("purged", "unpurged"), servers, strict=True))
    every_shot = [
        ((page_type, viewport, site), server.url + path, {"viewport": VIEWPORTS[viewport]})
        for page_type, path in PAGE_TYPES.items()
        for viewport in VIEWPORTS
        for site, server in sites.items()
    ]
    shots = {}
    for opened in opened_together(browser, every_shot):
        opened.page.wait_for_timeout(TRANSITIONS_MS)
        shots[opened.key] = screenshot(opened.page)
    return shots


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_looks_the_same_with_and_without_the_purge(
    browser, servers, artifacts, page_type_shots, page_type, viewport
):
    first = page_type_shots[page_type, viewport, "purged"], page_type_shots[page_type, viewport, "unpurged"]
    assert_same(browser, servers, artifacts, f"{page_type}-{viewport}", PAGE_TYPES[page_type], VIEWPORTS[viewport], first=first)


def open_search(page):
    page.keyboard.press("/")
    page.keyboard.type("Dermaroller", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    page.wait_for_load_state("networkidle")


def open_menu(page):
    page.locator("button[data-clinic-toggle=__drawer]").click()  # the header's keyboard-operable menu button


def use_chooser(page):
    page.locator("form.clinic-chooser").wait_for(state="visible")
    page.get_by_label("What would you like to improve?").select_option("texture")
    page.get_by_role("checkbox", name="Dermaroller").check()
    page.get_by_role("checkbox", name="PRP").check()


def tab_times(count: int):
    def act(page):
        for _ in range(count):
            page.keyboard.press("Tab")

    return act


STATES = {
    "search-open": ("", open_search, VIEWPORTS),
    "search-open-on-a-treatment": ("treatments/prp/", open_search, VIEWPORTS),
    "menu-open": ("treatments/dermaroller/", open_menu, {"phone": VIEWPORTS["phone"]}),
    "chooser-in-use": ("compare/", use_chooser, VIEWPORTS),
    "chooser-focused": (
        "compare/?concern=acne-scars",
        lambda page: page.get_by_role("checkbox", name="Dermaroller").focus(),
        VIEWPORTS,
    ),
    "focus-ring-first-link": ("", tab_times(1), VIEWPORTS),
    "focus-ring-header": ("treatments/dermaroller/", tab_times(3), VIEWPORTS),
    "focus-ring-content": ("treatments/dermaroller/", tab_times(8), VIEWPORTS),
    "focus-ring-table-header": (
        "compare/",
        lambda page: page.locator("table.clinic-compare__table th").first.focus(),
        {"desktop": VIEWPORTS["desktop"]},
    ),
}


@pytest.mark.parametrize(
    "state, viewport", [(state, viewport) for state, (_, _, viewports) in STATES.items() for viewport in viewports]
)
def test_states_scripts_bring_about_look_the_same_with_and_without_the_purge(browser, servers, artifacts, state, viewport):
    path, act, _ = STATES[state]
    assert_same(browser, servers, artifacts, f"{state}-{viewport}", path, VIEWPORTS[viewport], act, full_page=False)


CHECKED_OPTION_RULE = (
    ".md-typeset .clinic-chooser__options label:has(input:checked){border-color:var(--md-primary-fg-color);font-weight:700}"
)


def test_a_rule_missing_from_a_state_fails_the_comparison_naming_the_property(
    browser, demo_site, unpurged_site, artifacts, tmp_path
):
    """The comparison catches a purge that removed one rule a script's state needs: here the checked
    chooser option's border and weight, cut from a copy of the purged site."""
    cut = shutil.copytree(demo_site, tmp_path / "site")
    replace_in(cut / "stylesheets" / "clinic.css", CHECKED_OPTION_RULE, "")
    with (
        StaticSiteServer(cut) as purged_too_much,
        StaticSiteServer(unpurged_site) as unpurged,
        pytest.raises(AssertionError) as failure,
    ):
        assert_same(
            browser, (purged_too_much, unpurged), artifacts, "rule-cut", "compare/", VIEWPORTS["phone"], use_chooser, attempts=2
        )
    message = str(failure.value)
    assert "pixels differ" in message
    assert "computed styles differ" in message
    assert "label border-block-end-color: " in message  # the checked option's border, the first difference


def test_pixels_that_differ_with_the_same_computed_styles_are_a_warning_with_the_shots(browser, served_demo, artifacts):
    """Two loads of the same purged site, one scrolled 3 px further: the shots differ in every pair,
    the styles match, so the comparison warns (and keeps the shots) instead of failing."""
    pages_acted_on = itertools.count()

    def scroll_every_second_page(page):
        page.mouse.wheel(0, 200 + 3 * (next(pages_acted_on) % 2))
        page.wait_for_function("scrollY > 0")

    with pytest.warns(UserWarning, match="pixels differ, within .* with the same computed styles"):
        assert_same(
            browser,
            (served_demo, served_demo),
            artifacts,
            "scrolled",
            "privacy/",
            VIEWPORTS["phone"],
            scroll_every_second_page,
            attempts=2,
        )
