"""The live preview's partial rebuild (hooks/clinic_site/page_dependencies.py) leaves no stale file.

One preview (`make serve`, scripts/preview.py) runs while edits of every kind are saved one after
another; after each, every file it serves (each page in the sitemap, the search index, the sitemap,
treatments.json, _headers, 404.html) must equal, byte for byte, what a second preview started
afresh on the edited project serves (its first build is complete and clean). Two things differ
legitimately and are normalised: the server's address (each preview has its own port, which is the
site_url of its pages, feed and sitemap, and is drawn on each page's link-preview card, whose file
is named by a hash of all it draws; the rest of what it draws, the page's title and the clinic's
details, is compared in the page itself) and the live-reload script MkDocs' server injects into each
HTML response (its request id is a timestamp). Edits that only some pages show must be rebuilt
partially (the preview's log says which), so these comparisons test the dependency marking itself;
the others must rebuild everything. No timing here: benchmarks/build_scale.py measures latency.
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.serve import LivePreview
from tests.support.small_site import PAGES, PEN, TREATMENT, small_project

# No .pyc files: a preview writing one into hooks/__pycache__ (which the running preview watches)
# would start a rebuild of its own, that could end after the next edit and be taken for its rebuild.
ENV = {"CLINIC_TODAY": "2026-11-21", "PYTHONDONTWRITEBYTECODE": "1"}
BUILD_STARTED, BUILD_ENDED = "Detected file changes", "Reloading browsers"  # mkdocs serve's log, each rebuild
SITE_FILES = [
    "sitemap.xml",
    "search/search_index.json",
    "search/search_index_full.json",
    "treatments.json",
    "_headers",
    "404.html",
]
LINK_PREVIEW_CARD = re.compile(rb"assets/previews/[0-9a-f]{20}")  # named by all it draws, the address included
PARTIAL = re.compile(r"Preview: rebuilding (\d+) of (\d+) pages: (.*)")
# Edits whose pages are named here must rebuild exactly those (the home page's template shows every treatment).
ONLY_REBUILT = {"a sentence in a treatment's text": ["index.md", "treatments/pen.md"]}
EVERY = "Preview: rebuilding every page"

# Three more treatments, so that related cards, concern pages and table order involve the pen.
ROLLER = (
    TREATMENT.replace("name: Pen", "name: Roller")
    .replace("order: 30", "order: 40")
    .replace("title: Microneedling pen (test)", "title: Dermaroller (test)")
)
PEEL = (
    TREATMENT.replace("name: Pen", "name: Peel")
    .replace("order: 30", "order: 50")
    .replace("title: Microneedling pen (test)", "title: Chemical peel (test)")
    .replace("    - acne-scars\n    - fine-lines\n", "    - texture\n    - acne-scars\n")
)
LASER = (
    TREATMENT.replace("name: Pen", "name: Laser")
    .replace("order: 30", "order: 60")
    .replace("title: Microneedling pen (test)", "title: Laser (test)")
)


def project_with_treatments(destination: Path) -> Path:
    return small_project(destination, {**PAGES, "treatments/roller.md": ROLLER, "treatments/peel.md": PEEL})


def fetch(preview: LivePreview, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(preview.url + path, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def served_files(preview: LivePreview) -> dict[str, bytes]:
    """Every page in the preview's sitemap and the site-wide files, as served, normalised (see above)."""
    status, sitemap = fetch(preview, "sitemap.xml")
    assert status == 200
    pages = [loc.removeprefix(preview.url) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.decode())]
    files = {}
    for path in [*pages, *SITE_FILES]:
        status, body = fetch(preview, path)
        assert status == 200, f"{path}: {status}"
        files[path] = normalised(body, preview)
    return files


def normalised(body: bytes, preview: LivePreview) -> bytes:
    body = body.replace(preview.url.encode(), b"http://preview/")
    body = LINK_PREVIEW_CARD.sub(b"assets/previews/CARD", body)
    end = body.rfind(b"</body>")
    start = body.rfind(b"<script>", 0, end)
    if end != -1 and start != -1 and b"livereload(" in body[start:end]:
        body = body[:start] + body[end:]  # the script mkdocs serve injects into each response
    return body


