"""Pages are written as the web editor writes them, so that saving a one-word change is a one-line diff.

The editor's own module (docs/admin/front-matter.js) runs here under Node.js, through
scripts/cms_front_matter.mjs: the same code that saves pages in the browser.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys

import pytest

from clinic_site.frontmatter import read_front_matter
from scripts.cms_front_matter import run_node, treatment_pages
from tests.support.sites import ROOT

SCRIPT = ROOT / "scripts/cms_front_matter.py"


def tidy(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), *args], capture_output=True, text=True)


def written(tmp_path, data: dict, body: str = "") -> str:
    """The page the editor writes for these values."""
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"data": data, "body": body}), encoding="utf-8")
    result = run_node(ROOT, "--dump", str(values))
    assert result.returncode == 0, result.stderr
    return result.stdout


def read_by_the_editor(tmp_path, text: str) -> dict:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    result = run_node(ROOT, "--read", str(page))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def read_by_the_build(text: str) -> dict:
    return read_front_matter(text, "page.md").data


def test_every_treatment_page_is_already_written_as_the_editor_writes_it():
    result = tidy(ROOT, "--check")
    assert result.returncode == 0, result.stdout + result.stderr + "\nrun `make cms-format`"
    assert len(treatment_pages()) >= 5


def test_a_page_in_another_style_is_reported_then_rewritten_with_the_same_values(project):
    page = project / "docs/treatments/prp.md"
    hand_written = page.read_text(encoding="utf-8").replace(
        "  concerns:\n    - fine-lines\n    - firmness\n    - dullness\n", "  concerns: [fine-lines, firmness, dullness]\n"
    )
    hand_written = hand_written.replace(
        "  name: PRP\n  category: collagen-induction\n", "  category: collagen-induction\n  name: PRP\n"
    )
    page.write_text(hand_written, encoding="utf-8")
    check = tidy(project, "--check")
    assert check.returncode == 1
    assert check.stdout == "docs/treatments/prp.md: not in the web editor's style\n"
    assert "make cms-format" in check.stderr
    assert tidy(project).stdout == "docs/treatments/prp.md: rewritten in the web editor's style\n"
    assert tidy(project, "--check").returncode == 0
    tidied = page.read_text(encoding="utf-8")
    assert read_by_the_build(tidied) == read_by_the_build(hand_written)
    assert tidied.split("\n---\n", 1)[1] == hand_written.split("\n---\n", 1)[1]  # the text is untouched
    assert tidied == (ROOT / "docs/treatments/prp.md").read_text(encoding="utf-8")


def test_a_page_the_editor_cannot_read_is_left_as_it_is(project):
    page = project / "docs/treatments/prp.md"
    page.write_text("---\ntreatment: [unclosed\n---\n\nText\n", encoding="utf-8")
    result = tidy(project, str(page))
    assert result.returncode == 2 and result.stdout.startswith("docs/treatments/prp.md: not changed: front matter:")
    assert page.read_text(encoding="utf-8") == "---\ntreatment: [unclosed\n---\n\nText\n"


def test_a_one_word_change_is_a_one_line_diff(tmp_path):
    original = (ROOT / "docs/treatments/microneedling-pen.md").read_text(encoding="utf-8")
    values = read_by_the_editor(tmp_path, original)
    values["data"]["treatment"]["summary"] = values["data"]["treatment"]["summary"].replace("fine", "very fine", 1)
    changed = written(tmp_path, values["data"], values["body"])
    diff = [line for line in difflib.unified_diff(original.splitlines(), changed.splitlines(), lineterm="", n=0)]
    assert [line[0] for line in diff[2:]] == ["@", "-", "+"], "\n".join(diff)
    assert "very fine" in diff[-1]


def test_keys_follow_the_forms_order_and_empty_values_are_left_out(tmp_path):
    data = {
        "treatment": {
            "order": 5,
            "maintenance": "",  # Decap's value for a text box the editor emptied
            "areas": [],
            "sun_protection": {"spf": None, "weeks": ""},
            "concerns": ["texture"],
            "name": "Peel",
        },
        "description": "A peel.",
    }
    assert written(tmp_path, data, "Text.\n") == (
        "---\ndescription: A peel.\ntreatment:\n  name: Peel\n  concerns:\n    - texture\n  order: 5\n---\n\nText.\n"
    )


TRICKY_TEXT = [
    "on",
    "yes",
    "No",
    "null",
    "~",
    "2026-11-01",
    "10:30",
    "010",
    "0x1A",
    "1e3",
    "true",
    "3",
    "2-3",
    "a: b",
    "#1 choice",
    "- dash",
    "it's",
    '"quoted"',
    "two\nlines",
    " leading space",
    "décolletage – upper chest",
    "@handle",
    "`code`",
    "50% off",
    "!important",
    "&amp",
    "*star",
    "| pipe",
    "> quote",
    "[brackets]",
    "{braces}",
    "ends with colon:",
    "",
]


def test_what_the_editor_writes_the_build_reads_back_exactly(tmp_path):
    data = {
        "treatment": {
            "risks": [t for t in TRICKY_TEXT if t],
            "reviewed": {"by": "Clinical lead", "on": "2026-11-01"},
            "order": 20,
            "price_from": 99.5,
            "sessions": "2-3",
            "session_minutes": 30,
        }
    }
    text = written(tmp_path, data, "## Heading\n\n<!-- comparison-table treatments=prp -->\n")
    assert read_by_the_build(text) == data
    assert read_by_the_editor(tmp_path, text) == {
        "data": data,
        "body": "## Heading\n\n<!-- comparison-table treatments=prp -->\n",
    }
    assert "  reviewed:\n    by: Clinical lead\n    on: 2026-11-01\n" in text  # no quotes the build does not need


@pytest.mark.parametrize("page", treatment_pages(), ids=lambda p: p.stem)
def test_the_editor_and_the_build_read_each_page_alike(tmp_path, page):
    text = page.read_text(encoding="utf-8")
    assert read_by_the_editor(tmp_path, text)["data"] == json.loads(json.dumps(read_by_the_build(text)))
