"""Pictures: editors' SVGs are treated as hostile, photos become responsive AVIF/WebP/JPEG renditions
(cached), and every picture mistake is an editor error naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from clinic_site import images
from clinic_site.images import UnsafeSvg, check_svg, convert_photo
from tests.support.sites import ROOT, build, replace_in
from tests.support.small_site import line_of

PEEL = "docs/treatments/chemical-peel.md"
ILLUSTRATIONS = sorted((ROOT / "docs" / "images" / "illustrations").glob("*.svg"))


def svg(body: str, root: str = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">') -> bytes:
    return f"{root}\n{body}\n</svg>".encode()


# -- SVG -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ILLUSTRATIONS, ids=lambda p: p.name)
def test_the_demo_illustrations_are_plain_svg_with_a_size(path):
    facts = check_svg(path.read_bytes())
    assert facts.width == 360 and facts.height > 0


@pytest.mark.parametrize(
    ("body", "line", "found"),
    [
        ("<script>alert(1)</script>", 2, "a <script> element"),
        ('<rect width="5" height="5" onload="alert(1)"/>', 2, "an event handler (onload=...) on <rect>"),
        ('<use href="https://evil.example/x.svg#a"/>', 2, "a link to 'https://evil.example/x.svg#a' on <use>"),
        ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>', 2, "a <foreignObject> element"),
        ('<rect style="fill:url(https://evil.example/track)" width="5" height="5"/>', 2, "a reference to something outside"),
        ("<style>@import url(https://evil.example/a.css);</style>", 2, "a style sheet that loads something"),
        ('<image href="data:image/png;base64,AAAA"/>', 2, "a <image> element"),
        ('<a href="javascript:alert(1)"><text>x</text></a>', 2, "a <a> element"),
        ('<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>', 2, "from outside SVG"),
    ],
)
def test_svg_that_could_run_or_reach_out_is_refused_naming_the_line(body, line, found):
    with pytest.raises(UnsafeSvg) as refused:
        check_svg(svg(body))
    assert refused.value.line == line
    assert found in refused.value.found


def test_svg_entities_and_style_sheet_instructions_are_refused():
    with pytest.raises(UnsafeSvg, match="DOCTYPE"):
        check_svg(b'<!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    with pytest.raises(UnsafeSvg, match="processing instruction"):
        check_svg(
            b'<?xml-stylesheet href="https://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'
        )


def test_svg_without_a_size_or_not_svg_at_all_is_refused():
    with pytest.raises(UnsafeSvg, match="no size"):
        check_svg(svg("", root='<svg xmlns="http://www.w3.org/2000/svg">'))
    with pytest.raises(UnsafeSvg, match="cannot be read"):
        check_svg(b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'><g></svg>")


def test_metadata_and_internal_references_are_allowed():
    facts = check_svg(
        svg(
            '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
            '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
            '<rect width="5" height="5" fill="url(#g)"/><use href="#g"/>'
        )
    )
    assert (facts.width, facts.height) == (100, 50)


# -- photos -----------------------------------------------------------------------------------------


def photo(path: Path, size=(2000, 1000), mode="RGB", **save) -> Path:
    image = Image.new(mode, size, (200, 150, 130, 255) if mode == "RGBA" else (200, 150, 130))
    for x in range(0, size[0], 50):  # some detail, so encoders have work to do
        image.paste((30, 90, 80) if mode == "RGB" else (30, 90, 80, 128), (x, 0, x + 10, size[1]))
    image.save(path, **save)
    return path


def test_a_photo_becomes_avif_webp_and_jpeg_in_several_widths(tmp_path):
    exif = Image.Exif()
    exif[0x0110] = "A phone camera"  # Model: stands for what a phone writes (its GPS position too)
    source = photo(tmp_path / "peel.jpg", exif=exif)
    with Image.open(source) as original:
        assert original.getexif()
    manifest = convert_photo(source, tmp_path / "cache")
    folder = Path(manifest["folder"])
    assert (manifest["width"], manifest["height"], manifest["fallback"]) == (1600, 800, "jpg")
    for extension, pil_format in (("avif", "AVIF"), ("webp", "WEBP"), ("jpg", "JPEG")):
        assert [width for _, width in manifest["files"][extension]] == [480, 800, 1200, 1600]
        for name, width in manifest["files"][extension]:
            with Image.open(folder / name) as rendition:
                assert rendition.format == pil_format and rendition.size == (width, width // 2)
                assert not rendition.getexif()  # no metadata (a phone's GPS position) is published


def test_a_photo_with_transparency_falls_back_to_png_and_a_small_one_is_not_enlarged(tmp_path):
    manifest = convert_photo(photo(tmp_path / "logo.png", size=(300, 200), mode="RGBA"), tmp_path / "cache")
    assert manifest["fallback"] == "png"
    assert [width for _, width in manifest["files"]["png"]] == [300]


def test_a_converted_photo_is_taken_from_the_cache_next_time(tmp_path, monkeypatch):
    source = photo(tmp_path / "peel.jpg")
    first = convert_photo(source, tmp_path / "cache")
    monkeypatch.setattr(Image.Image, "save", lambda *a, **k: pytest.fail("converted again instead of using the cache"))
    assert convert_photo(source, tmp_path / "cache") == first
    source.write_bytes(source.read_bytes() + b"\0")  # a changed file is converted again (new key)
    monkeypatch.undo()
    assert convert_photo(source, tmp_path / "cache")["folder"] != first["folder"]


# -- in a real build: editor errors and the published page ---------------------------------------------


def failed_lines(project: Path) -> list[str]:
    result = build(project)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    return [line.removeprefix("  - ") for line in result.output.splitlines() if line.startswith("  - ")]


def test_an_image_without_alt_text_is_an_editor_error(project):
    replace_in(project / PEEL, "    alt: \"Diagram of the skin's layers", "    caption_: \"Diagram of the skin's layers")
    lines = failed_lines(project)
    assert (
        f"{PEEL}, line {line_of(project / PEEL, '  image:')}: treatment.image.alt: this required field is missing. Accepted: what the picture shows, for people who cannot see it, e.g. Cross-section of skin showing how deep light, medium and deep peels reach."
        in lines
    )


def test_an_image_file_that_does_not_exist_is_an_editor_error(project):
    replace_in(project / PEEL, "file: images/illustrations/peel-depths.svg", "file: images/illustrations/peel-depth.svg")
    assert failed_lines(project) == [
        f"{PEEL}, line {line_of(project / PEEL, 'peel-depth.svg')}: treatment.image.file: 'images/illustrations/peel-depth.svg' is not a file in docs/. "
        "Accepted: the path of a picture inside docs/, e.g. images/peel-depths.svg (SVG, PNG, JPEG or WebP)."
    ]


def test_a_hostile_svg_is_refused_and_nothing_is_published(project):
    drawing = project / "docs/images/illustrations/peel-depths.svg"
    drawing.write_text(drawing.read_text().replace("<title>", '<script>fetch("https://evil.example")</script>\n  <title>', 1))
    [line] = failed_lines(project)  # every SVG in docs/ is checked before MkDocs reads any file
    assert line.startswith(
        "docs/images/illustrations/peel-depths.svg: image: the SVG image contains a <script> element. "
        "Accepted: a plain drawing: no scripts, event attributes, embedded HTML or links to other files"
    )
    assert not (project / "site" / "index.html").exists()


def test_a_home_page_image_is_checked_like_a_treatments(project):
    replace_in(project / "docs/index.md", "  file: images/illustrations/your-visit.svg", "  file: images/visit.png")
    assert failed_lines(project) == [
        "docs/index.md, line 7: image.file: 'images/visit.png' is not a file in docs/. "
        "Accepted: the path of a picture inside docs/, e.g. images/peel-depths.svg (SVG, PNG, JPEG or WebP)."
    ]


BEFORE_AFTER = """  before_after:
    - before: {file: images/patient-1-before.jpg, alt: Cheek with shallow acne scars before treatment}
      after: {file: images/patient-1-after.jpg, alt: The same cheek twelve weeks after a course of three peels}
      after_weeks: 12
