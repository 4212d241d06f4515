"""Where "Book" leads, and the site's header and footer links, from mkdocs.yml.

`extra.clinic.booking_url` is either the clinic's online booking system (an https:// address
elsewhere) or a page of this site, usually the consultation page with the ways to book. Templates
ask `clinic_booking` which it is, so that on the booking page itself no button links to the page
the reader is already on (they offer Call and Email there instead).

The header (overrides/partials/clinic/site-header.html) lists the top-level pages of `nav:` in
mkdocs.yml except the home page (the logo leads there) and the booking page (the "Book" button);
the footer adds the privacy notice, named by `extra.clinic.privacy_page`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from clinic_site.opening_hours import WeekLine, today_sentences, week_lines
from clinic_site.problems import ContentProblem, show_value

CONFIG_PATH = "mkdocs.yml"


def page_url_of(path: str) -> str:
    """A site-root relative address or Markdown path as MkDocs writes the page's URL:
    '/consultation', 'consultation.md', 'consultation/' -> 'consultation/'; 'index.md' -> ''."""
    path = urlsplit(path).path.lstrip("/").removeprefix("./")
    if path.endswith(".md"):
        path = path.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("/index") + "/"
    elif path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


@dataclass(frozen=True)
class Booking:
    url: str  # the href for an online system as the editor gave it, else the page's site-root relative address
    online: bool  # an online booking system on another site
    own_page: str | None  # the page of this site it leads to, as MkDocs' page.url ("consultation/")

    def is_here(self, page_url: str | None) -> bool:
        """True on the booking page itself, where a "Book" link would lead to the same page."""
        return self.own_page is not None and page_url is not None and page_url == self.own_page


def booking_for(booking_url: str, site_url: str | None) -> Booking:
    if site_url and booking_url.startswith(site_url):  # this site's own address, written in full
        return Booking(booking_url, False, page_url_of(booking_url[len(site_url) :]))
    if booking_url.startswith(("https://", "http://")):
        return Booking(booking_url, True, None)
    own_page = page_url_of(booking_url)  # 'consultation.md' links to the page, not to a file that is not published
    return Booking(own_page or "./", False, own_page)


@dataclass(frozen=True)
class Hours:
    """The opening hours as templates show them."""

    week: list[WeekLine]
    today: list[str]  # a sentence per weekday, Sunday first (JavaScript's getDay())
    timezone: str | None


def hours_for(clinic) -> Hours:
    return Hours(week_lines(clinic.opening_hours), today_sentences(clinic.opening_hours), clinic.timezone)


def privacy_page_problems(privacy_page: str | None, page_paths: set[str], docs_name: str) -> list[ContentProblem]:
    """The privacy notice named in mkdocs.yml must be a page of the site (the footer links to it)."""
    if privacy_page is None or f"{docs_name}/{privacy_page}" in page_paths:
        return []
    pages = sorted(path.removeprefix(docs_name + "/") for path in page_paths if "/treatments/" not in path)
    return [
        ContentProblem(
            CONFIG_PATH,
            "extra.clinic.privacy_page",
            f"{show_value(privacy_page)} is not a page in {docs_name}/",
            "the privacy notice's file, relative to docs/, e.g. privacy.md (pages: " + ", ".join(pages) + ")",
        )
    ]


def booking_page_problems(
    booking_url: str, site_url: str | None, page_urls: set[str], line: int | None = None
) -> list[ContentProblem]:
    """A booking_url on this site must lead to one of its pages: every "Book" button links there."""
    own_page = booking_for(booking_url, site_url).own_page
    if own_page is None or own_page in {url.removeprefix("./") for url in page_urls}:
        return []
    shown = sorted(url for url in page_urls if not url.startswith("treatments/"))
    return [
        ContentProblem(
            CONFIG_PATH,
            "extra.clinic.booking_url",
            f"{show_value(booking_url)} is not a page of this site, so every 'Book' button would lead nowhere",
            "a page of this site (" + ", ".join(shown) + "), or the address of an online booking system starting "
            "with https://, e.g. https://booking.example.org/",
            line=line,
        )
    ]


def template_globals(clinic, site_url: str | None, urls: dict[str, str], docs_name: str) -> dict:
    """What every template may use: `clinic_booking`, `clinic_hours`, `clinic_privacy_url`."""
    privacy = urls.get(f"{docs_name}/{clinic.privacy_page}") if clinic.privacy_page else None
    return {
        "clinic_booking": booking_for(clinic.booking_url, site_url),
        "clinic_hours": hours_for(clinic),
        "clinic_privacy_url": privacy,
    }
