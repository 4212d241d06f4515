"""CI gate: Lighthouse scores accessibility, best practices and SEO at 100 on a phone and a
desktop screen. (Performance is timing-based and noisy: benchmarks/lighthouse.py reports it.)

Two pages, and only the gated categories, keep the run short: a treatment page (booking bar,
structured data) and /compare/ (the table and its scripts)."""

from __future__ import annotations

import pytest

from tests.support.lighthouse import FORM_FACTORS, run_lighthouse_categories

pytestmark = pytest.mark.browser

GATED = ("accessibility", "best-practices", "seo")


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
@pytest.mark.parametrize("path", ["treatments/dermaroller/", "compare/"])
def test_lighthouse_scores_accessibility_best_practices_and_seo_at_100(served_demo, path, form_factor):
    result = run_lighthouse_categories(served_demo.url + path, form_factor, GATED)
    assert {c: result.scores[c] for c in GATED} == {c: 100 for c in GATED}, {c: result.failed_audits[c] for c in GATED}
