"""Readers' experience benchmark: Lighthouse scores and the weight of a cold page load.

    .venv/bin/python benchmarks/lighthouse.py [--runs N] [--without-search] [--skip-lighthouse]

Builds the demo site (mkdocs build --strict), serves it with gzip on 127.0.0.1, and for the home
page, one treatment page and /compare/ prints:

- Lighthouse (npm, local install, system Chromium), mobile and desktop: the four category scores,
  LCP, TBT, CLS and Lighthouse's byte count (which misses the search worker's own requests);
- the cold-load transfer of each page measured here: every resource Chromium requests for the
  page (Playwright, empty cache), plus Material's search worker and search index, each fetched
  again through the gzip server and counted as compressed body + response headers.

The performance score is timing-based and noisy on shared machines: compare runs on one machine.
Target: 100 in every category (issue 3); at most 60,000 bytes gzipped per cold load (issue 15, as
benchmarks/page_weight.py counts it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.browser import CHROMIUM_ARGS, StaticSiteServer, chromium_executable  # noqa: E402
from tests.support.lighthouse import CATEGORIES, FORM_FACTORS, run_lighthouse  # noqa: E402
from tests.support.sites import build, copy_project  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from page_weight import BUDGET  # noqa: E402  (one budget for both benchmarks)

PAGES = ("", "treatments/dermaroller/", "compare/")


def transfer_size(url: str) -> int:
    """Bytes on the wire for one resource from the gzip server: compressed body + headers."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:  # raises on a 404: a page asked for a missing file
        body = response.read()  # urllib does not decompress: this is what travels
        headers = sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders()) + len("HTTP/1.0 200 OK\r\n\r\n")
    return len(body) + headers


def kind(url: str) -> str:
    if "search_index" in url or "/workers/search" in url or "search-on-demand.js" in url:
        return "search"
    for suffix, name in ((".js", "js"), (".css", "css"), (".html", "html"), ("/", "html")):
        if url.split("?")[0].endswith(suffix):
            return name
    return "other"


def cold_load(browser, base_url: str, path: str) -> dict[str, int]:
    """Bytes per kind of resource for one page opened with an empty cache."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    config = json.loads(page.locator("#__config").text_content())
    page_url = base_url + path
    if page.locator("[data-md-component=search]").count():  # fetched by the worker, which Playwright may miss
        urls += [
            urljoin(page_url, config["search"]),
            urljoin(urljoin(page_url, config["base"] + "/"), "search/search_index.json"),
        ]
    context.close()
    sizes: dict[str, int] = defaultdict(int)
    for url in dict.fromkeys(u for u in urls if u.startswith(base_url)):
        try:
            sizes[kind(url)] += transfer_size(url)
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{url}: {error}") from None
    sizes["total"] = sum(sizes.values())
    return dict(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page and form factor (median of scores)")
    parser.add_argument(
        "--without-search", action="store_true", help="measure a copy of the site with Material's search turned off"
    )
    parser.add_argument("--skip-lighthouse", action="store_true", help="measure the cold-load transfer only")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = ROOT
        if args.without_search:
            project = copy_project(Path(tmp) / "project")
            with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
                config.write("\nplugins: []  # benchmark only: no search plugin\n")
        result = build(project, Path(tmp) / "site")
        if not result.ok:
            print(result.output)
            return 1
        with StaticSiteServer(result.site_dir) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            print(f"Cold load (gzip, empty cache, incl. search worker + index); budget {BUDGET:,} bytes")
            print(f"{'page':28} {'html':>7} {'css':>7} {'js':>7} {'search':>7} {'other':>7} {'total':>8}  budget")
            for path in PAGES:
                s = cold_load(browser, server.url, path)
                verdict = "ok" if s["total"] <= BUDGET else f"over by {s['total'] - BUDGET:,}"
                print(
                    f"{'/' + path:28} {s.get('html', 0):>7,} {s.get('css', 0):>7,} {s.get('js', 0):>7,} "
                    f"{s.get('search', 0):>7,} {s.get('other', 0):>7,} {s['total']:>8,}  {verdict}"
                )
            browser.close()
            if args.skip_lighthouse:
                return 0
            print()
            print("Lighthouse (scores 0-100; LCP and TBT in ms; bytes as Lighthouse counts them)")
            print(
                f"{'page':28} {'form':8} "
                + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
                + f" {'LCP':>7} {'TBT':>6} {'CLS':>6} {'bytes':>8}"
            )
            for path in PAGES:
                for form_factor in FORM_FACTORS:
                    runs = sorted(
                        (run_lighthouse(server.url + path, form_factor) for _ in range(args.runs)),
                        key=lambda r: r.scores["performance"],
                    )
                    r = runs[len(runs) // 2]
                    print(
                        f"{'/' + path:28} {form_factor:8} "
                        + " ".join(f"{r.scores[c]:>13}" for c in CATEGORIES)
                        + f" {r.lcp_ms:>7.0f} {r.tbt_ms:>6.0f} {r.cls:>6.3f} {r.total_bytes:>8,}"
                    )
                    for category, audits in r.failed_audits.items():
                        if audits and r.scores[category] < 100:
                            print(f"{'':38}{category} below 100 because of: {', '.join(audits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
