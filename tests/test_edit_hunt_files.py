"""Editor mistakes found by trying edits as an editor would: how a file is saved and how YAML reads
numbers. Each class either builds the page the editor meant or fails with the editor's message.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.edit_hunt import build_problems, only_problem
from tests.support.small_site import PEN, build_in_process, line_of, replace_in, small_project


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


def facts_of(site: Path) -> str:
    result = build_in_process(site)
    assert result.ok, result.messages or result.failure
    return (result.site_dir / "treatments/pen/index.html").read_text(encoding="utf-8")


# -- line endings: Windows editors save CR LF, and MkDocs reads such pages as usual ---------------------


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["windows", "old-mac"])
def test_a_treatment_page_saved_with_other_line_endings_builds_the_same(site, ending):
    (site / PEN).write_bytes((site / PEN).read_bytes().replace(b"\n", ending))
    html = facts_of(site)
    assert "<dd>3–6 sessions, 2–4 weeks apart" in html
    assert "Fine needles prompt the skin to make new collagen." in html


def test_mistakes_on_a_windows_saved_page_name_the_right_line(site):
    replace_in(site / PEN, "  numbing: topical-cream", "  numbing: topical-creme")
    line = line_of(site / PEN, "numbing:")
    (site / PEN).write_bytes((site / PEN).read_bytes().replace(b"\n", b"\r\n"))
    assert only_problem(site).startswith(f"{PEN}, line {line}: treatment.numbing: 'topical-creme' is not a known numbing option")


# -- numbers: only as people write them (YAML 1.1 reads 0x10 as 16 and 1:30 as 90) ------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [("0750", "From £750"), ("1_000", "From £1,000"), ("99.50", "From £99.50"), ("'200'", "From £200")],
)
def test_prices_read_as_the_editor_wrote_them(site, written, shown):
    replace_in(site / PEN, "  price_from: 200", f"  price_from: {written}")
    assert f"<dd>{shown}<" in facts_of(site)


@pytest.mark.parametrize(
    ("field", "old", "written"),
    [
        ("price_from", "  price_from: 200", "0x10"),
        ("price_from", "  price_from: 200", "1:00"),
        ("session_minutes", "  session_minutes: 30-60", "1:30"),
        ("sessions", "  sessions: 3-6", "0b11"),
    ],
)
def test_numbers_in_other_bases_are_refused_not_converted(site, field, old, written):
    replace_in(site / PEN, old, f"  {field}: {written}")
    line = only_problem(site)
    assert line.startswith(f"{PEN}, line {line_of(site / PEN, field + ':')}: treatment.{field}: ")
    assert f"'{written}'" in line and "Accepted: " in line


def test_octal_looking_spf_reads_as_decimal(site):
    replace_in(site / PEN, "    spf: 30", "    spf: 050")
    assert "SPF 50 or higher" in facts_of(site)


@pytest.mark.parametrize("word", ["a" * 2_000, "deadbeef" * 200, "Face" * 500])
def test_long_words_are_text_not_huge_numbers(site, word):
    replace_in(site / PEN, "  name: Pen", f"  name: {word}")
    line = only_problem(site)
    assert line.startswith(f"{PEN}, line {line_of(site / PEN, 'name:')}: treatment.name: ")
    assert f"is {len(word)} characters long. Accepted: plain text (not empty), at most 40 characters" in line
    assert "number" not in line


# -- front matter that is not a list of fields -----------------------------------------------------------


@pytest.mark.parametrize(("page", "front"), [(PEN, "- a\n- b"), (PEN, "just text"), ("docs/privacy.md", "- Privacy")])
def test_front_matter_that_is_a_list_or_text(site, page, front):
    (site / page).write_text(f"---\n{front}\n---\n\nHello.\n", encoding="utf-8")
    line = only_problem(site)
    assert line.startswith(f"{page}, line 2: front matter: the front matter is ")
    assert line.endswith("not a list of fields. Accepted: lines of the form 'field: value'.")


# -- templates a page may name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template", ["partials/clinic/treatment-chooser.html", "partials/footer.html", "404.html", "treatment.html", "concern.html"]
)
def test_partials_and_the_hooks_own_templates_are_not_page_templates(site, template):
    replace_in(site / "docs/privacy.md", "title: Privacy\n", f"title: Privacy\ntemplate: {template}\n")
    line = only_problem(site)
    assert line.startswith(f"docs/privacy.md, line 3: template: there is no template '{template}'")
    assert line.endswith(
        "Accepted: leave it out for an ordinary page; 'home.html' for the home page (templates live in overrides/)."
    )


@pytest.mark.parametrize("template", ["main.html", "home.html"])
def test_page_templates_are_accepted(site, template):
    replace_in(site / "docs/privacy.md", "title: Privacy\n", f"title: Privacy\ntemplate: {template}\n")
    result = build_in_process(site)
    assert result.ok, result.messages
    assert "<h1" in (result.site_dir / "privacy/index.html").read_text(encoding="utf-8")


# -- texts too short -------------------------------------------------------------------------------------


def test_a_reason_too_short_is_not_called_an_empty_list(site):
    replace_in(
        site / "docs/privacy.md", "title: Privacy\n", "title: Privacy\nclaims_reviewed:\n  - {phrase: painless, reason: ok}\n"
    )
    line = only_problem(site)
    assert line.startswith(
        "docs/privacy.md, line 4: claims_reviewed, item 1, reason: found 'ok'. Accepted: plain text of at least 10 characters, e.g. "
    )
    assert "the list is empty" not in line


# -- YAML that no editor needs: type tags and keys that are lists ----------------------------------------

TAG_ACCEPTED = "Accepted: plain values without tags: text, numbers, true/false, lists and fields (remove the tag, or put the value in quotes)."


@pytest.mark.parametrize(
    ("file", "old", "new", "tag"),
    [
        (PEN, "title: Microneedling pen (test)", "title: !!binary aGVsbG8=", "!!binary"),
        (PEN, "title: Microneedling pen (test)", "title: !!set {a, b}", "!!set"),
        (PEN, "  name: Pen", "  name: !!timestamp 2026-01-01", "!!timestamp"),
        (PEN, "    - Redness and swelling", "    - !!omap [{a: 1}]", "!!omap"),
        (
            PEN,
            "title: Microneedling pen (test)",
            "title: !!python/object/apply:os.system ['true']",
            "!!python/object/apply:os.system",
        ),
        ("data/vocabulary.yml", "    label: Fine lines", "    label: !!binary RmluZQ==", "!!binary"),
    ],
)
def test_values_with_type_tags_are_refused(site, file, old, new, tag):
    replace_in(site / file, old, new)
    field = "front matter" if file == PEN else "(YAML)"
    assert only_problem(site) == (
        f"{file}, line {line_of(site / file, new.strip())}: {field}: a value is marked with the type tag '{tag}', which YAML "
        f"reads as a special type. {TAG_ACCEPTED}"
    )


@pytest.mark.parametrize("key", ["? [a, b]\n  : c", "? {a: 1}\n  : c", "[x]: y"])
def test_a_field_name_that_is_a_list_or_mapping_is_refused(site, key):
    replace_in(site / PEN, "  name: Pen\n", f"  name: Pen\n  {key}\n")
    assert only_problem(site) == (
        f"{PEN}, line 6: front matter: a field name is a list or mapping ('? ...' or '[...]:'). Accepted: field names written as plain words."
    )


@pytest.mark.parametrize("key", ["1", "~", "null", "true"])
def test_a_field_name_is_the_text_written(site, key):
    replace_in(site / PEN, "  name: Pen\n", f"  name: Pen\n  {key}: y\n")
    assert only_problem(site).startswith(f"{PEN}, line 6: treatment.{key}: unknown field '{key}'. Accepted: the fields name, ")


# -- ranges ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["at least 3", "at  least  3", "At Least 3", "'at least\t3'"])
def test_at_least_is_read_however_it_is_spaced_or_capitalised(site, written):
    replace_in(site / PEN, "  sessions: 3-6", f"  sessions: {written}")
    assert "<dd>at least 3 sessions, 2–4 weeks apart" in facts_of(site)


# -- front matter MkDocs does not see --------------------------------------------------------------------

SECOND = (
    "a second front matter block (fields between '---' lines) follows the first; readers would see it as text. "
    "Accepted: one front matter block, at the very top: move these fields into the first block and delete the second."
)
NOT_FIRST = (
    "the front matter does not start on the first line, so MkDocs does not read it and readers would see it as text. "
    "Accepted: '---' on the very first line of the file, with nothing before it (not even a blank line or a space)."
)


@pytest.mark.parametrize("block", ["---\ntitle: Again\n---\n", "\n\n---\ntitle: Again\ndescription: x\n...\n"])
def test_a_second_front_matter_block_is_refused(site, block):
    replace_in(site / "docs/privacy.md", "---\n\nWe collect nothing.", f"---\n{block}\nWe collect nothing.")
    line = line_of(site / "docs/privacy.md", "title: Again") - 1
    assert only_problem(site) == f"docs/privacy.md, line {line}: front matter: {SECOND}"


@pytest.mark.parametrize(("before", "line"), [("\n", 2), ("\n\n", 3), (" ", 1), ("\t\n", 2)])
def test_front_matter_after_a_blank_line_or_a_space_is_refused(site, before, line):
    page = site / "docs/privacy.md"
    page.write_text(before + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert only_problem(site) == f"docs/privacy.md, line {line}: front matter: {NOT_FIRST}"


def test_rules_and_headings_made_with_dashes_are_published(site):
    replace_in(
        site / "docs/privacy.md",
        "We collect nothing.",
        "We collect nothing.\n\n---\n\nMore: text\n\n---\n\nNote: this\n---\n\nEnd.",
    )
    result = build_in_process(site)
    assert result.ok, result.messages
    assert "<hr" in (result.site_dir / "privacy/index.html").read_text(encoding="utf-8")


# -- data/claims.yml: messages name the line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "found_at"),
    [
        ("    phrases:\n", "    phrases:\n      - ''\n", "categories.absolute-safety.phrases, item 1", "      - ''"),
        (
            "    label: an absolute safety claim\n",
            "    label: an absolute safety claim\n    lable: x\n",
            "categories.absolute-safety",
            "  absolute-safety:",
        ),
        ("    phrases:\n", "    phrases:\n      - '['\n", "categories.absolute-safety.phrases, item 1", "      - '['"),
    ],
)
def test_mistakes_in_the_claims_rules_name_their_line(site, old, new, field, found_at):
    claims = site / "data/claims.yml"
    replace_in(claims, old, new)
    assert only_problem(site).startswith(f"data/claims.yml, line {line_of(claims, found_at)}: {field}: ")


def test_an_empty_vocabulary_is_not_called_an_empty_list(site):
    vocabulary = site / "data/vocabulary.yml"
    replace_in(vocabulary, "areas:\n  face:\n    label: Face\n", "areas: {}\nunused:\n  face:\n    label: Face\n")
    messages = build_problems(site)
    assert (
        f"data/vocabulary.yml, line {line_of(vocabulary, 'areas: {}')}: areas: nothing is written under it. Accepted: "
        in messages[0]
    )
