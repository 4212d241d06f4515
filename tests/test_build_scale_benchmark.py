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
