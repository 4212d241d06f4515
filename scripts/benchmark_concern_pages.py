#!/usr/bin/env python3
"""Benchmark: build time and page weight of the concern pages as the catalogue grows.

Copies the site's sources into a temp dir, adds synthetic treatment pages (copies of the demo's
dermaroller page with random concerns and categories), builds with `mkdocs build --strict` and
prints figures. Nothing is asserted: compare the printed ratios between runs.

    .venv/bin/python scripts/benchmark_concern_pages.py            # 5 (demo), 100, 300, 1000 treatments
    .venv/bin/python scripts/benchmark_concern_pages.py 50 500     # chosen sizes
"""

from __future__ import annotations

import gzip
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

from clinic_site.vocabulary import load_vocabularies  # noqa: E402
from tests.support.sites import build, copy_project  # noqa: E402


def add_treatments(project: Path, count: int) -> None:
    vocabularies = load_vocabularies(project / "data/vocabulary.yml", "data/vocabulary.yml")
    concerns, categories = vocabularies["concerns"].keys(), vocabularies["categories"].keys()
    template = (project / "docs/treatments/dermaroller.md").read_text(encoding="utf-8")
    chance = random.Random(20261121)
    for number in range(count):
        page = template.replace("name: Dermaroller", f"name: Synthetic treatment {number}")
        page = page.replace("title: Dermaroller (medical microneedling)", f"title: Synthetic treatment {number}")
        page = page.replace("category: collagen-induction", f"category: {chance.choice(categories)}")
        chosen = "".join(f"    - {key}\n" for key in chance.sample(concerns, 3))
        page = re.sub(r"  concerns:\n(?:    - .*\n)+", f"  concerns:\n{chosen}", page)  # keys: no backslashes
        (project / f"docs/treatments/synthetic-{number}.md").write_text(page, encoding="utf-8")


def weight(path: Path) -> tuple[int, int]:
    body = path.read_bytes()
    return len(body), len(gzip.compress(body, compresslevel=9, mtime=0))


def measure(extra: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        add_treatments(project, extra)
        started = time.perf_counter()
        result = build(project)
        seconds = time.perf_counter() - started
        if not result.ok:
            raise SystemExit(result.output)
        site = result.site_dir
        concern_pages = sorted((site / "concerns").glob("*/index.html"))
        sizes = [weight(p) for p in concern_pages]
        largest = max(sizes)
        compare = weight(site / "compare/index.html")
        treatment = weight(site / "treatments/dermaroller/index.html")
        print(
            f"{5 + extra:>5} treatments: build {seconds:5.2f} s (subprocess, wall) | "
            f"{len(concern_pages)} concern pages, largest {largest[0] / 1024:6.0f} KB ({largest[1] / 1024:4.0f} KB gzip) | "
            f"/compare/ {compare[0] / 1024:6.0f} KB ({compare[1] / 1024:4.0f} KB gzip) | "
            f"a treatment page {treatment[0] / 1024:4.0f} KB ({treatment[1] / 1024:3.0f} KB gzip)"
        )


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [5, 100, 300, 1000]
    for total in sizes:
        measure(max(total - 5, 0))
