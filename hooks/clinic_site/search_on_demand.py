"""Search that costs nothing until a reader searches.

Material's page script fetches search/search_index.json on every page load and hands it to its
search worker. After the build, that file keeps only the search settings, and the documents move
to search/search_index_full.json, which docs/javascripts/search-on-demand.js (the worker the
pages start instead of Material's, see overrides/main.html) fetches with Material's worker on the
first query. Readers who never search download neither; the cold load no longer grows with the
catalogue.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE_INDEX = "search/search_index.json"  # fetched by Material's page script on load
FULL_INDEX = "search/search_index_full.json"  # the name search-on-demand.js fetches


def move_search_documents(site_dir: Path) -> bool:
    """Split the built search index; False if the site has none (search plugin turned off)."""
    page_index = site_dir / PAGE_INDEX
    if not page_index.is_file():
        return False
    text = page_index.read_text(encoding="utf-8")
    index = json.loads(text)
    if not index.get("docs") and (site_dir / FULL_INDEX).is_file():
        return True  # already split (a dirty rebuild that did not rewrite the index)
    (site_dir / FULL_INDEX).write_text(text, encoding="utf-8")
    settings_only = {"config": index["config"], "docs": []}
    page_index.write_text(json.dumps(settings_only, separators=(",", ":")), encoding="utf-8")
    return True
