"""The clinic's phone number: written once, as readers see it, in mkdocs.yml `extra.clinic.phone`.

Every tap-to-call link (`tel:+44...`) is derived from it with Google's libphonenumber (the
`phonenumbers` package), reading the number as dialled in the clinic's country. So a changed
number can never leave links dialling the old one. `phone_link` is no longer needed; if an editor
still gives it, it must be the same number, or the build stops and says which to change.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

from clinic_site.problems import ContentProblem, show_value


@dataclass(frozen=True)
class CheckedPhone:
    link: str | None  # E.164, e.g. +442079460000; None when the number could not be read
    problems: list[ContentProblem]


def dialling_form(phone: str, country: str) -> str | None:
    """'020 7946 0000' in GB -> '+442079460000'; None when it is not a valid number there."""
    try:
        number = phonenumbers.parse(phone, country.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_phone(phone: str, country: str, phone_link: str | None, config_path: str, prefix: str) -> CheckedPhone:
    link = dialling_form(phone, country)
    if link is None:
        return CheckedPhone(
            None,
            [
                ContentProblem(
                    config_path,
                    f"{prefix}phone",
                    f"{show_value(phone)} is not a valid phone number in {country.upper()} (the country of the clinic's address)",
                    "the number as readers should dial it, e.g. 020 7946 0000, or with the country code, e.g. +44 20 7946 0000",
                )
            ],
        )
    if phone_link is not None and dialling_form(phone_link, country) != link:
        return CheckedPhone(
            link,
            [
                ContentProblem(
                    config_path,
                    f"{prefix}phone_link",
                    f"{show_value(phone_link)} is a different number from phone ({show_value(phone)}, dialled as {link})",
                    "no phone_link at all (tap-to-call links are made from phone), or the same number as phone",
                )
            ],
        )
    return CheckedPhone(link, [])
