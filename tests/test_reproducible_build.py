"""Two builds of the same sources are byte-identical (SOURCE_DATE_EPOCH dates the output)."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from tests.support.sites import build, copy_project

COMMIT_TIME = 1_790_000_000  # any fixed time: in publishing it is the commit's (see scripts/publish.py)


def files_of(site_dir) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def test_two_builds_in_different_folders_are_byte_identical(tmp_path):
    # Different folders and hash seeds: output must depend on neither paths nor set ordering.
    first = build(copy_project(tmp_path / "a"), env={"SOURCE_DATE_EPOCH": str(COMMIT_TIME), "PYTHONHASHSEED": "1"})
    second = build(copy_project(tmp_path / "b"), env={"SOURCE_DATE_EPOCH": str(COMMIT_TIME), "PYTHONHASHSEED": "2"})
    assert first.ok and second.ok, first.output + second.output
    one, other = files_of(first.site_dir), files_of(second.site_dir)
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []
    assert {"_headers", "treatments.json", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= set(one)

    # The sitemap dates pages by the commit, not by the day the build ran.
    day = datetime.datetime.fromtimestamp(COMMIT_TIME, datetime.UTC).date().isoformat()
    dates = {
        e.text for e in ET.parse(first.site_dir / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")
    }
    assert dates == {day}
