"""The clinic's opening hours: one structured field in mkdocs.yml `extra.clinic.opening_hours`.

    opening_hours:
      - {days: Monday to Friday, opens: "09:00", closes: "18:00"}
      - {days: Saturday, opens: "10:00", closes: "16:00"}

Days not listed are closed. From this one field come the week in the footer and on the contact
blocks, "today's hours" (picked in the reader's browser by docs/javascripts/clinic-hours.js from
sentences prepared here, so the script formats nothing), and the JSON-LD
`openingHoursSpecification`. Mistakes are editor errors (via pydantic custom errors that carry
the problem and what is accepted, see page_validation.problem_for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from babel.core import get_global
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator
from pydantic_core import PydanticCustomError

from clinic_site.problems import did_you_mean, show_value

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS_ACCEPTED = "a day (Saturday), a range of days (Monday to Friday) or a list of days ([Monday, Wednesday])"
TIME_ACCEPTED = 'a time on the 24-hour clock in quotes, e.g. "09:00" or "17:30" (or 9am, 5:30pm)'
CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
DAY_RANGE = re.compile(r"^\s*(\w+)\s*(?:-|–|—|to)\s*(\w+)\s*$", re.IGNORECASE)


def _problem(kind: str, problem: str, accepted: str) -> PydanticCustomError:
    return PydanticCustomError(kind, "{problem}", {"problem": problem, "accepted": accepted})


def _day(word: str, written: Any) -> int:
    text = word.strip().casefold()
    for index, day in enumerate(DAYS):
        if text == day.casefold() or (len(text) >= 3 and day.casefold().startswith(text)):
            return index
    hint = did_you_mean(word.strip().capitalize(), DAYS)
    raise _problem(
        "day",
        f"{show_value(written)} is not a day of the week" + (f" (did you mean '{hint}'?)" if hint else ""),
        DAYS_ACCEPTED,
    )


def _parse_days(value: Any) -> tuple[int, ...]:
    """'Saturday', 'Monday to Friday', 'Mon-Fri' or [Monday, Wednesday] -> weekday numbers (Monday = 0)."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(item, str) for item in value):
        days = [_day(item, item) for item in value]
    elif isinstance(value, str) and (match := DAY_RANGE.match(value)):
        first, last = _day(match[1], value), _day(match[2], value)
        if last < first:
            raise _problem("days", f"{show_value(value)} runs backwards", "the earlier day first, e.g. Monday to Friday")
        days = list(range(first, last + 1))
    elif isinstance(value, str) and value.strip():
        days = [_day(value, value)]
    else:
        raise _problem("days", f"found {show_value(value)}", DAYS_ACCEPTED)
    repeated = sorted({DAYS[d] for d in days if days.count(d) > 1}, key=DAYS.index)
    if repeated:
        raise _problem("days", f"{', '.join(repeated)} is listed more than once", "each day once")
    return tuple(sorted(days))


def _parse_time(value: Any) -> str:
    """'09:00', '9am', '5:30pm' -> '09:00' / '17:30'. YAML 1.1 reads an unquoted 18:00 as the
    number 1080 (base 60); such a number is turned back into the time the editor wrote."""
    if isinstance(value, int) and not isinstance(value, bool) and 60 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    match = CLOCK.match(value.strip()) if isinstance(value, str) else None
    if match:
        hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
        if half and not 1 <= hour <= 12:
            match = None
        elif half:
            hour = hour % 12 + (12 if half == "pm" else 0)
        if match and (match[2] or half) and hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise _problem("time", f"{show_value(value)} is not a time of day", TIME_ACCEPTED)


Days = Annotated[
    tuple[int, ...],
    BeforeValidator(_parse_days),
    PlainSerializer(lambda days: [DAYS[d] for d in days]),
    Field(description=DAYS_ACCEPTED, json_schema_extra={"examples": ["Monday to Friday"]}),
]
ClockTime = Annotated[str, BeforeValidator(_parse_time), Field(description=TIME_ACCEPTED)]


