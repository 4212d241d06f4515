"""Every marker editors can place in a page, each declared once: its options, its template and the
data the template gets. Adding a marker is one `Marker(...)` here and one template in
`overrides/partials/clinic/`; parsing, checking, rendering and the editors' marker table in README.md
and EDITING.md all read this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clinic_site.comparison_table import ComparisonTable, column_keys
from clinic_site.concerns import chooser_data
from clinic_site.markers import MarkerCall, OptionSpec

if TYPE_CHECKING:
    from clinic_site.views import SiteViews


@dataclass(frozen=True)
class Marker:
    name: str
    help: str  # what it shows, for editors
    template: str  # under overrides/
    data: Callable[[MarkerCall, SiteViews], dict[str, Any]]
    options: dict[str, OptionSpec] = field(default_factory=dict)
    once_per_page: bool = False  # its markup has ids, so a second copy would clash
    # Whether the site's search indexes what it shows. Listings of treatments are left out: search
    # should lead to each treatment's own page, not to every table and list naming it (and parsing a
    # 1,000-row table for the index costs a build seconds).
    in_search: bool = True

    @property
    def usage(self) -> str:
        """How it is written, with its required options: '<!-- concern-description concern=KEY -->'."""
        required = "".join(f" {name}=KEY" for name, option in self.options.items() if option.required)
        return f"<!-- {self.name}{required} -->"


def _category_keys(catalogue) -> list[str]:
    return catalogue.vocabularies["categories"].keys()


def _concern_keys(catalogue) -> list[str]:
    return catalogue.vocabularies["concerns"].keys()


def _slugs(catalogue) -> list[str]:
    return [entry.slug for entry in catalogue]


CATEGORY = OptionSpec("category keys", _category_keys)
CONCERN = OptionSpec("concern keys", _concern_keys)


def _comparison_table(call: MarkerCall, views: SiteViews) -> dict[str, Any]:
    return ComparisonTable.from_options(views.catalogue, call.options).template_data(views.fact_context, views.concern_links_of)


def _treatment_list(call: MarkerCall, views: SiteViews) -> dict[str, Any]:
    vocabulary = views.catalogue.vocabularies["categories"]
    groups = [
        {"key": key, "term": vocabulary[key], "cards": [views.card(e) for e in members]}
        for key, members in views.catalogue.by_category()
    ]
    return {"groups": groups}


MARKERS: tuple[Marker, ...] = (
    Marker(
        "comparison-table",
        "the comparison table of treatments",
        "partials/clinic/comparison-table.html",
        _comparison_table,
        {
            "category": CATEGORY,
            "concern": CONCERN,
            "treatments": OptionSpec("treatment file names", _slugs),
            "columns": OptionSpec("column names", lambda catalogue: list(column_keys())),
        },
        in_search=False,
    ),
    Marker(
        "treatment-list",
        "every treatment as cards, grouped by category",
        "partials/clinic/treatment-list.html",
        _treatment_list,
        in_search=False,
    ),
    Marker(
        "clinic-contact",
        "the clinic's address, phone, email and opening hours",
        "partials/clinic/clinic-contact.html",
        lambda call, views: {},
    ),
    Marker(
        "booking-options",
        "every way to book (online, phone, email) and today's opening hours",
        "partials/clinic/booking-options.html",
        lambda call, views: {},
        once_per_page=True,
    ),
    Marker(
        "concern-links",
        '"What would you like to improve?": a link to each concern that at least one treatment lists',
        "partials/clinic/concern-links.html",
        lambda call, views: {"concern_links": views.concern_links()},
    ),
    Marker(
        "treatment-cards",
        "treatments as cards, optionally only those for a concern or category",
        "partials/clinic/treatment-cards.html",
        lambda call, views: {"cards": [views.card(e) for e in views.catalogue.select(call.options)]},
        {"concern": CONCERN, "category": CATEGORY},
        in_search=False,
    ),
    Marker(
        "concern-description",
        "a concern's description from data/vocabulary.yml",
        "partials/clinic/concern-description.html",
        lambda call, views: {"term": views.catalogue.vocabularies["concerns"][call.options["concern"][0]]},
        {"concern": OptionSpec("one concern key", _concern_keys, many=False, required=True)},
    ),
    Marker(
        "treatment-chooser",
        "controls to narrow the comparison table that follows to one concern or 2 or 3 treatments; the state is kept "
        "in the link (?concern=acne-scars&treatments=dermaroller,prp); without JavaScript readers see the whole table",
        "partials/clinic/treatment-chooser.html",
        lambda call, views: chooser_data(views.catalogue),
        once_per_page=True,
        in_search=False,
    ),
)

BY_NAME: dict[str, Marker] = {marker.name: marker for marker in MARKERS}


def marker_table() -> str:
    """The Markdown table of markers for README.md and EDITING.md (generated by `make schema`)."""
    lines = ["| Marker | What it shows | Options |", "| --- | --- | --- |"]
    for marker in MARKERS:
        options = "; ".join(
            f"`{name}=` {option.help}" + (" (required)" if option.required else "") + (", comma-separated" if option.many else "")
            for name, option in marker.options.items()
        )
        once = " Once per page." if marker.once_per_page else ""
        lines.append(f"| `{marker.usage}` | {marker.help[:1].upper()}{marker.help[1:]}.{once} | {options or 'none'} |")
    return "\n".join(lines) + "\n"
