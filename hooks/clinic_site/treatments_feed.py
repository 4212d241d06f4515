"""`/treatments.json`: every treatment's validated front matter, for booking systems and other clients.

The facts are the content model's own serialisation (`model_dump(mode="json")`), so the feed can
never disagree with the pages. Ranges are strings ("2-3" or "3"), prices decimal strings in
the clinic's currency, dates YYYY-MM-DD; a field an editor left out is null ("discussed at
consultation"). Raise SCHEMA_VERSION when a change could break a client (a field renamed,
removed or given another type); adding a field does not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clinic_site.catalogue import Catalogue, TreatmentEntry

FEED_FILE = "treatments.json"
SCHEMA_VERSION = 1
# Material page options are layout, not facts about the treatment.
NOT_FACTS = {"hide", "search"}


def treatments_feed(catalogue: Catalogue, site_url: str, currency: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "site_url": site_url,
        "currency": currency,
        "treatments": [treatment_record(entry, site_url) for entry in catalogue.select()],
    }


def treatment_record(entry: TreatmentEntry, site_url: str) -> dict[str, Any]:
    facts = entry.front_matter.model_dump(mode="json", exclude=NOT_FACTS)
    facts["title"] = entry.title  # the title shown on the page (the name when none is set)
    return {"slug": entry.slug, "url": site_url + entry.url, **facts}


def write_treatments_feed(site_dir: Path, catalogue: Catalogue, site_url: str, currency: str) -> Path:
    target = site_dir / FEED_FILE
    feed = treatments_feed(catalogue, site_url, currency)
    # Compact: json's C encoder is only used without indent (10x faster with a thousand treatments).
    target.write_text(json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return target