class OpeningTimes(BaseModel):
    """One line of the opening hours: these days, from `opens` to `closes`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: Days
    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def closes_after_it_opens(self) -> OpeningTimes:
        if self.closes <= self.opens:
            raise _problem(
                "hours",
                f"closes at {self.closes}, which is not after it opens ({self.opens})",
                "a closing time later the same day than the opening time",
            )
        return self


def _each_day_once(lines: list[OpeningTimes]) -> list[OpeningTimes]:
    seen: dict[int, int] = {}
    for number, line in enumerate(lines, start=1):
        for day in line.days:
            if day in seen:
                raise _problem(
                    "hours",
                    f"{DAYS[day]} is in item {seen[day]} and item {number}",
                    "each day in one item only (a day with a break: ask an engineer to add split hours)",
                )
            seen[day] = number
    return lines


OpeningHours = Annotated[
    list[OpeningTimes],
    AfterValidator(_each_day_once),
    Field(
        description="The clinic's opening hours: a list of {days, opens, closes}; days not listed are closed",
        examples=[[{"days": "Monday to Friday", "opens": "09:00", "closes": "18:00"}]],
    ),
]


# -- time zone: the clinic's own, so "today" is the clinic's day wherever the reader is --------------


def known_time_zones() -> set[str]:
    return {zone for zones in get_global("territory_zones").values() for zone in zones}


def zone_for_country(country: str) -> str | None:
    """The country's time zone when it has only one (GB: Europe/London), else None."""
    zones = get_global("territory_zones").get(country.upper(), [])
    return zones[0] if len(zones) == 1 else None


def check_time_zone(value: str | None) -> str | None:
    if value is not None and value not in known_time_zones():
        hint = did_you_mean(value, sorted(known_time_zones()))
        raise _problem(
            "timezone",
            f"{show_value(value)} is not a time zone name" + (f" (did you mean '{hint}'?)" if hint else ""),
            "an IANA time zone name such as Europe/London",
        )
    return value


TimeZone = Annotated[
    str | None,
    AfterValidator(check_time_zone),
    Field(description="The clinic's time zone, e.g. Europe/London (needed only in a country with several)"),
]


# -- wording for readers --------------------------------------------------------------------------


def clock(time: str) -> str:
    """'09:00' -> '9am', '17:30' -> '5:30pm', '12:00' -> 'midday' (GOV.UK style)."""
    hour, minute = (int(part) for part in time.split(":"))
    if (hour, minute) == (12, 0):
        return "midday"
    if (hour, minute) == (0, 0):
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


@dataclass(frozen=True)
class DayHours:
    day: int  # Monday = 0
    opens: str | None  # "09:00", None when closed
    closes: str | None

    @property
    def text(self) -> str:
        return f"{clock(self.opens)} to {clock(self.closes)}" if self.opens and self.closes else "Closed"


@dataclass(frozen=True)
class WeekLine:
    """Consecutive days with the same hours: 'Monday to Friday', '9am to 6pm'."""

    days: str
    hours: str
    js_days: tuple[int, ...]  # the days as JavaScript numbers them (Sunday = 0), to mark today


def week(lines: list[OpeningTimes]) -> list[DayHours]:
    by_day = {day: line for line in lines for day in line.days}
    return [
        DayHours(day, by_day[day].opens, by_day[day].closes) if day in by_day else DayHours(day, None, None) for day in range(7)
    ]


def week_lines(lines: list[OpeningTimes]) -> list[WeekLine]:
    """The whole week for readers, consecutive days with equal hours together, closed days included."""
    groups: list[list[DayHours]] = []
    for day in week(lines):
        if groups and groups[-1][-1].text == day.text:
            groups[-1].append(day)
        else:
            groups.append([day])
    shown = []
    for group in groups:
        first, last = DAYS[group[0].day], DAYS[group[-1].day]
        days = first if len(group) == 1 else f"{first} and {last}" if len(group) == 2 else f"{first} to {last}"
        shown.append(WeekLine(days, group[0].text, tuple((d.day + 1) % 7 for d in group)))
    return shown


def today_sentences(lines: list[OpeningTimes]) -> list[str]:
    """What 'today' says on each day, indexed like JavaScript's Date.getDay() (Sunday = 0)."""
    days = week(lines)
    sentences_from_monday = []
    for today in days:
        if today.opens:
            sentences_from_monday.append(f"Open today ({DAYS[today.day]}): {today.text}")
            continue
        following = [days[(today.day + step) % 7] for step in range(1, 8)]
        upcoming = next((d for d in following if d.opens), None)
        sentences_from_monday.append(
            f"Closed today ({DAYS[today.day]}). We open again on {DAYS[upcoming.day]}, {upcoming.text}."
            if upcoming
            else f"Closed today ({DAYS[today.day]})."
        )
    return sentences_from_monday[6:] + sentences_from_monday[:6]


def opening_hours_specification(lines: list[OpeningTimes]) -> list[dict[str, Any]]:
    """schema.org OpeningHoursSpecification, one per line of the editor's field."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{DAYS[day]}" for day in line.days],
            "opens": line.opens,
            "closes": line.closes,
        }
        for line in lines
    ]
