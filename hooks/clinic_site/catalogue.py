"""Every treatment of the site, collected from front matter before any page is rendered.

Tables and lists need all treatments, but MkDocs only fills `page.meta` page by page; so the
catalogue is built from the files' sources in `on_files` (see Material's tags plugin for the
same "collect everything, then render" reasoning).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from clinic_site.frontmatter import read_front_matter
from clinic_site.model import Treatment, TreatmentPage
from clinic_site.page_validation import validate_treatment_page
from clinic_site.problems import ContentError, ContentProblem
from clinic_site.vocabulary import Vocabularies

TREATMENTS_DIR = "treatments/"


def is_treatment_page(src_uri: str) -> bool:
    """Markdown files in docs/treatments/ are treatments; its index.md is the overview."""
    return src_uri.startswith(TREATMENTS_DIR) and src_uri.endswith(".md") and src_uri != TREATMENTS_DIR + "index.md"


@dataclass(frozen=True)
class SourcePage:
    """What the catalogue needs to know of one Markdown file."""

    src_uri: str  # relative to docs/, e.g. treatments/dermaroller.md
    url: str  # site-root relative, e.g. treatments/dermaroller/
    source: str  # the file's text
    shown_as: str  # the path editors know, e.g. docs/treatments/dermaroller.md


@dataclass(frozen=True)
class TreatmentEntry:
    front_matter: TreatmentPage
    src_uri: str
    url: str
    shown_as: str

    @property
    def treatment(self) -> Treatment:
        return self.front_matter.treatment

    @property
    def name(self) -> str:
        return self.treatment.name

    @property
    def title(self) -> str:
        return self.front_matter.title or self.treatment.name

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.treatment.order, self.treatment.name.casefold())


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[TreatmentEntry, ...]
    vocabularies: Vocabularies

    def sorted(self) -> Catalogue:
        return Catalogue(tuple(sorted(self.entries, key=lambda e: e.sort_key)), self.vocabularies)

    def filtered(self, keep: Callable[[TreatmentEntry], bool]) -> Catalogue:
        return Catalogue(tuple(e for e in self.entries if keep(e)), self.vocabularies)

    def for_src_uri(self, src_uri: str) -> TreatmentEntry | None:
        return self._by_src_uri.get(src_uri)

    # Indexes built once per catalogue: pages ask for them one by one, and a scan of every entry
    # per page would make the build grow with the square of the number of treatments.
    @cached_property
    def _by_src_uri(self) -> dict[str, TreatmentEntry]:
        return {e.src_uri: e for e in self.entries}

    @cached_property
    def _related_buckets(self) -> tuple[dict[str, list[TreatmentEntry]], dict[str, list[TreatmentEntry]]]:
        by_category: dict[str, list[TreatmentEntry]] = {}
        by_concern: dict[str, list[TreatmentEntry]] = {}
        for e in self.sorted():
            by_category.setdefault(e.treatment.category, []).append(e)
            for concern in e.treatment.concerns:
                by_concern.setdefault(concern, []).append(e)
        return by_category, by_concern

    def related(self, entry: TreatmentEntry, limit: int) -> list[TreatmentEntry]:
        """Up to `limit` other treatments: the same category first, then those sharing one of its
        concerns (in the order of its concerns), each in catalogue order."""
        by_category, by_concern = self._related_buckets
        buckets = [by_category.get(entry.treatment.category, []), *(by_concern.get(c, []) for c in entry.treatment.concerns)]
        picked: list[TreatmentEntry] = []
        seen = {id(entry)}  # by identity: comparing entries would compare their whole front matter
        for bucket in buckets:
            for other in bucket:
                if len(picked) == limit:
                    return picked
                if id(other) not in seen:
                    seen.add(id(other))
                    picked.append(other)
        return picked

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def by_category(self) -> list[tuple[str, list[TreatmentEntry]]]:
        """(category key, entries) in vocabulary order, only categories that have treatments."""
        ordered = self.sorted()
        groups = []
        for key in self.vocabularies["categories"].keys():
            members = [e for e in ordered if e.treatment.category == key]
            if members:
                groups.append((key, members))
        return groups


def read_front_matters(pages: Iterable[SourcePage]) -> tuple[dict[str, dict], list[ContentProblem]]:
    """Strictly parse every page's front matter; report invalid YAML for any page in docs/."""
    parsed: dict[str, dict] = {}
    problems: list[ContentProblem] = []
    for page in pages:
        try:
            parsed[page.src_uri] = read_front_matter(page.source, page.shown_as).data
        except ContentError as error:
            problems += error.problems
    return parsed, problems


def build_catalogue(
    pages: Iterable[SourcePage], front_matters: dict[str, dict], vocabularies: Vocabularies
) -> tuple[Catalogue, list[ContentProblem]]:
    """Validate every treatment page; return the catalogue of valid ones and all problems."""
    entries: list[TreatmentEntry] = []
    problems: list[ContentProblem] = []
    names: dict[str, TreatmentEntry] = {}
    for page in pages:
        if not is_treatment_page(page.src_uri) or page.src_uri not in front_matters:
            continue
        try:
            front_matter = validate_treatment_page(front_matters[page.src_uri], page.shown_as, vocabularies)
        except ContentError as error:
            problems += error.problems
            continue
        entry = TreatmentEntry(front_matter, page.src_uri, page.url, page.shown_as)
        key = entry.name.casefold()
        if key in names:
            problems.append(ContentProblem(
                page.shown_as, "treatment.name",
                f"the name '{entry.name}' is already used by {names[key].shown_as}",
                "a name no other treatment page uses (names appear side by side in the comparison table)",
            ))
            continue
        names[key] = entry
        entries.append(entry)
    return Catalogue(tuple(entries), vocabularies).sorted(), problems
