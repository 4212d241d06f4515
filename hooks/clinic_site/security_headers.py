"""The `_headers` file (Netlify / Cloudflare Pages format): security headers and cache lifetimes.

Written after the build, because the Content-Security-Policy allows inline scripts only by the
SHA-256 hash of their exact text, and only the scripts of Material's own templates that the
finished pages run (collected by the page check, see active_content and template_scripts;
Material's bootstrap script differs by page depth, so each variant has its own hash). A script
pasted into a page is refused by the build, and would not be hashed either. Data blocks
(`application/json`, `application/ld+json`) are never executed, so they need no hash.

How the rules are laid out, and why:

- Hosts send the headers of *every* rule whose pattern matches a path; the same header from two
  rules is sent once with the values joined by ", " (Cloudflare documents this; Netlify combines
  them too). For the Content-Security-Policy that means two policies, and browsers enforce both.
- So the page policy (CSP and Cross-Origin-Opener-Policy) is not written under `/*`: it gets one
  rule per top-level entry of the built site (`/`, `/index.html`, `/treatments/*`, ...), leaving
  out the folders in SEPARATE_POLICY_FOLDERS. A folder there (the CMS at /admin/) sends a policy
  of its own from its own rule, which no public rule also matches.
- `/*` holds only the headers that are right for every response (nosniff, framing, referrer,
  permissions, HSTS). Cache lifetimes and CORS are added per file.

`parse_headers_file` and `headers_for` read the file back exactly as those hosts do, so the test
server sends what a host would, overlaps included.
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

# Top-level folders of the built site whose pages send a policy of their own from their own rule:
# the public page policy must not also match them, or browsers would enforce both (issue 13's CMS).
SEPARATE_POLICY_FOLDERS = ("admin",)

# Public data that booking systems may fetch from their own web pages (CORS): the feed only.
OPEN_TO_OTHER_SITES = ("treatments.json",)

# The page policy: with the CSP, sent on every public path but not under SEPARATE_POLICY_FOLDERS (a CMS
# signing in through a pop-up window needs a looser opener policy).
PAGE_POLICY_HEADERS = (("Cross-Origin-Opener-Policy", "same-origin"),)

# Sent for every path. Health pages: the address of the page a reader came from stays within the site.
SITE_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), browsing-topics=()",
    ),
    # HTTPS only from the first visit on; not includeSubDomains: other hosts of the clinic's domain
    # (mail, a booking system) are not ours to decide for. Browsers ignore it over plain HTTP.
    ("Strict-Transport-Security", "max-age=63072000"),
)


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): next((g for g in m.groups()[1:] if g is not None), "") for m in ATTRIBUTE.finditer(text)}


def script_hash(text: str) -> str:
    """The CSP source expression ('sha256-…') that allows an inline script with exactly this text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions for every inline script in `html` a browser would execute (for tests
    and checks of built pages; the policy itself hashes only known template scripts)."""
    hashes = set()
    for match in SCRIPT.finditer(html):
        attributes = _attributes(match[1])
        if "src" in attributes or attributes.get("type", "").strip().lower() not in EXECUTABLE_TYPES:
            continue
        hashes.add(script_hash(match[2]))
    return hashes


def content_security_policy(script_hashes: Iterable[str], more_sources: dict[str, tuple[str, ...]] | None = None) -> str:
    """The policy; `more_sources` adds hosts to directives (the analytics provider, see privacy.py)."""
    directives = []
    for name, value in CSP_DIRECTIVES:
        if name == "script-src":
            value = " ".join([value, *sorted(script_hashes)])
        value = " ".join([value, *(more_sources or {}).get(name, ())])
        directives.append(f"{name} {value}")
    return "; ".join(directives)


@dataclass(frozen=True)
class HeaderRule:
    """One block of the `_headers` file: a path pattern (`*` matches anything) and its headers."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        return fnmatchcase(path, self.pattern)


def public_patterns(site_dir: Path, apps: Iterable[str] = ()) -> list[str]:
    """Patterns matching every path of the site except those under SEPARATE_POLICY_FOLDERS and the apps."""
    separate = {*SEPARATE_POLICY_FOLDERS, *apps}
    patterns = ["/"]
    for entry in sorted(site_dir.iterdir(), key=lambda p: p.name):
        if entry.name == HEADERS_FILE or entry.name in separate:
            continue
        patterns.append(f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}")
    return patterns


def site_header_rules(
    site_dir: Path,
    scripts: Iterable[str],
    more_sources: dict[str, tuple[str, ...]] | None = None,
    apps: dict[str, tuple[tuple[str, str], ...]] | None = None,
) -> list[HeaderRule]:
    """The rules for a built site whose pages run the inline `scripts` (known template scripts).

    `apps` are top-level folders served with headers of their own (the web editor, admin/). Hosts
    send the headers of every rule that matches a path, and browsers enforce every policy they get,
    so no public rule may match an app: the public policy goes to each other top-level file and
    folder by name instead of to `/*`, and a header an app sets itself leaves the shared `/*` rule.
    """
    apps = apps or {}
    fingerprinted: list[str] = []
    for folder, folders, names in os.walk(site_dir):  # one walk: this runs after every build
        if Path(folder) == site_dir:
            folders[:] = [f for f in folders if f not in apps]  # an app's scripts are not the pages'
        for name in names:
            if FINGERPRINTED.match(relative := Path(folder, name).relative_to(site_dir).as_posix()):
                fingerprinted.append(relative)
    own = {name for headers in apps.values() for name, _ in headers}  # e.g. the app's own frame rules
    shared = tuple(h for h in SITE_HEADERS if h[0] not in own)
    policy = (
        ("Content-Security-Policy", content_security_policy({script_hash(s) for s in scripts}, more_sources)),
        *PAGE_POLICY_HEADERS,
        *(h for h in SITE_HEADERS if h[0] in own),
    )
    rules = [HeaderRule("/*", shared)]
    rules += [HeaderRule(pattern, policy) for pattern in public_patterns(site_dir, apps)]
    rules += [HeaderRule(f"/{name}/*", headers) for name, headers in apps.items()]
    rules += [HeaderRule("/" + asset, (("Cache-Control", IMMUTABLE),)) for asset in sorted(fingerprinted)]
    rules += [HeaderRule("/" + path, (("Access-Control-Allow-Origin", "*"),)) for path in OPEN_TO_OTHER_SITES]
    return rules


def headers_file_text(rules: Iterable[HeaderRule]) -> str:
    blocks = []
    for rule in rules:
        blocks.append("\n".join([rule.pattern, *(f"  {name}: {value}" for name, value in rule.headers)]))
    return "\n".join(blocks) + "\n"


def write_headers_file(
    site_dir: Path,
    scripts: Iterable[str],
    more_sources: dict[str, tuple[str, ...]] | None = None,
    apps: dict[str, tuple[tuple[str, str], ...]] | None = None,
) -> list[HeaderRule]:
    rules = site_header_rules(site_dir, scripts, more_sources, apps)
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
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
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
    """The headers a host sends for a request path, as Netlify and Cloudflare Pages combine them:
    every matching rule applies, in file order, and a header set by several rules is sent once
    with their values joined by ", " (for two Content-Security-Policies, browsers enforce both)."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    headers: dict[str, str] = {}
    spelled: dict[str, str] = {}  # header names are case-insensitive; keep the first spelling
    for rule in rules:
        if rule.matches(path):
            for name, value in rule.headers:
                key = spelled.setdefault(name.lower(), name)
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers
