"""The claims check reads what readers see: no markup, no look-alike characters, no YAML keys or comments."""

from __future__ import annotations

import pytest

from clinic_site.claims import CLAIMS_FILE, MOST_MATCHES, claim_problems, find_claims, load_claim_rules
from clinic_site.model import TreatmentPage
from clinic_site.reader_text import (
    MKDOCS_SHOWN,
    VOCABULARY_KEY_FIELDS,
    VOCABULARY_SHOWN,
    page_text,
    read_piece,
    yaml_text,
)
from tests.support.sites import ROOT

RULES = load_claim_rules(ROOT / CLAIMS_FILE)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("pain\u2011free", "pain-free"),  # non-breaking hyphen
        ("pain\u2010free", "pain-free"),  # hyphen
        ("pain\u00adless", "painless"),  # soft hyphen
        ("pain\u200bless", "painless"),  # zero-width space
        ("pain\u200dless", "painless"),  # zero-width joiner
        ("pain\ufeffless", "painless"),  # byte-order mark inside the text
        ("no\u00a0downtime", "no downtime"),  # no-break space
        ("no\u202fdowntime", "no downtime"),  # narrow no-break space
        ("won\u2019t feel", "won't feel"),  # curly apostrophe
        ("\uff50\uff41\uff49\uff4e\uff4c\uff45\uff53\uff53", "painless"),  # full-width letters
        ("p\u0430inl\u0435ss", "painless"),  # Cyrillic a and e
        ("\u0440ainless", "painless"),  # Cyrillic er
        ("pa\u0301inless", "painless"),  # a combining accent
        ("p\u00e1inless", "painless"),  # an accented letter
        ("pain\u2014free", "pain - free"),  # em dash
        ("Botox\u2122", "Botox"),  # a trade mark sign
        ("pain**less**", "painless"),
        ("pain*less*", "painless"),
        ("pain_less_", "painless"),
        ("pain<em>less</em>", "painless"),
        ("pain<span class='x'>less</span>", "painless"),
        ("pain<wbr>less", "painless"),
        ("pain&shy;less", "painless"),
        ("pain&#8209;free", "pain-free"),
        ("pain&#x2011;free", "pain-free"),
        ("no&nbsp;downtime", "no downtime"),
        ("pain\\-free", "pain-free"),  # a Markdown escape
        ("`painless`", "painless"),  # code is shown too
    ],
)
def test_look_alike_characters_and_markup_read_as_the_plain_word(written, read):
    assert read_piece(written).text == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("no <!-- a note --> downtime", "no   downtime"),  # comments are never shown
        ("[our peel](painless-peel.md)", "[our peel]"),  # nor link addresses
        ("Peels{ #painless .x }", "Peels"),  # nor attribute lists
        ('<img src="a.png" alt="A painless peel">', "\nA painless peel\n"),  # but alt text is
        ("pain<br>less", "pain\nless"),  # a line break separates words
    ],
)
def test_what_readers_never_see_is_left_out_and_what_they_see_is_kept(written, read):
    assert read_piece(written).text == read


def test_a_disguised_phrase_is_found_on_its_line_and_quoted_as_written():
    source = (
        "---\ntitle: Peels\n---\n\n<!-- a comment\nover two lines -->\n\n"
        "Our peel is pain<em>less</em>\nand pain\u2011free.\n\n[x](a.md) Guar\u200banteed!\n"
    )
    found = [(f.text, f.line, f.seen) for f in find_claims(source.split("---\n", 2)[2], RULES)]
    assert [(text, line + 3, seen) for text, line, seen in found] == [
        ("pain<em>less</em>", 8, "painless"),
        ("pain\u2011free", 9, "pain-free"),
        ("Guar\u200banteed", 11, "Guaranteed"),
    ]
    assert [p.line for p in claim_problems(source, "docs/p.md", RULES, [])] == [8, 9, 11]


