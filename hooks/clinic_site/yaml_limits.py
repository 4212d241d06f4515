"""Limits on every YAML text the project reads, checked before and while it is parsed.

A few hundred bytes of YAML can stall or crash a build: nine anchors each aliasing the previous
one nine times expand to 387 million values when anything walks them (a validator, an error
message), and brackets nested 50,000 deep take libyaml seconds and crash the parser that builds
Python objects from it. Editors' files are a few kilobytes, a few levels deep, with few or no
aliases; so before a text is loaded:

- its size is checked (a cheap count);
- libyaml's event stream (a loop, not recursion, and fast) is read once, counting nesting depth
  and values with every alias expanded; the read stops at the first limit passed.

`check` raises `YamlLimitError`, a `yaml.MarkedYAMLError`, so every caller's existing YAML error
handling reports it with the file and line. Called from `yaml_documents.parse_yaml`, the one loader.
"""

from __future__ import annotations

import re

import yaml

MAX_CHARACTERS = 200_000  # the largest editor's file today is 4.5 KB
MAX_DEPTH = 40  # lists and mappings inside each other; front matter uses 3 or 4
MAX_VALUES = 20_000  # values (scalars, lists, mappings) with every alias expanded
MAX_NUMBER_DIGITS = 1_000  # Python refuses to read whole numbers of more than 4,300 digits (a traceback)

# Decimal digits (and YAML 1.1's underscores) only: hex and base-60 numbers are read without that
# limit, and a long word of the letters a-f is text, not a number.
LONG_NUMBER = re.compile(r"[-+]?[0-9][0-9_]{" + str(MAX_NUMBER_DIGITS) + ",}")
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML text over a limit; `problem` says which in an editor's words."""


def check(text: str) -> None:
    """Raise YamlLimitError if `text` is too large, too deep or expands to too many values."""
    if len(text) > MAX_CHARACTERS:
        raise YamlLimitError(
            problem=f"the text is {len(text):,} characters long; at most {MAX_CHARACTERS:,} are accepted", problem_mark=None
        )
    depth = 0
    counted = 0  # values so far, with aliases expanded: those done and those inside open collections
    # Per open collection: how many values it holds so far, with aliases expanded, and its anchor.
    open_collections: list[list] = []
    anchored: dict[str, int] = {}  # anchor -> values in the anchored node (aliases count all of them)
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.ScalarEvent):  # the most frequent event first
                added = 1
                value = event.value
                # Plain, so read as a number (the pattern needs more than MAX_NUMBER_DIGITS characters).
                if len(value) > MAX_NUMBER_DIGITS and event.implicit[0] and LONG_NUMBER.fullmatch(value):
                    raise YamlLimitError(
                        problem=f"a number has more than {MAX_NUMBER_DIGITS:,} digits; put quotes around it if it is text",
                        problem_mark=event.start_mark,
                    )
                if event.anchor:
                    anchored[event.anchor] = 1
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlLimitError(
                        problem=f"lists and mappings are nested more than {MAX_DEPTH} levels deep; at most {MAX_DEPTH} are accepted",
                        problem_mark=event.start_mark,
                    )
                open_collections.append([1, event.anchor])
                counted += 1
                continue
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                size, anchor = open_collections.pop()
                if anchor:
                    anchored[anchor] = size
                added = size
                counted -= size  # moved into its parent (or the finished values) below: counted once
            elif isinstance(event, yaml.AliasEvent):
                added = anchored.get(event.anchor, 1)
            else:
                continue
            if open_collections:
                open_collections[-1][0] += added
            counted += added
            if counted > MAX_VALUES:
                raise YamlLimitError(
                    problem=f"it holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded; "
                    f"at most {MAX_VALUES:,} are accepted",
                    problem_mark=event.start_mark,
                )
    except YamlLimitError:
        raise
    except yaml.YAMLError:
        return  # a syntax error: the loader reports it with its own message
