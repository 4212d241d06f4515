"""Editor-facing content errors.

Every message names the file, the field, the bad value and what would be accepted, so a
marketing editor can fix the page without reading code. Messages are collected for the whole
site and reported together, so one build shows every mistake at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """The closest option to a mistyped word, or None when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def show_value(value: object) -> str:
    """A value as the editor wrote it, short enough for a one-line message."""
    if isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "an empty value"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "a mapping (" + ", ".join(f"{k}: …" for k in value) + ")"
    elif isinstance(value, list):
        text = "a list [" + ", ".join(show_value(v) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


@dataclass(frozen=True)
class ContentProblem:
    """One mistake in one page."""

    path: str  # as the editor sees it, e.g. docs/treatments/dermaroller.md
    field: str  # dotted, e.g. treatment.sessions; "front matter" for whole-block problems
    problem: str  # what is wrong, naming the bad value
    accepted: str  # what would be accepted instead
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.problem}. Accepted: {self.accepted.rstrip('.')}."


def problem_summary(problems: Iterable[ContentProblem]) -> str:
    """Every problem of a build, one per line, sorted by file and line: what stops the build."""
    ordered = sorted(problems, key=lambda p: (p.path, p.line or 0))
    noun = "problem" if len(ordered) == 1 else "problems"
    return "\n".join([f"The site was not built: {len(ordered)} content {noun} to fix.", *(f"  - {p}" for p in ordered)])


class ContentError(Exception):
    """Raised by plain modules for content problems; the hook turns it into a PluginError."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
