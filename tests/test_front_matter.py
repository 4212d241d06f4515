"""Strict front matter reading: the traps MkDocs leaves open are closed."""

import pytest

from clinic_site.frontmatter import read_front_matter
from clinic_site.problems import ContentError


def problem_of(source: str):
    with pytest.raises(ContentError) as caught:
        read_front_matter(source, "docs/page.md")
    [problem] = caught.value.problems
    return problem


def test_invalid_yaml_is_reported_with_its_file_line():
    problem = problem_of("---\ntitle: Peels\ndescription: [unclosed\n---\nBody\n")
    assert problem.path == "docs/page.md"
    assert problem.field == "front matter"
    assert problem.line == 4
    assert str(problem).startswith(
        "docs/page.md, line 4: front matter: a list in square brackets is not closed with ']', or an item needs quotes"
    )


def test_a_colon_in_an_unquoted_value_is_invalid_yaml_on_its_line():
    problem = problem_of("---\ntitle: Peels\nsummary: Before: after\n---\n")
    assert problem.line == 3
    assert "quotes around values that contain ': '" in problem.accepted


def test_front_matter_that_is_never_closed_is_an_error():
    problem = problem_of("---\ntitle: Peels\n\nBody text\n")
    assert problem.line == 1
    assert "never closed" in problem.problem


def test_front_matter_that_is_not_a_mapping_is_an_error():
    problem = problem_of("---\n- title\n- description\n---\n")
    assert "not a list of fields" in problem.problem


def test_a_key_written_twice_is_an_error():
    problem = problem_of("---\ntitle: A\ndescription: B\ntitle: C\n---\n")
    assert "the key 'title' is written twice (first on line 1)" in problem.problem
    assert problem.line == 4


def test_on_and_yes_stay_words_not_booleans():
    """YAML 1.1 reads `on:` as true; reviewed: {by, on} depends on it staying 'on'."""
    data = read_front_matter("---\nreviewed: {by: Lead, on: 2026-11-01}\nnumbing: no\n---\n", "p.md").data
    assert data == {"reviewed": {"by": "Lead", "on": "2026-11-01"}, "numbing": "no"}


def test_true_and_false_are_still_booleans():
    assert read_front_matter("---\na: true\nb: False\n---\n", "p.md").data == {"a": True, "b": False}


def test_a_page_without_front_matter_has_no_data():
    front = read_front_matter("# Just a heading\n", "p.md")
    assert front.data == {} and not front.present


def test_line_of_finds_nested_fields_and_list_items():
    front = read_front_matter("---\ntreatment:\n  name: A\n  aftercare:\n    - when: Day 1\n      advice: Rest\n---\n", "p.md")
    assert front.line_of(("treatment", "name")) == 3
    assert front.line_of(("treatment", "aftercare", 0, "advice")) == 6
