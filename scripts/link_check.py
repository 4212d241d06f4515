"""Check that every internal link and anchor in a built site resolves.

MkDocs validates links written in Markdown; it never sees links in HTML that templates and the
hook generate (cards, tables, the navigation). This checks the finished HTML instead: every
`href`, `src` and `srcset` that stays on the site must name a file that exists, and every
`#fragment` an element id (or `<a name>`) in the target page. Links to the site's own address
(`site_url`, e.g. canonical links) count as internal.

Run after a build:  python scripts/link_check.py site/ [--site-url URL]
Not part of the MkDocs build (it reads every page, which would slow large builds); the publish
script and the tests run it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {"href", "src", "poster", "data"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "sms", "ftp"}


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site-relative path of the page holding the link, e.g. treatments/prp/index.html
    link: str  # as written in the HTML
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: '{self.link}' {self.problem}"


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and _is_hint(attrs)):
                self.links.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.links += [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _is_hint(attrs) -> bool:
    """<link rel=preconnect/dns-prefetch> name hosts, not documents."""
    rel = dict(attrs).get("rel") or ""
    return bool({"preconnect", "dns-prefetch"} & set(rel.split()))


@dataclass
class _Page:
    links: list[str]
    anchors: set[str]


class SiteLinks:
    """The pages of a built site, parsed once, and the links between them."""

    def __init__(self, site_dir: Path, site_url: str | None = None):
        self.site_dir = site_dir
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.base_path = urlsplit(self.site_url).path if self.site_url else "/"
        self._pages: dict[str, _Page] = {}

    def page(self, path: str) -> _Page:
        if path not in self._pages:
            parser = _PageParser()
            parser.feed((self.site_dir / path).read_text(encoding="utf-8"))
            self._pages[path] = _Page(parser.links, parser.anchors)
        return self._pages[path]

    def html_pages(self) -> list[str]:
        return sorted(p.relative_to(self.site_dir).as_posix() for p in self.site_dir.rglob("*.html"))

    def broken_links(self) -> list[BrokenLink]:
        broken = []
        for path in self.html_pages():
            for link in self.page(path).links:
                problem = self.problem(path, link)
                if problem:
                    broken.append(BrokenLink(path, link, problem))
        return broken

    def target(self, page_path: str, link: str) -> tuple[str | None, str] | None:
        """(site-relative file or None if the link leaves the site's folder, fragment), or None if external."""
        if self.site_url and link.startswith(self.site_url):
            link = self.base_path + link[len(self.site_url) :]
        parts = urlsplit(link)
        if parts.scheme in EXTERNAL_SCHEMES or parts.netloc or link.startswith("//"):
            return None
        page_url = "/" + page_path
        if parts.path.startswith("/"):  # root-relative: strip the site's base path (e.g. /clinic/)
            if not parts.path.startswith(self.base_path):
                return (None, parts.fragment)
            resolved = "/" + parts.path[len(self.base_path) :]
        else:
            resolved = urljoin(page_url, parts.path) if parts.path else page_url
        return (unquote(str(PurePosixPath(resolved)).lstrip("/")) + ("/" if resolved.endswith("/") else ""), parts.fragment)

    def problem(self, page_path: str, link: str) -> str | None:
        target = self.target(page_path, link)
        if target is None:
            return None
        path, fragment = target
        if path is None or path.startswith("../"):
            return "points outside the site"
        file = self._existing_file(path)
        if file is None:
            return "points to a page or file that does not exist"
        if fragment and file.endswith(".html") and fragment not in self.page(file).anchors:
            return f"points to #{fragment}, which is not an id on {file}"
        return None

    def _existing_file(self, path: str) -> str | None:
        path = path.rstrip("/") if path not in ("", "/") else ""
        candidates = [path, f"{path}/index.html".lstrip("/")] if path else ["index.html"]
        for candidate in candidates:
            if candidate and (self.site_dir / candidate).is_file():
                return candidate
        return None


def broken_links(site_dir: Path, site_url: str | None = None) -> list[BrokenLink]:
    return SiteLinks(site_dir, site_url).broken_links()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--site-url", help="the site's public address; links to it count as internal")
    args = parser.parse_args(argv)
    broken = broken_links(args.site_dir, args.site_url)
    for link in broken:
        print(link, file=sys.stderr)
    pages = len(SiteLinks(args.site_dir).html_pages())
    print(f"Checked links in {pages} pages: {len(broken)} broken.", file=sys.stderr if broken else sys.stdout)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
