"""Each kind of editor mistake fails the real `mkdocs build --strict` with the message the editor sees.

The tests edit a copy of the demo site exactly as marketing would, then build it.
"""

from pathlib import Path

import pytest

from tests.support.sites import build, replace_in

PEN = "docs/treatments/microneedling-pen.md"


def failed_build(project: Path) -> str:
    result = build(project)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert "Aborted with a BuildError!" in result.output
    assert not (result.site_dir / "compare" / "index.html").exists(), "nothing may be published from a failed build"
    return result.output


def message_lines(output: str) -> list[str]:
    return [line.removeprefix("  - ") for line in output.splitlines() if line.startswith("  - ")]


def test_missing_required_field(project):
    replace_in(project / PEN, "  category: collagen-induction\n", "")
    assert message_lines(failed_build(project)) == [
        f"{PEN}, line 4: treatment.category: this required field is missing. "
        "Accepted: the kind of treatment, using the keys chemical-exfoliation, collagen-induction."
    ]


def test_unknown_key_with_did_you_mean(project):
    replace_in(project / PEN, "  sessions: 2-3", "  sesions: 2-3")
    [line] = message_lines(failed_build(project))
    assert line.startswith(
        f"{PEN}, line 12: treatment.sesions: unknown field 'sesions' (did you mean 'sessions'?). "
        "Accepted: the fields name, category, summary, concerns, areas, numbing, session_minutes, sessions,"
    )


def test_value_outside_its_vocabulary(project):
    replace_in(project / PEN, "  numbing: topical-cream", "  numbing: topical-creme")
    assert message_lines(failed_build(project)) == [
        f"{PEN}, line 10: treatment.numbing: 'topical-creme' is not a known numbing option (did you mean 'topical-cream'?). "
        "Accepted: one of none, topical-cream (or add a new key under 'numbing:' in data/vocabulary.yml)."
    ]


def test_malformed_range(project):
    replace_in(project / PEN, "  interval_weeks: 6-8", "  interval_weeks: six to eight")
    assert message_lines(failed_build(project)) == [
        f"{PEN}, line 13: treatment.interval_weeks: 'six to eight' is not a whole number or a range. "
        "Accepted: a whole number such as 3, or a range such as 2-3 (smaller number first)."
    ]


def test_wrong_type(project):
    replace_in(project / PEN, "  sun_protection: {spf: 30}", "  sun_protection: SPF 30")
    assert message_lines(failed_build(project)) == [
        f"{PEN}, line 16: treatment.sun_protection: found 'SPF 30'. Accepted: the fields spf, weeks, e.g. {{spf: 50, weeks: 2}}."
    ]


@pytest.mark.parametrize("page", ["docs/privacy.md", PEN])
def test_front_matter_that_is_not_valid_yaml_on_any_page(project, page):
    replace_in(project / page, "description: ", "description: [")
    [line] = message_lines(failed_build(project))
    assert line.startswith(f"{page}, line ")
    assert ": front matter: this is not valid YAML (" in line


def test_treatment_page_without_a_treatment_block(project):
    (project / "docs/treatments/laser-genesis.md").write_text(
        "---\ntitle: Laser Genesis\n---\n\nComing soon.\n", encoding="utf-8"
    )
    assert message_lines(failed_build(project)) == [
        "docs/treatments/laser-genesis.md: treatment: pages in docs/treatments/ describe a treatment, but this page has no "
        "'treatment:' block. Accepted: a 'treatment:' block in the front matter with at least name, category, summary and "
        "concerns (run 'make new-treatment NAME=...' for a filled-in template), or move the page out of docs/treatments/."
    ]


def test_treatment_page_without_any_front_matter(project):
    (project / "docs/treatments/notes.md").write_text("# Notes\n", encoding="utf-8")
    [line] = message_lines(failed_build(project))
    assert line.startswith("docs/treatments/notes.md: treatment: pages in docs/treatments/ describe a treatment")


def test_two_treatments_with_the_same_name(project):
    copy = (project / PEN).read_text(encoding="utf-8").replace("order: 30", "order: 31")
    (project / "docs/treatments/microneedling-pen-copy.md").write_text(copy, encoding="utf-8")
    assert message_lines(failed_build(project)) == [
        "docs/treatments/microneedling-pen.md, line 5: treatment.name: the name 'Microneedling pen' is already used by "
        "docs/treatments/microneedling-pen-copy.md. Accepted: a name no other treatment page uses "
        "(names appear side by side in the comparison table)."
    ]


