"""Pictures on pages: checked like any editor input, and converted for phones at build time.

An editor names a picture in front matter (`treatment.image`, `treatment.before_after`, or `image:`
on any page, e.g. the home page's hero): `{file: images/x.png, alt: ...}`. At every build:

- the file must exist inside docs/ and be an SVG, PNG, JPEG or WebP that can be read;
- an SVG is treated as hostile: one with scripts, event handlers (onload=...), links to other
  files, embedded HTML or anything outside plain SVG is refused with a message naming the file,
  the line and what was found (it would run, or reach another site, in the reader's browser);
  a safe SVG is published as it is (MkDocs copies it) and shown at its own size;
- a photo (PNG, JPEG, WebP) becomes several widths in AVIF and WebP with a JPEG (or, with
  transparency, PNG) fallback, for a <picture> element with width and height so nothing shifts as
  it loads. Metadata (EXIF, with a phone's GPS position) is not copied.

Conversions are cached outside site/ (`.cache/clinic-site/images/`, or $CLINIC_CACHE_DIR), keyed by
the file's content hash and the conversion settings, so a repeat build converts nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import warnings
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clinic_site.picture_fields import Picture
from clinic_site.problems import ContentError, ContentProblem, show_value
from clinic_site.validation import validate

RASTER_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
ACCEPTED_FILE = "the path of a picture inside docs/, e.g. images/peel-depths.svg (SVG, PNG, JPEG or WebP)"
ACCEPTED_SVG = (
    "a plain SVG drawing: no scripts, event handlers (onload=...), links to other files, embedded HTML "
    "or editor-specific data (save it from your drawing program as 'Plain SVG' or 'Optimized SVG')"
)
MAX_SVG_BYTES = 512 * 1024
MAX_PIXELS = 40_000_000

# Conversion settings: part of the cache key, so changing any of them converts every photo again.
WIDTHS = (480, 800, 1200, 1600)
AVIF = {"quality": 55, "speed": 8}
WEBP = {"quality": 78, "method": 4}
JPEG = {"quality": 82, "progressive": True, "optimize": True}
PNG = {"optimize": True}
SIZES = "(min-width: 76.25em) 42rem, calc(100vw - 1.6rem)"  # the text column on desktop, else the screen
PUBLISHED_DIR = "images/generated"


def cache_root(project_root: Path) -> Path:
    return Path(os.environ.get("CLINIC_CACHE_DIR") or project_root / ".cache" / "clinic-site")


# -- SVG: refuse anything that could run or reach out -----------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SVG_ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath",
    "mask", "pattern", "marker", "style", "filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood",
    "feComposite", "feMerge", "feMergeNode", "feColorMatrix", "feDropShadow",
}  # fmt: skip
OUTSIDE_REFERENCE = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|javascript:|expression\(", re.IGNORECASE)


class UnsafeSvg(Exception):
    def __init__(self, line: int, found: str):
        super().__init__(found)
        self.line = line
        self.found = found


@dataclass(frozen=True)
class SvgFacts:
    width: int
    height: int


def _svg_size(attributes: dict[str, str]) -> tuple[int, int] | None:
    view_box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width = height = 0
        if width > 0 and height > 0:
            return round(width), round(height)
    try:
        width, height = (float(attributes[name].removesuffix("px")) for name in ("width", "height"))
    except (KeyError, ValueError):
        return None
    return (round(width), round(height)) if width > 0 and height > 0 else None


@functools.lru_cache(maxsize=256)  # by content: many pages name the same drawing, and the preview rebuilds often
def check_svg(data: bytes) -> SvgFacts:
    """The drawing's size, or UnsafeSvg naming the first thing that is not plain, inert SVG."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    state: dict[str, Any] = {"size": None, "depth": 0, "metadata_depth": None, "in_style": False}

    def refuse(found: str):
        raise UnsafeSvg(parser.CurrentLineNumber, found)

    def start(name: str, attributes: dict[str, str]):
        namespace, _, local = name.rpartition(" ")
        state["depth"] += 1
        if state["metadata_depth"] is not None:
            return  # inside <metadata>: descriptive data, never rendered or run
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            refuse(f"a <{local}> element" + ("" if namespace == SVG_NS else f" from outside SVG ({namespace or 'no namespace'})"))
        if state["depth"] == 1:
            if local != "svg":
                refuse(f"a <{local}> element where the drawing should start with <svg>")
            state["size"] = _svg_size({k.rpartition(" ")[2]: v for k, v in attributes.items()})
        if local == "metadata":
            state["metadata_depth"] = state["depth"]
        state["in_style"] = local == "style"
        for qualified, value in attributes.items():
            attr_ns, _, attr = qualified.rpartition(" ")
            if attr.lower().startswith("on"):
                refuse(f"an event handler ({attr}=...) on <{local}>")
            if attr_ns not in ("", XLINK_NS, XML_NS):
                refuse(f"an attribute from outside SVG ({attr}, {attr_ns}) on <{local}>")
            if attr == "href" and not value.strip().startswith("#"):
                refuse(f"a link to {show_value(value)} on <{local}>")
            if OUTSIDE_REFERENCE.search(value):
                refuse(f"a reference to something outside the drawing ({show_value(value)}) on <{local}>")

    def end(name: str):
        if state["metadata_depth"] == state["depth"]:
            state["metadata_depth"] = None
        state["depth"] -= 1
        state["in_style"] = False

    def text(content: str):
        if state["in_style"] and OUTSIDE_REFERENCE.search(content):
            refuse("a style sheet that loads something from outside the drawing (url(...) or @import)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = lambda *args: refuse("a DOCTYPE declaration (it can define entities)")
    parser.EntityDeclHandler = lambda *args: refuse("an entity declaration")
    parser.ProcessingInstructionHandler = lambda target, data: refuse(f"a processing instruction (<?{target} ...?>)")
    parser.ExternalEntityRefHandler = lambda *args: refuse("a reference to an external entity")
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise UnsafeSvg(error.lineno, f"XML that cannot be read ({xml.parsers.expat.ErrorString(error.code)})") from None
    if state["size"] is None:
        raise UnsafeSvg(1, "no size: the <svg> element has neither a viewBox nor a width and height")
    return SvgFacts(*state["size"])


# -- what templates get ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    url: str  # site-root relative
    width: int


@dataclass(frozen=True)
class Source:
    type: str  # image/avif, image/webp
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class PictureView:
    """A <picture> (or a plain <img> for SVG): everything overrides/partials/clinic/picture.html needs."""

    src: str  # site-root relative URL of the fallback (or the SVG)
    width: int
    height: int
    alt: str
    caption: str | None
    sources: tuple[Source, ...] = ()
    fallback: tuple[Candidate, ...] = ()
    sizes: str = SIZES
    source_file: Path | None = None  # the editor's file (photos only: link previews may crop it)


@dataclass
class Pictures:
    """Every picture of one build: the views by page and field, and the converted files to publish."""

    views: dict[tuple[str, str], Any] = field(default_factory=dict)  # (src_uri, "image") -> PictureView
    published: dict[str, Path] = field(default_factory=dict)  # site path -> cached file
    problems: list[ContentProblem] = field(default_factory=list)

    def of(self, src_uri: str, name: str):
        return self.views.get((src_uri, name))


# -- conversion -----------------------------------------------------------------------------------


def _settings_key() -> str:
    from PIL import __version__ as pillow_version

    settings = {"widths": WIDTHS, "avif": AVIF, "webp": WEBP, "jpeg": JPEG, "png": PNG, "pillow": pillow_version}
    return json.dumps(settings, sort_keys=True)


def convert_photo(source: Path, cache_dir: Path) -> dict[str, Any]:
    """Convert (or find in the cache) one photo; returns its manifest:
    {"width", "height", "fallback": "jpg"|"png", "files": {format: [[name, width], ...]}}."""
    data = source.read_bytes()
    key = hashlib.sha256(data + _settings_key().encode()).hexdigest()[:20]
    folder = cache_dir / "images" / key
    manifest_file = folder / "manifest.json"
    if manifest_file.is_file():
        return json.loads(manifest_file.read_text(encoding="utf-8")) | {"folder": str(folder)}
    from PIL import Image, ImageOps

    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    widths = sorted({w for w in WIDTHS if w < image.width} | {min(image.width, WIDTHS[-1])})
    stem = re.sub(r"[^a-z0-9-]+", "-", source.stem.lower()).strip("-") or "picture"
    fallback = "png" if has_alpha else "jpg"
    files: dict[str, list] = {"avif": [], "webp": [], fallback: []}
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    for width in widths:
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for extension, (pil_format, options) in {
            "avif": ("AVIF", AVIF),
            "webp": ("WEBP", WEBP),
            fallback: ("PNG", PNG) if fallback == "png" else ("JPEG", JPEG),
        }.items():
            name = f"{stem}-{key[:10]}-{width}.{extension}"
            resized.save(tmp / name, pil_format, **options)
            files[extension].append([name, width])
    shown_width = image.width if image.width <= WIDTHS[-1] else widths[-1]
    manifest = {
        "width": shown_width,
        "height": round(image.height * shown_width / image.width),
        "files": files,
        "fallback": fallback,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    try:
        tmp.rename(folder)  # atomic: a build running at the same time sees all files or none
    except OSError:  # another build finished the same conversion first
        shutil.rmtree(tmp, ignore_errors=True)
    return json.loads(manifest_file.read_text(encoding="utf-8")) | {"folder": str(folder)}


# -- checking and preparing every picture of the site -----------------------------------------------


class _PageImage(BaseModel):
    """`image:` in the front matter of a page that is not a treatment (e.g. the home page's hero)."""

    image: Picture


def _file_problem(shown_as: str, label: str, problem: str, line: int | None, accepted: str = ACCEPTED_FILE):
    return ContentProblem(shown_as, label, problem, accepted, line=line)


def prepare_picture(
    picture: Picture, docs_dir: Path, docs_name: str, cache_dir: Path, where: tuple[str, str, int | None], pictures: Pictures
) -> PictureView | None:
    """Check one picture's file and convert it; a problem is added to `pictures` and None returned."""
    shown_as, label, line = where
    relative = picture.file.lstrip("/")
    path = (docs_dir / relative).resolve()
    if not path.is_relative_to(docs_dir) or not path.is_file():
        problem = f"{show_value(picture.file)} is not a file in {docs_name}/"
        pictures.problems.append(_file_problem(shown_as, f"{label}.file", problem, line))
        return None
    url = path.relative_to(docs_dir).as_posix()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        data = path.read_bytes()
        if len(data) > MAX_SVG_BYTES:
            problem = f"{docs_name}/{url} is {len(data) // 1024} KB, too large for an illustration"
            pictures.problems.append(
                _file_problem(shown_as, f"{label}.file", problem, line, f"an SVG of at most {MAX_SVG_BYTES // 1024} KB")
            )
            return None
        try:
            facts = check_svg(data)
        except UnsafeSvg as unsafe:
            problem = f"{docs_name}/{url}, line {unsafe.line}, contains {unsafe.found}"
            pictures.problems.append(_file_problem(shown_as, f"{label}.file", problem, line, ACCEPTED_SVG))
            return None
        return PictureView(url, facts.width, facts.height, picture.alt, picture.caption)
    if suffix not in RASTER_SUFFIXES:
        problem = f"{show_value(picture.file)} is not a picture format the site can show"
        pictures.problems.append(_file_problem(shown_as, f"{label}.file", problem, line))
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # sizes are checked below, against the site's own limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                pixels = image.width * image.height
                kind = image.format
    except Image.DecompressionBombError:  # a header claiming billions of pixels: refused before decoding
        pixels, kind = MAX_PIXELS + 1, None
    except (UnidentifiedImageError, OSError):
        problem = f"{docs_name}/{url} cannot be read as a picture"
        pictures.problems.append(
            _file_problem(shown_as, f"{label}.file", problem, line, "a PNG, JPEG or WebP file saved again from a photo editor")
        )
        return None
    if pixels > MAX_PIXELS:
        problem = f"{docs_name}/{url} has " + (f"{pixels:,} pixels" if kind else f"more than {MAX_PIXELS:,} pixels")
        pictures.problems.append(
            _file_problem(
                shown_as, f"{label}.file", problem, line, f"a picture of at most {MAX_PIXELS:,} pixels (e.g. 6000 x 4000)"
            )
        )
        return None
    if kind not in RASTER_SUFFIXES.values():
        problem = f"{docs_name}/{url} is a {kind} file named {suffix}"
        pictures.problems.append(
            _file_problem(shown_as, f"{label}.file", problem, line, "a PNG, JPEG or WebP file with its right extension")
        )
        return None
    try:
        manifest = convert_photo(path, cache_dir)
    except (OSError, ValueError, SyntaxError):  # the header reads, the picture itself is damaged or cut short
        problem = f"{docs_name}/{url} is damaged: its picture cannot be read to the end"
        pictures.problems.append(
            _file_problem(shown_as, f"{label}.file", problem, line, "a PNG, JPEG or WebP file saved again from a photo editor")
        )
        return None
    folder = Path(manifest["folder"])

    def candidates(extension: str) -> tuple[Candidate, ...]:
        found = []
        for name, width in manifest["files"][extension]:
            site_path = f"{PUBLISHED_DIR}/{name}"
            pictures.published[site_path] = folder / name
            found.append(Candidate(site_path, width))
        return tuple(found)

    fallback = candidates(manifest["fallback"])
    sources = (Source("image/avif", candidates("avif")), Source("image/webp", candidates("webp")))
    return PictureView(
        fallback[-1].url, manifest["width"], manifest["height"], picture.alt, picture.caption, sources, fallback, SIZES, path
    )


def _line(front_matter, *loc) -> int | None:
    return front_matter.line_of(loc) if front_matter is not None else None


def prepare_all(catalogue, front_matters: dict, pages, docs_dir: Path, docs_name: str, cache_dir: Path) -> Pictures:
    """Check and convert every picture named in the site's front matter (call after the catalogue)."""
    pictures = Pictures()
    docs_dir = docs_dir.resolve()
    for entry in catalogue:
        t = entry.treatment
        fm = front_matters.get(entry.src_uri)
        if t.image is not None:
            where = (entry.shown_as, "treatment.image", _line(fm, "treatment", "image", "file"))
            pictures.views[(entry.src_uri, "image")] = prepare_picture(t.image, docs_dir, docs_name, cache_dir, where, pictures)
        pairs = []
        for number, pair in enumerate(t.before_after):
            views = {}
            for side in ("before", "after"):
                label = f"treatment.before_after, item {number + 1}, {side}"
                where = (entry.shown_as, label, _line(fm, "treatment", "before_after", number, side, "file"))
                views[side] = prepare_picture(getattr(pair, side), docs_dir, docs_name, cache_dir, where, pictures)
            pairs.append({"before": views["before"], "after": views["after"], "after_weeks": pair.after_weeks})
        pictures.views[(entry.src_uri, "before_after")] = pairs
    treatment_pages = {entry.src_uri for entry in catalogue}
    for page in pages:
        fm = front_matters.get(page.src_uri)
        if page.src_uri in treatment_pages or fm is None or "image" not in fm.data:
            continue
        try:
            image = validate(_PageImage, fm.document, data={"image": fm.data["image"]}).image
        except ContentError:
            continue  # reported by the page's own model (model.PlainPage)
        where = (page.shown_as, "image", fm.line_of(("image", "file")))
        pictures.views[(page.src_uri, "image")] = prepare_picture(image, docs_dir, docs_name, cache_dir, where, pictures)
    return pictures


def published_files(pictures: Pictures, config) -> list:
    """MkDocs Files for the converted photos (copied from the cache into the site)."""
    from mkdocs.structure.files import File

    return [
        File.generated(config, site_path, abs_src_path=str(cached)) for site_path, cached in sorted(pictures.published.items())
    ]
