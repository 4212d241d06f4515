"""Run Lighthouse (npm `lighthouse`, pinned in package.json) against a served site with Chromium.

Shared by the CI gate (tests/test_readers_lighthouse.py) and the benchmark
(benchmarks/lighthouse.py). Lighthouse launches its own Chromium, with the flags that keep it
from contacting outside hosts.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.browser import CHROMIUM_ARGS, chromium_executable
from tests.support.sites import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")


@dataclass(frozen=True)
class LighthouseResult:
    url: str
    form_factor: str
    scores: dict[str, int]  # category -> 0..100
    lcp_ms: float
    tbt_ms: float
    cls: float
    total_bytes: int  # as Lighthouse counts transfer (it does not see the search worker's requests)
    failed_audits: dict[str, list[str]]  # category -> audits scoring below 1, to explain a score


@dataclass(frozen=True)
class CategoryScores:
    scores: dict[str, int]  # category -> 0..100
    failed_audits: dict[str, list[str]]  # category -> audits scoring below 1, to explain a score


def lighthouse_report(url: str, form_factor: str, categories: tuple[str, ...] = CATEGORIES) -> dict:
    """Lighthouse's JSON report of `url`, for the given categories only (performance, the costly one,
    traces and simulates the load; the other categories' audits are the same with or without it)."""
    assert LIGHTHOUSE.is_file(), f"{LIGHTHOUSE} is missing: run scripts/setup.sh --test (npm ci)"
    executable = chromium_executable()
    assert executable, "Chromium is missing: run scripts/setup.sh --test"
    flags = ["--headless=new", *CHROMIUM_ARGS]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(categories)}",
            f"--chrome-flags={' '.join(flags)}",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "CHROME_PATH": executable},
        )
        assert out.is_file(), f"Lighthouse did not write a report:\n{result.stdout}\n{result.stderr}"
        return json.loads(out.read_text(encoding="utf-8"))


def category_scores(report: dict, categories: tuple[str, ...]) -> CategoryScores:
    audits = report["audits"]
    failed = {}
    for key in categories:
        refs = report["categories"][key]["auditRefs"]
        failed[key] = [
            ref["id"]
            for ref in refs
            if ref.get("weight", 0) > 0 and (audits[ref["id"]].get("score") is not None) and audits[ref["id"]]["score"] < 1
        ]
    scores = {key: round(100 * (report["categories"][key]["score"] or 0)) for key in categories}
    return CategoryScores(scores, failed)


def run_lighthouse_categories(url: str, form_factor: str, categories: tuple[str, ...]) -> CategoryScores:
    """The scores of `categories` alone (what the CI gate checks)."""
    return category_scores(lighthouse_report(url, form_factor, categories), categories)


def run_lighthouse(url: str, form_factor: str) -> LighthouseResult:
    """Every category, with the load's timings and weight (what the benchmark reports)."""
    report = lighthouse_report(url, form_factor)
    audits = report["audits"]
    scored = category_scores(report, CATEGORIES)
    return LighthouseResult(
        url=url,
        form_factor=form_factor,
        scores=scored.scores,
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        total_bytes=int(audits["total-byte-weight"]["numericValue"]),
        failed_audits=scored.failed_audits,
    )
