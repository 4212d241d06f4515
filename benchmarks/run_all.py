"""Issue 15's figures in one run, each beside plain Material measured in the same run.

    .venv/bin/python benchmarks/run_all.py [--quick]

1. Page weight: bytes of a cold load per page type (home, a treatment, /compare/, a concern page,
   the consultation page) by resource type, at 360 and 1280 px, in real Chromium, counted at the
   server (benchmarks/page_weight.py); "plain" is Material on the same pages.
2. Growth: the same with 100 more treatments (home and treatment page: at most 2 KB more).
3. Build: strict build CPU time with the hook, against the same pages pre-rendered ("baseline")
   and with nothing generated ("bare"), at 100, 1,000 and 3,000 treatments; the ratio, the cost
   per treatment and per added treatment (benchmarks/build_scale.py). Target: hook / bare <= 1.25
   at 1,000 treatments, linear growth.
4. Preview: seconds from saving one treatment's front matter until the served treatment page,
   /compare/, a concern page and the home page show it, at 1,000 treatments; plain `mkdocs serve`
   on the bare pages beside it. Target: 2 s.

Takes about half an hour on two shared cores. `--quick` (about 5 minutes): one width, 10 and 100
treatments, one build each, the preview at 100 treatments: a check that everything runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "hooks"), str(ROOT)]

import build_scale  # noqa: E402
import page_weight  # noqa: E402

from tests.support.browser import CHROMIUM_ARGS, chromium_executable  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one width, one build each")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    sizes, repeats, preview_size = ([10, 100], 1, 100) if args.quick else ([100, 1000, 3000], 3, 1000)
    if args.quick:
        page_weight.WIDTHS = {360: 740}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="run-all-") as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            print("== 1. Page weight ==", flush=True)
            demo = page_weight.build_pair(work, page_weight.DEMO_TREATMENTS)
            page_weight.print_cold_loads(browser, demo)
            print("\n== 2. Growth ==", flush=True)
            more = page_weight.build_pair(work, page_weight.DEMO_TREATMENTS + 100)
            page_weight.print_growth(browser, demo, more, 100)
        finally:
            browser.close()
    with tempfile.TemporaryDirectory(prefix="run-all-builds-") as tmp:
        work = Path(tmp)
        print("\n== 3. Build time (hook against plain Material) ==", flush=True)
        projects = build_scale.make_projects(work, sizes)
        build_scale.print_builds(work, projects, repeats)
        print("\n== 4. Live preview ==", flush=True)
        build_scale.print_preview(projects, preview_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
