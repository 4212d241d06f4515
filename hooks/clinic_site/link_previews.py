"""Link previews: the picture a page shows when its address is shared (og:image, 1200 x 630).

Made at build time with no network: the page's title on the clinic's palette (read from the
`--clinic-*` colours in docs/stylesheets/clinic.css, so the site and its previews never disagree),
in the font bundled with Pillow (Aileron, public domain; `ImageFont.load_default(size)`). A
treatment with a photo of its own shares that photo, cropped to 1200 x 630. Files are cached
outside site/ by a hash of everything drawn, so a repeat build draws nothing, and copied into
`site/assets/previews/` after the build.

Drawing is kept cheap because every page has one: the card is drawn in one greyscale layer whose
levels map onto two colour ramps (background to ink, teal to white), so it is saved as a small
palette PNG without a slow colour quantisation.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BAND = 120  # the teal band at the bottom
PUBLISHED_DIR = "assets/previews"
DESIGN_VERSION = "1"  # change to redraw every cached card after changing the design
DEFAULT_COLOURS = {"sand": "#f3efe7", "ink": "#22302e", "teal": "#1e5a52"}


def palette_from_stylesheet(stylesheet: Path) -> dict[str, str]:
    """The --clinic-sand, --clinic-ink and --clinic-teal colours of the site's stylesheet."""
    colours = dict(DEFAULT_COLOURS)
    text = stylesheet.read_text(encoding="utf-8") if stylesheet.is_file() else ""
    for name in colours:
        if match := re.search(rf"--clinic-{name}:\s*(#[0-9a-fA-F]{{6}})\b", text):
            colours[name] = match[1].lower()
    return colours


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _ramp(start: str, end: str) -> list[int]:
    a, b = _rgb(start), _rgb(end)
    return [round(a[k] + (b[k] - a[k]) * i / 127) for i in range(128) for k in range(3)]


@cache
def _font(size: int) -> FreeTypeFont:
    """Pillow's bundled font at one size, loaded once per build process (loading costs more than drawing)."""
    from PIL import ImageFont

    font = ImageFont.load_default(size)
    if not isinstance(font, ImageFont.FreeTypeFont):  # Pillow's wheels always have FreeType
        raise RuntimeError("link previews need Pillow with FreeType")
    return font


def _wrapped(text: str, font: FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _title_lines(title: str) -> tuple[FreeTypeFont, list[str]]:
    """The largest of a few sizes at which the title fits in three lines (else cut with …)."""
    for size in (76, 64, 54):
        font = _font(size)
        lines = _wrapped(title, font, WIDTH - 2 * MARGIN)
        if len(lines) <= 3:
            return font, lines
    lines = lines[:3]
    while font.getlength(lines[2] + "…") > WIDTH - 2 * MARGIN and " " in lines[2]:
        lines[2] = lines[2].rsplit(" ", 1)[0]
    lines[2] += "…"
    return font, lines


@cache
def _palette(sand: str, ink: str, teal: str) -> list[int]:
    return _ramp(sand, ink) + _ramp(teal, "#ffffff")


@cache
def _static_layer(eyebrow: str, footer_left: str, footer_right: str):
    """What every card of a build shares: the eyebrow, the teal band and its two lines (levels as in
    draw_card). Drawn once per build, so each card only draws its title (a quarter of the work)."""
    from PIL import Image, ImageDraw

    layer = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(layer)
    small = _font(32)
    draw.text((MARGIN, 84), eyebrow.upper(), font=small, fill=100)
    draw.rectangle((0, HEIGHT - BAND, WIDTH, HEIGHT), fill=128)
    band_y = HEIGHT - BAND + (BAND - 32) // 2 - 4
    draw.text((MARGIN, band_y), footer_left, font=small, fill=255)
    draw.text((WIDTH - MARGIN - small.getlength(footer_right), band_y), footer_right, font=small, fill=230)
    return layer


def draw_card(title: str, eyebrow: str, footer_left: str, footer_right: str, colours: dict[str, str]):
    """The card as a palette image. Levels 0-127: background to ink; 128-255: teal to white."""
    from PIL import ImageDraw

    shared = _static_layer(eyebrow, footer_left, footer_right)
    layer = shared.copy()
    draw = ImageDraw.Draw(layer)
    font, lines = _title_lines(title)
    line_height = round(font.size * 1.18)
    top = 84 + 70 + (3 - len(lines)) * line_height // 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=127)
    band = (0, HEIGHT - BAND, WIDTH, HEIGHT)
    layer.paste(shared.crop(band), band)  # the band is drawn over the title, as it always was
    layer.putpalette(_palette(colours["sand"], colours["ink"], colours["teal"]))  # now mode P, no copy
    return layer


def crop_photo(source: Path):
    """A treatment's own photo, cropped to fill 1200 x 630 around its centre."""
    from PIL import Image, ImageOps

    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    return ImageOps.fit(image, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)


@dataclass
class LinkPreviews:
    """The previews of one build: made (or found in the cache) as pages ask, published at the end."""

    cache_dir: Path
    site_url: str | None
    colours: dict[str, str]
    eyebrow: str  # the clinic's name
    footer_left: str  # e.g. "Book a consultation: 020 7946 0000"
    used: dict[str, Path] = field(default_factory=dict)  # site path -> cached file

    def __post_init__(self) -> None:
        _static_layer.cache_clear()  # drawn once per build: nothing carried from an earlier build

    def for_page(self, title: str, photo: Path | None = None) -> str | None:
        """The absolute og:image URL of a page (None without site_url: a preview needs an absolute URL)."""
        if not self.site_url:
            return None
        host = urlsplit(self.site_url).netloc.removeprefix("www.")
        if photo is not None:
            key = hashlib.sha256(photo.read_bytes() + f"photo|{DESIGN_VERSION}".encode()).hexdigest()[:20]
            name, make = f"{key}.jpg", lambda path: crop_photo(photo).save(path, "JPEG", quality=82, optimize=True)
        else:
            drawn = "|".join([DESIGN_VERSION, title, self.eyebrow, self.footer_left, host, *self.colours.values()])
            key = hashlib.sha256(drawn.encode()).hexdigest()[:20]
            card = lambda: draw_card(title, self.eyebrow, self.footer_left, host, self.colours)  # noqa: E731
            name, make = f"{key}.png", lambda path: card().save(path, "PNG", compress_level=3)  # fast, ~22 KB
        cached = self.cache_dir / "previews" / name
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".part{os.getpid()}{cached.suffix}")  # builds may run side by side
            make(partial)
            partial.replace(cached)  # atomic: a build running at the same time never reads half a file
        site_path = f"{PUBLISHED_DIR}/{name}"
        self.used[site_path] = cached
        return urljoin(self.site_url, site_path)

    def publish(self, site_dir: Path) -> None:
        for site_path, cached in self.used.items():
            target = site_dir / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
