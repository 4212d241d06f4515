"""After an edit to a treatment's front matter, the live preview (`make serve`, scripts/preview.py)
serves no stale page: each page a fresh strict build of the edited site shows the new value on is
served with it, and no other page is. This guards any faster, partial rebuild of the preview
(issue 15); its latency is measured by benchmarks/build_scale.py, never timed here.
"""

from __future__ import annotations

from tests.support.serve import LivePreview
from tests.support.sites import build
from tests.support.small_site import PEN, replace_in, small_project

NEW_NAME = "Pen Renamed"


def served_paths(site_dir) -> list[str]:
    """Every page of a built site as the server's path ("" for the home page, "compare/", ...)."""
    paths = []
    for page in sorted(site_dir.rglob("index.html")):
        folder = page.parent.relative_to(site_dir).as_posix()
        if not folder.startswith(("admin", "search", "assets")):
            paths.append("" if folder == "." else folder + "/")
    return paths


def test_every_page_that_shows_a_treatment_is_served_updated_and_no_other_changes(tmp_path):
    project = small_project(tmp_path / "project")
    with LivePreview(project, env={"CLINIC_TODAY": "2026-11-21"}) as preview:
        before = {path: preview.html(path) for path in served_paths(build(project, tmp_path / "before").site_dir)}
        assert all(NEW_NAME not in html for html in before.values())
        rebuilds = preview.log.count("Reloading browsers")

        replace_in(project / PEN, "  name: Pen\n", f"  name: {NEW_NAME}\n")
        fresh = build(project, tmp_path / "fresh")
        assert fresh.ok, fresh.output
        paths = served_paths(fresh.site_dir)
        showing = {path for path in paths if NEW_NAME in (fresh.site_dir / path / "index.html").read_text(encoding="utf-8")}
        # The pages that list the treatment by name: the test is only as strong as this list.
        assert {"treatments/pen/", "compare/", "treatments/", "concerns/acne-scars/", "concerns/fine-lines/"} <= showing

        preview.wait_until(lambda: preview.log.count("Reloading browsers") > rebuilds, "the rebuild after the edit", timeout=120)
        served = {path: preview.html(path) for path in paths}
        assert {path for path, html in served.items() if NEW_NAME in html} == showing
        assert set(paths) == set(before)  # no page appeared or went missing
