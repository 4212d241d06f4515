"""The live preview's search index without parsing unchanged pages again.

Material's search plugin parses the HTML of every page it sees (`SearchIndex.add_entry_from_context`).
A partial rebuild of the preview (page_dependencies.py) often rewrites pages whose content did not
change, only their template's data (a renamed treatment in a related card), and at 1,000 treatments
that parsing is a large part of the rebuild. In the preview, each page's search entries are
remembered by exactly what Material reads (URL, title, content, table of contents, front matter),
through check_cache, and reused when all of that is unchanged.
"""

from __future__ import annotations

from typing import Any

from clinic_site.check_cache import latest


def remember_search_entries(plugins: Any) -> None:
    """Wrap this build's search index of Material's search plugin, if the site uses it."""
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context") and hasattr(index, "entries"):
            index.add_entry_from_context = _remembering(index, index.add_entry_from_context)


def _remembering(index: Any, add: Any):
    def add_entry_from_context(page: Any) -> None:
        key = (page.url, page.title, page.content, _toc_key(page.toc), repr(page.meta))
        index.entries.extend(latest("search entries", page.file.src_uri, key, lambda: _entries_added(index, add, page)))

    return add_entry_from_context


def _entries_added(index: Any, add: Any, page: Any) -> tuple[dict[str, Any], ...]:
    before = len(index.entries)
    add(page)
    added = tuple(index.entries[before:])
    del index.entries[before:]
    return added


def _toc_key(items: Any) -> tuple:
    return tuple((item.id, item.title, item.level, _toc_key(item.children)) for item in items or ())
