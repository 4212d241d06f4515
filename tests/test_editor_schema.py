"""The JSON Schema and field reference editors use are generated from the one content model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import jsonschema
import pytest

from clinic_site.editor_schema import SCHEMA_FILE, field_docs, json_schema
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import Treatment, TreatmentPage
from clinic_site.vocabulary import VOCABULARY_FILE, load_vocabularies
from scripts.editor_files import expected_files
from tests.support.sites import ROOT, build, replace_in

VOCABULARIES = load_vocabularies(ROOT / VOCABULARY_FILE, VOCABULARY_FILE)
TREATMENT_PAGES = sorted(p for p in (ROOT / "docs/treatments").glob("*.md") if p.name != "index.md")


def front_matter(path):
    return read_front_matter(path.read_text(encoding="utf-8"), str(path)).data


@pytest.mark.parametrize("path", sorted(expected_files()), ids=lambda p: p.name)
def test_generated_file_is_up_to_date(path):
    assert path.read_text(encoding="utf-8") == expected_files()[path], f"{path.name} is stale: run `make schema` and commit it"


def test_a_vocabulary_key_added_by_an_editor_needs_no_regenerated_file_in_git(project):
    """Issue 12: the committed generated files do not depend on the vocabularies, so an editor's new
    key never fails CI; the editors' schema (not committed) is rewritten by every build."""
    for name in ("EDITING.md", "README.md"):
        shutil.copy(ROOT / name, project / name)
    replace_in(project / "data/vocabulary.yml", "areas:\n", "areas:\n  hands:\n    label: Hands\n")
    command = [sys.executable, str(ROOT / "scripts/editor_files.py"), "--root", str(project)]
    assert subprocess.run([*command, "--check"], capture_output=True, text=True).returncode == 0
    assert not (project / SCHEMA_FILE).exists()
    result = build(project)
    assert result.ok, result.output
    assert '"hands"' in (project / SCHEMA_FILE).read_text(encoding="utf-8")


def test_vocabulary_fields_list_the_vocabulary_keys():
    treatment = json_schema(VOCABULARIES)["$defs"]["Treatment"]["properties"]
    assert treatment["category"]["enum"] == VOCABULARIES["categories"].keys()
    assert treatment["concerns"]["items"]["enum"] == VOCABULARIES["concerns"].keys()
    assert "collagen-induction: Collagen induction therapy" in treatment["category"]["description"]


def test_every_field_keeps_its_description():
    schema = json_schema(VOCABULARIES)
    for model, properties in ((TreatmentPage, schema["properties"]), (Treatment, schema["$defs"]["Treatment"]["properties"])):
        for name in model.model_fields:
            assert properties[name].get("description"), f"{model.__name__}.{name} has no description in the schema"


def test_schema_uses_only_standard_keywords():
    """Editors' validators (Ajv in strict mode) refuse unknown keywords such as x-vocabulary."""
    text = json.dumps(json_schema(VOCABULARIES))
    assert '"x-' not in text and '"format"' not in text
    jsonschema.Draft7Validator.check_schema(json_schema(VOCABULARIES))


@pytest.mark.parametrize("path", TREATMENT_PAGES, ids=lambda p: p.stem)
def test_schema_accepts_every_demo_treatment(path):
    jsonschema.validate(front_matter(path), json.loads((ROOT / SCHEMA_FILE).read_text()))


@pytest.mark.parametrize(
    ("change", "value"),
    [
        (("treatment", "sesions"), "2-3"),
        (("treatment", "category"), "collagen"),
        (("treatment", "concerns"), []),
        (("treatment", "sessions"), "two"),
        (("treatment", "reviewed"), {"by": "Clinical lead", "on": "1 November 2026"}),
    ],
)
def test_schema_rejects_what_the_build_rejects(change, value):
    data = front_matter(ROOT / "docs/treatments/dermaroller.md")
    data[change[0]] = {**data[change[0]], change[1]: value}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads((ROOT / SCHEMA_FILE).read_text()))


def test_field_reference_names_every_field_with_an_example():
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for top in field_docs():
        for doc in top.walk():
            assert f"| `{doc.path}` |" in guide
            if not doc.children:
                assert doc.example is not None, f"{doc.path} needs examples=[...] in model.py"
