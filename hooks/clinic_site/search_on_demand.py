"""Search that costs nothing until a reader searches.

Material's page script fetches search/search_index.json on every page load and hands it to its
search worker. After the build, that file keeps only the search settings, and the documents move
to search/search_index_full.json, which docs/javascripts/search-on-demand.js (the worker the
pages start instead of Material's, see overrides/main.html) fetches with Material's worker on the
first query. Readers who never search download neither; the cold load no longer grows with the
catalogue.

How the stand-in worker works: Material's page script talks to its worker by messages only
(SETUP, READY, QUERY, RESULT; `integrations/search/worker/message` in Material's sources). The
stand-in answers SETUP with READY at once and empty queries with no results. On the first query
with text it fetches the full index, loads Material's worker into itself with importScripts (its
name comes in the stand-in's address, ?material=search.<hash>.min.js, so a Material upgrade
needs no change here), hands it SETUP with the full documents, swallows its second READY and
passes on the latest query; from then on every message goes straight to Material's worker.
Runs under the site's Content-Security-Policy as it is (worker-src, script-src and connect-src
'self'; no eval).
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
