"""Files a static host needs beside the pages, written after the build into `site/`:

- `treatments.json`, the machine-readable feed of treatments (see treatments_feed.py),
- `_headers`, the security headers and cache lifetimes (see security_headers.py).

MkDocs itself writes `sitemap.xml` (dated by SOURCE_DATE_EPOCH), `robots.txt` comes from the
static template overrides/robots.txt, and Material writes `404.html` from overrides/404.html.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from clinic_site.catalogue import Catalogue
from clinic_site.security_headers import too_many_hashes, write_headers_file
from clinic_site.treatments_feed import write_treatments_feed


def write_deploy_files(
    site_dir: Path,
    catalogue: Catalogue,
    site_url: str,
    currency: str,
    scripts: Iterable[str],
    more_sources: dict[str, tuple[str, ...]] | None = None,
    apps: dict[str, tuple] | None = None,
) -> list[str]:
    """Write the files; return warnings for the build log. `scripts`: the inline scripts the pages
    run (Material's, checked page by page); `more_sources`: hosts the policy allows (analytics);
    `apps`: folders served with headers of their own (the web editor in admin/)."""
    write_treatments_feed(site_dir, catalogue, site_url, currency)
    rules = write_headers_file(site_dir, scripts, more_sources, apps)  # last: it reads the finished pages
    return [message] if (message := too_many_hashes(rules)) else []
