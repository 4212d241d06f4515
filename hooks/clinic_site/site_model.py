"""Collect the whole site before anything is rendered: read and check every file an editor touches,
and return one immutable `SiteModel` with every problem found.

MkDocs fills `page.meta` page by page, but tables, cards and concern pages need every treatment at
once (see Material's tags plugin for the same "collect everything, then render" reasoning), and an
editor should see every mistake of a build at once. So this runs once per build, in `on_files`.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from clinic_site import booking, concerns, file_names, images, plain_text, sourcing
from clinic_site.catalogue import Catalogue, SourcePage, build_catalogue, is_treatment_page, misnamed_pages, read_front_matters
from clinic_site.check_cache import file_bytes, identity, remembered
from clinic_site.claims import CLAIMS_FILE, claim_problems, data_file_claim_problems, load_claim_rules, reviewed_exceptions
from clinic_site.clinic_details import CONFIG_PATH, ClinicDetails, load_clinic_details
from clinic_site.cms_config import load_cms_settings
from clinic_site.frontmatter import FrontMatter, read_front_matter
from clinic_site.markers import CodeFinder, MarkerCall, find_markers
from clinic_site.model import PlainPage
from clinic_site.page_markers import BY_NAME
from clinic_site.preview import stand_in_clinic, stand_in_vocabularies
from clinic_site.privacy import analytics_consent_problems
from clinic_site.problems import ContentError, ContentProblem
from clinic_site.review import review_months, review_problems, source_date_problems
from clinic_site.scaffold import placeholder_problems
from clinic_site.validation import validate
from clinic_site.vocabulary import VOCABULARY_FILE, Vocabularies, load_vocabularies
from clinic_site.yaml_documents import compose_lines


@dataclass(frozen=True)
class SiteInputs:
    """What one build reads: the project's folder, the pages MkDocs found and the settings."""

    root: Path  # the folder holding mkdocs.yml
    docs_dir: Path
    docs_name: str  # the docs folder as editors know it, e.g. "docs"
    pages: tuple[SourcePage, ...]
    other_files: tuple[str, ...]  # src_uris of the files MkDocs copies as they are
    extra: Mapping[str, Any]  # mkdocs.yml `extra:`
    new_markdown: Callable[[], Any]  # a Markdown converter with the site's extensions
    today: datetime.date
    templates: frozenset[str] = frozenset()  # the theme's page templates, e.g. home.html
    config_text: str = ""  # mkdocs.yml as written, for the lines of its settings
    unreadable: tuple[ContentProblem, ...] = ()  # pages that are not UTF-8 text
    config_problems: tuple[ContentProblem, ...] = ()  # addresses and plain-text values in mkdocs.yml


@dataclass(frozen=True)
class SiteModel:
    clinic: ClinicDetails
    catalogue: Catalogue
    concern_pages: tuple[concerns.ConcernPage, ...]
    markers: Mapping[str, tuple[MarkerCall, ...]]  # src_uri -> the page's markers, with offsets in its body
    bodies: Mapping[str, str]  # src_uri -> the Markdown body the markers' offsets refer to
    concern_sources: Mapping[str, str]  # src_uri -> the Markdown of a generated concern page
    errors: tuple[ContentProblem, ...]  # the build stops
    warnings: tuple[ContentProblem, ...]  # the build goes on; --strict stops it
    cms: Any = None  # cms_config.CmsSettings: the web editor's settings, None without one
    pictures: Any = None  # images.Pictures: every picture named in front matter, checked and converted

    @property
    def vocabularies(self) -> Vocabularies:
        return self.catalogue.vocabularies


@dataclass
class _Problems:
    errors: list[ContentProblem] = field(default_factory=list)
    warnings: list[ContentProblem] = field(default_factory=list)

    def attempt(self, read: Callable[[], Any], fallback: Callable[[], Any] | None = None) -> Any:
        """read(), or its ContentError's problems recorded and fallback() returned."""
        try:
            return read()
        except ContentError as error:
            self.errors.extend(error.problems)
            return fallback() if fallback else None


