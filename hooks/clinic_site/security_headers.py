"""The `_headers` file (Netlify / Cloudflare Pages format): security headers and cache lifetimes.

Written after the build from the built pages, because the Content-Security-Policy allows inline
scripts only by the SHA-256 hash of their exact text (Material's small bootstrap scripts differ
by page depth, so each variant has its own hash). Data blocks (`application/json`,
`application/ld+json`) are never executed, so they need no hash.

The same file is parsed back by `header_rules`, so the test server applies exactly what a host would.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

HEADERS_FILE = "_headers"

# Types whose <script> content a browser executes (an absent type means JavaScript).
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
ATTRIBUTE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")

# Theme assets whose file name carries a content hash (Material's bundle.a5f9d56c.min.js and
# the like): safe to cache for a year, because a changed file gets a new name.
FINGERPRINTED = re.compile(r"^assets/.*\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Material's inline scripts vary only with page depth. Many more hashes mean a script that varies
# per page: hosts limit header sizes, so that is reported rather than silently published.
MAX_SCRIPT_HASHES = 24

# No 'unsafe-inline' anywhere: Material sets styles from JavaScript through the CSSOM, which
# style-src does not restrict, and our templates put no `style` attributes in the markup (the
# browser test would report one). Scripts: files of this site plus the hashed inline ones.
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # plus the hashes
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),  # the search runs in a web worker
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

# Public data that booking systems may fetch from their own web pages (CORS): the feed only.
OPEN_TO_OTHER_SITES = ("treatments.json",)

# Health pages: the address of the page a reader came from stays within the site.
SITE_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), browsing-topics=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    # HTTPS only from the first visit on; not includeSubDomains: other hosts of the clinic's domain
    # (mail, a booking system) are not ours to decide for. Browsers ignore it over plain HTTP.
    ("Strict-Transport-Security", "max-age=63072000"),
)


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): next((g for g in m.groups()[1:] if g is not None), "") for m in ATTRIBUTE.finditer(text)}


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-…') for every inline script a browser would execute."""
    hashes = set()
    for match in SCRIPT.finditer(html):
        attributes = _attributes(match[1])
        if "src" in attributes or attributes.get("type", "").strip().lower() not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match[2].encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def content_security_policy(script_hashes: Iterable[str]) -> str:
    directives = []
    for name, value in CSP_DIRECTIVES:
        if name == "script-src":
            value = " ".join([value, *sorted(script_hashes)])
        directives.append(f"{name} {value}")
    return "; ".join(directives)


@dataclass(frozen=True)
class HeaderRule:
    """One block of the `_headers` file: a path pattern (`*` matches anything) and its headers."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        return fnmatchcase(path, self.pattern)


def site_header_rules(site_dir: Path, apps: dict[str, tuple[tuple[str, str], ...]] | None = None) -> list[HeaderRule]:
    """The rules for a built site: security headers on every path, long caching on fingerprinted assets.

    `apps` are top-level folders served with headers of their own (the web editor, admin/). Hosts
    send the headers of every rule that matches a path, and browsers enforce every policy they get,
    so no public rule may match an app: the public policy then goes to each other top-level file and
    folder by name instead of to `/*` (an unknown top-level address gets the shared headers only).
    """
    apps = apps or {}
    hashes: set[str] = set()
    fingerprinted: list[str] = []
    for folder, folders, names in os.walk(site_dir):  # one walk: this runs after every build
        if Path(folder) == site_dir:
            folders[:] = [f for f in folders if f not in apps]  # an app's scripts are not the pages'
        for name in names:
            path = Path(folder, name)
            if name.endswith(".html"):
                hashes |= inline_script_hashes(path.read_text(encoding="utf-8"))
            elif FINGERPRINTED.match(relative := path.relative_to(site_dir).as_posix()):
                fingerprinted.append(relative)
    public = (("Content-Security-Policy", content_security_policy(hashes)), *SITE_HEADERS)
    if not apps:
        rules = [HeaderRule("/*", public)]
    else:
        own = {name for headers in apps.values() for name, _ in headers}  # e.g. the app's own COOP
        rules = [HeaderRule("/*", tuple(h for h in SITE_HEADERS if h[0] not in own))]
        public = tuple(h for h in public if h[0] in own)
        rules += [HeaderRule(pattern, public) for pattern in _public_patterns(site_dir, apps)]
        rules += [HeaderRule(f"/{name}/*", headers) for name, headers in apps.items()]
    rules += [HeaderRule("/" + asset, (("Cache-Control", IMMUTABLE),)) for asset in sorted(fingerprinted)]
    rules += [HeaderRule("/" + path, (("Access-Control-Allow-Origin", "*"),)) for path in OPEN_TO_OTHER_SITES]
    return rules


def _public_patterns(site_dir: Path, apps: dict) -> list[str]:
    """`/` and every top-level file and folder of the site except the apps' folders."""
    patterns = ["/"]
    for entry in sorted(site_dir.iterdir()):
        if entry.name in apps or entry.name == HEADERS_FILE:
            continue
        patterns.append(f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}")
    return patterns


def headers_file_text(rules: Iterable[HeaderRule]) -> str:
    blocks = []
    for rule in rules:
        blocks.append("\n".join([rule.pattern, *(f"  {name}: {value}" for name, value in rule.headers)]))
    return "\n".join(blocks) + "\n"


def write_headers_file(site_dir: Path, apps: dict[str, tuple[tuple[str, str], ...]] | None = None) -> list[HeaderRule]:
    rules = site_header_rules(site_dir, apps)
    (site_dir / HEADERS_FILE).write_text(headers_file_text(rules), encoding="utf-8")
    return rules


def script_hash_count(rules: list[HeaderRule]) -> int:
    policy = headers_for(rules, "/").get("Content-Security-Policy", "")
    return policy.count("'sha256-")


def too_many_hashes(rules: list[HeaderRule]) -> str | None:
    """A message when inline scripts vary from page to page, so the policy would keep growing."""
    count = script_hash_count(rules)
    if count <= MAX_SCRIPT_HASHES:
        return None
    return (
        f"{HEADERS_FILE}: the pages hold {count} different inline scripts, so the Content-Security-Policy lists "
        f"{count} hashes and grows with the site. Accepted: at most {MAX_SCRIPT_HASHES}; put page-specific "
        'scripts in a file under docs/ (extra_javascript) and page data in <script type="application/json">.'
    )


def parse_headers_file(text: str) -> list[HeaderRule]:
    """Read a `_headers` file as Netlify and Cloudflare Pages do: a path line, then indented headers."""
    rules: list[HeaderRule] = []
    pattern, headers = None, []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if pattern is not None:
                rules.append(HeaderRule(pattern, tuple(headers)))
            pattern, headers = line.strip(), []
        else:
            name, _, value = line.strip().partition(":")
            headers.append((name.strip(), value.strip()))
    if pattern is not None:
        rules.append(HeaderRule(pattern, tuple(headers)))
    return rules


def headers_for(rules: Iterable[HeaderRule], path: str) -> dict[str, str]:
    """The headers a host sends for a request path: every matching rule applies."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    headers: dict[str, str] = {}
    for rule in rules:
        if rule.matches(path):
            headers.update(rule.headers)
    return headers
