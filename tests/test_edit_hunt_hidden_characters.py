"""Hidden characters pasted with text (a zero-width space, a right-to-left override, a byte-order mark
inside a value) published silently: a name of nothing but a zero-width space looked empty, an
override showed the text backwards, and a split word escaped search. Each is refused where an
editor writes text: front matter, vocabulary labels, mkdocs.yml and the Markdown itself.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.edit_hunt import only_problem
from tests.support.small_site import PEN, build_in_process, line_of, replace_in, small_project

ACCEPTED = "the text typed again without hidden characters (they come with text copied from web pages, documents and chat apps)"


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


@pytest.mark.parametrize(
    ("page", "old", "field", "value", "said"),
    [
        (PEN, "  name: Pen", "treatment.name", "P\u200ben", "(U+200B, zero width space) after 'P'"),
        (PEN, "  name: Pen", "treatment.name", "\u200b", "(U+200B, zero width space) at the start"),
        (PEN, "  name: Pen", "treatment.name", "\u202ePen", "(U+202E, right-to-left override) at the start"),
        (
            PEN,
            "    - Redness and swelling",
            "treatment.risks, item 1",
            "Redness\ufeff and swelling",
            "(U+FEFF, zero width no-break space) after 'Redness'",
        ),
        (PEN, "title: Microneedling pen (test)", "title", "Micro\u2060needling", "(U+2060, word joiner) after 'Micro'"),
        ("docs/privacy.md", "title: Privacy", "title", "Priv\u200bacy", "(U+200B, zero width space) after 'Priv'"),
        (
            "docs/privacy.md",
            "description: Your privacy.",
            "description",
            "\u2067Your privacy.",
            "(U+2067, right-to-left isolate) at the start",
        ),
    ],
)
def test_hidden_characters_in_front_matter_are_refused(site, page, old, field, value, said):
    key, _, _ = old.strip().lstrip("- ").partition(":")
    written = old[: len(old) - len(old.lstrip(" -"))] + (f'{key}: "{value}"' if ":" in old else f'"{value}"')
    replace_in(site / page, old, written)
    shown = repr(value)
    assert only_problem(site) == (
        f"{page}, line {line_of(site / page, written.strip())}: {field}: {shown}: it contains an invisible character {said}. "
        f"Accepted: {ACCEPTED}."
    )


def test_hidden_characters_in_the_clinic_details_are_refused(site):
    replace_in(site / "mkdocs.yml", "    name: Willow Skin Clinic", '    name: "Willow\u200b Skin Clinic"')
    assert only_problem(site) == (
        f"mkdocs.yml, line {line_of(site / 'mkdocs.yml', 'Willow' + chr(0x200B))}: extra.clinic.name: 'Willow\\u200b Skin Clinic': "
        f"it contains an invisible character (U+200B, zero width space) after 'Willow'. Accepted: {ACCEPTED}."
    )


@pytest.mark.parametrize(
    ("file", "old"), [("data/vocabulary.yml", "    label: Fine lines"), ("mkdocs.yml", "site_name: Willow Skin Clinic")]
)
def test_hidden_characters_in_labels_and_site_settings_are_refused(site, file, old):
    key, _, text = old.partition(": ")
    replace_in(site / file, old, f'{key}: "\u202e{text}"')
    line = only_problem(site)
    assert line.startswith(f"{file}, line {line_of(site / file, chr(0x202E))}: ")
    assert "it contains an invisible character (U+202E, right-to-left override) at the start" in line


@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\u2066"])
def test_hidden_characters_in_the_markdown_are_refused(site, character):
    replace_in(site / PEN, "A test page about a pen.", f"A test {character}page about a pen.")
    name = {"\u202e": "right-to-left override", "\u200b": "zero width space", "\u2066": "left-to-right isolate"}[character]
    assert only_problem(site) == (
        f"{PEN}, line {line_of(site / PEN, 'A test ')}: page content: it contains an invisible character "
        f"(U+{ord(character):04X}, {name}) after 'A test '. Accepted: {ACCEPTED}."
    )


def test_emoji_made_with_joiners_and_text_from_other_scripts_are_published(site):
    replace_in(
        site / PEN,
        "  summary: Fine needles prompt the skin to make new collagen.",
        "  summary: Fine needles 👩\u200d⚕️ prompt the skin to make new collagen, naïve café.",
    )
    result = build_in_process(site)
    assert result.ok, result.messages
    assert "👩\u200d⚕️ prompt the skin to make new collagen, naïve café." in (
        result.site_dir / "treatments/pen/index.html"
    ).read_text(encoding="utf-8")


def test_hidden_characters_in_a_vocabulary_description_are_refused(site):
    vocabulary = site / "data/vocabulary.yml"
    replace_in(vocabulary, "      Acne can leave marks", "      Acne\u200b can leave marks")
    line = only_problem(site)
    # The line of the field (`description: >-`), as for every field; the folded text starts below it.
    key_line = line_of(vocabulary, "Acne" + chr(0x200B)) - 1
    assert vocabulary.read_text(encoding="utf-8").splitlines()[key_line - 1].strip() == "description: >-"
    assert line.startswith(f"data/vocabulary.yml, line {key_line}: concerns.acne-scars.description: ")
    assert line.endswith(f"it contains an invisible character (U+200B, zero width space) after 'Acne'. Accepted: {ACCEPTED}.")
