"""`make new-treatment NAME=...`: a page with every field, valid at once, never overwriting."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from clinic_site.catalogue import validate_treatment_page
from clinic_site.editor_schema import field_docs
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import Treatment, treatment_facts
from clinic_site.scaffold import ScaffoldError, new_treatment_page, slugify, write_new_treatment
from clinic_site.vocabulary import VOCABULARY_FILE, load_vocabularies
from tests.support.sites import ROOT, build

VOCABULARIES = load_vocabularies(ROOT / VOCABULARY_FILE, VOCABULARY_FILE)
SWITCHED_OFF = re.compile(r"^(\s*)# (?=[a-z_]+:|  |- )", re.MULTILINE)


def validated(text: str):
    front_matter = read_front_matter(text, "docs/treatments/laser-genesis.md")
    return validate_treatment_page(front_matter, "docs/treatments/laser-genesis.md", VOCABULARIES)


def switch_on_everything(text: str) -> str:
    """What an editor does line by line: delete the '# ' in front of each field."""
    front, body = text.split("\n---\n", 1)
    return SWITCHED_OFF.sub(r"\1", front) + "\n---\n" + body


def test_slug_is_the_file_name():
    assert slugify("Laser Genesis") == "laser-genesis"
    assert slugify("  Jessner's Peel (30%) ") == "jessner-s-peel-30"


def test_new_page_is_valid_with_only_the_required_fields_switched_on():
    page = validated(new_treatment_page("Laser Genesis", VOCABULARIES))
    assert page.treatment.name == "Laser Genesis"
    assert page.treatment.category == VOCABULARIES["categories"].keys()[0]
    assert page.treatment.concerns == [VOCABULARIES["concerns"].keys()[0]]
    assert page.treatment.sessions is None and page.treatment.reviewed is None and page.title is None


def test_new_page_lists_every_field_of_the_model_with_a_comment():
    text = new_treatment_page("Laser Genesis", VOCABULARIES)
    for top in field_docs():
        for doc in top.walk():
            assert re.search(rf"^[\s#-]*{doc.name}:.*  # \S", text, re.MULTILINE), f"{doc.path} missing or without comment"


def test_every_switched_off_field_is_valid_once_switched_on():
    """Every field at once, but for the reasons a fact is left out: those only go with the fact off."""
    text = switch_on_everything(new_treatment_page("Laser Genesis", VOCABULARIES))
    reasons = re.search(r"^  discussed_at_consultation: \{(\w+): .*$\n", text, re.MULTILINE)
    page = validated(text.replace(reasons[0], ""))
    set_fields = page.treatment.model_fields_set | page.model_fields_set
    assert set(type(page.treatment).model_fields) - {"order", "discussed_at_consultation"} <= set_fields | {"order"}
    without_the_fact = re.sub(rf"^  {reasons[1]}: .*\n", "", text, flags=re.MULTILINE)
    assert reasons[1] in validated(without_the_fact).treatment.discussed_at_consultation
    assert page.treatment.aftercare[0].when == "Day of treatment" and page.claims_reviewed[0].phrase == "no downtime"
    assert page.title == "Laser Genesis"


def test_refuses_to_overwrite_a_page(tmp_path):
    docs = tmp_path / "docs"
    path = write_new_treatment(docs, "Laser Genesis", VOCABULARIES)
    path.write_text("my work", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"docs/treatments/laser-genesis.md already exists: nothing was written"):
        write_new_treatment(docs, "Laser  genesis", VOCABULARIES)
    assert path.read_text(encoding="utf-8") == "my work"


def test_refuses_a_name_another_page_uses(tmp_path):
    (tmp_path / "docs/treatments").mkdir(parents=True)
    (tmp_path / "docs/treatments/roller.md").write_text((ROOT / "docs/treatments/dermaroller.md").read_text())
    with pytest.raises(ScaffoldError, match=r"'DermaRoller' is already used by docs/treatments/roller.md"):
        write_new_treatment(tmp_path / "docs", "DermaRoller", VOCABULARIES)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the treatment's name"),
        ("A" * 41, "at most 40"),
        ("%%%", "no letters or digits"),
    ],
)
def test_refuses_unusable_names(tmp_path, name, message):
    with pytest.raises(ScaffoldError, match=message):
        write_new_treatment(tmp_path / "docs", name, VOCABULARIES)


def test_command_says_why_it_refused(project):
    command = [sys.executable, str(ROOT / "scripts/new_treatment.py"), "Dermaroller", "--root", str(project)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("Not written: docs/treatments/dermaroller.md already exists")


def test_new_page_builds_and_has_a_row_in_the_comparison_table(project):
    command = [sys.executable, str(ROOT / "scripts/new_treatment.py"), "Laser Genesis", "--root", str(project)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Written docs/treatments/laser-genesis.md" in result.stdout
    page = project / "docs/treatments/laser-genesis.md"

    # Where the body's placeholder paragraphs are (after the front matter, which grows with the model).
    placeholder_lines = [n for n, text in enumerate(page.read_text().splitlines(), 1) if text.startswith("Replace this")]
    assert len(placeholder_lines) == 3
    unfinished = build(project)
    assert not unfinished.ok, "an unwritten, unreviewed page must not publish"
    warnings = sorted(line for line in unfinished.output.splitlines() if line.startswith("WARNING"))
    left_out = [d for d in treatment_facts() if d.fact.in_table and not Treatment.model_fields[d.field].is_required()]
    treatment_line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if text.startswith("treatment:"))
    assert warnings == sorted(
        [
            f"WARNING -  docs/treatments/laser-genesis.md, line {treatment_line}: treatment.reviewed: the page has no medical review. "
            "Accepted: reviewed: "
            "{by: <who>, on: <YYYY-MM-DD>} once a clinician has checked the page's medical content.",
            "WARNING -  docs/treatments/laser-genesis.md: description: still has the placeholder text written by make new-treatment. "
            "Accepted: your own words: one or two plain sentences for search results and link previews (at most 160 characters).",
            "WARNING -  docs/treatments/laser-genesis.md: treatment.summary: still has the placeholder text written by make new-treatment. "
            "Accepted: your own words: one sentence for cards and the comparison table.",
            *[
                f"WARNING -  docs/treatments/laser-genesis.md, line {n}: page text: a paragraph still has the placeholder text written "
                "by make new-treatment. Accepted: your own paragraph in its place."
                for n in placeholder_lines
            ],
            *[
                f"WARNING -  docs/treatments/laser-genesis.md, line {treatment_line}: treatment.{d.field}: the page leaves out "
                f"'{d.heading}', which the comparison table shows, without saying why. Accepted: the fact with its source; "
                f"or a reason under treatment.discussed_at_consultation, e.g. '{d.field}: <why it is discussed at consultation>'."
                for d in left_out
            ],
        ]
    )
    compare = BeautifulSoup((unfinished.site_dir / "compare/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(compare.select('tr[data-treatment="laser-genesis"]')) == 1  # built (not published): the row is there

    # The editor writes the text, as EDITING.md says; the clinician reviews the page.
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^description: .*$", "description: Laser Genesis warms the skin with a gentle laser.", text, flags=re.M)
    text = re.sub(r"^  summary: .*$", "  summary: A gentle laser warms the skin to prompt renewal.", text, flags=re.M)
    text = re.sub(r"^Replace this paragraph:.*(\n\S.*)*$", "Our own paragraph.", text, flags=re.M)
    text = (
        text.replace("  # reviewed:", "  reviewed:")
        .replace("  #   by:", "    by:")
        .replace("  #   on: 2026-11-01", "    on: 2026-11-20")
    )
    # And says why each fact the comparison shows is left to the consultation.
    reasons = "".join(f"    {d.field}: We have not yet published a figure.\n" for d in left_out)
    text = re.sub(r"^  # discussed_at_consultation: .*$\n", "  discussed_at_consultation:\n" + reasons, text, flags=re.M)
    page.write_text(text, encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    table = BeautifulSoup((result.site_dir / "compare/index.html").read_text(encoding="utf-8"), "html.parser")
    row = table.select_one('tr[data-treatment="laser-genesis"]')
    assert row.th.a.get_text() == "Laser Genesis" and row.th.a["href"] == "../treatments/laser-genesis/"
    cells = {td["data-label"]: td.get_text() for td in row.find_all("td")}
    assert cells["Type"] == VOCABULARIES["categories"].label(VOCABULARIES["categories"].keys()[0])
    assert cells["Numbing"] == cells["Course"] == "Discussed at consultation"
    assert (result.site_dir / "treatments/laser-genesis/index.html").is_file()
