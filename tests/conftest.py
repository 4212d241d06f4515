"""Shared fixtures: the demo site built once, served with gzip, and a real Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM_ARGS, StaticSiteServer, headless_chromium_executable
from tests.support.sites import ROOT, BuildResult, build, copy_project

# Medical reviews are measured against this day in every build the tests run (hooks/clinic_site/review.py),
# so the demo content's reviews do not go stale in CI as the calendar moves on.
os.environ.setdefault("CLINIC_TODAY", "2026-11-21")
# One cache of compiled templates, photo conversions and link previews for every build the tests run
# (in-process and subprocess, all workers): entries are keyed by content, and written atomically.
os.environ.setdefault("CLINIC_CACHE_DIR", str(Path(__file__).resolve().parents[1] / ".cache" / "tests"))

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> BuildResult:
    """The demo site as the repository ships it, built with --strict."""
    site_dir = tmp_path_factory.mktemp("demo-site")
    result = build(ROOT, site_dir)
    assert result.ok, result.output
    return result


@pytest.fixture(scope="session")
def demo_site(demo_build) -> Path:
    return demo_build.site_dir


@pytest.fixture
def project(tmp_path) -> Path:
    """An editable copy of the site's sources, for tests that change pages as an editor would."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def served_demo(demo_site):
    with StaticSiteServer(demo_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = headless_chromium_executable()
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# The files that take longest start first, so that under pytest-xdist no worker is left with a long
# file at the end while the others wait (`--no-loadscope-reorder` in pyproject.toml keeps this order;
# xdist would otherwise start the files with the most tests first). Seconds per file: scripts/test_times.py.
LONGEST_FIRST = (
    "test_preview_partial_rebuild.py",
    "test_readers_browser.py",
    "test_readers_booking.py",
    "test_css_purge_pixels.py",
    "test_readers_lighthouse.py",
    "test_publish.py",
    "test_compare_chooser.py",
    "test_web_editor_browser.py",
    "test_live_preview.py",
    "test_edit_hunt_files.py",
    "test_validation_errors.py",
    "test_images.py",
    "test_cms_config.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the other files, and the tests within each file, keep their order
