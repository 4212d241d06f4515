"""Limits on the shape of a page's Markdown, checked before anything converts it.

Python-Markdown recurses once per level of nesting and scans brackets pairwise, so a few kilobytes
written to break it stop the build with a traceback or stall it: lists nested 300 deep (a
RecursionError), `<div markdown>` nested 2,000 deep (the same), 50,000 '[' in one paragraph (minutes
of CPU). Editors' pages nest a few levels and hold a few links per paragraph, so the limits below
are far beyond any real page and keep each conversion to a fraction of a second:

- indentation (lists, notes and code inside each other): at most MAX_INDENT columns;
- quotes inside quotes ('> > >'): at most MAX_QUOTE_DEPTH;
- '[' (links and images) and '<' (HTML) in one paragraph: at most MAX_BRACKETS and MAX_TAGS;
- blocks whose Markdown is read inside HTML (`markdown` attribute): at most MAX_MARKDOWN_BLOCKS.

Fenced code blocks are text, not parsed, and are not counted.
"""

from __future__ import annotations

import re

from clinic_site.frontmatter import FRONT_MATTER
from clinic_site.problems import ContentProblem

MAX_INDENT = 80  # 20 levels of four spaces
MAX_QUOTE_DEPTH = 20
MAX_BRACKETS = 300  # per paragraph
MAX_TAGS = 1_000  # per paragraph
MAX_MARKDOWN_BLOCKS = 100  # per page

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
MARKDOWN_BLOCK = re.compile(r"<[A-Za-z][^<>]*\smarkdown(?:\s*=|[\s>/])")
ACCEPTED = "a page of ordinary shape: {what} (split the text, or ask a developer for a page this complex)"


def markdown_shape_problems(body: str, shown_as: str, first_line: int = 1) -> list[ContentProblem]:
    """The first problem of each kind in the Markdown `body` (whose first line is `first_line` of the file)."""
    found: dict[str, ContentProblem] = {}

    def refuse(kind: str, line: int, problem: str, what: str) -> None:
        found.setdefault(kind, ContentProblem(shown_as, "page content", problem, ACCEPTED.format(what=what), line=line))

    fence = ""
    paragraph_start, brackets, tags = first_line, 0, 0
    for number, line in enumerate(body.split("\n"), start=first_line):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        if opened := FENCE.match(line):
            fence = opened[1][0] * 3
            continue
        if not line.strip():
            paragraph_start, brackets, tags = number + 1, 0, 0
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT:
            refuse("indent", number, f"a line is indented {indent} spaces", f"lists and notes at most {MAX_INDENT} spaces deep")
        if (quotes := QUOTES.match(line)) and (depth := quotes[1].count(">")) > MAX_QUOTE_DEPTH:
            refuse("quotes", number, f"quotes are nested {depth} deep", f"at most {MAX_QUOTE_DEPTH} quotes inside each other")
        brackets += line.count("[")
        tags += line.count("<")
        if brackets > MAX_BRACKETS:
            refuse(
                "brackets",
                paragraph_start,
                f"a paragraph holds more than {MAX_BRACKETS} '['",
                f"at most {MAX_BRACKETS} links or '[' per paragraph",
            )
        if tags > MAX_TAGS:
            refuse(
                "tags",
                paragraph_start,
                f"a paragraph holds more than {MAX_TAGS} '<'",
                f"at most {MAX_TAGS} HTML tags or '<' per paragraph",
            )
    blocks = MARKDOWN_BLOCK.findall(body)
    if len(blocks) > MAX_MARKDOWN_BLOCKS:
        refuse(
            "blocks",
            first_line,
            f"the page has {len(blocks)} HTML blocks with a markdown attribute",
            f"at most {MAX_MARKDOWN_BLOCKS} such blocks",
        )
    return list(found.values())


def checked_page(source: str, shown_as: str) -> tuple[str, list[ContentProblem]]:
    """A page's source and the problems of its Markdown; a page over the limits comes back with its
    front matter only, so neither the build nor the preview ever converts the rest."""
    match = FRONT_MATTER.match(source)
    start = match.end() if match else 0
    problems = markdown_shape_problems(source[start:], shown_as, source.count("\n", 0, start) + 1)
    return (source[:start] if problems else source), problems