def test_unknown_marker_option(project):
    replace_in(project / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparison-table categroy=collagen-induction -->")
    [line] = message_lines(failed_build(project))
    assert line.startswith(
        "docs/compare.md, line 14: marker 'comparison-table': unknown option 'categroy' (did you mean 'category'?)."
    )


def test_unknown_marker_option_value(project):
    replace_in(project / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparison-table columns=downtime,prise -->")
    [line] = message_lines(failed_build(project))
    assert line == (
        "docs/compare.md, line 14: marker 'comparison-table', option 'columns': 'prise' is not accepted "
        "(did you mean 'price'?). Accepted: column names: category, concerns, areas, numbing, session, course, "
        "maintenance, downtime, results, sun, price."
    )


def test_misspelt_marker(project):
    replace_in(project / "docs/compare.md", "<!-- comparison-table -->", "<!-- comparision-table -->")
    [line] = message_lines(failed_build(project))
    assert line.startswith(
        "docs/compare.md, line 14: marker 'comparision-table': 'comparision-table' is not a known marker "
        "(did you mean 'comparison-table'?)."
    )


def test_vocabulary_file_mistake(project):
    replace_in(project / "data/vocabulary.yml", "  acne-scars:\n    label: Acne scars", "  acne-scars:\n    lable: Acne scars")
    [line] = message_lines(failed_build(project))
    assert line.startswith(
        "data/vocabulary.yml: concerns.acne-scars: unknown field(s) lable. Accepted: 'label' and optionally 'description'."
    )


def test_clinic_details_mistake(project):
    replace_in(project / "mkdocs.yml", "    currency: GBP", "    currency: POUNDS")
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.currency: found 'POUNDS'. Accepted: a three-letter ISO 4217 currency code, e.g. GBP."
    ]


def test_clinic_phone_link_that_dials_another_number(project):
    replace_in(project / "mkdocs.yml", "    phone: 020 7946 0000", '    phone: 020 7946 0000\n    phone_link: "+442079460999"')
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.phone_link: '+442079460999' is a different number from phone ('020 7946 0000', "
        "dialled as +442079460000). Accepted: no phone_link at all (tap-to-call links are made from phone), "
        "or the same number as phone."
    ]


def test_clinic_phone_that_is_not_a_number_in_its_country(project):
    replace_in(project / "mkdocs.yml", "    phone: 020 7946 0000", "    phone: 020 7946 000")
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.phone: '020 7946 000' is not a valid phone number in GB (the country of the clinic's "
        "address). Accepted: the number as readers should dial it, e.g. 020 7946 0000, or with the country code, "
        "e.g. +44 20 7946 0000."
    ]


def test_opening_hours_with_a_misspelt_day(project):
    replace_in(project / "mkdocs.yml", "{days: Saturday,", "{days: Saturdy,")
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.opening_hours, item 2, days: 'Saturdy' is not a day of the week (did you mean "
        "'Saturday'?). Accepted: a day (Saturday), a range of days (Monday to Friday) or a list of days ([Monday, Wednesday])."
    ]


def test_opening_hours_closing_before_opening(project):
    replace_in(project / "mkdocs.yml", 'opens: "10:00", closes: "16:00"', 'opens: "16:00", closes: "10:00"')
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.opening_hours, item 2: closes at 10:00, which is not after it opens (16:00). "
        "Accepted: a closing time later the same day than the opening time."
    ]


def test_opening_hours_with_a_day_twice(project):
    replace_in(project / "mkdocs.yml", "{days: Saturday,", "{days: Friday,")
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.opening_hours: Friday is in item 1 and item 2. Accepted: each day in one item only "
        "(a day with a break: ask an engineer to add split hours)."
    ]


def test_opening_time_that_is_not_a_time(project):
    replace_in(project / "mkdocs.yml", 'opens: "09:00"', "opens: nine")
    assert message_lines(failed_build(project)) == [
        "mkdocs.yml: extra.clinic.opening_hours, item 1, opens: 'nine' is not a time of day. Accepted: a time on the "
        '24-hour clock in quotes, e.g. "09:00" or "17:30" (or 9am, 5:30pm).'
    ]


def test_privacy_page_that_does_not_exist(project):
    replace_in(project / "mkdocs.yml", "privacy_page: privacy.md", "privacy_page: privacy-notice.md")
    [line] = message_lines(failed_build(project))
    assert line.startswith(
        "mkdocs.yml: extra.clinic.privacy_page: 'privacy-notice.md' is not a page in docs/. Accepted: the privacy "
        "notice's file, relative to docs/, e.g. privacy.md (pages: compare.md, concerns/index.md, consultation.md,"
    )


def test_all_mistakes_are_reported_together(project):
    replace_in(project / PEN, "  sessions: 2-3", "  sesions: 2-3")
    replace_in(project / "docs/treatments/dermaroller.md", "category: collagen-induction", "category: collagen")
    assert "The site was not built: 2 content problems to fix." in failed_build(project)


def test_a_marker_sharing_its_line_with_text_is_an_error(project):
    replace_in(project / "docs/compare.md", "<!-- comparison-table -->", "See <!-- comparison-table --> below.")
    assert message_lines(failed_build(project)) == [
        "docs/compare.md, line 14: marker 'comparison-table': the marker shares its line with other text. "
        "Accepted: the marker alone on a line of its own, e.g. '<!-- comparison-table -->'."
    ]


def test_an_empty_treatment_block(project):
    replace_in(project / PEN, "treatment:\n  name: Microneedling pen\n", "treatment:\n")
    text = (project / PEN).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    (project / PEN).write_text("---\ndescription: A pen.\ntreatment:\n---\n" + text, encoding="utf-8")
    [line] = message_lines(failed_build(project))
    assert line.startswith(f"{PEN}, line 3: treatment: found an empty value. Accepted: the fields name, category, summary,")
