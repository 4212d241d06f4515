"""Hostile YAML cannot stall or crash a build: alias bombs, deep nesting, huge texts and huge numbers
in front matter, data/vocabulary.yml and data/claims.yml are refused before anything is built from
them, with the file and line; error messages never walk a huge value. (How long each takes:
benchmarks/hostile_inputs.py.)"""

from __future__ import annotations

import pytest
import yaml

from clinic_site.claims import load_claim_rules
from clinic_site.frontmatter import read_front_matter
from clinic_site.problems import ContentError, show_value
from clinic_site.vocabulary import load_vocabularies
from clinic_site.yaml_documents import load_yaml
from clinic_site.yaml_limits import MAX_CHARACTERS, MAX_DEPTH, MAX_VALUES, YamlLimitError, check
from tests.support.sites import build


def alias_bomb(levels: int = 9, width: int = 9, indent: str = "") -> str:
    """The classic "billion laughs": each anchor aliases the one before `width` times."""
    lines = [f"{indent}l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"{indent}l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias bomb": (alias_bomb(), f"more than {MAX_VALUES:,} values once its aliases (*name) are expanded"),
    "deep flow nesting": ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", f"nested more than {MAX_DEPTH} levels deep"),
    "deep mapping nesting": ("a: " + "{b: " * 30_000 + "1" + "}" * 30_000 + "\n", f"nested more than {MAX_DEPTH} levels deep"),
    "deep block nesting": ("".join(" " * n + "- \n" for n in range(500)), f"nested more than {MAX_DEPTH} levels deep"),
    "huge text": ("a: " + "x" * MAX_CHARACTERS + "\n", f"at most {MAX_CHARACTERS:,} are accepted"),
    "huge number": ("a: " + "9" * 5_000 + "\n", "a number has more than 1,000 digits"),
    "many values": ("a: [" + ", ".join(["1"] * (MAX_VALUES + 1)) + "]\n", f"more than {MAX_VALUES:,} values"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_is_refused_before_it_is_built(name):
    text, expected = HOSTILE[name]
    with pytest.raises(YamlLimitError) as caught:
        check(text)
    assert expected in caught.value.problem
    assert isinstance(caught.value, yaml.YAMLError)  # every caller's YAML error handling reports it
    with pytest.raises(ContentError) as refused:  # the one loader checks before it builds anything
        load_yaml(text, "data/x.yml")
    assert expected in refused.value.problems[0].problem


def test_ordinary_yaml_loads_and_quoted_long_digits_are_text():
    assert load_yaml("a: [1, 2]\nc: {d: [e, {f: g}]}\n") == {"a": [1, 2], "c": {"d": ["e", {"f": "g"}]}}
    assert load_yaml("a: '" + "9" * 5_000 + "'\n")["a"] == "9" * 5_000  # quoted: text, not a number


def test_front_matter_bomb_names_the_file_and_line():
    source = "---\ntitle: PRP\n" + alias_bomb() + "---\n\nBody\n"
    with pytest.raises(ContentError) as caught:
        read_front_matter(source, "docs/treatments/prp.md")
    (problem,) = caught.value.problems
    assert problem.path == "docs/treatments/prp.md" and problem.field == "front matter" and problem.line is not None
    assert "more than 20,000 values once its aliases (*name) are expanded" in problem.problem


def test_vocabulary_and_claims_bombs_name_their_files(tmp_path):
    vocabulary = tmp_path / "vocabulary.yml"
    vocabulary.write_text("categories:\n" + alias_bomb(indent="  "), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_vocabularies(vocabulary, "data/vocabulary.yml")
    assert str(caught.value.problems[0]).startswith("data/vocabulary.yml, line ")
    claims = tmp_path / "claims.yml"
    claims.write_text("categories: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_claim_rules(claims, "data/claims.yml")
    assert str(caught.value.problems[0]).startswith("data/claims.yml")
    assert "nested more than 40 levels deep" in str(caught.value.problems[0])


def test_messages_show_a_bounded_part_of_a_huge_value():
    bomb = ["x"] * 9
    for _ in range(8):
        bomb = [bomb] * 9  # 387 million strings if walked in full
    shown = show_value({"a": bomb, "b": 10**5000, "c": "y" * 10**6})
    assert len(shown) <= 120
    assert len(show_value(bomb)) <= 120
    assert show_value(10**5000) == "a number with more than 121 digits"


def test_a_bomb_in_a_treatment_page_fails_the_build_with_a_message(project):
    page = project / "docs" / "treatments" / "prp.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("---\ntitle:", "---\n" + alias_bomb() + "title:", 1), encoding="utf-8"
    )
    result = build(project)
    assert not result.ok
    # Line 6: the fifth anchor, where the expanded values pass the limit.
    assert (
        "docs/treatments/prp.md, line 6: front matter: it holds more than 20,000 values once its aliases (*name) are expanded"
        in result.output
    )
    assert "Accepted: a file of ordinary size and shape: every value written out (no anchors or aliases" in result.output
    assert "Traceback" not in result.output


def test_a_bomb_in_mkdocs_yml_stops_mkdocs_itself_with_a_message(project):
    """MkDocs parses mkdocs.yml before any hook event and would hang writing it to its debug log."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("extra:\n", "extra:\n" + alias_bomb(indent="  "), 1), encoding="utf-8"
    )
    result = build(project)  # plain `mkdocs build`, not make
    assert not result.ok
    assert (
        "mkdocs.yml, line " in result.output and "more than 20,000 values once its aliases (*name) are expanded" in result.output
    )
    assert "Aborted with a configuration error!" in result.output


def test_make_build_checks_mkdocs_yml_before_mkdocs_reads_it(project):
    import subprocess
    import sys

    from tests.support.sites import ROOT

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "x: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_mkdocs_yml.py"), str(config)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Not built: mkdocs.yml, line ") and "nested more than 40 levels deep" in result.stderr
    assert "check_mkdocs_yml.py" in (ROOT / "Makefile").read_text(encoding="utf-8").split("build: setup")[1].split("\n\n")[0]
