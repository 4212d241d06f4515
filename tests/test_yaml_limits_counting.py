"""The YAML limits count exactly, at their boundaries: values with aliases expanded (inside open
lists too), nesting depth and number length; one value under a limit loads, one over is refused at
the line of the value that passed it. (The counting was made cheaper for large catalogues; these
pin what it counts.)"""

from __future__ import annotations

import pytest

from clinic_site.problems import ContentError
from clinic_site.yaml_documents import parse_yaml
from clinic_site.yaml_limits import MAX_DEPTH, MAX_NUMBER_DIGITS, MAX_VALUES, YamlLimitError, check


def refused_line(text: str) -> int | None:
    with pytest.raises(ContentError) as raised:
        parse_yaml(text, "page.md")
    (problem,) = raised.value.problems
    return problem.line


def block_list(items: int) -> str:
    return "".join(f"- {n}\n" for n in range(items))  # the list and its items: items + 1 values


def test_values_up_to_the_limit_load_and_the_next_one_is_refused_on_its_line():
    assert len(parse_yaml(block_list(MAX_VALUES - 1), "page.md").data) == MAX_VALUES - 1
    assert refused_line(block_list(MAX_VALUES)) == MAX_VALUES  # the last item, on the last line


def aliased(aliases: int) -> str:
    # mapping 1 + key 'a' 1 + anchored list 4 + key 'b' 1 + list 1 = 8, then 4 values per alias
    return "a: &a [x, y, z]\nb:\n" + "".join("  - *a\n" for _ in range(aliases))


def test_aliases_count_every_value_they_repeat_inside_an_open_list():
    limit = (MAX_VALUES - 8) // 4
    check(aliased(limit))  # exactly MAX_VALUES
    with pytest.raises(YamlLimitError) as raised:
        check(aliased(limit + 1))
    assert raised.value.problem_mark.line == limit + 2  # zero-based: the alias that passes the limit


def test_a_closed_collection_counts_once_in_its_parent():
    # Many small mappings in a list: each closes into the list; the total is what is written.
    one = "- {a: 1, b: 2}\n"  # mapping + 2 keys + 2 values = 5 values
    fits = (MAX_VALUES - 1) // 5
    check(one * fits)
    with pytest.raises(YamlLimitError):
        check(one * (fits + 1))


def test_nesting_up_to_the_limit_loads():
    parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", "page.md")
    assert refused_line("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n") == 1


def test_numbers_up_to_the_digit_limit_are_numbers_and_longer_ones_refused_unless_quoted():
    assert parse_yaml("a: " + "9" * MAX_NUMBER_DIGITS + "\n", "page.md").data["a"] == int("9" * MAX_NUMBER_DIGITS)
    assert refused_line("a: 1\nb: -" + "9" * (MAX_NUMBER_DIGITS + 1) + "\n") == 2
    assert parse_yaml("a: '" + "9" * 5000 + "'\n", "page.md").data["a"] == "9" * 5000
    assert parse_yaml("a: " + "x" * 5000 + "\n", "page.md").data["a"] == "x" * 5000  # long text is not a number