"""


def test_before_and_after_photos_need_consent_and_unretouched(project):
    for side in ("before", "after"):
        photo(project / f"docs/images/patient-1-{side}.jpg", size=(900, 600))
    replace_in(project / PEEL, "  image:\n", BEFORE_AFTER + "  image:\n")
    lines = failed_lines(project)
    assert lines == [
        f"{PEEL}, line {line_of(project / PEEL, '    - before:')}: treatment.before_after, item 1, patient_consent: this required field is missing. "
        "Accepted: true, once the patient's written consent to publish these photos is on file, e.g. true.",
        f"{PEEL}, line {line_of(project / PEEL, '    - before:')}: treatment.before_after, item 1, unretouched: this required field is missing. "
        "Accepted: true: the photos are not retouched or filtered, only cropped, e.g. true.",
    ]


def test_photos_are_published_as_responsive_pictures_and_before_after_says_results_vary(project, tmp_path):
    for side in ("before", "after"):
        photo(project / f"docs/images/patient-1-{side}.jpg", size=(900, 600))
    photo(project / "docs/images/peel-photo.jpg", size=(1800, 1200))
    replace_in(project / PEEL, "    file: images/illustrations/peel-depths.svg", "    file: images/peel-photo.jpg")
    consented = BEFORE_AFTER + "      patient_consent: true\n      unretouched: true\n"
    replace_in(project / PEEL, "  image:\n", consented + "  image:\n")
    cache = tmp_path / "cache"
    result = build(project, env={"CLINIC_CACHE_DIR": str(cache)})
    assert result.ok, result.output
    page = BeautifulSoup((result.site_dir / "treatments/chemical-peel/index.html").read_text(), "html.parser")
    figure = page.select_one(".clinic-figure picture")
    assert [s["type"] for s in figure.select("source")] == ["image/avif", "image/webp"]
    img = figure.select_one("img")
    assert (img["width"], img["height"], img["loading"]) == ("1600", "1067", "lazy")
    assert img["alt"].startswith("Diagram of the skin's layers")
    for candidate in figure.select_one("source")["srcset"].split(", "):
        url, width = candidate.split(" ")
        assert (result.site_dir / "treatments/chemical-peel" / url).resolve().is_file() and width.endswith("w")
    section = page.select_one("#before-and-after").find_parent("section")
    assert "Results vary from person to person" in section.get_text()
    assert "not retouched" in section.get_text() and "consent" in section.get_text()
    assert len(section.select("picture")) == 2
    assert "After, 12 weeks later" in section.get_text()
    contents = [a["href"] for a in page.select(".md-nav--secondary a")]
    assert "#before-and-after" in contents
    # The link preview is the treatment's own photo, cropped to 1200 x 630.
    preview = page.find("meta", attrs={"property": "og:image"})["content"]
    with Image.open(result.site_dir / preview.split("/", 3)[3]) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
    # A second build converts nothing: the cached files are reused as they are.
    stamps = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    again = build(project, env={"CLINIC_CACHE_DIR": str(cache)})
    assert again.ok
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == stamps


def test_cache_lives_outside_the_site(tmp_path, monkeypatch):
    monkeypatch.delenv("CLINIC_CACHE_DIR", raising=False)
    assert images.cache_root(tmp_path) == tmp_path / ".cache" / "clinic-site"
