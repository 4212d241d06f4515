"""Files a static host needs beside the pages, written after the build into `site/`:

- `robots.txt` pointing crawlers at the sitemap (unless docs/ ships its own),
- `treatments.json`, the machine-readable feed of treatments (see treatments_feed.py),
- `_headers`, the security headers and cache lifetimes (see security_headers.py).

MkDocs itself writes `sitemap.xml` (dated by SOURCE_DATE_EPOCH) and Material writes `404.html`.
"""

from __future__ import annotations

from pathlib import Path

from clinic_site.catalogue import Catalogue
from clinic_site.security_headers import too_many_hashes, write_headers_file
from clinic_site.treatments_feed import write_treatments_feed

ROBOTS_FILE = "robots.txt"


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def write_deploy_files(site_dir: Path, catalogue: Catalogue, site_url: str, currency: str) -> list[str]:
    """Write the files; return warnings for the build log."""
    robots = site_dir / ROBOTS_FILE
    if not robots.exists():  # a robots.txt in docs/ is copied by MkDocs and wins
        robots.write_text(robots_txt(site_url), encoding="utf-8")
    write_treatments_feed(site_dir, catalogue, site_url, currency)
    rules = write_headers_file(site_dir)  # last: it reads the finished pages
    return [message] if (message := too_many_hashes(rules)) else []
