"""Whole numbers and ranges as editors write them ('3', '2-3'), each field with its own plausible bounds.

`range_type(low, high)` is the annotated type a model field uses: it parses, checks the bounds, says
what is accepted in the editor's words, and describes itself in the JSON Schema.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from clinic_site.problems import show_value

RANGE_PATTERN = re.compile(r"^\s*(?:(at\s+least)\s+)?(\d{1,6})(?:\s*(?:[-–—]|to)\s*(\d{1,6}))?\s*$", re.IGNORECASE)
DASH = "\u2013"  # en dash, as in "2–3"


class Range(NamedTuple):
    """A whole number or an inclusive range, as editors write '3' or '2-3'; 'at least 4' where a
    source gives a minimum."""

    low: int
    high: int
    at_least: bool = False

    @property
    def is_single(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        text = str(self.low) if self.is_single else f"{self.low}-{self.high}"
        return f"at least {text}" if self.at_least else text


def accepted_range(low: int, high: int) -> str:
    return (
        f"a whole number from {low} to {high}, or a range such as {max(low, 2)}-{max(low, 2) + 1} (smaller number first), "
        "optionally after 'at least' where the source gives a minimum"
    )


def parse_range(value: Any, low: int = 0, high: int = 10**6) -> Range:
    """'2-3' -> Range(2, 3); raises PydanticCustomError with the editor's wording."""
    accepted = accepted_range(low, high)

    def refuse(problem: str) -> PydanticCustomError:
        return PydanticCustomError("range", "{problem}", {"problem": problem, "accepted": accepted})

    if isinstance(value, Range):
        parsed = value
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        parsed = Range(value, value)
    elif isinstance(value, str) and (match := RANGE_PATTERN.match(value)):
        first = int(match[2])
        parsed = Range(first, int(match[3]) if match[3] else first, at_least=bool(match[1]))
        if parsed.low > parsed.high:
            raise refuse(f"{show_value(value)} has the larger number first")
    else:
        raise refuse(f"{show_value(value)} is not a whole number or a range")
    if parsed.low < low:
        raise refuse(f"{show_value(value)} is less than {low}")
    if parsed.high > high:
        raise refuse(f"{show_value(value)} is more than {high}")
    return parsed


def range_type(low: int, high: int) -> Any:
    """The annotated type of a range field accepting whole numbers from `low` to `high`."""
    return Annotated[
        Range,
        BeforeValidator(lambda value: parse_range(value, low, high)),
        PlainSerializer(str, return_type=str),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "integer", "minimum": low, "maximum": high},
                    {"type": "string", "pattern": r"^(at least )?\d+(-\d+)?$"},
                ],
                "x-accepted": accepted_range(low, high),
            }
        ),
    ]


def count_text(value: Range, singular: str, plural: str | None = None) -> str:
    """Range(2, 3) -> '2–3 sessions'; Range(1, 1) -> '1 session'."""
    plural = plural or singular + "s"
    minimum = "at least " if value.at_least else ""
    if value.is_single:
        return f"{minimum}{value.low} {singular if value.low == 1 else plural}"
    return f"{minimum}{value.low}{DASH}{value.high} {plural}"
