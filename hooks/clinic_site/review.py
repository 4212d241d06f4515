"""Medical review of treatment pages: the build warns when a page's review is missing or too old.

The age limit is `extra.clinic_review_months` in mkdocs.yml (12 when not set). Reviews are measured
against the real date, so a review that has gone stale stops publishing even when an old commit is
rebuilt; SOURCE_DATE_EPOCH (which publishing sets to the last commit's time to date the output) is
deliberately not used. CLINIC_TODAY=YYYY-MM-DD fixes the date, for tests or to check ahead.
"""

from __future__ import annotations

import calendar
import datetime
import os
from collections.abc import Iterable, Mapping

from clinic_site.catalogue import TreatmentEntry
from clinic_site.problems import ContentError, ContentProblem, show_value

MONTHS_SETTING = "clinic_review_months"
DEFAULT_MONTHS = 12
TODAY_VARIABLE = "CLINIC_TODAY"


def today(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The date reviews are measured against."""
    if fixed := environ.get(TODAY_VARIABLE):
        return datetime.date.fromisoformat(fixed)
    return datetime.date.today()


def review_months(extra: Mapping) -> int:
    """`extra.clinic_review_months` from mkdocs.yml, or ContentError naming the bad value."""
    value = extra.get(MONTHS_SETTING, DEFAULT_MONTHS)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise ContentError(
            [
                ContentProblem(
                    "mkdocs.yml",
                    f"extra.{MONTHS_SETTING}",
                    f"found {show_value(value)}",
                    f"a whole number of months from 1 to 120 (leave it out for {DEFAULT_MONTHS})",
                )
            ]
        )
    return value


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day when that day does not exist)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_problems(
    entries: Iterable[TreatmentEntry], on: datetime.date, months: int, front_matters: Mapping | None = None
) -> list[ContentProblem]:
    """A warning for every treatment page whose review is missing, too old, or dated in the future
    (on the line of `reviewed.on`, or of `treatment:` when there is no review, given `front_matters`)."""
    oldest = months_before(on, months)
    problems = []
    for entry in entries:
        front_matter = (front_matters or {}).get(entry.src_uri)
        review = entry.treatment.reviewed
        where = ("treatment",) if review is None else ("treatment", "reviewed", "on")
        line = front_matter.line_of(where) if front_matter else None
        if review is None:
            problems.append(
                ContentProblem(
                    entry.shown_as,
                    "treatment.reviewed",
                    "the page has no medical review",
                    "reviewed: {by: <who>, on: <YYYY-MM-DD>} once a clinician has checked the page's medical content",
                    line=line,
                )
            )
        elif review.on < oldest:
            problems.append(
                ContentProblem(
                    entry.shown_as,
                    "treatment.reviewed.on",
                    f"the last review was on {review.on}, more than {months} months ago",
                    f"a review on or after {oldest}: ask a clinician to check the page again, then update by and on",
                    line=line,
                )
            )
        elif review.on > on:
            problems.append(
                ContentProblem(
                    entry.shown_as,
                    "treatment.reviewed.on",
                    f"the review date {review.on} is in the future",
                    f"the date the review took place, on or before {on}",
                    line=line,
                )
            )
    return problems


def source_date_problems(entries: Iterable[TreatmentEntry], front_matters: Mapping, on: datetime.date) -> list[ContentProblem]:
    """A source said to be checked on a day still to come: a typo in the year, or a date guessed ahead."""
    problems = []
    for entry in entries:
        for index, source in enumerate(entry.treatment.sources):
            if source.checked > on:
                front_matter = front_matters.get(entry.src_uri)
                line = front_matter.line_of(("treatment", "sources", index, "checked")) if front_matter else None
                problems.append(
                    ContentProblem(
                        entry.shown_as,
                        f"treatment.sources, item {index + 1}, checked",
                        f"the date {source.checked} is in the future",
                        f"the day someone last checked the source, on or before {on}",
                        line=line,
                    )
                )
    return problems
