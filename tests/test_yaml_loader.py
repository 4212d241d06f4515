"""Every YAML an editor writes is read by one loader (yaml_documents.py): libyaml for speed, strict
rules, line numbers for every field, and parser errors translated into what to do."""

from __future__ import annotations

import pytest
import yaml

from clinic_site.problems import ContentError
from clinic_site.yaml_documents import FastStrictLoader, load_yaml, parse_yaml


def problem(text: str):
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "data/x.yml")
    [found] = caught.value.problems
    return found


def test_the_fast_loader_is_libyamls():
    assert issubclass(FastStrictLoader, yaml.CSafeLoader)


def test_yes_no_on_and_dates_stay_text_and_true_is_a_boolean():
    assert load_yaml("a: yes\non: 2026-11-01\nb: true\nc: 2-3\n") == {"a": "yes", "on": "2026-11-01", "b": True, "c": "2-3"}


def test_a_key_written_twice_is_refused_with_its_first_line():
    found = problem("title: a\ntitle: b\n")
    assert (found.line, found.problem) == (2, "the key 'title' is written twice (first on line 1)")


def test_every_field_knows_its_line():
    document = parse_yaml("a: 1\nb:\n  c:\n    - x\n    - y\n", "data/x.yml", first_line=2)
    assert [document.line_of(loc) for loc in (("a",), ("b", "c"), ("b", "c", 1), ("b", "missing"))] == [2, 4, 6, 3]


@pytest.mark.parametrize(
    "text, said",
    [
        ("a:\n  b: 1\n    c: 2\n", "a line is indented more than the field above it expects"),
        ("title: Peels: the facts\n", "a value contains ': ' (a colon and a space), so YAML reads it as a new field"),
        ("a: 1\n\tb: 2\n", "a tab character is used for indenting"),
        ("a: 'open\nb: 2\n", "a quote is opened but never closed"),
        ("a: [x, y\nb: 2\n", "a list in square brackets is not closed with ']', or an item needs quotes"),
        ("key: @value\n", "a value starts with a character YAML reserves (such as ` or @)"),
    ],
)
def test_parser_errors_are_said_in_plain_words_with_the_line(text, said):
    found = problem(text)
    assert found.problem.startswith(said) and found.line is not None
    assert found.accepted.startswith("one 'field: value' per line")
    assert "<block" not in found.problem and "mark" not in found.problem


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "base: &b {x: 1}\nother:\n  <<: *b\n", "other:\n  <<: {x: 1}\n"])
def test_anchors_aliases_and_merges_are_refused_in_plain_words(text):
    found = problem(text)
    assert found.problem == "the file repeats a value with an anchor and alias (&name, *name or <<:)"
    assert found.accepted == "every value written out in full where it is used (anchors, aliases and merges are not accepted)"