def rebuilt_after(preview: LivePreview, edit) -> str:
    """Save an edit and wait for the preview's rebuild; return what the preview logged meanwhile.
    Any rebuild still running is waited for first, so that its end is not taken for this edit's."""

    def idle() -> bool:
        return preview.log.count(BUILD_STARTED) == preview.log.count(BUILD_ENDED)

    preview.wait_until(idle, "the preview to finish the rebuild under way", timeout=120)
    before = len(preview.log)
    ended = preview.log.count(BUILD_ENDED)
    edit()
    preview.wait_until(lambda: preview.log.count(BUILD_ENDED) > ended and idle(), "the rebuild after the edit", timeout=120)
    return preview.log[before:]


def assert_same_as_a_fresh_preview(preview: LivePreview, project: Path) -> dict[str, bytes]:
    served = served_files(preview)
    with LivePreview(project, env=ENV) as fresh:
        expected = served_files(fresh)
    assert sorted(served) == sorted(expected)
    stale = [path for path in expected if served[path] != expected[path]]
    assert not stale, f"stale in the preview: {stale}"
    return served


def saved(path: Path, text: str) -> None:
    """Save as one change the watcher sees once: written outside the watched folders, then moved in
    (written in place, a truncation and a write may fall on either side of a rebuild's start)."""
    project = next(folder for folder in path.parents if (folder / "mkdocs.yml").is_file())
    draft = project.parent / f"draft-{path.name}"  # same file system, so the move is one rename
    draft.write_text(text, encoding="utf-8")
    os.replace(draft, path)


def edit_text(path: Path, old: str, new: str):
    def edit() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not found in {path}"
        saved(path, text.replace(old, new, 1))

    return edit


# (what is edited, the edit, whether only some pages may be rebuilt, text the edited site must show)
EDITS = [
    ("a treatment's name", lambda p: edit_text(p / PEN, "  name: Pen\n", "  name: Pen Renamed\n"), True, "Pen Renamed"),
    (
        "a treatment's concerns (moved from one concern to another)",
        lambda p: edit_text(p / PEN, "    - acne-scars\n    - fine-lines\n", "    - acne-scars\n    - texture\n"),
        True,
        None,
    ),
    (
        "a treatment's place in table order (related cards)",
        lambda p: edit_text(p / PEN, "  order: 30\n", "  order: 45\n"),
        True,
        None,
    ),
    ("a price shown in /compare/", lambda p: edit_text(p / PEN, "  price_from: 200\n", "  price_from: 275\n"), True, "275"),
    (
        "a sentence in a treatment's text",
        lambda p: edit_text(p / PEN, "A test page about a pen.", "A test page about a pen, reworded."),
        True,
        "reworded",
    ),
    (
        "the title of a page in the nav with pages below it",
        lambda p: edit_text(p / "docs/treatments/index.md", "title: Treatments\n", "title: All our treatments\n"),
        False,
        "All our treatments",
    ),
    (
        "a plain page's body",
        lambda p: edit_text(p / "docs/privacy.md", "We collect nothing.", "We collect nothing at all."),
        True,
        "nothing at all",
    ),
    (
        "data/vocabulary.yml (a concern's label)",
        lambda p: edit_text(p / "data/vocabulary.yml", "    label: Acne scars\n", "    label: Acne scarring\n"),
        False,
        "Acne scarring",
    ),
    (
        "a new treatment file",
        lambda p: lambda: saved(p / "docs/treatments/laser.md", LASER),
        False,
        "Laser",
    ),
    ("a deleted treatment file", lambda p: lambda: (p / "docs/treatments/roller.md").unlink(), False, None),
]


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    project = project_with_treatments(tmp_path_factory.mktemp("partial") / "project")
    with LivePreview(project, env=ENV) as preview:
        yield project, preview


@pytest.mark.parametrize("what, edit, partial, shown", EDITS, ids=[e[0] for e in EDITS])
def test_after_each_edit_every_served_file_equals_a_fresh_preview(running, what, edit, partial, shown):
    project, preview = running
    logged = rebuilt_after(preview, edit(project))
    rebuilt = PARTIAL.search(logged)
    if partial:  # the dependency marking itself is under test: not everything was rebuilt
        assert rebuilt and int(rebuilt[1]) < int(rebuilt[2]) and EVERY not in logged, logged
        if what in ONLY_REBUILT:
            assert rebuilt[3].split(", ") == ONLY_REBUILT[what], logged
    else:
        assert EVERY in logged, logged
    served = assert_same_as_a_fresh_preview(preview, project)
    if shown is not None:  # the edit reached the pages (the comparison is not between two stale sites)
        assert any(shown.encode() in body for body in served.values())
    if what == "a deleted treatment file":
        assert fetch(preview, "treatments/roller/")[0] == 404
        assert not any(b"Roller" in body for body in served.values())
