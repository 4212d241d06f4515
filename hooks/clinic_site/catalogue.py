"""Every treatment of the site, collected from front matter before any page is rendered.

Tables and lists need all treatments, but MkDocs only fills `page.meta` page by page; so the
catalogue is built from the files' sources in `on_files` (see Material's tags plugin for the
same "collect everything, then render" reasoning).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import PurePosixPath

from mkdocs.utils import is_markdown_file

from clinic_site.check_cache import identity, remembered
from clinic_site.frontmatter import FrontMatter, read_front_matter
from clinic_site.model import Treatment, TreatmentPage
from clinic_site.problems import ContentError, ContentProblem
from clinic_site.validation import validate
from clinic_site.vocabulary import Vocabularies

TREATMENTS_DIR = "treatments/"


def is_treatment_page(src_uri: str) -> bool:
    """Markdown files anywhere in docs/treatments/ are treatments; its index.md is the overview."""
    return src_uri.startswith(TREATMENTS_DIR) and is_markdown_file(src_uri) and src_uri != TREATMENTS_DIR + "index.md"


def suggested_key(name: str) -> str:
    """A treatment file name's key as the address needs it: 'Pen Two' -> 'pen-two', 'péel' -> 'peel'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)) or "treatment"


def misnamed_pages(src_uris: Iterable[str], docs_name: str) -> list[ContentProblem]:
    """Markdown files MkDocs would copy as they are, front matter and all, because of the case of
    their extension (Windows editors save 'Peel.MD')."""
    problems = []
    for src_uri in src_uris:
        path = PurePosixPath(src_uri)
        if not is_markdown_file(src_uri) and is_markdown_file(path.stem + path.suffix.lower()):
            # A treatment's name must also be a key (file_names.py): suggest one rename, not two.
            stem = suggested_key(path.stem) if src_uri.startswith(TREATMENTS_DIR) else path.stem
            problems.append(
                ContentProblem(
                    f"{docs_name}/{src_uri}",
                    "file name",
                    f"the extension '{path.suffix}' is not written in lowercase, so the page would be published as a raw file",
                    f"the same name ending in '{path.suffix.lower()}' (rename the file to {stem}{path.suffix.lower()})",
                )
            )
    return problems


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

    @cached_property  # asked for thousands of times per build at 1,000 treatments
    def slug(self) -> str:
        """The file name without its extension: the treatment's key in markers, links and the feed."""
        return PurePosixPath(self.src_uri).stem

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

    def select(self, options: Mapping[str, Iterable[str]] | None = None) -> Catalogue:
        """The treatments a marker's options ask for, in table order: the one query behind the
        comparison table, the cards, the chooser and the feed. Each option narrows the selection:
        `category` and `concern` keep treatments with any of the keys, `treatments` lists slugs."""
        options = options or {}
        selected = self
        if categories := set(options.get("category", ())):
            selected = selected.filtered(lambda e: e.treatment.category in categories)
        if concerns := set(options.get("concern", ())):
            selected = selected.filtered(lambda e: not concerns.isdisjoint(e.treatment.concerns))
        if slugs := set(options.get("treatments", ())):
            selected = selected.filtered(lambda e: e.slug in slugs)
        return selected.sorted()

    def for_src_uri(self, src_uri: str) -> TreatmentEntry | None:
        return self._by_src_uri.get(src_uri)

    # Built once per catalogue: every page asks, and a scan per page grows with the square of the site.
    @cached_property
    def _by_src_uri(self) -> dict[str, TreatmentEntry]:
        return {e.src_uri: e for e in self.entries}

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def related_to(self, entry: TreatmentEntry, limit: int = 3) -> list[TreatmentEntry]:
        """Treatments sharing a concern or the category with `entry`, closest first: most shared
        concerns, then the same category, then table order. Capped so a large catalogue does not
        put every treatment on every page."""
        index = self._related_index
        others = index.everyone & ~index.bit_of.get(id(entry), 0)
        same_category = index.by_category.get(entry.treatment.category, 0)
        counts = _bit_counts([index.by_concern.get(c, 0) for c in entry.treatment.concerns], index.everyone)
        picked: list[TreatmentEntry] = []
        for shared in range(len(counts) - 1, -1, -1):  # most shared concerns first
            sharing = counts[shared] & others
            groups = (sharing & same_category, sharing & ~same_category) if shared else (sharing & same_category,)
            for group in groups:
                while group and len(picked) < limit:
                    lowest = group & -group  # the lowest set bit: the next treatment in table order
                    picked.append(index.ordered[lowest.bit_length() - 1])
                    group ^= lowest
        return picked

    @cached_property
    def _related_index(self) -> _RelatedIndex:
        """Treatments as bits of an integer (bit i = row i in table order), per concern and category,
        computed once: related_to runs for every treatment page, and these sets make each call cost
        a few integer operations instead of a pass over the whole catalogue."""
        ordered = self.sorted().entries
        by_concern: dict[str, int] = {}
        by_category: dict[str, int] = {}
        for position, e in enumerate(ordered):
            bit = 1 << position
            for concern in e.treatment.concerns:
                by_concern[concern] = by_concern.get(concern, 0) | bit
            by_category[e.treatment.category] = by_category.get(e.treatment.category, 0) | bit
        bit_of = {id(e): 1 << position for position, e in enumerate(ordered)}
        return _RelatedIndex(ordered, by_concern, by_category, bit_of, (1 << len(ordered)) - 1)

    def by_category(self) -> list[tuple[str, list[TreatmentEntry]]]:
        """(category key, entries) in vocabulary order, only categories that have treatments."""
        ordered = self.sorted()
        groups = []
        for key in self.vocabularies["categories"]:
            members = [e for e in ordered if e.treatment.category == key]
            if members:
                groups.append((key, members))
        return groups


