"""The link-preview card drawn from a shared layer (eyebrow and band drawn once per build) is the
same picture, pixel for pixel, as the card drawn whole, in the order the design states."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from clinic_site import link_previews
from clinic_site.link_previews import BAND, HEIGHT, MARGIN, WIDTH, _font, _ramp, _title_lines, draw_card

COLOURS = link_previews.DEFAULT_COLOURS


def card_drawn_whole(title: str, eyebrow: str, footer_left: str, footer_right: str) -> Image.Image:
    """The design drawn in one pass: eyebrow, title, then the band and its lines over everything."""
    layer = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(layer)
    small = _font(32)
    draw.text((MARGIN, 84), eyebrow.upper(), font=small, fill=100)
    font, lines = _title_lines(title)
    line_height = round(font.size * 1.18)
    top = 84 + 70 + (3 - len(lines)) * line_height // 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=127)
    draw.rectangle((0, HEIGHT - BAND, WIDTH, HEIGHT), fill=128)
    band_y = HEIGHT - BAND + (BAND - 32) // 2 - 4
    draw.text((MARGIN, band_y), footer_left, font=small, fill=255)
    draw.text((WIDTH - MARGIN - small.getlength(footer_right), band_y), footer_right, font=small, fill=230)
    return layer


@pytest.mark.parametrize(
    "title",
    [
        "Chemical peel",
        "x",
        "Émile's Ågström gjpq treatment",
        "Laser hair removal for darker skin types: what to expect, the risks and the aftercare " * 3,  # cut with …
    ],
)
def test_card_matches_the_card_drawn_whole(title):
    args = ("Harley Street Skin Clinic", "Book a consultation: 020 7946 0000", "example.org")
    card = draw_card(title, *args, COLOURS)
    expected = card_drawn_whole(title, *args)
    assert card.mode == "P" and card.size == (WIDTH, HEIGHT)
    assert card.tobytes() == expected.tobytes()
    assert card.getpalette() == _ramp(COLOURS["sand"], COLOURS["ink"]) + _ramp(COLOURS["teal"], "#ffffff")


def test_cards_of_one_build_do_not_share_their_titles():
    args = ("Clinic", "Book a consultation: 020 7946 0000", "example.org")
    first, second, again = (draw_card(t, *args, COLOURS).tobytes() for t in ("First", "Second", "First"))
    assert first != second and first == again
    assert draw_card("First", "Another clinic", *args[1:], COLOURS).tobytes() != first  # the eyebrow is part of the key
