"""File names, settings written twice and dates that published something wrong without a word:
'Pen Two.md' became /treatments/Pen Two/ with a key no marker option can name, 'pen.md.txt' (Notepad
with hidden extensions) and 'privacy.md~' were published raw, front matter and all, a second
`currency:` in mkdocs.yml silently won, and a source 'checked' in 2099 was shown as checked.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.edit_hunt import only_problem
from tests.support.small_site import PEN, TREATMENT, build_in_process, line_of, replace_in, small_project


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


@pytest.mark.parametrize(
    ("name", "bad", "renamed"),
    [
        ("pen two.md", "pen two", "pen-two.md"),
        ("Pen.md", "Pen", "pen.md"),
        ("péel.md", "péel", "peel.md"),
        ("pen_two.md", "pen_two", "pen-two.md"),
        ("Face/pen.md", "Face", "face/pen.md"),
        ("face/Pen--Two.md", "Pen--Two", "face/pen-two.md"),
    ],
)
def test_treatment_file_names_that_make_unusable_addresses_are_refused(site, name, bad, renamed):
    (site / "docs/treatments" / name).parent.mkdir(parents=True, exist_ok=True)
    (site / PEN).rename(site / "docs/treatments" / name)
    assert only_problem(site) == (
        f"docs/treatments/{name}: file name: '{bad}' is not usable in a treatment's address and key (they are made from "
        "its file and folder names). Accepted: lowercase letters, digits and single hyphens, e.g. laser-genesis.md "
        f"(rename it to treatments/{renamed})."
    )


def test_a_treatment_in_a_lowercase_folder_is_published(site):
    (site / "docs/treatments/face").mkdir()
    (site / PEN).rename(site / "docs/treatments/face/pen-2.md")
    result = build_in_process(site)
    assert result.ok, result.messages
    assert (result.site_dir / "treatments/face/pen-2/index.html").is_file()


@pytest.mark.parametrize(
    "name",
    ["treatments/pen2.md.txt", "privacy.md~", "privacy.md.bak", "treatments/pen.markdown.orig", "notes.md.old", "draft.bak"],
)
def test_copies_and_backups_of_pages_are_not_published_raw(site, name):
    (site / "docs" / name).write_text(TREATMENT, encoding="utf-8")
    file = name.rsplit("/", 1)[-1]
    assert only_problem(site) == (
        f"docs/{name}: file name: '{file}' looks like a copy of a page or a backup, and would be published as it is, "
        "for anyone to read. Accepted: only the pages themselves in docs/ (names ending in .md): delete the copy or move it "
        "out of docs/."
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "name"),
    [
        ("    currency: GBP", "    currency: GBP\n    currency: EUR", "extra.clinic.currency", "currency"),
        ("strict: true", "strict: true\nsite_name: Other clinic", "site_name", "site_name"),
        (
            '{days: Saturday, opens: "10:00", closes: "16:00"}',
            '{days: Saturday, opens: "10:00", closes: "16:00", opens: "11:00"}',
            "extra.clinic.opening_hours, item 2, opens",
            "opens",
        ),
    ],
)
def test_a_setting_written_twice_in_mkdocs_yml_is_refused(site, old, new, field, name):
    config = site / "mkdocs.yml"
    replace_in(config, old, new)
    second = [n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if f"{name}:" in text][-1]
    first = second if name == "opens" else line_of(config, f"{name}:")  # both opens: on one line
    assert only_problem(site) == (
        f"mkdocs.yml, line {second}: {field}: the setting '{name}' is written twice (first on line {first}); "
        "MkDocs would keep only the last. Accepted: each setting once."
    )


@pytest.mark.parametrize("checked", ["2099-11-21", "2026-11-22", "2027-01-01"])
def test_a_source_checked_in_the_future_is_refused(site, checked):
    replace_in(site / PEN, "      checked: 2026-11-21", f"      checked: {checked}")
    assert only_problem(site) == (
        f"{PEN}, line {line_of(site / PEN, 'checked:')}: treatment.sources, item 1, checked: the date {checked} is in the "
        "future. Accepted: the day someone last checked the source, on or before 2026-11-21."
    )