@dataclass(frozen=True)
class _RelatedIndex:
    ordered: tuple[TreatmentEntry, ...]
    by_concern: dict[str, int]  # concern key -> set of rows (as bits)
    by_category: dict[str, int]
    bit_of: dict[int, int]  # id(entry) -> its bit
    everyone: int


def _bit_counts(sets: list[int], everyone: int) -> list[int]:
    """For sets of rows given as bits, counts[n] = the rows that are in exactly n of the sets."""
    counts = [everyone] + [0] * len(sets)
    for members in sets:
        for n in range(len(sets), 0, -1):  # a row in this set moves up by one
            counts[n] = (counts[n] & ~members) | (counts[n - 1] & members)
        counts[0] &= ~members
    return counts


def validate_treatment_page(front_matter: FrontMatter, path: str, vocabularies: Vocabularies) -> TreatmentPage:
    """The validated front matter of one treatment page, or ContentError listing every problem."""
    if "treatment" not in front_matter.data:
        raise ContentError(
            [
                ContentProblem(
                    path,
                    "treatment",
                    "pages in docs/treatments/ describe a treatment, but this page has no 'treatment:' block",
                    "a 'treatment:' block in the front matter with at least name, category, summary and concerns "
                    "(run 'make new-treatment NAME=...' for a filled-in template), or move the page out of docs/treatments/",
                )
            ]
        )
    return validate(TreatmentPage, front_matter.document, vocabularies=vocabularies)


def read_front_matters(pages: Iterable[SourcePage]) -> tuple[dict[str, FrontMatter], list[ContentProblem]]:
    """Strictly parse every page's front matter; report invalid YAML for any page in docs/."""
    parsed: dict[str, FrontMatter] = {}
    problems: list[ContentProblem] = []
    for page in pages:
        try:
            key = (page.source, page.shown_as)  # remembered between the preview's rebuilds (check_cache)
            parsed[page.src_uri] = remembered("front matter", key, partial(read_front_matter, *key))
        except ContentError as error:
            problems += error.problems
    return parsed, problems


def build_catalogue(
    pages: Iterable[SourcePage], front_matters: dict[str, FrontMatter], vocabularies: Vocabularies
) -> tuple[Catalogue, list[ContentProblem]]:
    """Validate every treatment page; return the catalogue of valid ones and all problems."""
    entries: list[TreatmentEntry] = []
    problems: list[ContentProblem] = []
    names: dict[str, TreatmentEntry] = {}
    slugs: dict[str, TreatmentEntry] = {}
    for page in pages:
        if not is_treatment_page(page.src_uri) or page.src_uri not in front_matters:
            continue
        try:
            cache_key = (identity(front_matters[page.src_uri]), page.shown_as, identity(vocabularies))
            check = partial(validate_treatment_page, front_matters[page.src_uri], page.shown_as, vocabularies)
            front_matter = remembered("treatment", cache_key, check)
        except ContentError as error:
            problems += error.problems
            continue
        entry = TreatmentEntry(front_matter, page.src_uri, page.url, page.shown_as)
        key = entry.name.casefold()
        if key in names:
            problems.append(
                ContentProblem(
                    page.shown_as,
                    "treatment.name",
                    f"the name '{entry.name}' is already used by {names[key].shown_as}",
                    "a name no other treatment page uses (names appear side by side in the comparison table)",
                    line=front_matters[page.src_uri].line_of(("treatment", "name")),
                )
            )
            continue
        if entry.slug in slugs:
            problems.append(
                ContentProblem(
                    page.shown_as,
                    "file name",
                    f"the file name '{entry.slug}' is already used by {slugs[entry.slug].shown_as}",
                    "a file name no other treatment page uses, in any folder (it is the treatment's key in links, "
                    "the feed and the comparison table's treatments= option)",
                )
            )
            continue
        names[key] = entry
        slugs[entry.slug] = entry
        entries.append(entry)
    return Catalogue(tuple(entries), vocabularies).sorted(), problems
