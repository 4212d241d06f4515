"""Addresses and settings an editor can get wrong in ways that used to publish: a source or booking
system only reachable on the editor's own network, a 'Book' button leading to no page, a locale that
gave a traceback or a price in another language's style.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.edit_hunt import only_problem
from tests.support.small_site import PEN, build_in_process, line_of, replace_in, small_project

SOURCE_URL = "      url: https://www.nhs.uk/x/"


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://localhost/x", "localhost"),
        ("http://127.0.0.1:8000/x", "127.0.0.1"),
        ("https://10.0.0.5/x", "10.0.0.5"),
        ("https://192.168.1.20/guide", "192.168.1.20"),
        ("https://intranet/x", "intranet"),
        ("https://wiki.clinic.local/x", "wiki.clinic.local"),
    ],
)
def test_a_source_on_a_private_network_is_refused(site, url, host):
    replace_in(site / PEN, SOURCE_URL, f"      url: {url}")
    assert only_problem(site) == (
        f"{PEN}, line {line_of(site / PEN, 'url:')}: treatment.sources, item 1, url: '{url}': it leads to '{host}', "
        "which is the editor's own computer or a private network: readers cannot open it. "
        "Accepted: an address starting with https:// (or http://) followed by a host name, e.g. https://booking.example.org/."
    )


def test_a_source_at_a_public_address_is_published(site):
    replace_in(site / PEN, SOURCE_URL, "      url: https://8.8.8.8/guide")
    result = build_in_process(site)
    assert result.ok, result.messages
    assert 'href="https://8.8.8.8/guide"' in (result.site_dir / "treatments/pen/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ["consult/", "www.booking.example", "/bookings/", "treatments/nope.md"])
def test_a_booking_url_that_is_no_page_of_the_site_is_refused(site, url):
    replace_in(site / "mkdocs.yml", "booking_url: consultation/", f"booking_url: {url}")
    assert only_problem(site) == (
        f"mkdocs.yml, line {line_of(site / 'mkdocs.yml', 'booking_url:')}: extra.clinic.booking_url: '{url}' is not a page "
        "of this site, so every 'Book' button would lead nowhere. Accepted: a page of this site (./, compare/, concerns/, "
        "consultation/, privacy/), or the address of an online booking system starting with https://, "
        "e.g. https://booking.example.org/."
    )


def test_a_booking_url_on_the_editors_computer_is_refused(site):
    replace_in(site / "mkdocs.yml", "booking_url: consultation/", "booking_url: http://localhost:8000/book")
    line = only_problem(site)
    assert (
        line.startswith("mkdocs.yml, line ")
        and "extra.clinic.booking_url: 'http://localhost:8000/book': it leads to 'localhost'" in line
    )


@pytest.mark.parametrize("written", ["consultation.md", "/consultation/", "consultation", "./consultation/"])
def test_every_way_of_naming_the_booking_page_links_to_the_page(site, written):
    replace_in(site / "mkdocs.yml", "booking_url: consultation/", f"booking_url: {written}")
    result = build_in_process(site)
    assert result.ok, result.messages
    page = (result.site_dir / "treatments/pen/index.html").read_text(encoding="utf-8")
    assert 'class="md-button clinic-header__book" href="../../consultation/"' in page
    assert '"target": "https://www.example.org/consultation/"' in page
    assert ".md" not in page.split('clinic-header__book" href="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("locale", ["english", "xx_XX", "fr_FR", "de"])
def test_a_locale_that_is_not_an_english_one_is_refused_without_a_traceback(site, locale):
    replace_in(site / "mkdocs.yml", "locale: en_GB", f"locale: {locale}")
    assert only_problem(site) == (
        f"mkdocs.yml, line {line_of(site / 'mkdocs.yml', 'locale:')}: extra.clinic.locale: found '{locale}'. "
        "Accepted: the English language and region for prices and dates, e.g. en_GB or en_IE."
    )


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("phone: 020 7946 0000", "phone: 02074460000", 'href="tel:+442074460000">02074460000</a>'),
        ("postal_code: W1A 0AA", "postal_code: 10001", "London 10001"),
        ("id: DEMO-0000-0000", "id: 0123", "registration 0123."),
        ('opens: "09:00", closes: "18:00"', "opens: 9:00, closes: 17:30", "<dd>9am to 5:30pm</dd>"),
    ],
)
def test_clinic_details_read_as_written_not_as_yaml_1_1_numbers(site, old, new, shown):
    """MkDocs reads 02074460000 as an octal number (284319744), 10001 as a number, 9:00 as 540."""
    replace_in(site / "mkdocs.yml", old, new)
    result = build_in_process(site)
    assert result.ok, result.messages
    assert shown in (result.site_dir / "index.html").read_text(encoding="utf-8")
