"""What the readers' tests and the Lighthouse benchmark share: the pages of a built site."""

from __future__ import annotations

from pathlib import Path

EDITORS_APP = "admin/"  # the web editor (Decap CMS): tested in test_web_editor_browser.py, not a reader's page


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the site root: "" for the
    home page, "compare/" for compare/index.html, "404.html" for the not-found page."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        if relative.startswith(EDITORS_APP):
            continue
        paths.append(relative.removesuffix("index.html") if html.name == "index.html" else relative)
    return paths
