"""Markers editors place on a line of their own in Markdown, e.g.

    <!-- comparison-table category=collagen-induction columns=concerns,downtime -->

Each marker declares its options (page_markers.py); an unknown marker, option or value is an editor
error that names the page and line, never silence. What counts as code follows Python-Markdown itself:
a marker written inside a fenced or indented code block is text to show, not a marker. Each page is
parsed once, when the build collects the site; rendering reuses the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from markdown import Markdown

from clinic_site.problems import ContentProblem, did_you_mean

MARKER_LINE = re.compile(r"^[ \t]*<!--[ \t]*([A-Za-z][\w-]*)(.*?)-->[ \t]*$", re.MULTILINE)
ANY_COMMENT = re.compile(r"<!--[ \t]*([A-Za-z][\w-]*)")
PROBE = "clinic-probe-{}:"


@dataclass(frozen=True)
class OptionSpec:
    """One option: its accepted values come from `choices(catalogue)`; `many` allows a comma list."""

    help: str
    choices: Callable[[Any], list[str]]
    many: bool = True
    required: bool = False


@dataclass(frozen=True)
class MarkerCall:
    name: str
    options: dict[str, list[str]]
    line: int  # in the file, as the editor counts
    start: int  # character offsets of the whole marker line in the page's Markdown body
    end: int


class CodeFinder:
    """Which lines of a Markdown body Python-Markdown renders as code, for the site's own extensions.

    Converting the body with each candidate line tagged tells exactly what Python-Markdown makes of it:
    a comment that survives into the HTML is a marker; one shown as text (`&lt;!--`) is code. Only
    pages with a candidate are converted, so this costs nothing on ordinary pages.
    """

    def __init__(self, new_markdown: Callable[[], Markdown]):
        self._new_markdown = new_markdown
        self._markdown: Markdown | None = None  # made on the first page with a candidate

    def html_comment_lines(self, body: str, candidates: Collection[int]) -> set[int]:
        """The candidate lines (1-based, in `body`) whose comment Python-Markdown keeps as HTML."""
        return self.comment_lines(body, candidates)[0]

    def comment_lines(self, body: str, candidates: Collection[int]) -> tuple[set[int], set[int]]:
        """The candidate lines whose comment is kept as HTML, and those whose comment readers would
        see as text outside code (a comment never closed with -->)."""
        if not candidates:
            return set(), set()
        lines = body.split("\n")
        for number in candidates:
            lines[number - 1] = lines[number - 1].replace("<!--", "<!--" + PROBE.format(number), 1)
        if self._markdown is None:
            self._markdown = self._new_markdown()
        html = self._markdown.reset().convert("\n".join(lines))
        kept = {number for number in candidates if "<!--" + PROBE.format(number) in html}
        shown = set()
        for number in candidates:
            at = html.find("&lt;!--" + PROBE.format(number))
            if at >= 0 and html.rfind("<code", 0, at) <= html.rfind("</code>", 0, at):  # not inside <code>
                shown.add(number)
        return kept, shown


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_markers(
    body: str, specs: Mapping[str, Any], path: str, catalogue: Any, code: CodeFinder, first_line: int = 1
) -> tuple[list[MarkerCall], list[ContentProblem]]:
    """Every known marker in a page's Markdown body, and problems for misspelt markers and bad options.

    `specs` maps marker names to page_markers.Marker; `first_line` is the file line of the body's first
    line (after the front matter), so messages give the line the editor sees.
    """
    comments = list(ANY_COMMENT.finditer(body))
    if not comments:
        return [], []
    candidate_lines = {_line_at(body, m.start()) for m in comments}
    real, shown_as_text = code.comment_lines(body, candidate_lines)
    calls: list[MarkerCall] = []
    problems: list[ContentProblem] = [
        ContentProblem(
            path,
            f"marker '{match[1]}'" if match[1] in specs else "page content",
            f"the comment '<!-- {match[1]}' is never closed with '-->', so readers would see it as text",
            f"'-->' at the end of the comment, e.g. '<!-- {match[1]} -->'",
            line=_line_at(body, match.start()) + first_line - 1,
        )
        for match in comments
        if _line_at(body, match.start()) in shown_as_text
    ]
    on_own_line = {m.start(1) for m in MARKER_LINE.finditer(body)}
    for match in comments:
        line = _line_at(body, match.start())
        if match[1] in specs and match.start(1) not in on_own_line and line in real:
            problems.append(
                ContentProblem(
                    path,
                    f"marker '{match[1]}'",
                    "the marker shares its line with other text",
                    f"the marker alone on a line of its own, e.g. '<!-- {match[1]} -->'",
                    line=line + first_line - 1,
                )
            )
    seen: dict[str, int] = {}
    for match in MARKER_LINE.finditer(body):
        body_line = _line_at(body, match.start())
        if body_line not in real:
            continue  # shown as code on the page: text, not a marker
        line = body_line + first_line - 1
        if match[1] in specs and match[0][:1] in (" ", "\t"):  # inside a note, a collapsible block or a list item
            problems.append(
                ContentProblem(
                    path,
                    f"marker '{match[1]}'",
                    "the marker is indented, so it would sit inside a note, a collapsible block or a list item, "
                    "where what it shows cannot go",
                    f"the marker at the very start of a line of its own, outside notes and lists, e.g. '<!-- {match[1]} -->'",
                    line=line,
                )
            )
            continue
        call, call_problems = _parse_call(match, specs, path, line, catalogue)
        problems += call_problems
        if call is None:
            continue
        spec = specs[call.name]
        if spec.once_per_page and call.name in seen:
            problems.append(
                ContentProblem(
                    path,
                    f"marker '{call.name}'",
                    f"the marker is already on this page (line {seen[call.name]})",
                    f"'{spec.usage}' once per page",
                    line=line,
                )
            )
            continue
        seen.setdefault(call.name, line)
        calls.append(call)
    return calls, problems


def _parse_call(match: re.Match, specs: Mapping[str, Any], path: str, line: int, catalogue: Any):
    name, rest = match[1], match[2].strip()
    spec = specs.get(name)
    if spec is None:
        hint = did_you_mean(name.lower(), specs)
        if not hint:  # an ordinary comment is fine; a misspelt marker is not
            return None, []
        problem = ContentProblem(
            path,
            f"marker '{name}'",
            f"'{name}' is not a known marker (did you mean '{hint}'?)",
            "the markers " + ", ".join(specs),
            line=line,
        )
        return None, [problem]
    where = f"marker '{name}'"
    problems: list[ContentProblem] = []
    options: dict[str, list[str]] = {}
    for token in rest.split():
        key, sep, value = token.partition("=")
        option = spec.options.get(key)
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
        if key in options:
            problems.append(ContentProblem(path, where, f"the option '{key}' is given twice", _options_help(spec), line=line))
            continue
        values = [v for v in value.split(",") if v] if option.many else [value]
        allowed = option.choices(catalogue)
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
    for key, option in spec.options.items():
        if option.required and key not in options:
            problems.append(ContentProblem(path, where, f"the option '{key}' is missing", _options_help(spec), line=line))
    if problems:
        return None, problems
    return MarkerCall(name, options, line, match.start(), match.end()), []


def _options_help(spec: Any) -> str:
    if not spec.options:
        return f"'{spec.usage}' takes no options"
    return "; ".join(f"{key}= {option.help}" for key, option in spec.options.items())
