"""The scale benchmark's generated sites stay buildable (its timings are printed, never asserted)."""

from __future__ import annotations

from benchmarks.build_scale import generate_site, make_baseline, timed_build


def test_the_generated_sites_build_strictly_with_and_without_the_hook(tmp_path):
    hooked = generate_site(tmp_path / "hook", 8)
    assert len([p for p in (hooked / "docs" / "treatments").glob("*.md") if p.name != "index.md"]) == 8
    baseline = make_baseline(hooked, tmp_path / "baseline")
    bare = make_baseline(hooked, tmp_path / "bare", prerender=False)
    for project in (hooked, baseline, bare):
        cpu, wall = timed_build(project, tmp_path / f"site-{project.name}")  # raises if the strict build fails
        assert cpu > 0 and wall > 0

    compare = (tmp_path / "site-baseline" / "compare" / "index.html").read_text(encoding="utf-8")
    assert compare.count("<tr>") == 9  # the pre-rendered table: a heading row and 8 treatments
    page = (tmp_path / "site-baseline" / "treatments" / "dermaroller-0002" / "index.html").read_text(encoding="utf-8")
    assert "Key facts" in page and "clinic-treatment" not in page  # pre-rendered, not from our templates
    assert "clinic-treatment" in (tmp_path / "site-hook" / "treatments" / "dermaroller-0002" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Key facts" not in (tmp_path / "site-bare" / "treatments" / "dermaroller-0002" / "index.html").read_text(
        encoding="utf-8"
    )
    for kind in ("hook", "baseline"):  # the hook generates concern pages; the baseline has them as files
        assert (tmp_path / f"site-{kind}" / "concerns" / "acne-scars" / "index.html").is_file()
    assert not (tmp_path / "site-bare" / "concerns" / "acne-scars").exists()


def test_timed_builds_are_cold_unless_asked_to_be_warm(tmp_path):
    """Every measured build starts as from a fresh clone: the link-preview cards drawn by one build
    are drawn again by the next, not taken from its cache."""
    hooked = generate_site(tmp_path / "hook", 1)
    previews = hooked / ".cache" / "clinic-site" / "previews"
    timed_build(hooked, tmp_path / "site")
    drawn = {p.name: p.stat().st_mtime_ns for p in previews.glob("*.png")}
    assert drawn  # the demo has a site_url, so every page has a card
    (previews / "left-by-another-build.png").write_bytes(b"")
    timed_build(hooked, tmp_path / "site")
    assert not (previews / "left-by-another-build.png").exists()
    timed_build(hooked, tmp_path / "site", cold=False)
    assert {p.name: p.stat().st_mtime_ns for p in previews.glob("*.png")}.keys() == drawn.keys()
    kept = {p.name: p.stat().st_mtime_ns for p in previews.glob("*.png")}
    timed_build(hooked, tmp_path / "site", cold=False)
    assert {p.name: p.stat().st_mtime_ns for p in previews.glob("*.png")} == kept  # warm: nothing redrawn
