"""The sections a treatment page generates from its front matter, in page order: one list.

`overrides/treatment.html` includes one partial per section; each partial takes its heading's id
and words from `treatment.sections[key]`, and the page's table of contents ("On this page") is
built from this list around the page's own Markdown headings. So the contents always list every
section, and a section added here (with its partial included in treatment.html at the same
place) appears in both; tests/test_treatment_page_layout.py checks that the rendered headings and
the contents agree on every demo page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    id: str  # the heading's id, and so the contents' link #id
    title: str
    after_body: bool  # before or after the editor's own Markdown
    shown: Callable[[dict[str, Any]], bool] = lambda view: True


SECTIONS: tuple[Section, ...] = (
    Section("facts", "key-facts", "Key facts", after_body=False),
    # ... the page's own Markdown sections come here ...
    Section("aftercare", "aftercare", "Aftercare", after_body=True),
    Section("not_suitable", "not-suitable", "Who it is not suitable for", after_body=True),
    Section("risks", "risks", "Possible side effects and risks", after_body=True),
    Section(
        "before_after", "before-and-after", "Before and after photos", after_body=True, shown=lambda v: bool(v["before_after"])
    ),
    Section("related", "related", "Related treatments", after_body=True, shown=lambda v: bool(v["related"])),
)


@dataclass(frozen=True)
class ContentsEntry:
    id: str
    title: str


def sections_by_key() -> dict[str, Section]:
    return {section.key: section for section in SECTIONS}


def contents(view: dict[str, Any], body_toc) -> list[ContentsEntry]:
    """Every h2 of a treatment page in order: generated sections around the Markdown's own.

    `body_toc` is MkDocs' page.toc of the Markdown body (its top-level entries are the h2s, or
    the h1's children when the body starts with an h1)."""
    items = list(body_toc or [])
    if len(items) == 1 and items[0].level == 1:
        items = list(items[0].children)
    own = [ContentsEntry(item.id, item.title) for item in items]
    before = [ContentsEntry(s.id, s.title) for s in SECTIONS if not s.after_body and s.shown(view)]
    after = [ContentsEntry(s.id, s.title) for s in SECTIONS if s.after_body and s.shown(view)]
    return before + own + after
