"""The clinic's details, set once in mkdocs.yml `extra.clinic` and read everywhere from here."""

from __future__ import annotations

from typing import Annotated, Any

from babel.core import Locale
from babel.numbers import get_currency_symbol, list_currencies
from pydantic import BaseModel, ConfigDict, Field, field_validator

from clinic_site.problems import ContentError, ContentProblem, show_value
from clinic_site.safe_values import EmailAddress, SiteOrWebAddress
from clinic_site.validation import validate
from clinic_site.yaml_documents import YamlDocument

CONFIG_PATH = "mkdocs.yml"


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    street: str
    locality: str
    postal_code: str
    country: Annotated[str, Field(min_length=2, max_length=2, description="ISO country code, e.g. GB")]


class ClinicDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1)]
    phone: Annotated[str, Field(min_length=5, description="As shown to readers, e.g. 020 7946 0000")]
    phone_link: Annotated[
        str,
        Field(
            pattern=r"^\+\d{6,15}$",
            description="The phone number in international form without spaces, for tap-to-call links, e.g. +442079460000",
        ),
    ]
    email: EmailAddress
    address: Address
    booking_url: Annotated[
        SiteOrWebAddress, Field(description="Where 'Book a consultation' leads (a page of this site or a booking system)")
    ]
    currency: Annotated[str, Field(description="A three-letter ISO 4217 currency code, e.g. GBP")]
    locale: Annotated[str, Field(description="Language and region for formatting, e.g. en_GB")] = "en_GB"
    opening_hours: list[str] = []

    @field_validator("currency")
    @classmethod
    def known_currency(cls, value: str) -> str:
        # X-codes (XXX "no currency", XTS "testing", XAU gold...) are not money a clinic charges in.
        if value not in list_currencies() or value.startswith("X"):
            raise ValueError("not an ISO 4217 currency code")
        return value

    def price(self, amount) -> str:
        """'£250' or '£99.50': whole amounts without pence."""
        symbol = get_currency_symbol(self.currency, locale=Locale.parse(self.locale))
        text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
        return f"{symbol}{text}"


def load_clinic_details(extra: dict, config_lines: YamlDocument | None = None) -> ClinicDetails:
    """The clinic's details from mkdocs.yml `extra.clinic`; `config_lines` gives messages their lines."""
    return load_extra_settings(
        extra,
        "clinic",
        ClinicDetails,
        "the clinic's name, phone, phone_link, email, address, booking_url and currency under extra: clinic:",
        config_lines,
    )


def load_extra_settings(
    extra: dict, key: str, model: type[BaseModel], accepted: str, config_lines: YamlDocument | None = None
) -> Any:
    """Settings under `extra: <key>:` in mkdocs.yml, checked by `model`; ContentError when wrong."""
    raw = extra.get(key)
    if not isinstance(raw, dict):
        raise ContentError([ContentProblem(CONFIG_PATH, f"extra.{key}", f"found {show_value(raw)}", accepted)])
    # Same wording as treatment pages: the model's descriptions say what is accepted.
    return validate(model, config_lines or YamlDocument(None, CONFIG_PATH), at=("extra", key), data=raw)
