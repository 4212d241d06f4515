"""What Material's search plugin indexes of each page, and, in the preview, parsing it only once.

Material's search plugin parses the HTML of every page it sees (`SearchIndex.add_entry_from_context`).
Two changes, made by wrapping that method of this build's index:

- It reads the content search should see when the hook gives one (`content_for_search`): the page
  without its listings of treatments (comparison tables, cards, the chooser; page_markers.Marker.in_search).
  Search then leads to a treatment's own page, and a 1,000-row table is not parsed for every build.
- In the preview, a partial rebuild (page_dependencies.py) often rewrites pages whose content did not
  change, only their template's data (a renamed treatment in a related card); each page's entries
  are remembered by exactly what Material reads (URL, title, content, table of contents, front
  matter), through check_cache, and reused when all of that is unchanged. (`latest` computes every
  time outside the preview.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clinic_site.check_cache import latest


def wrap_search_index(plugins: Any, content_for_search: Callable[[str], str | None]) -> None:
    """Wrap this build's search index of Material's search plugin, if the site uses it.
    `content_for_search(src_uri)`: what to index of that page, or None for its content."""
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context") and hasattr(index, "entries"):
            index.add_entry_from_context = _wrapped(index, index.add_entry_from_context, content_for_search)


def _wrapped(index: Any, add: Any, content_for_search: Callable[[str], str | None]):
    def add_entry_from_context(page: Any) -> None:
        content = content_for_search(page.file.src_uri)
        if content is None:
            content = page.content
        key = (page.url, page.title, content, _toc_key(page.toc), repr(page.meta))
        entries = latest("search entries", page.file.src_uri, key, lambda: _entries_added(index, add, page, content))
        index.entries.extend(entries)

    return add_entry_from_context


def _entries_added(index: Any, add: Any, page: Any, content: str) -> tuple[dict[str, Any], ...]:
    before = len(index.entries)
    shown, page.content = page.content, content  # Material reads page.content; the page keeps its own
    try:
        add(page)
    finally:
        page.content = shown
    added = tuple(index.entries[before:])
    del index.entries[before:]
    return added


def _toc_key(items: Any) -> tuple:
    return tuple((item.id, item.title, item.level, _toc_key(item.children)) for item in items or ())
