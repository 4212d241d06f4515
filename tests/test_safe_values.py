"""Addresses, email addresses and titles: safe values or an editor message saying what is accepted.

Titles (front matter `title`, treatment names, vocabulary labels, nav titles, site_name) refuse
markup because Material's search shows titles as HTML; addresses anywhere in the settings refuse
`javascript:`, `data:`, `//other-host` and the like."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from clinic_site.catalogue import SourcePage
from clinic_site.clinic_details import load_clinic_details
from clinic_site.config_values import config_problems
from clinic_site.frontmatter import read_front_matter
from clinic_site.plain_text import label_problems, title_problems
from clinic_site.problems import ContentError
from clinic_site.safe_values import EmailAddress, PlainText, SiteOrWebAddress, WebAddress
from clinic_site.validation import validate
from clinic_site.yaml_documents import YamlDocument
from tests.support.sites import build, replace_in


def refusal(kind, value) -> str:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(value)
    return caught.value.errors()[0]["ctx"]["problem"]


@pytest.mark.parametrize(
    "value",
    ["consultation/", "/consultation/", "../book/", "https://booking.example.org/a?b=c#d", "http://example.org", "#top"],
)
def test_site_or_web_addresses_that_are_accepted(value):
    assert TypeAdapter(SiteOrWebAddress).validate_python(value) == value


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("javascript:alert(1)", "javascript: addresses are not web addresses (they can run script in the reader's browser)"),
        ("JavaScript:alert(1)", "JavaScript: addresses are not web addresses"),
        ("data:text/html,<b>x</b>", "contains a space, a backslash, a quote, '<', '>'"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data: addresses are not web addresses"),
        ("vbscript:msgbox(1)", "vbscript: addresses are not web addresses"),
        ("//evil.example/", "it starts with '//', which leads to another site"),
        ("java\tscript:alert(1)", "contains a space, a backslash"),
        ("https:\\\\evil.example", "contains a space, a backslash"),
        ("https://clinic.example@evil.example/", "a user name before '@'"),
        ("https://", "no valid host name"),
        ("ftp://example.org/", "ftp: addresses are not web addresses"),
        ('consultation/" onmouseover="alert(1)', "contains a space, a backslash, a quote"),
    ],
)
def test_site_or_web_addresses_that_are_refused(value, why):
    assert why in refusal(SiteOrWebAddress, value)


def test_a_web_address_must_be_absolute():
    assert TypeAdapter(WebAddress).validate_python("https://www.nhs.uk/conditions/") == "https://www.nhs.uk/conditions/"
    assert "it does not start with https://" in refusal(WebAddress, "consultation/")


def test_email_addresses_are_checked_by_email_validator():
    assert TypeAdapter(EmailAddress).validate_python("hello@example.org") == "hello@example.org"
    for bad in ["hello", "hello@", "a@b", '"><script>@example.org', "hello@example.org\nBcc: x@y.org", "a b@example.org"]:
        assert "is not an email address" in refusal(EmailAddress, bad), bad


def test_plain_text_accepts_punctuation_and_refuses_markup():
    for ok in ['PRP, our "vampire facial"', "Before & after", "Fewer than < 3 sessions", "5 > 3", "Q&A"]:
        assert TypeAdapter(PlainText).validate_python(ok) == ok
    for bad in ["<img src=x onerror=alert(1)>", "Title</title>", "x<!-- y", "<?php", "<svg/onload=alert(1)>"]:
        assert "it contains HTML markup" in refusal(PlainText, bad), bad
    assert "invisible control character" in refusal(PlainText, "a\x1bb")


def test_the_types_give_editor_messages_through_the_validation_path():
    class Source(BaseModel):
        url: WebAddress

    with pytest.raises(ContentError) as caught:
        document = YamlDocument({"url": "javascript:alert(1)"}, "docs/treatments/prp.md")
        validate(Source, document, at=("treatment", "sources", 0), data=document.data)
    [problem] = caught.value.problems
    assert str(problem) == (
        "docs/treatments/prp.md: treatment.sources, item 1, url: 'javascript:alert(1)': javascript: addresses are not web "
        "addresses (they can run script in the reader's browser). Accepted: an address starting with https:// (or "
        "http://) followed by a host name, e.g. https://booking.example.org/."
    )


# -- the clinic's details and the rest of mkdocs.yml ------------------------------------------------

CLINIC = {
    "name": "Willow",
    "phone": "020 7946 0000",
    "phone_link": "+442079460000",
    "email": "hello@example.org",
    "address": {"street": "1 Example Street", "locality": "London", "postal_code": "W1A 0AA", "country": "GB"},
    "booking_url": "consultation/",
    "currency": "GBP",
}


def clinic_problems(**changes) -> list[str]:
    try:
        load_clinic_details({"clinic": {**CLINIC, **changes}})
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


def test_the_booking_address_and_email_are_checked():
    assert clinic_problems() == []
    assert clinic_problems(booking_url="https://booking.example.org/willow") == []
    assert clinic_problems(booking_url="javascript:alert(document.cookie)") == [
        "mkdocs.yml: extra.clinic.booking_url: 'javascript:alert(document.cookie)': javascript: addresses are not web "
        "addresses (they can run script in the reader's browser). Accepted: a page of this site written as a path, e.g. "
        "consultation/, or an address starting with https:// (or http://), e.g. https://booking.example.org/."
    ]
    assert clinic_problems(email='x@example.org"><script>') == [
        "mkdocs.yml: extra.clinic.email: 'x@example.org\"><script>' is not an email address (The part after the @-sign "
        "contains invalid characters: '\"', '<', '>'.). Accepted: an email address such as hello@example.org."
    ]


class FakeConfig(dict):
    """What config_problems reads of a loaded MkDocs config: a mapping."""


def settings_problems(**values):
    config = FakeConfig(site_name="Willow", nav=[{"Home": "index.md"}], extra={}, theme={"favicon": "images/favicon.svg"})
    config.update(values)
    return config_problems(config, "")


def test_every_address_in_the_settings_is_checked():
    assert settings_problems() == []
    problems = settings_problems(
        repo_url="javascript:alert(1)",
        extra_javascript=["https://cdn.example/x.js"],
        extra_css=["//cdn.example/x.css"],
        theme={"logo": "data:image/svg+xml,<svg onload=alert(1)>"},
        nav=[{"Home": "index.md"}, {"Book": "javascript:alert(1)"}],
        extra={"homepage": "javascript:alert(1)", "social": [{"link": "vbscript:x", "name": "X"}]},
    )
    assert [p.field for p in problems] == [
        "repo_url",
        "extra_css, item 1",
        "extra_javascript, item 1",
        "theme.logo",
        "nav: Book",
        "extra.homepage",
        "extra.social, item 1, link",
    ]
    assert "pages would load it from another site" in problems[1].problem


def test_titles_shown_by_material_refuse_markup_and_descriptions_do_not():
    problems = settings_problems(
        site_name="<img src=x onerror=alert(1)>",
        copyright="<a href=x>Us</a>",
        site_description='"><script>alert(1)</script>',  # only in meta tags, escaped
        nav=[{"<svg onload=alert(1)>": "index.md"}],
        extra={"consent": {"title": "Cookies", "description": "<a href='#'>settings</a>"}},
    )
    assert [p.field for p in problems] == ["site_name", "copyright", "nav: <svg onload=alert(1)>", "extra.consent.description"]


def test_a_page_title_treatment_name_or_vocabulary_label_with_markup_is_refused():
    source = "---\ntitle: <img src=x onerror=alert(1)>\n---\n\nText\n"
    page = SourcePage("privacy.md", "privacy/", source, "docs/privacy.md")

    class NoTreatments(list):
        pass

    problems = title_problems([page], {"privacy.md": read_front_matter(source, "docs/privacy.md")}, NoTreatments())
    assert [str(p) for p in problems] == [
        "docs/privacy.md, line 2: title: '<img src=x onerror=alert(1)>': it contains HTML markup ('<img src=x onerror=a'); "
        "titles are shown in the browser tab, search results and link previews as text. Accepted: plain words without "
        "HTML: a '<' may not be followed by a letter, '/', '!' or '?'."
    ]


def test_markup_in_a_concern_label_stops_the_build_with_the_line(project):
    vocabulary = project / "data" / "vocabulary.yml"
    replace_in(vocabulary, "label: Acne scars", "label: Acne <img src=x onerror=alert(1)>")
    line = vocabulary.read_text(encoding="utf-8").splitlines().index("    label: Acne <img src=x onerror=alert(1)>") + 1
    result = build(project)
    assert not result.ok
    assert f"data/vocabulary.yml, line {line}: concerns.acne-scars.label: 'Acne <img src=x onerror=alert(1)>'" in result.output


def test_label_problems_name_every_vocabulary():
    from clinic_site.vocabulary import parse_vocabularies

    data = {
        name: {"a": {"label": "A"}}
        for name in ("categories", "concerns", "areas", "numbing", "downtime_effects", "not_suitable_for")
    }
    data["areas"]["a"]["label"] = "<b>Face</b>"
    problems = label_problems(parse_vocabularies(data, "data/vocabulary.yml"), "areas:\n  a:\n    label: <b>Face</b>\n")
    assert [(p.field, p.line) for p in problems] == [("areas.a.label", 3)]
