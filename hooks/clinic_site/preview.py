"""What the live preview (`mkdocs serve`) shows instead of stopping on a content problem.

A failed rebuild leaves the editor's browser waiting with no word of what is wrong. So in the
preview, problems become a panel at the top of the affected page (file, field, bad value, what is
accepted); problems in files that are not pages (mkdocs.yml, data/*.yml) show on every page; a
treatment with a problem is left out of tables and lists. `mkdocs build` is unchanged: the same
problems still stop it. Stand-ins keep the preview rendering while mkdocs.yml or the vocabularies
are broken; they never reach a published site, because such a build stops.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from mkdocs.utils import CountHandler

from clinic_site.clinic_details import Address, ClinicDetails
from clinic_site.problems import ContentProblem
from clinic_site.vocabulary import VOCABULARIES, Vocabularies, Vocabulary

PANEL_TEMPLATE = "partials/clinic/problems.html"
DOC_FILE = re.compile(r"^Doc file '([^']+)'")
DIRTY_BUILD = "A 'dirty' build is being performed"  # MkDocs' warning at each dirty rebuild


@dataclass(frozen=True)
class OtherPage:
    path: str  # docs/treatments/prp.md
    url: str | None  # site-root relative, None when MkDocs has no page for it
    count: int


@dataclass(frozen=True)
class Panel:
    here: list[ContentProblem]  # problems of the page shown
    site_wide: list[ContentProblem]  # problems of files that are not pages
    elsewhere: list[OtherPage]

    def __bool__(self) -> bool:
        return bool(self.here or self.site_wide or self.elsewhere)


def panel_for(problems: list[ContentProblem], path: str, docs_name: str, urls: dict[str, str]) -> Panel:
    """The panel of the page at `path`; `urls` maps each page's path (docs/...) to its URL."""
    is_page = lambda p: p.path.startswith(docs_name + "/")  # noqa: E731
    counts = Counter(p.path for p in problems if is_page(p) and p.path != path)
    return Panel(
        here=[p for p in problems if p.path == path],
        site_wide=[p for p in problems if not is_page(p)],
        elsewhere=[OtherPage(other, urls.get(other), count) for other, count in sorted(counts.items())],
    )


class PreviewWarnings(logging.Filter):
    """MkDocs' own warnings (a broken link, ...) in the preview: remembered for the panel of the page
    they name, and kept from MkDocs' strict-mode counter, which would stop the rebuild and leave the
    editor's browser waiting. The terminal still prints them as warnings; `mkdocs build` is unchanged."""

    def __init__(self, docs_name: str):
        super().__init__()
        self.docs_name = docs_name
        self.problems: list[ContentProblem] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING:
            return True
        message = record.getMessage()
        if message.startswith(DIRTY_BUILD):
            return False  # the preview's own partial rebuild (page_dependencies.py): not the editor's problem
        page = DOC_FILE.match(message)
        path = f"{self.docs_name}/{page[1]}" if page else "mkdocs.yml"
        self.problems.append(
            ContentProblem(
                path,
                "link" if page else "build",
                message,
                "a link to a page or heading that exists (see 'Messages from MkDocs itself' in EDITING.md)"
                if page
                else "see 'Messages from MkDocs itself' in EDITING.md",
            )
        )
        return False  # not counted: the preview goes on


def keep_warnings_from_stopping_the_preview(docs_name: str) -> PreviewWarnings | None:
    """Attach PreviewWarnings to this build's strict-mode counter (MkDocs adds one per build when
    `strict` is on, before `on_config`, and removes it afterwards)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            warnings = PreviewWarnings(docs_name)
            handler.addFilter(warnings)
            return warnings
    return None


def stand_in_clinic() -> ClinicDetails:
    """Placeholder clinic details while mkdocs.yml's have a problem (the panel names it)."""
    missing = "(see the problem panel)"
    return ClinicDetails.model_construct(
        name=f"Clinic name {missing}",
        phone=missing,
        phone_link="+440000000000",
        email=missing,
        address=Address.model_construct(street=missing, locality=missing, postal_code=missing, country="GB"),
        booking_url="consultation/",
        currency="GBP",
        locale="en_GB",
        opening_hours=[],
    )


def stand_in_vocabularies(source: str) -> Vocabularies:
    """Empty vocabularies while the vocabulary file has a problem: no treatment can be checked."""
    return Vocabularies({name: Vocabulary(name, noun, {}) for name, noun in VOCABULARIES.items()}, source)
