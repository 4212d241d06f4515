"""Which pages the live preview must rebuild after an edit, and what it remembers of the others.

`make serve` (scripts/preview.py) rebuilds "dirty" after its first build: MkDocs converts and
writes only the pages whose `File.is_modified()` says so. The hook answers that question with a
fingerprint per page of everything the hook puts on it, computed from the freshly collected site:

- the page's own text (for a generated concern page, its generated Markdown);
- a treatment page: its own file and the cards its related cards show, in order (the data their
  template gets: name, address, summary, category, concerns);
- each marker on the page: its name, its options and the data its template gets (a concern's table
  gets the rows of that concern's treatments, the chooser every treatment's name and concerns);
- a page with a template of its own (the home page's `home.html` shows every treatment's card):
  every treatment's file, whatever that template shows of it.

A page whose fingerprint changed is rebuilt; so a renamed treatment rebuilds its page, /compare/,
the lists, the concern pages showing it and the pages whose related cards show it, while a new
price rebuilds only its page and the tables showing prices, and a corrected sentence in its text
only its own page (and the home page). A treatment moved to another concern rebuilds the concern
pages it left and joined, because their selection changed. Everything else the pages share
is one site-wide fingerprint: mkdocs.yml, data/, overrides/, the hook's code, the list of pages
(a file added, deleted or renamed), every file in docs/ that is not a page, today's date, and
any problem at all (the preview's problem panel on every page counts the problems of the others).
When it changed, or the previous build left no memory, everything is rebuilt from a clean folder.

After a partial rebuild `after_partial_build` says whether it was enough: a rebuilt page whose
title or headings changed may be named or linked by pages that were not rebuilt (breadcrumbs,
navigation, links to its headings), and a problem found while converting must appear on every
page; then the preview builds once more, cleanly (scripts/preview.py).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SITE_FOLDERS = ("data", "overrides", "hooks")  # besides mkdocs.yml: files every page may depend on


def digest(*parts: Any) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


@dataclass
class BuiltPage:
    """What the preview keeps of a page it wrote, to stand in for it while it is not rebuilt."""

    fingerprint: str
    title: str | None = None  # as other pages show it (breadcrumbs): its front matter's, else MkDocs'
    search_documents: list[dict[str, Any]] = field(default_factory=list)
    scripts: frozenset[str] = frozenset()
    anchors: frozenset[str] = frozenset()
    in_nav: bool = False


@dataclass
class PreviewMemory:
    site_wide: str
    pages: dict[str, BuiltPage]  # src_uri -> what was written for it


# The memory of the last complete build. A module global: the hook makes a new SiteBuild per
# build, and reloads this package (dropping the memory) only when its code changes.
last_build: PreviewMemory | None = None
clean_rebuild_wanted = False  # read by scripts/preview.py after each build


def take_memory() -> PreviewMemory | None:
    """The last build's memory, forgotten until this build completes: a build that stops half way
    (the preview then shows an error on every page) must leave no memory behind."""
    global last_build
    memory, last_build = last_build, None
    return memory


def keep_memory(memory: PreviewMemory | None, wanted_clean_rebuild: bool) -> None:
    global last_build, clean_rebuild_wanted
    last_build, clean_rebuild_wanted = memory, wanted_clean_rebuild


def site_wide_fingerprint(
    root: Path, config_file: Path, page_uris: Iterable[str], other_files: Mapping[str, Path], extra: Any
) -> str:
    """Everything every page may show: settings, data, templates, code, the list of pages, other files."""
    parts: list[Any] = [config_file.read_bytes() if config_file.is_file() else None, extra]
    for folder in SITE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    parts.append(sorted(page_uris))
    for uri, path in sorted(other_files.items()):  # pictures, stylesheets, scripts: by size and time
        stat = path.stat() if path.is_file() else None
        parts.append((uri, stat.st_size, stat.st_mtime_ns) if stat else (uri, None))
    return digest(*parts)


def page_fingerprints(
    site: Any,
    sources: Mapping[str, str],
    custom_template: Mapping[str, bool],
    card: Callable[[Any], Any],
    marker_data: Callable[[Any], Any],
) -> dict[str, str]:
    """src_uri -> the fingerprint of what the hook shows on that page (see the module docstring).
    `site` is the collected SiteModel; `sources` every page's text, generated pages included;
    `custom_template`: whether a page names a template of its own in its front matter; `card(entry)`
    the data of a treatment's card, `marker_data(call)` the data a marker's template gets."""
    catalogue = site.catalogue

    @functools.cache  # every treatment's file, for pages with a template of their own (made at most once)
    def every_file() -> str:
        return digest(*(digest(e.src_uri, e.url, sources.get(e.src_uri)) for e in catalogue.sorted()))

    fingerprints = {}
    for src_uri, text in sources.items():
        parts: list[Any] = [text]
        entry = catalogue.for_src_uri(src_uri)
        if entry is not None:
            parts += ["treatment", entry.url, [card(other) for other in catalogue.related_to(entry)]]
        for call in site.markers.get(src_uri, ()):
            parts += [call.name, sorted(call.options.items()), marker_data(call)]
        if custom_template.get(src_uri):
            parts.append(every_file())
        fingerprints[src_uri] = digest(*parts)
    return fingerprints


def pages_to_rebuild(
    memory: PreviewMemory | None, site_wide: str, fingerprints: Mapping[str, str], problems: bool
) -> set[str] | None:
    """The pages to rebuild, or None for all of them (from a clean folder)."""
    if memory is None or problems or memory.site_wide != site_wide or memory.pages.keys() != fingerprints.keys():
        return None
    return {uri for uri, fingerprint in fingerprints.items() if memory.pages[uri].fingerprint != fingerprint}


def after_partial_build(
    memory: PreviewMemory | None, rebuilt: Mapping[str, BuiltPage], page_urls: Mapping[str, str], problems: bool
) -> bool:
    """True if a partial rebuild may have left a page that was not rebuilt stale: a problem appeared
    (every page's panel counts it), or a rebuilt page changed its headings (other pages may link to
    them) or its title while it is in the navigation or has pages below it (their breadcrumbs)."""
    if problems or memory is None:
        return True
    urls = list(page_urls.values())
    for src_uri, page in rebuilt.items():
        before = memory.pages.get(src_uri)
        if before is None or before.anchors != page.anchors:
            return True
        if before.title != page.title or before.in_nav != page.in_nav:
            url = page_urls.get(src_uri, "")
            has_children = any(other != url and other.startswith(url) for other in urls)
            if page.in_nav or before.in_nav or has_children:
                return True
    return False


def merged_search_documents(
    memory: PreviewMemory | None, built_documents: list[dict[str, Any]], page_urls: Mapping[str, str], rebuilt: Iterable[str]
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The search documents of the whole site in page order (as a full build writes them): those
    Material's search wrote for the pages rebuilt now, the remembered ones for the others.
    `page_urls`: src_uri -> URL of every page, in MkDocs' order.
    Also returns each rebuilt page's documents, to remember."""
    src_of_url = {url: src for src, url in page_urls.items()}
    fresh: dict[str, list[dict[str, Any]]] = {src: [] for src in rebuilt}
    for document in built_documents:
        src = src_of_url.get(document["location"].split("#", 1)[0])
        if src is not None:
            fresh.setdefault(src, []).append(document)
    merged: list[dict[str, Any]] = []
    for src in page_urls:  # MkDocs' order of pages
        if src in fresh:
            merged += fresh[src]
        elif memory is not None and src in memory.pages:
            merged += memory.pages[src].search_documents
    return merged, fresh
