"""Booking from mkdocs.yml: the ways to book, tap-to-call links derived from the phone number, the
opening hours in one structured field, and no "Book" link that leads to the page it is on."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinic_site.booking import booking_for, page_url_of
from clinic_site.opening_hours import OpeningTimes, clock, today_sentences, week_lines
from clinic_site.phone_numbers import dialling_form
from tests.support.readers import site_pages
from tests.support.sites import build, replace_in


def soup(site: Path, path: str) -> BeautifulSoup:
    file = site / (path if path.endswith(".html") else path + "index.html")
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def hours(*lines: dict) -> list[OpeningTimes]:
    return [OpeningTimes.model_validate(line) for line in lines]


# -- opening hours ----------------------------------------------------------------------------------


def test_days_can_be_a_day_a_range_or_a_list():
    assert hours({"days": "Saturday", "opens": "10:00", "closes": "16:00"})[0].days == (5,)
    assert hours({"days": "Monday to Friday", "opens": "09:00", "closes": "18:00"})[0].days == (0, 1, 2, 3, 4)
    assert hours({"days": "mon-wed", "opens": "09:00", "closes": "18:00"})[0].days == (0, 1, 2)
    assert hours({"days": ["Thursday", "Monday"], "opens": "09:00", "closes": "18:00"})[0].days == (0, 3)


def test_times_yaml_read_as_numbers_are_turned_back_into_times():
    """YAML 1.1 reads an unquoted 18:00 as 1080 (base 60); the editor meant 18:00."""
    line = hours({"days": "Monday", "opens": 540, "closes": 1080})[0]
    assert (line.opens, line.closes) == ("09:00", "18:00")
    assert hours({"days": "Monday", "opens": "9am", "closes": "5:30pm"})[0].closes == "17:30"


def test_times_are_written_as_readers_say_them():
    assert [clock(t) for t in ("09:00", "17:30", "12:00", "00:00", "12:15")] == ["9am", "5:30pm", "midday", "midnight", "12:15pm"]


def test_the_week_groups_days_with_the_same_hours_and_names_closed_days():
    week = week_lines(
        hours(
            {"days": "Monday to Thursday", "opens": "09:00", "closes": "18:00"},
            {"days": "Friday", "opens": "09:00", "closes": "18:00"},
            {"days": "Saturday", "opens": "10:00", "closes": "16:00"},
        )
    )
    assert [(line.days, line.hours, line.js_days) for line in week] == [
        ("Monday to Friday", "9am to 6pm", (1, 2, 3, 4, 5)),
        ("Saturday", "10am to 4pm", (6,)),
        ("Sunday", "Closed", (0,)),
    ]


def test_today_says_when_the_clinic_opens_next_on_a_closed_day():
    sentences = today_sentences(hours({"days": "Tuesday", "opens": "09:00", "closes": "13:00"}))
    assert len(sentences) == 7  # Sunday first, as JavaScript's getDay() counts
    assert sentences[2] == "Open today (Tuesday): 9am to 1pm"
    assert sentences[3] == "Closed today (Wednesday). We open again on Tuesday, 9am to 1pm."
    assert sentences[0] == "Closed today (Sunday). We open again on Tuesday, 9am to 1pm."


# -- phone numbers and booking addresses --------------------------------------------------------------


def test_tap_to_call_numbers_are_read_as_dialled_in_the_clinics_country():
    assert dialling_form("020 7946 0000", "GB") == "+442079460000"
    assert dialling_form("+44 (0)20 7946 0000", "GB") == "+442079460000"
    assert dialling_form("020 7946 000", "GB") is None
    assert dialling_form("call us", "GB") is None


def test_booking_address_is_a_page_of_this_site_or_an_online_system():
    assert page_url_of("consultation.md") == page_url_of("/consultation") == page_url_of("consultation/") == "consultation/"
    own = booking_for("consultation/", "https://www.example.org/")
    assert not own.online and own.is_here("consultation/") and not own.is_here("")
    written_in_full = booking_for("https://www.example.org/consultation/", "https://www.example.org/")
    assert not written_in_full.online and written_in_full.is_here("consultation/")
    online = booking_for("https://book.example.com/willow", "https://www.example.org/")
    assert online.online and not online.is_here("consultation/")


# -- in the built site ------------------------------------------------------------------------------------


def test_a_changed_phone_number_changes_every_call_link(project):
    replace_in(project / "mkdocs.yml", "    phone: 020 7946 0000", "    phone: 020 7946 0123")
    result = build(project)
    assert result.ok, result.output
    for path in site_pages(result.site_dir):
        links = {a["href"] for a in soup(result.site_dir, path).select('a[href^="tel:"]')}
        assert links == {"tel:+442079460123"}, path


def test_the_booking_page_has_no_link_to_itself(demo_site):
    page = soup(demo_site, "consultation/")
    buttons = page.select("header a[href], .md-content a[href], .clinic-bookbar a[href]")  # not menus of pages
    to_itself = [a for a in buttons if a["href"] in ("./", ".", "../consultation/", "#")]
    assert to_itself == []
    ways = page.select_one("#ways-to-book")
    assert [a["href"] for a in ways.select("a")] == ["tel:+442079460000", "mailto:hello@example.org"]
    assert ways.select_one("[data-clinic-today]") is not None
    assert [dt.get_text() for dt in ways.select(".clinic-hours__week dt")] == ["Monday to Friday", "Saturday", "Sunday"]
    bar = page.select_one(".clinic-bookbar")
    assert [a["href"] for a in bar.select("a")] == ["tel:+442079460000", "mailto:hello@example.org"]


@pytest.mark.parametrize("path", ["", "compare/", "concerns/acne-scars/", "treatments/dermaroller/", "privacy/"])
def test_every_other_page_offers_book_and_call_in_its_bar(demo_site, path):
    bar = soup(demo_site, path).select_one(".clinic-bookbar")
    links = [(a.get_text(strip=True), a["href"]) for a in bar.select("a")]
    assert links[0][0] == "Book a consultation" and links[0][1].endswith("consultation/")
    assert links[1] == ("Call", "tel:+442079460000")


def test_with_an_online_booking_system_every_book_link_goes_there(project):
    online = "https://booking.example.com/willow-skin-clinic"
    replace_in(project / "mkdocs.yml", "booking_url: consultation/", f"booking_url: {online}")
    result = build(project)
    assert result.ok, result.output
    ways = soup(result.site_dir, "consultation/").select_one("#ways-to-book")
    assert next(a.get_text(strip=True) for a in ways.select("a")) == "Book online"
    assert ways.select("a")[0]["href"] == online
    for path in ("", "consultation/", "compare/"):
        page = soup(result.site_dir, path)
        assert page.select_one(".clinic-bookbar a")["href"] == online
        assert page.select_one(".clinic-header__book")["href"] == online


def test_the_footer_names_the_clinic_its_hours_privacy_and_regulator(demo_site):
    for path in site_pages(demo_site):
        footer = soup(demo_site, path).select_one("footer.clinic-footer")
        text = " ".join(footer.get_text(" ").split())
        sentence = " ".join(footer.select_one(".clinic-footer__meta p").get_text().split())
        assert "1 Example Street" in text and "W1A 0AA" in text, path
        assert footer.select_one('a[href="tel:+442079460000"]') and footer.select_one('a[href="mailto:hello@example.org"]')
        assert "Monday to Friday 9am to 6pm" in text and "Sunday Closed" in text
        privacy = [a["href"] for a in footer.select("a") if a.get_text() == "Privacy"]
        assert privacy == (["./"] if path == "privacy/" else [privacy[0]]) and privacy[0].endswith(("privacy/", "./")), path
        assert sentence == "Registered with the Care Quality Commission, registration DEMO-0000-0000."


def test_no_page_has_a_previous_next_pager(demo_site):
    for path in site_pages(demo_site):
        page = soup(demo_site, path)
        assert not page.select(".md-footer__link, .md-footer__inner"), path
        assert "Previous" not in page.select_one("footer").get_text() and "Next" not in page.select_one("footer").get_text()
