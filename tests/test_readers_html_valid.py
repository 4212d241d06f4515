"""The built site is valid HTML according to the Nu HTML Checker, including the markup Material
writes (its checkbox toggles carry `autocomplete`, which only text-like inputs may have)."""

from __future__ import annotations

from clinic_site.material_markup import CHECKBOX_TOGGLES, without_toggle_autocomplete
from tests.support.html_checker import html_errors


def test_nu_html_checker_finds_no_errors_in_the_whole_site(demo_site):
    assert html_errors(demo_site) == []


def test_nu_html_checker_reports_errors_it_is_given(tmp_path):
    """The check above can fail: a page with Material's original toggles is rejected."""
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><title>t</title></head><body>{CHECKBOX_TOGGLES[0]}</body></html>',
        encoding="utf-8",
    )
    errors = html_errors(tmp_path)
    assert len(errors) == 1 and "autocomplete" in errors[0]


def test_material_toggles_lose_only_their_autocomplete_attribute():
    page = "<body>" + "".join(CHECKBOX_TOGGLES) + "</body>"
    fixed = without_toggle_autocomplete(page)
    assert "autocomplete" not in fixed
    assert fixed.count('type="checkbox"') == 2 and 'id="__drawer"' in fixed and 'id="__search"' in fixed