def test_front_matter_values_readers_see_are_read_at_their_lines():
    source = (
        "---\n"
        "title: Peels  # painless\n"  # 2: comments are not read
        "description: >-\n"  # 3
        "  A gentle peel,\n"
        "  completely safe.\n"  # 5
        "treatment:\n"
        "  name: Peel\n"
        "  not_suitable_for: [isotretinoin]\n"  # 8: vocabulary keys are not read (readers see their labels)
        "  risks: [Redness, 'Zero downtime']\n"  # 9
        "  aftercare:\n"
        "    - when: Day 1\n"
        '      advice: "Pain\\u00adless, so no numbing"\n'  # 12: a YAML escape, read as parsed
        "claims_reviewed:\n"
        "  - phrase: painless\n"  # 14: the exception's own phrase is not the page's text
        "    reason: Checked by the clinical lead.\n"
        "---\n"
    )
    page = page_text(source)
    assert [(piece.first_line, piece.text.strip()) for piece in page.reader.pieces] == [
        (2, "Peels"),
        (3, ">-\n  A gentle peel,\n  completely safe."),
        (7, "Peel"),
        (9, "Redness"),
        (9, "'Zero downtime'"),
        (11, "Day 1"),
        (12, "Painless, so no numbing"),
        (17, ""),
    ]
    assert page.exception_lines == {0: 14}
    problems = claim_problems(source, "docs/p.md", RULES, [])
    assert [(p.line, p.problem.split(" is ")[0]) for p in problems] == [
        (5, "'completely safe'"),
        (9, "'Zero downtime'"),
        (12, "'Pain\xadless' (which reads 'Painless')"),
    ]


def test_every_vocabulary_field_of_the_content_model_is_left_unread():
    """Its values are keys; readers see the labels, which are read in data/vocabulary.yml."""

    def vocabulary_fields(schema: dict, name: str = "") -> set[str]:
        found = set()
        if "x-vocabulary" in schema:
            found.add(name)
        for key, value in schema.items():
            if key == "properties":
                for field, sub in value.items():
                    found |= vocabulary_fields(sub, field)
            elif isinstance(value, dict):
                found |= vocabulary_fields(value, name)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        found |= vocabulary_fields(item, name)
        return found

    fields = vocabulary_fields(TreatmentPage.model_json_schema())
    assert fields >= {"category", "concerns", "not_suitable_for"}
    assert fields <= set(VOCABULARY_KEY_FIELDS)


def test_mkdocs_yml_text_readers_see_is_read_and_the_rest_is_not():
    text = (
        "site_name: Willow\n"
        "site_description: Painless skin care\n"
        "copyright: '&copy; Willow'\n"
        "theme:\n  name: material\n  language: en\n"
        "nav:\n  - Home: index.md\n  - No downtime: painless.md\n"
        "markdown_extensions:\n  - toc:\n      title: On this page\n"
        "extra:\n  clinic:\n    name: Willow\n    opening_hours: [Monday to Friday]\n"
    )
    pieces = yaml_text(text, MKDOCS_SHOWN).pieces
    assert [(p.first_line, p.text) for p in pieces] == [
        (1, "Willow"),
        (2, "Painless skin care"),
        (3, "'\u00a9 Willow'"),
        (8, "Home"),
        (9, "No downtime"),
        (15, "Willow"),
        (16, "Monday to Friday"),
    ]


def test_vocabulary_labels_and_descriptions_are_read_but_not_keys():
    text = "concerns:\n  painless-skin:\n    label: Acne\n    description: >-\n      Completely safe.\n"
    assert [(p.first_line, p.text.split()) for p in yaml_text(text, VOCABULARY_SHOWN).pieces] == [
        (3, ["Acne"]),
        (4, [">-", "Completely", "safe."]),
    ]


def test_a_page_with_too_many_risky_phrases_gets_one_clear_message_and_no_more_work():
    problems = claim_problems("painless\n" * (MOST_MATCHES + 5), "docs/p.md", RULES, [])
    assert len(problems) == MOST_MATCHES + 1
    assert str(problems[0]) == (
        "docs/p.md, line 1001: wording: the claims check stopped here: this file has 1,005 phrases that may be risky, "
        "and it reads at most 1,000 per file. Accepted: far fewer risky-looking phrases (a real page has a handful); "
        "reword them, or split the file."
    )


def test_deeply_nested_front_matter_is_read_without_running_out_of_stack():
    source = "---\ntitle: " + "[" * 3000 + "painless" + "]" * 3000 + "\n---\n"
    [problem] = claim_problems(source, "docs/p.md", RULES, [])
    assert (problem.line, problem.problem.split(" is ")[0]) == (2, "'painless'")
