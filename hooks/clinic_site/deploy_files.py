"""Files a static host needs beside the pages, written after the build into `site/`:

- `treatments.json`, the machine-readable feed of treatments (see treatments_feed.py),
- `_headers`, the security headers and cache lifetimes (see security_headers.py).

MkDocs itself writes `sitemap.xml` (dated by SOURCE_DATE_EPOCH), `robots.txt` comes from the
static template overrides/robots.txt, and Material writes `404.html` from overrides/404.html.
"""

from __future__ import annotations

from pathlib import Path

from clinic_site.catalogue import Catalogue
from clinic_site.security_headers import too_many_hashes, write_headers_file
from clinic_site.treatments_feed import write_treatments_feed


def write_deploy_files(
    site_dir: Path, catalogue: Catalogue, site_url: str, currency: str, apps: dict[str, tuple] | None = None
) -> list[str]:
    """Write the files; return warnings for the build log. `apps`: folders of the site served with
    headers of their own (the web editor in admin/), see security_headers.site_header_rules."""
    write_treatments_feed(site_dir, catalogue, site_url, currency)
    rules = write_headers_file(site_dir, apps)  # last: it reads the finished pages
    return [message] if (message := too_many_hashes(rules)) else []
