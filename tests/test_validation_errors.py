"""Each kind of editor mistake fails the real `mkdocs build --strict` with the message the editor sees.

The tests edit a small site of their own (tests/support/small_site.py) exactly as marketing would and
build it in this process; line numbers are found in the page, never pinned. The first tests run the
build as the terminal command an editor types, to check what they read there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_site.comparison_table import column_keys
from clinic_site.model import Treatment
from tests.support.sites import build
from tests.support.small_site import PEN, build_in_process, line_of, replace_in, small_project


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


def problems(project: Path) -> list[str]:
    result = build_in_process(project)
    assert not result.ok, "the build should have stopped"
    assert not (result.site_dir / "compare" / "index.html").exists(), "nothing may be published from a failed build"
    return result.messages


# -- what the terminal shows --------------------------------------------------------------------------


def test_the_terminal_shows_every_problem_without_a_traceback(site):
    replace_in(site / PEN, "  category: collagen-induction\n", "")
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparision-table -->")
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "The site was not built: 2 content problems to fix." in result.output
    assert "Aborted with a BuildError!" in result.output
    assert not (result.site_dir / "compare" / "index.html").exists()


def test_the_demo_sites_own_mistakes_name_its_files(project):
    """The same messages on the demo content, as shipped."""
    page = "docs/treatments/microneedling-pen.md"
    replace_in(project / page, "  numbing: topical-cream", "  numbing: topical-creme")
    result = build(project)
    assert result.returncode == 1 and "Traceback" not in result.output
    assert (
        f"  - {page}, line {line_of(project / page, 'numbing:')}: treatment.numbing: 'topical-creme' is not a known numbing option"
        in result.output
    )


# -- treatment pages ----------------------------------------------------------------------------------


def test_missing_required_field(site):
    replace_in(site / PEN, "  category: collagen-induction\n", "")
    assert problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'treatment:')}: treatment.category: this required field is missing. "
        "Accepted: the kind of treatment, using the keys chemical-exfoliation, collagen-induction."
    ]


def test_unknown_key_with_did_you_mean(site):
    replace_in(site / PEN, "  sessions: 3-6", "  sesions: 3-6")
    assert problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'sesions:')}: treatment.sesions: unknown field 'sesions' (did you mean 'sessions'?). "
        f"Accepted: the fields {', '.join(Treatment.model_fields)}."
    ]


def test_value_outside_its_vocabulary(site):
    replace_in(site / PEN, "  numbing: topical-cream", "  numbing: topical-creme")
    assert problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'numbing:')}: treatment.numbing: 'topical-creme' is not a known numbing option "
        "(did you mean 'topical-cream'?). Accepted: one of none, topical-cream (or add a new key under 'numbing:' in data/vocabulary.yml)."
    ]


def test_malformed_range(site):
    replace_in(site / PEN, "  interval_weeks: 2-4", "  interval_weeks: 3 weeks")
    assert problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'interval_weeks:')}: treatment.interval_weeks: '3 weeks' is not a whole number or a range. "
        "Accepted: a whole number from 1 to 104, or a range such as 2-3 (smaller number first), optionally after 'at least' "
        "where the source gives a minimum."
    ]


def test_nonsense_numbers_are_refused(site):
    replace_in(site / PEN, "  sessions: 3-6", "  sessions: 0")
    [line] = problems(site)
    assert line.startswith(f"{PEN}, line {line_of(site / PEN, 'sessions:')}: treatment.sessions: 0 is less than 1. Accepted: ")


def test_wrong_type(site):
    replace_in(site / PEN, "  sun_protection:\n    spf: 30\n    weeks: 2", "  sun_protection: SPF 30")
    assert problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'sun_protection:')}: treatment.sun_protection: found 'SPF 30'. "
        "Accepted: the fields spf, weeks, e.g. {spf: 30, weeks: at least 4}."
    ]


@pytest.mark.parametrize("page", ["docs/privacy.md", PEN])
def test_front_matter_that_is_not_valid_yaml_on_any_page(site, page):
    replace_in(site / page, "description: ", "description: [")
    [line] = problems(site)
    assert line.startswith(f"{page}, line ")
    assert ": front matter: " in line and "Accepted: one 'field: value' per line" in line


def test_treatment_page_without_a_treatment_block(site):
    (site / "docs/treatments/laser-genesis.md").write_text("---\ntitle: Laser Genesis\n---\n\nComing soon.\n", encoding="utf-8")
    assert problems(site) == [
        "docs/treatments/laser-genesis.md: treatment: pages in docs/treatments/ describe a treatment, but this page has no "
        "'treatment:' block. Accepted: a 'treatment:' block in the front matter with at least name, category, summary and "
        "concerns (run 'make new-treatment NAME=...' for a filled-in template), or move the page out of docs/treatments/."
    ]


def test_treatment_page_without_any_front_matter(site):
    (site / "docs/treatments/notes.md").write_text("# Notes\n", encoding="utf-8")
    [line] = problems(site)
    assert line.startswith("docs/treatments/notes.md: treatment: pages in docs/treatments/ describe a treatment")


def test_two_treatments_with_the_same_name(site):
    (site / "docs/treatments/pen-copy.md").write_text((site / PEN).read_text(encoding="utf-8"), encoding="utf-8")
    assert problems(site) == [
        f"{PEN}, line {line_of(site / PEN, 'name: Pen')}: treatment.name: the name 'Pen' is already used by "
        "docs/treatments/pen-copy.md. Accepted: a name no other treatment page uses "
        "(names appear side by side in the comparison table)."
    ]


def test_an_empty_treatment_block(site):
    (site / PEN).write_text("---\ndescription: A pen.\ntreatment:\n---\n\nText.\n", encoding="utf-8")
    [line] = problems(site)
    assert line.startswith(f"{PEN}, line 3: treatment: found an empty value. Accepted: the fields name, category, summary,")


def test_a_page_with_an_uppercase_extension_is_not_published_raw(site):
    (site / "docs/treatments/Peel.MD").write_text((site / PEN).read_text(encoding="utf-8"), encoding="utf-8")
    assert problems(site) == [
        "docs/treatments/Peel.MD: file name: the extension '.MD' is not written in lowercase, so the page would be published "
        "as a raw file. Accepted: the same name ending in '.md' (rename the file to peel.md)."
    ]


def test_a_treatment_in_a_subfolder_with_a_file_name_in_use(site):
    (site / "docs/treatments/face").mkdir()
    text = (site / PEN).read_text(encoding="utf-8").replace("name: Pen", "name: Face pen")
    (site / "docs/treatments/face/pen.md").write_text(text, encoding="utf-8")
    assert problems(site) == [
        "docs/treatments/face/pen.md: file name: the file name 'pen' is already used by docs/treatments/pen.md. Accepted: a file "
        "name no other treatment page uses, in any folder (it is the treatment's key in links, the feed and the comparison "
        "table's treatments= option)."
    ]


def test_a_page_not_saved_as_utf8(site):
    text = (site / PEN).read_text(encoding="utf-8").replace("A test page about a pen.", "Our \u2018gentle\u2019 pen.")
    (site / PEN).write_bytes(text.encode("cp1252"))
    [line] = problems(site)
    assert line.startswith(
        f"{PEN}, line {text.splitlines().index('Our ‘gentle’ pen.') + 1}: (whole file): the file is not saved as UTF-8"
    )


# -- markers ------------------------------------------------------------------------------------------


def test_unknown_marker_option(site):
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparison-table categroy=collagen-induction -->")
    [line] = problems(site)
    assert line.startswith(
        f"docs/compare.md, line {line_of(site / 'docs/compare.md', 'categroy')}: marker 'comparison-table': "
        "unknown option 'categroy' (did you mean 'category'?)."
    )


def test_unknown_marker_option_value(site):
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparison-table columns=downtime,prise -->")
    [line] = problems(site)
    assert line == (
        f"docs/compare.md, line {line_of(site / 'docs/compare.md', 'prise')}: marker 'comparison-table', option 'columns': "
        f"'prise' is not accepted (did you mean 'price'?). Accepted: column names: {', '.join(column_keys())}."
    )


def test_misspelt_marker(site):
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparision-table -->")
    [line] = problems(site)
    assert line.startswith(
        f"docs/compare.md, line {line_of(site / 'docs/compare.md', 'comparision')}: marker 'comparision-table': "
        "'comparision-table' is not a known marker (did you mean 'comparison-table'?)."
    )


def test_a_marker_sharing_its_line_with_text_is_an_error(site):
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "See <!-- comparison-table --> below.")
    assert problems(site) == [
        f"docs/compare.md, line {line_of(site / 'docs/compare.md', 'See <!--')}: marker 'comparison-table': the marker shares "
        "its line with other text. Accepted: the marker alone on a line of its own, e.g. '<!-- comparison-table -->'."
    ]


def test_a_second_chooser_on_a_page_is_an_error(site):
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "<!-- treatment-chooser -->\n\n<!-- comparison-table -->")
    [line] = problems(site)
    assert "marker 'treatment-chooser': the marker is already on this page (line " in line


def test_markers_in_code_are_shown_as_code_and_a_marker_after_a_tilde_fence_works(site):
    replace_in(
        site / "docs/privacy.md",
        "We collect nothing.",
        "We collect nothing.\n\n    <!-- comparison-table -->\n\n````\n```\n<!-- comparison-table -->\n```\n````\n\n"
        "~~~\n```\n~~~\n\n<!-- clinic-contact -->\n",
    )
    result = build_in_process(site)
    assert result.ok, result.messages
    html = (result.site_dir / "privacy" / "index.html").read_text(encoding="utf-8")
    assert html.count("&lt;!-- comparison-table --&gt;") == 2  # both shown as code
    assert "clinic-compare__table" not in html and "clinic-marker" not in html
    assert 'class="clinic-contact"' in html  # the marker after the ~~~ block is rendered


def test_a_placeholder_typed_into_a_page_is_harmless(site):
    replace_in(site / "docs/privacy.md", "We collect nothing.", "We collect nothing.\n\n<!-- clinic-marker:7 -->\n")
    result = build_in_process(site)
    assert result.ok, result.messages
    assert "clinic-compare" not in (result.site_dir / "privacy" / "index.html").read_text(encoding="utf-8")


# -- the site's settings and data files ---------------------------------------------------------------


def test_vocabulary_file_mistake(site):
    replace_in(site / "data/vocabulary.yml", "  acne-scars:\n    label: Acne scars", "  acne-scars:\n    lable: Acne scars")
    assert problems(site) == [
        f"data/vocabulary.yml, line {line_of(site / 'data/vocabulary.yml', 'acne-scars:')}: concerns.acne-scars.label: this required "
        "field is missing. Accepted: a short label in plain text, e.g. 'Acne scars'.",
        f"data/vocabulary.yml, line {line_of(site / 'data/vocabulary.yml', 'lable:')}: concerns.acne-scars.lable: unknown field "
        "'lable' (did you mean 'label'?). Accepted: the fields label, description.",
    ]


def test_clinic_details_mistake(site):
    replace_in(site / "mkdocs.yml", "    currency: GBP", "    currency: POUNDS")
    assert problems(site) == [
        f"mkdocs.yml, line {line_of(site / 'mkdocs.yml', 'currency:')}: extra.clinic.currency: found 'POUNDS'. "
        "Accepted: a three-letter ISO 4217 currency code, e.g. GBP."
    ]


@pytest.mark.parametrize("code", ["XXX", "XTS", "GPB"])
def test_a_currency_that_is_no_real_money_is_refused(site, code):
    replace_in(site / "mkdocs.yml", "    currency: GBP", f"    currency: {code}")
    [line] = problems(site)
    assert line.endswith(f"extra.clinic.currency: found '{code}'. Accepted: a three-letter ISO 4217 currency code, e.g. GBP.")


def test_clinic_phone_link_in_the_wrong_form(site):
    replace_in(site / "mkdocs.yml", "    phone: 020 7946 0000", '    phone: 020 7946 0000\n    phone_link: "020 7946 0000"')
    assert problems(site) == [
        f"mkdocs.yml, line {line_of(site / 'mkdocs.yml', 'phone_link:')}: extra.clinic.phone_link: found '020 7946 0000'. "
        "Accepted: the phone number in international form without spaces, for tap-to-call links, e.g. +442079460000."
    ]


def test_plain_page_front_matter_is_checked(site):
    replace_in(site / "docs/privacy.md", "title: Privacy", "title: [Privacy, Policy]\ntemplate: nope.html")
    assert problems(site) == [
        "docs/privacy.md, line 2: title: found a list ['Privacy', 'Policy']. Accepted: plain text (not empty), at most 80 characters, "
        "e.g. Book a consultation.",
        "docs/privacy.md, line 3: template: there is no template 'nope.html' (did you mean 'home.html'?). "
        "Accepted: leave it out for an ordinary page; 'home.html' for the home page (templates live in overrides/).",
    ]


def test_all_mistakes_are_reported_together(site):
    replace_in(site / PEN, "  sessions: 3-6", "  sesions: 3-6")
    replace_in(site / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparision-table -->")
    result = build_in_process(site)
    assert "The site was not built: 2 content problems to fix." in result.failure


def line_in_config(site, text: str) -> str:
    return f"mkdocs.yml, line {line_of(site / 'mkdocs.yml', text)}"


def test_clinic_phone_link_that_dials_another_number(site):
    replace_in(site / "mkdocs.yml", "    phone: 020 7946 0000", '    phone: 020 7946 0000\n    phone_link: "+442079460999"')
    assert problems(site) == [
        f"{line_in_config(site, 'phone_link:')}: extra.clinic.phone_link: '+442079460999' is a different number from phone "
        "('020 7946 0000', dialled as +442079460000). Accepted: no phone_link at all (tap-to-call links are made from "
        "phone), or the same number as phone."
    ]


def test_clinic_phone_that_is_not_a_number_in_its_country(site):
    replace_in(site / "mkdocs.yml", "    phone: 020 7946 0000", "    phone: 020 7946 000")
    assert problems(site) == [
        f"{line_in_config(site, 'phone: 020')}: extra.clinic.phone: '020 7946 000' is not a valid phone number in GB (the "
        "country of the clinic's address). Accepted: the number as readers should dial it, e.g. 020 7946 0000, or with "
        "the country code, e.g. +44 20 7946 0000."
    ]


def test_opening_hours_with_a_misspelt_day(site):
    replace_in(site / "mkdocs.yml", "{days: Saturday,", "{days: Saturdy,")
    assert problems(site) == [
        f"{line_in_config(site, 'Saturdy')}: extra.clinic.opening_hours, item 2, days: 'Saturdy' is not a day of the week "
        "(did you mean 'Saturday'?). Accepted: a day (Saturday), a range of days (Monday to Friday) or a list of days "
        "([Monday, Wednesday])."
    ]


def test_opening_hours_closing_before_opening(site):
    replace_in(site / "mkdocs.yml", 'opens: "10:00", closes: "16:00"', 'opens: "16:00", closes: "10:00"')
    [line] = problems(site)
    assert line.endswith(
        "extra.clinic.opening_hours, item 2: closes at 10:00, which is not after it opens (16:00). "
        "Accepted: a closing time later the same day than the opening time."
    )


def test_opening_hours_with_a_day_twice(site):
    replace_in(site / "mkdocs.yml", "{days: Saturday,", "{days: Friday,")
    [line] = problems(site)
    assert line.endswith(
        "extra.clinic.opening_hours: Friday is in item 1 and item 2. Accepted: each day in one item only "
        "(a day with a break: ask an engineer to add split hours)."
    )


def test_opening_time_that_is_not_a_time(site):
    replace_in(site / "mkdocs.yml", 'opens: "09:00"', "opens: nine")
    assert problems(site) == [
        f"{line_in_config(site, 'opens: nine')}: extra.clinic.opening_hours, item 1, opens: 'nine' is not a time of day. "
        'Accepted: a time on the 24-hour clock in quotes, e.g. "09:00" or "17:30" (or 9am, 5:30pm).'
    ]


def test_privacy_page_that_does_not_exist(site):
    replace_in(site / "mkdocs.yml", "privacy_page: privacy.md", "privacy_page: privacy-notice.md")
    [line] = problems(site)
    assert line.startswith(
        "mkdocs.yml: extra.clinic.privacy_page: 'privacy-notice.md' is not a page in docs/. Accepted: the privacy "
        "notice's file, relative to docs/, e.g. privacy.md (pages: compare.md, concerns/index.md, consultation.md,"
    )
