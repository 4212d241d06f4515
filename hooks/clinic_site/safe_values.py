"""Reusable pydantic types for values that reach readers' browsers as addresses or plain text.

Use them in any model (clinic details, treatment sources, ...):

    from clinic_site.safe_values import EmailAddress, PlainText, SiteOrWebAddress, WebAddress

    class Source(BaseModel):
        title: PlainText
        url: WebAddress

- `WebAddress`: an address on the web, `https://` (or `http://`) with a host name readers can reach
  (not localhost, a private network's address or a name without a dot).
- `SiteOrWebAddress`: a `WebAddress`, or a path on this site (`consultation/`, `/consultation/`).
- `EmailAddress`: a deliverable-looking address (checked by `email-validator`, pydantic's own
  choice; no DNS look-up, so builds stay offline).
- `PlainText`: text shown as text: no HTML markup (a `<` starting a tag), no control characters.
  Titles need it because Material's search shows a page's title as HTML.

A refused value raises pydantic's error with `problem` and `accepted` in an editor's words, which
`validation.problem_for` puts in the build's message unchanged.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from clinic_site.problems import show_value

WEB_ADDRESS_ACCEPTED = "an address starting with https:// (or http://) followed by a host name, e.g. https://booking.example.org/"
SITE_OR_WEB_ADDRESS_ACCEPTED = (
    "a page of this site written as a path, e.g. consultation/, or an address starting with https:// (or http://), "
    "e.g. https://booking.example.org/"
)
EMAIL_ACCEPTED = "an email address such as hello@example.org"
PLAIN_TEXT_ACCEPTED = "plain words without HTML: a '<' may not be followed by a letter, '/', '!' or '?'"

# What a browser reads as the start of a tag, comment or declaration.
MARKUP = re.compile(r"<[A-Za-z/!?]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tabs and newlines are ordinary text
# Zero-width spaces, direction marks and overrides, word joiners, byte-order marks (zero-width
# joiners stay: emoji are made with them).
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
VISIBLE_TEXT_ACCEPTED = (
    "the text typed again without hidden characters (they come with text copied from web pages, documents and chat apps)"
)
# Characters that never belong in an address as typed (browsers treat \ as /; the rest are not URL characters).
NOT_IN_ADDRESSES = re.compile(r"[\s\\<>\"'`{}|^\x00-\x1f\x7f]")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
HOST = re.compile(
    r"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)


def _refuse(kind: str, problem: str, accepted: str):
    return PydanticCustomError(kind, "{problem}", {"problem": problem, "accepted": accepted})


def web_address_problem(value: str, *, site_paths: bool) -> str | None:
    """Why `value` is not a safe address (None when it is). `site_paths`: paths on this site are accepted."""
    if NOT_IN_ADDRESSES.search(value):
        return "it contains a space, a backslash, a quote, '<', '>' or another character that addresses do not contain"
    scheme = SCHEME.match(value)
    if scheme is None:
        if not site_paths:
            return "it does not start with https://"
        if value.startswith("//"):
            return "it starts with '//', which leads to another site"
        return None
    if scheme[1].lower() not in ("https", "http"):
        return f"{scheme[1]}: addresses are not web addresses" + (
            " (they can run script in the reader's browser)" if scheme[1].lower() in ("javascript", "vbscript", "data") else ""
        )
    parts = urlsplit(value)
    if "@" in parts.netloc:
        return "it has a user name before '@', which hides the real host name"
    try:
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if not value.lower().startswith(("https://", "http://")) or not HOST.match(parts.hostname or "") or not port_ok:
        return "it has no valid host name after the //"
    return None


# Host names only a computer on the editor's own network (or the editor's computer) knows.
PRIVATE_HOST_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".test", ".invalid")


@functools.lru_cache(maxsize=4096)  # the same few sites are cited on every page; a failed parse is slow
def _is_private_host(host: str) -> bool:
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:  # a name, not a number
        return "." not in host or f".{host}".endswith(PRIVATE_HOST_SUFFIXES)


def private_host_problem(value: str) -> str | None:
    """Why readers could not reach the web address `value` (None when they can, or it is a path)."""
    if not value.lower().startswith(("https://", "http://")):
        return None
    host = (urlsplit(value).hostname or "").lower().rstrip(".")
    if _is_private_host(host):
        return f"it leads to {host!r}, which is the editor's own computer or a private network: readers cannot open it"
    return None


def check_web_address(value: str) -> str:
    if problem := web_address_problem(value, site_paths=False) or private_host_problem(value):
        raise _refuse("web_address", f"{show_value(value)}: {problem}", WEB_ADDRESS_ACCEPTED)
    return value


def check_site_or_web_address(value: str) -> str:
    if not value:
        raise _refuse("web_address", "the address is empty", SITE_OR_WEB_ADDRESS_ACCEPTED)
    if problem := web_address_problem(value, site_paths=True) or private_host_problem(value):
        raise _refuse("web_address", f"{show_value(value)}: {problem}", SITE_OR_WEB_ADDRESS_ACCEPTED)
    return value


def check_email_address(value: str) -> str:
    try:
        # No deliverability check: that is a DNS look-up, and builds never reach the network.
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise _refuse("email", f"{show_value(value)} is not an email address ({error})", EMAIL_ACCEPTED) from None


def invisible_character_problem(value: str) -> str | None:
    """Hidden characters pasted with text: a zero-width space splits a word for search and the
    claims check, a right-to-left override shows the text backwards, and text of nothing but
    them looks empty on the page."""
    if match := INVISIBLE.search(value):
        name = unicodedata.name(match[0], "format character").lower()
        before = value[: match.start()][-20:]
        where = f"after {before!r}" if before else "at the start"
        return f"it contains an invisible character (U+{ord(match[0]):04X}, {name}) {where}"
    return None


def check_visible_text(value: str) -> str:
    if problem := invisible_character_problem(value):
        raise _refuse("invisible_character", f"{show_value(value)}: {problem}", VISIBLE_TEXT_ACCEPTED)
    return value


def plain_text_problem(value: str, *, hidden_characters: bool = True) -> str | None:
    """Why `value` is not plain text; `hidden_characters=False` where the content model checks those."""
    if match := MARKUP.search(value):
        start = max(match.start() - 10, 0)
        return f"it contains HTML markup ({value[start : match.start() + 20]!r})"
    if CONTROL.search(value):
        return "it contains an invisible control character"
    return invisible_character_problem(value) if hidden_characters else None


def check_plain_text(value: str) -> str:
    if problem := plain_text_problem(value):
        raise _refuse("plain_text", f"{show_value(value)}: {problem}", PLAIN_TEXT_ACCEPTED)
    return value


# The schema's pattern is for editors' tools and the web editor's form; the validator gives the message.
WebAddress = Annotated[
    str,
    AfterValidator(check_web_address),
    Field(description=WEB_ADDRESS_ACCEPTED, json_schema_extra={"pattern": r"^https?://[^\s/?#]+(?:[/?#]\S*)?$"}),
]
SiteOrWebAddress = Annotated[str, AfterValidator(check_site_or_web_address), Field(description=SITE_OR_WEB_ADDRESS_ACCEPTED)]
EmailAddress = Annotated[str, AfterValidator(check_email_address), Field(description=EMAIL_ACCEPTED)]
PlainText = Annotated[str, AfterValidator(check_plain_text)]


def check_written_text(value: str) -> str:
    """Text editors write for readers is shown exactly as typed (escaped): HTML markup in it would
    reach readers as visible tags, and hidden characters as text that looks empty or runs backwards."""
    if problem := plain_text_problem(value, hidden_characters=False):
        raise _refuse("plain_text", f"{show_value(value)}: {problem}", PLAIN_TEXT_ACCEPTED)
    return check_visible_text(value)


# A text field of the content model: trimmed, not empty, shown as typed.
WrittenText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_written_text)]
