"""Front matter is parsed with libyaml for speed, with exactly the strict loader's rules and messages."""

from __future__ import annotations

import pytest
import yaml

from clinic_site.frontmatter import FastStrictLoader, load_yaml


def test_the_fast_loader_is_libyamls():
    assert issubclass(FastStrictLoader, yaml.CSafeLoader)


def test_yes_no_on_and_dates_stay_text_and_true_is_a_boolean():
    assert load_yaml("a: yes\non: 2026-11-01\nb: true\nc: 2-3\n") == {"a": "yes", "on": "2026-11-01", "b": True, "c": "2-3"}


def test_a_key_written_twice_is_refused_with_its_first_line():
    with pytest.raises(yaml.YAMLError, match="the key 'title' is written twice \\(first on line 1\\)"):
        load_yaml("title: a\ntitle: b\n")


def test_syntax_errors_name_the_offending_character():
    # libyaml only says "found character that cannot start any token"; the message editors see names it.
    with pytest.raises(yaml.YAMLError, match="found character '@' that cannot start any token"):
        load_yaml("key: @value\n")
