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


SHOWN_LENGTH = 120


def show_value(value: object) -> str:
    """A value as the editor wrote it, short enough for a one-line message.

    Cheap whatever the value: only as much of a long text, list or mapping is looked at as the
    message shows (a YAML alias bomb expands to millions of items when walked in full).
    """
    text = _shown(value, SHOWN_LENGTH + 1)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "…"


def _shown(value: object, budget: int) -> str:
    if isinstance(value, str):
        return repr(value[:budget])[: budget + 2] if len(value) > budget else repr(value)
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return (
            "a mapping ("
            + _joined((f"{k if isinstance(k, str) else _shown(k, budget)}"[:budget] + ": …" for k in value), budget)
            + ")"
        )
    if isinstance(value, list):
        return "a list [" + _joined((_shown(v, budget) for v in value), budget) + "]"
    if isinstance(value, int) and value.bit_length() > 4 * budget:  # str() of a huge int is slow or refused
        return f"a number with more than {budget} digits"
    return str(value)[:budget]


def _joined(parts, budget: int) -> str:
    """Comma-joined parts, taking no more of them than fit in `budget` characters."""
    taken, length = [], 0
    for part in parts:
        taken.append(part)
        length += len(part) + 2
        if length > budget:
            break
    return ", ".join(taken)


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
