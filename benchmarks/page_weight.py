"""Page weight: what a reader downloads on a cold load, beside plain Material, in one run.

    .venv/bin/python benchmarks/page_weight.py [--large 1000] [--skip-growth]

Builds, in a temporary folder:
- "clinic": this site as it is (hook, templates, purged CSS, search on first use);
- "plain":  plain Material on the same content: the same pages with what the hook generates
            written into the Markdown (benchmarks/build_scale.py's baseline), no hook, no
            overrides, no extra CSS (theme.font stays off: the font service is a third party);
and the same two with 100 more treatments (numbered copies of the demo's, build_scale.py),
optionally also with `--large` more.

Each page type (home, a treatment, /compare/, a concern page, the consultation page) is opened
in real Chromium with an empty cache at 360x740 and 1280x800, served with gzip, until the network
is idle. Bytes are counted at the server (status line + headers + gzipped body of every response,
including the search worker's requests) and, in brackets, as Chromium reports them (Playwright's
request sizes for every request of the context, workers included).

Then search: bytes fetched after the cold load when a reader opens search with the keyboard
("/"), types a treatment's name and the result appears, at each catalogue size.

Targets (issue 15): every page type <= 60 KB (61,440 bytes) at both widths; +100 treatments add at
most 2 KB (2,048 bytes) to the home page and to a treatment page.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "hooks"), str(ROOT)]

from build_scale import generate_site, make_baseline  # noqa: E402

from tests.support.browser import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from tests.support.byte_count import CountingSiteServer  # noqa: E402
from tests.support.sites import build  # noqa: E402

BUDGET = 60 * 1024
GROWTH_BUDGET = 2 * 1024
DEMO_TREATMENTS = 5
PAGE_TYPES = {
    "home": "",
    "treatment": "treatments/dermaroller/",
    "/compare/": "compare/",
    "concern": "concerns/acne-scars/",
    "consultation": "consultation/",
}
WIDTHS = {360: 740, 1280: 800}
KINDS = ("html", "css", "js", "search", "images", "fonts", "other")
SEARCH_FOR = "Dermaroller"


def kind(path: str) -> str:
    if "/search/" in path or "/workers/search" in path or path.endswith("search-on-demand.js"):
        return "search"
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else "html"
    return {
        "html": "html",
        "css": "css",
        "js": "js",
        "svg": "images",
        "png": "images",
        "jpg": "images",
        "jpeg": "images",
        "webp": "images",
        "avif": "images",
        "gif": "images",
        "ico": "images",
        "woff2": "fonts",
        "woff": "fonts",
        "ttf": "fonts",
        "otf": "fonts",
    }.get(suffix, "other")


@dataclass
class Load:
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    chromium: int = 0
    paths: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def count(sent) -> Load:
    load = Load()
    for response in sent:
        load.by_kind[kind(response.path)] += response.bytes
        load.paths.append(response.path)
    return load


def cold_load(browser, server: CountingSiteServer, path: str, width: int, then_search: bool = False) -> tuple[Load, Load | None]:
    """Bytes of one cold load; with `then_search`, also the bytes of the first search after it."""
    server.take()
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(server.url + path, wait_until="networkidle")
    page.wait_for_timeout(250)  # the search worker's own requests start after load
    load = count(server.take())
    load.chromium = sum(sum(r.sizes()[k] for k in ("responseBodySize", "responseHeadersSize")) for r in finished)
    searched = None
    if then_search:
        page.keyboard.press("/")
        page.keyboard.type(SEARCH_FOR, delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        searched = count(server.take())
        if SEARCH_FOR not in page.locator(".md-search-result__list").inner_text():
            raise SystemExit(f"search for {SEARCH_FOR!r} did not find it on {path or '/'}")
    context.close()
    return load, searched


def build_pair(work: Path, treatments: int) -> dict[str, Path]:
    clinic = generate_site(work / f"clinic-{treatments}", treatments)
    plain = make_baseline(clinic, work / f"plain-{treatments}")
    with (plain / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra_css: []\n")  # plain Material: no stylesheet of ours either
    sites = {}
    for name, project in (("clinic", clinic), ("plain", plain)):
        result = build(project, work / f"site-{name}-{treatments}")
        if not result.ok:
            raise SystemExit(f"{name} site with {treatments} treatments did not build:\n{result.output}")
        sites[name] = result.site_dir
    return sites


def print_cold_loads(browser, sites: dict[str, Path]) -> dict[tuple, Load]:
    print(f"Cold load, gzip, empty cache: bytes sent by the server (Chromium's count in brackets); budget {BUDGET:,}")
    print(
        f"{'page type':13} {'width':>5} {'site':6} "
        + " ".join(f"{k:>7}" for k in KINDS)
        + f" {'total':>8} {'(chromium)':>10}  verdict"
    )
    loads = {}
    servers = {name: CountingSiteServer(site).__enter__() for name, site in sites.items()}
    try:
        for page_type, path in PAGE_TYPES.items():
            for width in WIDTHS:
                for name, server in servers.items():
                    load, _ = cold_load(browser, server, path, width)
                    loads[page_type, width, name] = load
                    verdict = ("ok" if load.total <= BUDGET else f"over by {load.total - BUDGET:,}") if name == "clinic" else ""
                    print(
                        f"{page_type:13} {width:>5} {name:6} "
                        + " ".join(f"{load.by_kind.get(k, 0):>7,}" for k in KINDS)
                        + f" {load.total:>8,} {'(' + format(load.chromium, ',') + ')':>10}  {verdict}",
                        flush=True,
                    )
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)
    return loads


def print_growth(browser, small: dict[str, Path], large: dict[str, Path], added: int) -> None:
    print()
    print(
        f"Growth with {added} more treatments ({DEMO_TREATMENTS} -> {DEMO_TREATMENTS + added}), cold load; budget {GROWTH_BUDGET:,}"
    )
    print(f"{'page type':13} {'width':>5} {'site':6} {'before':>8} {'after':>8} {'growth':>8}  verdict  (by kind)")
    for page_type in ("home", "treatment", "/compare/", "concern"):
        for width in WIDTHS:
            for name in ("clinic", "plain"):
                with CountingSiteServer(small[name]) as before_server, CountingSiteServer(large[name]) as after_server:
                    before, _ = cold_load(browser, before_server, PAGE_TYPES[page_type], width)
                    after, _ = cold_load(browser, after_server, PAGE_TYPES[page_type], width)
                growth = after.total - before.total
                judged = name == "clinic" and page_type in ("home", "treatment")
                verdict = ("ok" if growth <= GROWTH_BUDGET else "over") if judged else ""
                by_kind = ", ".join(
                    f"{k} {after.by_kind.get(k, 0) - before.by_kind.get(k, 0):+,}"
                    for k in KINDS
                    if after.by_kind.get(k, 0) != before.by_kind.get(k, 0)
                )
                print(
                    f"{page_type:13} {width:>5} {name:6} {before.total:>8,} {after.total:>8,} {growth:>+8,}  {verdict:7}  ({by_kind})",
                    flush=True,
                )


def print_search(browser, sizes: dict[int, dict[str, Path]]) -> None:
    print()
    print(f'Search: open with "/" and type "{SEARCH_FOR}" on the home page (360 px); bytes at the server')
    print(f"{'treatments':>10} {'site':6} {'search bytes in cold load':>26} {'first search':>13}  fetched on first search")
    for treatments, sites in sizes.items():
        for name, site in sites.items():
            with CountingSiteServer(site) as server:
                load, searched = cold_load(browser, server, "", 360, then_search=True)
            assert searched is not None  # then_search=True
            print(
                f"{treatments:>10} {name:6} {load.by_kind.get('search', 0):>26,} {searched.total:>13,}  "
                + ", ".join(sorted(set(searched.paths))),
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=1000, help="also measure search with this many more treatments (0: skip)")
    parser.add_argument("--skip-growth", action="store_true", help="only the demo site's cold loads")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            demo = build_pair(work, DEMO_TREATMENTS)
            print_cold_loads(browser, demo)
            if args.skip_growth:
                return 0
            sizes = {DEMO_TREATMENTS: demo, DEMO_TREATMENTS + 100: build_pair(work, DEMO_TREATMENTS + 100)}
            print_growth(browser, demo, sizes[DEMO_TREATMENTS + 100], 100)
            if args.large:
                sizes[DEMO_TREATMENTS + args.large] = build_pair(work, DEMO_TREATMENTS + args.large)
            print_search(browser, sizes)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
