"""Plain data for the templates, built from the collected site: cards, concern links, a treatment
page's key facts and sections. Templates get dicts and model objects, never HTML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clinic_site import treatment_sections as page_sections
from clinic_site.catalogue import Catalogue, TreatmentEntry
from clinic_site.facts import FactContext, fact_value
from clinic_site.model import treatment_facts, treatment_sections
from clinic_site.site_model import SiteModel


@dataclass(frozen=True)
class SiteViews:
    site: SiteModel
    concern_urls: Mapping[str, str]  # concern key -> site-root relative URL of its generated page

    @property
    def catalogue(self) -> Catalogue:
        return self.site.catalogue

    @property
    def fact_context(self) -> FactContext:
        return FactContext(self.site.vocabularies, self.site.clinic)

    def card(self, entry: TreatmentEntry) -> dict[str, Any]:
        return {
            "name": entry.name,
            "url": entry.url,
            "summary": entry.treatment.summary,
            "category": self.site.vocabularies["categories"].label(entry.treatment.category),
            "concerns": [self.site.vocabularies["concerns"].label(c) for c in entry.treatment.concerns],
        }

    def concern_links(self) -> list[dict[str, Any]]:
        return [
            {"key": p.key, "label": p.label, "url": self.concern_urls[p.key], "count": len(p.treatments)}
            for p in self.site.concern_pages
            if p.key in self.concern_urls
        ]

    def concern_links_of(self, entry: TreatmentEntry) -> list[dict[str, str]]:
        """The treatment's concerns, each linked to its page (every listed concern has one)."""
        labels = self.site.vocabularies["concerns"]
        return [
            {"label": labels.label(k), "url": self.concern_urls[k]} for k in entry.treatment.concerns if k in self.concern_urls
        ]

    def source_numbers(self, entry: TreatmentEntry) -> dict[str, list[int]]:
        """field -> the numbers (1-based, as in the Sources section) of the sources supporting it."""
        numbers: dict[str, list[int]] = {}
        for number, source in enumerate(entry.treatment.sources, start=1):
            for name in source.supports:
                numbers.setdefault(name, []).append(number)
        return numbers

    def key_facts(self, entry: TreatmentEntry) -> list[dict[str, Any]]:
        """Every declared fact, with its sources, or why it is discussed at consultation (price only when given)."""
        t = entry.treatment
        numbers = self.source_numbers(entry)
        facts = []
        for declared in treatment_facts():
            value = fact_value(declared, t, self.fact_context)
            if not value.given and declared.key == "price":
                continue
            facts.append(
                {
                    "key": value.key,
                    "heading": value.heading,
                    "text": value.text,
                    "given": value.given,
                    "clinic_fact": value.clinic_fact and value.given,
                    "sources": sorted({n for name in value.fields for n in numbers.get(name, [])}),
                    "reason": t.discussed_at_consultation.get(declared.field) if not value.given else None,
                }
            )
        return facts

    def field_sections(self, entry: TreatmentEntry) -> list[dict[str, Any]]:
        """The sections the model declares (model.Section), in order, for the templates and the contents."""
        numbers = self.source_numbers(entry)
        t = entry.treatment
        return [
            {
                "field": name,
                "heading": section.heading,
                "anchor": section.anchor,
                "shown": section.always_shown or any(getattr(t, f) for f in (name, *section.uses)),
                "sources": sorted({n for f in (name, *section.uses) for n in numbers.get(f, [])}),
            }
            for name, section in treatment_sections()
        ]

    def treatment_view(self, entry: TreatmentEntry) -> dict[str, Any]:
        vocab = self.site.vocabularies
        t = entry.treatment
        pictures = self.site.pictures
        return {
            "name": t.name,
            "summary": t.summary,
            "facts": self.key_facts(entry),
            "field_sections": self.field_sections(entry),
            "sections": page_sections.sections_by_key(),  # the page's own sections: key facts, related, ...
            "image": pictures.of(entry.src_uri, "image") if pictures else None,
            "before_after": (pictures.of(entry.src_uri, "before_after") if pictures else None) or [],
            "how_it_is_done": t.how_it_is_done,
            "preparation": t.preparation,
            "aftercare": t.aftercare,
            "not_suitable_for": [vocab["not_suitable_for"].label(k) for k in t.not_suitable_for],
            "risks": t.risks,
            "rare_risks": t.rare_risks,
            "sources": t.sources,
            "own_facts": [d.heading for d in treatment_facts() if d.clinic_fact],
            "reviewed": t.reviewed,
            "related": [self.card(other) for other in self.catalogue.related_to(entry)],
            "concerns": self.concern_links_of(entry),
        }
