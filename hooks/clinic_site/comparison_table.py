"""The comparison table of treatments, placed in any page by a marker:

    <!-- comparison-table -->                                   every treatment, default columns
    <!-- comparison-table category=collagen-induction -->       only one category (or several, comma-separated)
    <!-- comparison-table concern=acne-scars -->                only treatments for a concern
    <!-- comparison-table treatments=dermaroller,prp -->        chosen treatments (their file names)
    <!-- comparison-table columns=concerns,downtime,price -->   chosen columns, in this order

The first column is always the treatment's name, linked to its page. Rows come from the
catalogue, so adding or removing a treatment page adds or removes its row with no other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from clinic_site.catalogue import Catalogue, TreatmentEntry
from clinic_site.facts import FACTS, FactContext, FactValue, fact_value
from clinic_site.markers import MarkerSpec, OptionSpec

DEFAULT_COLUMNS = ("category", "concerns", "numbing", "session", "course", "downtime", "results", "sun", "price")
TEMPLATE = "partials/clinic/comparison-table.html"


def slug(entry: TreatmentEntry) -> str:
    return PurePosixPath(entry.src_uri).stem


def marker_spec(catalogue_source) -> MarkerSpec:
    """The marker's options; `catalogue_source()` gives the current build's catalogue."""
    return MarkerSpec(
        "comparison-table",
        "the comparison table of treatments",
        {
            "category": OptionSpec("category keys", lambda: catalogue_source().vocabularies["categories"].keys()),
            "concern": OptionSpec("concern keys", lambda: catalogue_source().vocabularies["concerns"].keys()),
            "treatments": OptionSpec("treatment file names", lambda: [slug(e) for e in catalogue_source()]),
            "columns": OptionSpec("column names", lambda: list(FACTS)),
        },
    )


@dataclass(frozen=True)
class Row:
    entry: TreatmentEntry
    cells: list[FactValue]


@dataclass(frozen=True)
class ComparisonTable:
    catalogue: Catalogue
    columns: tuple[str, ...] | None = None  # None: the defaults, price only when some row has one

    @classmethod
    def from_options(cls, catalogue: Catalogue, options: dict[str, list[str]]) -> ComparisonTable:
        table = cls(catalogue, tuple(options["columns"]) if "columns" in options else None)
        if "category" in options:
            table = table.filtered(lambda e: e.treatment.category in options["category"])
        if "concern" in options:
            table = table.filtered(lambda e: any(c in options["concern"] for c in e.treatment.concerns))
        if "treatments" in options:
            table = table.filtered(lambda e: slug(e) in options["treatments"])
        return table

    def filtered(self, keep) -> ComparisonTable:
        return ComparisonTable(self.catalogue.filtered(keep), self.columns)

    def column_keys(self) -> tuple[str, ...]:
        if self.columns is not None:
            return self.columns
        has_price = any(e.treatment.price_from is not None for e in self.catalogue)
        return tuple(k for k in DEFAULT_COLUMNS if k != "price" or has_price)

    def rows(self, ctx: FactContext) -> list[Row]:
        keys = self.column_keys()
        return [Row(e, [fact_value(k, e, ctx) for k in keys]) for e in self.catalogue.sorted()]

    def template_data(self, ctx: FactContext, link) -> dict:
        """Plain data for the template; `link(entry)` gives the URL relative to the page shown."""
        return {
            "columns": [{"key": k, "heading": FACTS[k].heading} for k in self.column_keys()],
            "rows": [
                {
                    "name": r.entry.name,
                    "url": link(r.entry),
                    "slug": slug(r.entry),
                    "category": r.entry.treatment.category,
                    "concerns": r.entry.treatment.concerns,
                    "cells": r.cells,
                }
                for r in self.rows(ctx)
            ],
        }