def collect_site(inputs: SiteInputs) -> SiteModel:
    found = _Problems([*inputs.unreadable, *inputs.config_problems])
    config_lines = compose_lines(inputs.config_text, CONFIG_PATH)
    loaded_clinic = found.attempt(lambda: load_clinic_details(inputs.extra, config_lines))
    clinic = loaded_clinic or stand_in_clinic()  # stand-ins serve the preview only
    found.errors += analytics_consent_problems(dict(inputs.extra))
    found.errors += misnamed_pages(inputs.other_files, inputs.docs_name)
    found.errors += file_names.stray_copy_problems(inputs.other_files, inputs.docs_name)
    found.errors += file_names.treatment_file_name_problems((page.src_uri for page in inputs.pages), inputs.docs_name)
    cms = found.attempt(lambda: load_cms_settings(inputs.extra, config_lines))
    found.errors += booking.privacy_page_problems(clinic.privacy_page, {p.shown_as for p in inputs.pages}, inputs.docs_name)
    if loaded_clinic:
        line = config_lines.line_of(("extra", "clinic", "booking_url"))
        found.errors += booking.booking_page_problems(clinic.booking_url, None, {p.url for p in inputs.pages}, line)
    vocabulary_file = inputs.root / VOCABULARY_FILE  # remembered by its text in the preview (check_cache)
    vocabularies = found.attempt(
        lambda: remembered(
            "vocabularies", file_bytes(vocabulary_file), lambda: load_vocabularies(vocabulary_file, VOCABULARY_FILE)
        )
    )
    if vocabularies is None:  # nothing else can be checked without the vocabularies
        return SiteModel(clinic, Catalogue((), stand_in_vocabularies(VOCABULARY_FILE)), (), {}, {}, {}, tuple(found.errors), ())
    front_matters, problems = read_front_matters(inputs.pages)
    found.errors += problems
    catalogue, problems = build_catalogue(inputs.pages, front_matters, vocabularies)
    found.errors += problems
    pictures = images.prepare_all(
        catalogue, front_matters, inputs.pages, inputs.docs_dir, inputs.docs_name, images.cache_root(inputs.root)
    )
    found.errors += pictures.problems
    found.errors += plain_text.title_problems(inputs.pages, front_matters, catalogue)  # markup would reach search results
    vocabulary_text = (inputs.root / VOCABULARY_FILE).read_text(encoding="utf-8-sig", errors="replace")
    found.errors += plain_text.label_problems(vocabularies, vocabulary_text)
    for page in inputs.pages:
        if not is_treatment_page(page.src_uri) and page.src_uri in front_matters:
            document = front_matters[page.src_uri].document
            found.attempt(partial(validate, PlainPage, document, context={"templates": inputs.templates}))
    intros, problems = concerns.read_intros(inputs.root / concerns.INTRO_DIR, concerns.INTRO_DIR, vocabularies["concerns"])
    found.errors += problems
    concern_pages = tuple(concerns.concern_pages(catalogue, intros))
    found.errors += concerns.clashes(concern_pages, inputs.pages, inputs.docs_name)
    generated = tuple(
        SourcePage(page.src_uri, "", concerns.page_markdown(page), page.intro_file or VOCABULARY_FILE) for page in concern_pages
    )
    generated_front_matters = {page.src_uri: read_front_matter(page.source, page.shown_as) for page in generated}
    markers, bodies = _markers(
        (*inputs.pages, *generated), {**front_matters, **generated_front_matters}, catalogue, inputs, found
    )
    months = found.attempt(lambda: review_months(inputs.extra))
    if months is not None:
        found.warnings += review_problems(catalogue, inputs.today, months, front_matters)
    found.errors += source_date_problems(catalogue, front_matters, inputs.today)
    sources = {page.src_uri: page.source for page in inputs.pages}
    for entry in catalogue:  # a page started by `make new-treatment` and not yet written
        found.warnings += placeholder_problems(sources[entry.src_uri], front_matters[entry.src_uri].data, entry.shown_as)
        front_matter = front_matters[entry.src_uri]  # the same object while the file is unchanged (check_cache)
        found.warnings += remembered("sourcing", identity(front_matter), partial(sourcing.sourcing_problems, entry, front_matter))
    found.warnings += _claim_warnings(inputs, front_matters, found)
    return SiteModel(
        clinic,
        catalogue,
        concern_pages,
        MappingProxyType(markers),
        MappingProxyType(bodies),
        MappingProxyType({page.src_uri: page.source for page in generated}),
        tuple(found.errors),
        tuple(found.warnings),
        cms=cms,
        pictures=pictures,
    )


def _markers(
    pages: tuple[SourcePage, ...],
    front_matters: Mapping[str, FrontMatter],
    catalogue: Catalogue,
    inputs: SiteInputs,
    found: _Problems,
) -> tuple[dict[str, tuple[MarkerCall, ...]], dict[str, str]]:
    """Each page's markers (generated concern pages included) and the body their offsets refer to."""
    code = CodeFinder(inputs.new_markdown)
    markers, bodies = {}, {}
    for page in pages:
        front_matter = front_matters.get(page.src_uri)
        body, first_line = front_matter.body_of(page.source) if front_matter else (page.source, 1)
        calls, problems = find_markers(body, BY_NAME, page.shown_as, catalogue, code, first_line)
        found.errors += problems
        markers[page.src_uri] = tuple(calls)
        bodies[page.src_uri] = body
    return markers, bodies


def _claim_warnings(inputs: SiteInputs, front_matters: Mapping[str, FrontMatter], found: _Problems) -> list[ContentProblem]:
    """Risky wording in every page, and in the data files whose text is published too."""
    claims_file = inputs.root / CLAIMS_FILE
    phrases = found.attempt(lambda: remembered("claim rules", file_bytes(claims_file), lambda: load_claim_rules(claims_file)))
    if phrases is None:
        return []
    problems = []
    for page in inputs.pages:
        exceptions, node = [], None
        if page.src_uri in front_matters:
            node = front_matters[page.src_uri].document.node if front_matters[page.src_uri].present else None
            with contextlib.suppress(ContentError):  # the page's own model (TreatmentPage or PlainPage) reports it
                exceptions = reviewed_exceptions(front_matters[page.src_uri], page.shown_as)
        problems += remembered(  # exceptions and node come from the page's text
            "claims",
            (page.source, page.shown_as, identity(phrases)),
            partial(claim_problems, page.source, page.shown_as, phrases, exceptions, node),
        )
    published = [(inputs.root / "mkdocs.yml", "mkdocs"), (inputs.root / VOCABULARY_FILE, "vocabulary")]
    published += [(path, "markdown") for path in sorted((inputs.root / concerns.INTRO_DIR).glob("*.md"))]
    for path, kind in published:
        problems += data_file_claim_problems(path, path.relative_to(inputs.root).as_posix(), kind, phrases)
    return problems
