"""Markers editors place on a line of their own in Markdown, e.g.

    <!-- comparison-table category=collagen-induction columns=concerns,downtime -->

Each marker declares its options; an unknown marker, option or value is an editor error that
names the page and line, never silence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from clinic_site.problems import ContentProblem, did_you_mean

MARKER_LINE = re.compile(r"^[ \t]*<!--[ \t]*([A-Za-z][\w-]*)(.*?)-->[ \t]*$", re.MULTILINE)
ANY_COMMENT = re.compile(r"<!--[ \t]*([A-Za-z][\w-]*)")
FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass(frozen=True)
class OptionSpec:
    """One option: its accepted values are given by `choices` (called per build) and may be a list."""

    help: str
    choices: Callable[[], list[str]]
    many: bool = True


@dataclass(frozen=True)
class MarkerSpec:
    name: str
    help: str
    options: dict[str, OptionSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class MarkerCall:
    name: str
    options: dict[str, list[str]]
    line: int
    start: int  # character offsets of the whole marker line in the Markdown
    end: int


def _lines_in_fences(markdown: str) -> set[int]:
    inside, fenced = False, set()
    for number, line in enumerate(markdown.splitlines(), start=1):
        if FENCE.match(line):
            inside = not inside
            fenced.add(number)
        elif inside:
            fenced.add(number)
    return fenced


def find_markers(markdown: str, specs: dict[str, MarkerSpec], path: str) -> tuple[list[MarkerCall], list[ContentProblem]]:
    """Every known marker in the page, and problems for misspelt markers and bad options."""
    calls: list[MarkerCall] = []
    problems: list[ContentProblem] = []
    fenced = _lines_in_fences(markdown)
    on_own_line = {m.start(1) for m in MARKER_LINE.finditer(markdown)}
    for match in ANY_COMMENT.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        if match[1] in specs and match.start(1) not in on_own_line and line not in fenced:
            problems.append(
                ContentProblem(
                    path,
                    f"marker '{match[1]}'",
                    "the marker shares its line with other text",
                    f"the marker alone on a line of its own, e.g. '<!-- {match[1]} -->'",
                    line=line,
                )
            )
    for match in MARKER_LINE.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        if line in fenced:
            continue
        name, rest = match[1], match[2].strip()
        spec = specs.get(name)
        if spec is None:
            hint = did_you_mean(name.lower(), specs)
            if hint:  # an ordinary comment is fine; a misspelt marker is not
                problems.append(
                    ContentProblem(
                        path,
                        f"marker '{name}'",
                        f"'{name}' is not a known marker (did you mean '{hint}'?)",
                        "the markers " + ", ".join(specs),
                        line=line,
                    )
                )
            continue
        options: dict[str, list[str]] = {}
        for token in rest.split():
            key, sep, value = token.partition("=")
            option = spec.options.get(key)
            where = f"marker '{name}'"
            if not sep or not value:
                problems.append(
                    ContentProblem(path, where, f"'{token}' is not of the form option=value", _options_help(spec), line=line)
                )
                continue
            if option is None:
                hint = did_you_mean(key, spec.options)
                problems.append(
                    ContentProblem(
                        path,
                        where,
                        f"unknown option '{key}'" + (f" (did you mean '{hint}'?)" if hint else ""),
                        _options_help(spec),
                        line=line,
                    )
                )
                continue
            values = [v for v in value.split(",") if v] if option.many else [value]
            allowed = option.choices()
            for item in values:
                if item not in allowed:
                    hint = did_you_mean(item, allowed)
                    problems.append(
                        ContentProblem(
                            path,
                            f"{where}, option '{key}'",
                            f"'{item}' is not accepted" + (f" (did you mean '{hint}'?)" if hint else ""),
                            f"{option.help}: {', '.join(allowed)}",
                            line=line,
                        )
                    )
            options[key] = values
        calls.append(MarkerCall(name, options, line, match.start(), match.end()))
    return calls, problems


def _options_help(spec: MarkerSpec) -> str:
    if not spec.options:
        return f"'<!-- {spec.name} -->' takes no options"
    return "; ".join(f"{key}= {option.help}" for key, option in spec.options.items())
