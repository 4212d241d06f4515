"""Structured data (schema.org JSON-LD) for search engines, built as plain dicts.

`overrides/main.html` writes the result with Jinja's `tojson` into a
`<script type="application/ld+json">` block, so no JSON or HTML is assembled by hand here.

- every page: the clinic as a `MedicalClinic` (from mkdocs.yml `extra.clinic`);
- every page but the home page: a `BreadcrumbList` (Home, then the sections above the page);
- treatment pages: a `MedicalWebPage` about a `MedicalProcedure`, from the page's front matter.

Only facts the editors gave are stated; a field left out of the front matter is left out here.
URLs are absolute, from `site_url`; without `site_url` they are left out (a preview build).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from clinic_site.booking import booking_for
from clinic_site.catalogue import TreatmentEntry
from clinic_site.clinic_details import ClinicDetails
from clinic_site.opening_hours import opening_hours_specification
from clinic_site.vocabulary import Vocabularies

SCHEMA = "https://schema.org"


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str  # site-root relative, e.g. "treatments/"


def absolute(site_url: str | None, url: str) -> str | None:
    return urljoin(site_url, url) if site_url else None


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def clinic_id(site_url: str | None) -> str:
    return (site_url or "") + "#clinic"


def medical_clinic(clinic: ClinicDetails, site_url: str | None) -> dict[str, Any]:
    target = booking_for(clinic.booking_url, site_url)
    booking = target.url if target.online else absolute(site_url, target.url)
    return _without_empty(
        {
            "@type": "MedicalClinic",
            "@id": clinic_id(site_url),
            "name": clinic.name,
            "url": site_url,
            "telephone": clinic.phone_link,
            "email": clinic.email,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": clinic.address.street,
                "addressLocality": clinic.address.locality,
                "postalCode": clinic.address.postal_code,
                "addressCountry": clinic.address.country,
            },
            "currenciesAccepted": clinic.currency,
            "openingHoursSpecification": opening_hours_specification(clinic.opening_hours),
            "potentialAction": {"@type": "ReserveAction", "name": "Book a consultation", "target": booking} if booking else None,
        }
    )


def breadcrumb_list(trail: list[Crumb], site_url: str | None) -> dict[str, Any]:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            _without_empty({"@type": "ListItem", "position": position, "name": crumb.name, "item": absolute(site_url, crumb.url)})
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def medical_procedure(entry: TreatmentEntry, vocabularies: Vocabularies, page_url: str | None) -> dict[str, Any]:
    t = entry.treatment
    return _without_empty(
        {
            "@type": "MedicalProcedure",
            "@id": f"{page_url}#procedure" if page_url else None,
            "name": t.name,
            "description": t.summary,
            "url": page_url,
            "bodyLocation": [vocabularies["areas"].label(key) for key in t.areas],
            "contraindication": [vocabularies["not_suitable_for"].label(key) for key in t.not_suitable_for],
            "possibleComplication": list(t.risks),
            "followup": [f"{step.when}: {step.advice}" for step in t.aftercare],
        }
    )


def medical_web_page(
    entry: TreatmentEntry, vocabularies: Vocabularies, description: str, page_url: str | None, site_url: str | None
) -> dict[str, Any]:
    reviewed = entry.treatment.reviewed
    return _without_empty(
        {
            "@type": "MedicalWebPage",
            "@id": f"{page_url}#webpage" if page_url else None,
            "url": page_url,
            "name": entry.title,
            "description": description,
            "about": medical_procedure(entry, vocabularies, page_url),
            "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
            "lastReviewed": reviewed.on.isoformat() if reviewed else None,
            "publisher": {"@id": clinic_id(site_url)},
        }
    )


def page_graph(
    clinic: ClinicDetails,
    site_url: str | None,
    trail: list[Crumb],
    treatment: tuple[TreatmentEntry, Vocabularies, str] | None = None,
) -> dict[str, Any]:
    """The JSON-LD document of one page. `trail` runs from the home page to this page;
    `treatment` is (entry, vocabularies, description) on treatment pages."""
    graph = [medical_clinic(clinic, site_url)]
    if len(trail) > 1:
        graph.append(breadcrumb_list(trail, site_url))
    if treatment is not None:
        entry, vocabularies, description = treatment
        graph.append(medical_web_page(entry, vocabularies, description, absolute(site_url, trail[-1].url), site_url))
    return {"@context": SCHEMA, "@graph": graph}


def breadcrumb_trail(page_url: str, title_of) -> list[Crumb]:
    """Home, each section above the page that is itself a page, then the page.

    `title_of(url)` gives the title of the page at a site-root relative URL, or None if there is
    no page there (e.g. "concerns/" without an overview page is skipped). The home page is "Home".
    """
    trail = [Crumb("Home", "")]
    parts = [part for part in page_url.split("/") if part]
    for depth in range(1, len(parts) + 1):
        url = "/".join(parts[:depth]) + ("/" if page_url.endswith("/") or depth < len(parts) else "")
        title = title_of(url)
        if title:
            trail.append(Crumb(title, url))
    return trail
