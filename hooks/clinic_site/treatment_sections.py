"""The treatment page's own sections (key facts, before/after photos, related treatments) and its
table of contents ("On this page").

The sections that show a field of the front matter are declared beside the field in model.py
(model.Section); these are the ones that belong to the page rather than to a field. `contents`
lists every h2 in page order: key facts, the page's own Markdown headings, the field sections
shown, then these. tests/test_treatment_page_layout.py checks that the rendered headings and the
contents agree on every demo page.
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
    # ... the page's own Markdown sections, then the field sections of model.py, come here ...
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
    fields = [ContentsEntry(s["anchor"], s["heading"]) for s in view["field_sections"] if s["shown"]]
    before = [ContentsEntry(s.id, s.title) for s in SECTIONS if not s.after_body and s.shown(view)]
    after = [ContentsEntry(s.id, s.title) for s in SECTIONS if s.after_body and s.shown(view)]
    return before + own + fields + after
