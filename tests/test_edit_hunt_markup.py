"""Markers and pictures an editor can get wrong in ways that used to publish a wrong page or stop
with a traceback: a marker inside a note box (its table landed outside, the box left empty), a
comment never closed (shown to readers as text), a picture whose header claims billions of pixels
(PIL's 'decompression bomb' traceback, or published for readers' phones to choke on), a damaged
photo, and consent written other than `true`.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from tests.support.edit_hunt import build_problems
from tests.support.small_site import PEN, build_in_process, line_of, replace_in, small_project

COMPARE = "docs/compare.md"
TABLE = "<!-- comparison-table -->"


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


def png(width: int, height: int, *, damaged: bool = False) -> bytes:
    """A PNG file: its header says width x height; a damaged one's pixel data stops short."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    pixels = b"\x00" * 10 if damaged else zlib.compress((b"\x00" + b"\x80" * 3 * width) * height)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# -- markers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "container",
    ["!!! note\n    {marker}", '??? note "More"\n    {marker}', "- Item\n\n    {marker}", "  {marker}"],
    ids=["note", "collapsible", "list-item", "two-spaces"],
)
def test_an_indented_marker_is_refused(site, container):
    replace_in(site / COMPARE, TABLE, container.format(marker=TABLE) + "\n\nAfter.")
    assert build_problems(site) == [
        f"{COMPARE}, line {line_of(site / COMPARE, TABLE)}: marker 'comparison-table': the marker is indented, so it would "
        "sit inside a note, a collapsible block or a list item, where what it shows cannot go. Accepted: the marker at the "
        "very start of a line of its own, outside notes and lists, e.g. '<!-- comparison-table -->'."
    ]


def test_an_indented_marker_in_a_code_block_is_still_text(site):
    replace_in(site / COMPARE, TABLE, f"Example:\n\n    {TABLE}\n\n{TABLE}")
    result = build_in_process(site)
    assert result.ok, result.messages
    assert "&lt;!-- comparison-table --&gt;" in (result.site_dir / "compare/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "written", "name", "field"),
    [
        (COMPARE, "<!-- comparison-table", "comparison-table", "marker 'comparison-table'"),
        (COMPARE, "<!-- treatment-list category=collagen-induction", "treatment-list", "marker 'treatment-list'"),
        ("docs/privacy.md", "<!-- note to self: check with legal", "note", "page content"),
        (PEN, "<!-- draft", "draft", "page content"),
    ],
)
def test_a_comment_never_closed_is_refused(site, page, written, name, field):
    old = TABLE if page == COMPARE else ("We collect nothing." if page == "docs/privacy.md" else "A test page about a pen.")
    replace_in(site / page, old, f"{written}\n\nThe rest of the page.")
    assert build_problems(site) == [
        f"{page}, line {line_of(site / page, written)}: {field}: the comment '<!-- {name}' is never closed with '-->', "
        f"so readers would see it as text. Accepted: '-->' at the end of the comment, e.g. '<!-- {name} -->'."
    ]


def test_an_unclosed_comment_in_code_is_text(site):
    replace_in(site / "docs/privacy.md", "We collect nothing.", "```html\n<!-- start of a comment\n```\n\nWe collect nothing.")
    assert build_in_process(site).ok


# -- pictures ------------------------------------------------------------------------------------------


def with_image(site: Path, file: str) -> None:
    replace_in(site / PEN, "  order: 30\n", f"  order: 30\n  image:\n    file: {file}\n    alt: A picture\n")


@pytest.mark.parametrize(("width", "height", "said"), [(20_000, 20_000, "more than 40,000,000"), (10_000, 5_000, "50,000,000")])
@pytest.mark.parametrize("used_by", ["front matter", "markdown", "unused"])
def test_a_picture_with_too_many_pixels_is_refused_wherever_it_is(site, width, height, said, used_by):
    (site / "docs/images/huge.png").write_bytes(png(width, height, damaged=True))
    if used_by == "front matter":
        with_image(site, "images/huge.png")
    elif used_by == "markdown":
        replace_in(site / PEN, "A test page about a pen.", "![A picture](../images/huge.png)")
    assert build_problems(site) == [
        f"docs/images/huge.png: image: the picture has {said} pixels, too many for readers' phones to open. "
        "Accepted: a picture of at most 40,000,000 pixels (e.g. 6000 x 4000): save it again at a smaller size."
    ]


def test_a_damaged_photo_is_refused_without_a_traceback(site):
    (site / "docs/images/cut.png").write_bytes(png(40, 30, damaged=True))
    with_image(site, "images/cut.png")
    assert build_problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'file: images/cut.png')}: treatment.image.file: docs/images/cut.png is damaged: "
        "its picture cannot be read to the end. Accepted: a PNG, JPEG or WebP file saved again from a photo editor."
    ]


def test_an_intact_photo_is_published(site):
    (site / "docs/images/ok.png").write_bytes(png(40, 30))
    with_image(site, "images/ok.png")
    result = build_in_process(site)
    assert result.ok, result.messages
    assert 'alt="A picture"' in (result.site_dir / "treatments/pen/index.html").read_text(encoding="utf-8")


CONSENT_ACCEPTED = "true, once the patient's written consent to publish these photos is on file."


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        ("false", "only true, e.g. true."),
        ("yes", CONSENT_ACCEPTED),
        ("'true'", CONSENT_ACCEPTED),
        ("1", CONSENT_ACCEPTED),
        ("1.0", CONSENT_ACCEPTED),
    ],
)
def test_consent_other_than_true_is_refused_in_yaml_words(site, written, accepted):
    (site / "docs/images/b.png").write_bytes(png(20, 20))
    (site / "docs/images/a.png").write_bytes(png(20, 20))
    replace_in(
        site / PEN,
        "  order: 30\n",
        "  order: 30\n  before_after:\n    - before: {file: images/b.png, alt: Before}\n"
        f"      after: {{file: images/a.png, alt: After}}\n      patient_consent: {written}\n      unretouched: true\n",
    )
    [line] = build_problems(site)
    assert line.startswith(
        f"{PEN}, line {line_of(site / PEN, 'patient_consent:')}: treatment.before_after, item 1, patient_consent: found "
    )
    assert line.endswith(f"Accepted: {accepted}")


@pytest.mark.parametrize(("field", "written"), [("overview", "1"), ("overview", "'yes'"), ("search", "{exclude: 'on'}")])
def test_page_switches_take_only_true_or_false(site, field, written):
    replace_in(site / "docs/privacy.md", "description: Your privacy.\n", f"description: Your privacy.\n{field}: {written}\n")
    [line] = build_problems(site)
    assert line.startswith(f"docs/privacy.md, line {line_of(site / 'docs/privacy.md', field + ':')}: {field}")
    assert "Accepted: " in line and "true" in line.split("Accepted: ")[1]
