"""HTML typed into a text field of the front matter: every value is escaped, so readers saw the tags
as text (`<b>Save</b> today`) on the treatment page, the table and the cards. Markup in any text
field of the content model is refused, naming the field, like markup in a title; a `<` that starts
no tag (`<5%`, `a < b`) stays ordinary text.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.edit_hunt import only_problem
from tests.support.small_site import PEN, build_in_process, line_of, replace_in, small_project

ACCEPTED = "plain words without HTML: a '<' may not be followed by a letter, '/', '!' or '?'"


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


@pytest.mark.parametrize(
    ("old", "key", "field", "value"),
    [
        ("  summary: Fine needles", "summary", "treatment.summary", "<b>Save 20%</b> on a course"),
        ("    - Redness and swelling", None, "treatment.risks, item 1", "Redness <script>alert(1)</script>"),
        ("    level: mild", "note", "treatment.feels.note", "Mild <em>prickling</em>"),
        ("    - Redness and swelling", None, "treatment.risks, item 1", "Swelling<!-- hidden -->"),
        ("  summary: Fine needles", "summary", "treatment.summary", "Collagen </p><p>boost"),
    ],
)
def test_markup_in_a_text_field_is_refused_naming_the_field(site, old, key, field, value):
    indent = old[: len(old) - len(old.lstrip(" "))]
    if key == "note":  # a field added under feels:
        written = f'{old}\n{indent}note: "{value}"'
        line_text = f'note: "{value}"'
    elif key is None:  # a list item
        written = f'{indent}- "{value}"'
        line_text = written.strip()
    else:
        written = f'{indent}{key}: "{value}"'
        line_text = written.strip()
    text = (site / PEN).read_text(encoding="utf-8")
    line = next(n for n in text.splitlines() if n.startswith(old))
    replace_in(site / PEN, line, written)
    problem = only_problem(site)
    assert problem.startswith(f"{PEN}, line {line_of(site / PEN, line_text)}: {field}: {value!r}: it contains HTML markup (")
    assert problem.endswith(f"Accepted: {ACCEPTED}.")


@pytest.mark.parametrize("value", ["Results in <5% of people", "Needles of 0.5 < 1.5 mm", "Before & after: see below"])
def test_a_less_than_sign_that_starts_no_tag_is_text(site, value):
    replace_in(site / PEN, "  summary: Fine needles prompt the skin to make new collagen.", f'  summary: "{value}"')
    result = build_in_process(site)
    assert result.ok, result.messages
    page = (result.site_dir / "treatments" / "pen" / "index.html").read_text(encoding="utf-8")
    assert value.replace("&", "&amp;").replace("<", "&lt;") in page


@pytest.mark.parametrize(
    ("file", "field", "edit"),
    [
        ("mkdocs.yml", "extra.clinic.name", ("    name: Willow Skin Clinic", "    name: 'Willow <b>Skin</b>'")),
        (
            "mkdocs.yml",
            "extra.clinic.address.street",
            ("      street: 1 Example Street", "      street: '1 Example <br> Street'"),
        ),
        (
            "data/vocabulary.yml",
            ".description",
            ("    description: >-\n", "    description: >-\n      <script>alert(1)</script>\n"),
        ),
    ],
)
def test_markup_in_the_clinics_details_and_vocabulary_descriptions_is_refused(site, file, field, edit):
    """The same rule for every text the site checks: the clinic's details in mkdocs.yml, and a
    concern's description (the introduction of its page)."""
    old, new = edit
    text = (site / file).read_text(encoding="utf-8")
    assert old in text
    (site / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    problem = only_problem(site)
    assert problem.startswith(f"{file}, line ")
    assert field in problem
    assert "it contains HTML markup" in problem and problem.endswith(f"Accepted: {ACCEPTED}.")
