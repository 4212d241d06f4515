"""The clinic's details, set once in mkdocs.yml `extra.clinic` and read everywhere from here."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated, Any

import yaml
from babel.core import Locale, UnknownLocaleError
from babel.numbers import get_currency_symbol, list_currencies
from pydantic import BaseModel, ConfigDict, Field, field_validator

from clinic_site.opening_hours import OpeningHours, TimeZone, zone_for_country
from clinic_site.phone_numbers import check_phone
from clinic_site.problems import ContentError, ContentProblem, show_value
from clinic_site.regulator import Regulator
from clinic_site.safe_values import EmailAddress, SiteOrWebAddress, WrittenText
from clinic_site.validation import validate
from clinic_site.yaml_documents import YamlDocument

CONFIG_PATH = "mkdocs.yml"


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    street: WrittenText
    locality: WrittenText
    postal_code: WrittenText
    country: Annotated[str, Field(min_length=2, max_length=2, description="ISO country code, e.g. GB")]


class ClinicDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: WrittenText
    phone: Annotated[str, Field(min_length=5, description="As shown to readers, e.g. 020 7946 0000")]
    # Tap-to-call links are derived from `phone` (clinic_site/phone_numbers.py); a phone_link an
    # editor still gives must be the same number.
    phone_link: Annotated[
        str | None,
        Field(
            pattern=r"^\+\d{6,15}$",
            description="The phone number in international form without spaces, for tap-to-call links, e.g. +442079460000",
        ),
    ] = None
    email: EmailAddress
    address: Address
    booking_url: Annotated[
        SiteOrWebAddress, Field(description="Where 'Book a consultation' leads (a page of this site or a booking system)")
    ]
    currency: Annotated[str, Field(description="A three-letter ISO 4217 currency code, e.g. GBP")]
    locale: Annotated[str, Field(description="The English language and region for prices and dates, e.g. en_GB or en_IE")] = (
        "en_GB"
    )
    # -- issue 10: opening hours, time zone, regulator (see opening_hours.py, regulator.py) --
    opening_hours: OpeningHours = []
    timezone: TimeZone = None
    regulator: Annotated[Regulator | None, Field(description="The clinic's registration with its regulator (optional)")] = None
    privacy_page: Annotated[
        str | None, Field(description="The privacy notice's file in docs/, linked from every page's footer, e.g. privacy.md")
    ] = None

    @field_validator("currency")
    @classmethod
    def known_currency(cls, value: str) -> str:
        # X-codes (XXX "no currency", XTS "testing", XAU gold...) are not money a clinic charges in.
        if value not in list_currencies() or value.startswith("X"):
            raise ValueError("not an ISO 4217 currency code")
        return value

    @field_validator("locale")
    @classmethod
    def known_locale(cls, value: str) -> str:
        try:
            language = Locale.parse(value).language
        except (ValueError, TypeError, UnknownLocaleError):
            language = None
        if language != "en":  # the site's words are English; prices and dates follow them
            raise ValueError("not an English language and region (the site is written in English)")
        return value

    def price(self, amount) -> str:
        """'£250' or '£99.50': whole amounts without pence."""
        symbol = currency_symbol(self.currency, self.locale)
        text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
        return f"{symbol}{text}"


@functools.cache  # every price in every table asks (about 75 ms per 5,000 at 1,000 treatments)
def currency_symbol(currency: str, locale: str) -> str:
    return get_currency_symbol(currency, locale=Locale.parse(locale))


def load_clinic_details(extra: Mapping[str, Any], config_lines: YamlDocument | None = None) -> ClinicDetails:
    """The clinic's details from mkdocs.yml `extra.clinic`; `config_lines` gives messages their lines."""
    details = load_extra_settings(
        extra,
        "clinic",
        ClinicDetails,
        "the clinic's name, phone, email, address, booking_url and currency under extra: clinic:",
        config_lines,
    )
    return with_derived_details(details, config_lines)


def load_extra_settings(
    extra: Mapping[str, Any], key: str, model: type[BaseModel], accepted: str, config_lines: YamlDocument | None = None
) -> Any:
    """Settings under `extra: <key>:` in mkdocs.yml, checked by `model`; ContentError when wrong."""
    raw = extra.get(key)
    if not isinstance(raw, dict):
        raise ContentError([ContentProblem(CONFIG_PATH, f"extra.{key}", f"found {show_value(raw)}", accepted)])
    if config_lines is not None:
        raw = as_written(raw, _node_at(config_lines.node, ("extra", key)))
    # Same wording as treatment pages: the model's descriptions say what is accepted.
    return validate(model, config_lines or YamlDocument(None, CONFIG_PATH), at=("extra", key), data=raw)


def _node_at(node: yaml.Node | None, path: tuple[str, ...]) -> yaml.Node | None:
    for part in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((value for name, value in node.value if getattr(name, "value", None) == part), None)
    return node


def as_written(value: Any, node: yaml.Node | None) -> Any:
    """Numbers as the editor wrote them: MkDocs reads mkdocs.yml with YAML 1.1, which turns the phone
    number 02074460000 into 284319744 (octal), a postcode 10001 into a number and 9:00 into 540.
    Where text is expected the written text is right; where a number is, pydantic reads the text."""
    if isinstance(value, dict) and isinstance(node, yaml.MappingNode):
        nodes = {getattr(name, "value", None): child for name, child in node.value}
        return {k: as_written(v, nodes.get(k)) for k, v in value.items()}
    if isinstance(value, list) and isinstance(node, yaml.SequenceNode) and len(node.value) == len(value):
        return [as_written(v, child) for v, child in zip(value, node.value, strict=True)]
    plain_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if plain_number and isinstance(node, yaml.ScalarNode) and node.style is None:
        return node.value
    return value


def with_derived_details(details: ClinicDetails, config_lines: YamlDocument | None = None) -> ClinicDetails:
    """Fill in what is derived from other fields: the tap-to-call number and the time zone."""
    country = details.address.country
    phone = check_phone(details.phone, country, details.phone_link, CONFIG_PATH, "extra.clinic.")
    problems = list(phone.problems)
    zone = details.timezone or zone_for_country(country)
    if zone is None:
        problems.append(
            ContentProblem(
                CONFIG_PATH,
                "extra.clinic.timezone",
                f"the clinic's country ({country}) has several time zones and none is given",
                "the clinic's time zone, e.g. timezone: America/New_York",
            )
        )
    if problems:
        lines = config_lines or YamlDocument(None, CONFIG_PATH)
        raise ContentError([replace(p, line=lines.line_of(tuple(p.field.split(".")))) for p in problems])
    return details.model_copy(update={"phone_link": phone.link, "timezone": zone})
