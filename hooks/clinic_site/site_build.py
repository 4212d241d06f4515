"""One build of the clinic site: the state the MkDocs events share, created afresh per build.

MkDocs keeps hook modules (and their globals) alive across `mkdocs serve` rebuilds, so the hook
makes a new SiteBuild in `on_config` and nothing survives from the previous build.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from clinic_site import booking, concerns, images, link_previews, treatment_sections
from clinic_site.catalogue import Catalogue, SourcePage, TreatmentEntry, build_catalogue, is_treatment_page, read_front_matters
from clinic_site.claims import CLAIMS_FILE, claim_problems, load_claim_rules, reviewed_exceptions
from clinic_site.clinic_details import ClinicDetails, load_clinic_details
from clinic_site.comparison_table import ComparisonTable
from clinic_site.comparison_table import marker_spec as comparison_marker
from clinic_site.deploy_files import write_deploy_files
from clinic_site.facts import FactContext, key_facts
from clinic_site.frontmatter import FrontMatter
from clinic_site.markers import MarkerCall, MarkerSpec, find_markers
from clinic_site.preview import (
    PANEL_TEMPLATE,
    PreviewWarnings,
    keep_warnings_from_stopping_the_preview,
    panel_for,
    stand_in_clinic,
    stand_in_vocabularies,
)
from clinic_site.privacy import analytics_consent_problems
from clinic_site.problems import ContentError, ContentProblem, ProblemReport
from clinic_site.rendering import enable_autoescape, render
from clinic_site.review import review_months, review_problems, today
from clinic_site.scaffold import placeholder_problems
from clinic_site.structured_data import breadcrumb_trail, page_graph
from clinic_site.vocabulary import load_vocabularies

VOCABULARY_FILE = "data/vocabulary.yml"
log = logging.getLogger("mkdocs.plugins.clinic")  # under mkdocs.: --strict counts its warnings
PLACEHOLDER = re.compile(r"<!-- clinic-marker:(\d+) -->")


class SiteBuild:
    def __init__(
        self, config_file: str, docs_dir: str, extra: dict[str, Any], site_url: str | None = None, serving: bool = False
    ):
        self.root = Path(config_file).resolve().parent
        self.docs_dir = Path(docs_dir).resolve()
        self.docs_name = (
            self.docs_dir.relative_to(self.root).as_posix() if self.docs_dir.is_relative_to(self.root) else str(self.docs_dir)
        )
        self.extra = extra
        self.serving = serving  # the live preview: problems are shown on pages instead of stopping
        self.report = ProblemReport()  # errors: the build stops
        self.warnings = ProblemReport()  # warnings: the build goes on, --strict fails
        self.urls: dict[str, str] = {}  # each page's path as editors know it -> its URL
        self.mkdocs_warnings: PreviewWarnings | None = None
        if serving:
            self.mkdocs_warnings = keep_warnings_from_stopping_the_preview(self.docs_name)
        self.catalogue: Catalogue | None = None
        self.clinic: ClinicDetails | None = None
        self.env: jinja2.Environment | None = None
        self.marker_calls: dict[str, list[MarkerCall]] = {}
        self.concern_pages: list[concerns.ConcernPage] = []
        self.concern_urls: dict[str, str] = {}  # concern key -> URL of its generated page
        self.site_url = site_url
        self.page_titles: dict[str, str] = {}  # site-root relative URL -> title, for breadcrumbs
        self.pictures = images.Pictures()  # every picture named in front matter, checked and converted
        self.previews: link_previews.LinkPreviews | None = None  # og:image of each page

    # -- collect: everything is read and checked before any page is rendered -----------------

    def shown_as(self, src_uri: str) -> str:
        return f"{self.docs_name}/{src_uri}"

    def markers(self) -> dict[str, MarkerSpec]:
        specs = [
            comparison_marker(lambda: self.catalogue),
            MarkerSpec("treatment-list", "every treatment as cards, grouped by category"),
            MarkerSpec("clinic-contact", "the clinic's address, phone, email and booking link"),
            MarkerSpec("booking-options", "every way to book (online, phone, email) and today's opening hours"),
            *concerns.marker_specs(lambda: self.catalogue),
        ]
        return {spec.name: spec for spec in specs}

    def collect(self, pages: list[SourcePage]) -> None:
        """Read clinic details, vocabularies and every page's front matter and markers."""
        self.urls = {page.shown_as: page.url for page in pages}
        try:
            self.clinic = load_clinic_details(self.extra)
        except ContentError as error:
            self.report.extend(error.problems)
            self.clinic = stand_in_clinic()  # rendered only in the preview: a build stops
        self.report.extend(analytics_consent_problems(self.extra))
        self.report.extend(booking.privacy_page_problems(self.clinic.privacy_page, set(self.urls), self.docs_name))
        try:
            vocabularies = load_vocabularies(self.root / VOCABULARY_FILE, VOCABULARY_FILE)
        except ContentError as error:
            self.report.extend(error.problems)
            self.catalogue = Catalogue((), stand_in_vocabularies(VOCABULARY_FILE))
            return  # nothing else can be checked without the vocabularies
        front_matters, problems = read_front_matters(pages)
        self.report.extend(problems)
        self.catalogue, problems = build_catalogue(pages, front_matters, vocabularies)
        self.report.extend(problems)
        self.pictures = images.prepare_all(
            self.catalogue, front_matters, pages, self.docs_dir, self.docs_name, images.cache_root(self.root)
        )
        self.report.extend(self.pictures.problems)
        self.previews = link_previews.LinkPreviews(
            images.cache_root(self.root),
            self.site_url,
            link_previews.palette_from_stylesheet(self.docs_dir / "stylesheets" / "clinic.css"),
            self.clinic.name,
            f"Book a consultation: {self.clinic.phone}",
        )
        specs = self.markers()
        for page in pages:
            calls, problems = find_markers(page.source, specs, page.shown_as)
            self.report.extend(problems)
            self.marker_calls[page.src_uri] = calls
        intros, problems = concerns.read_intros(self.root / concerns.INTRO_DIR, concerns.INTRO_DIR, vocabularies["concerns"])
        self.report.extend(problems)
        self.concern_pages = concerns.concern_pages(self.catalogue, intros)
        self.report.extend(concerns.clashes(self.concern_pages, pages, self.docs_name))
        self.warnings.extend(self.review_warnings())
        sources = {page.src_uri: page.source for page in pages}
        for entry in self.catalogue:  # a page started by `make new-treatment` and not yet written
            self.warnings.extend(placeholder_problems(sources[entry.src_uri], front_matters[entry.src_uri].data, entry.shown_as))
        self.warnings.extend(self.claim_warnings(pages, front_matters))

    def review_warnings(self) -> list[ContentProblem]:
        try:
            months = review_months(self.extra)
        except ContentError as error:
            self.report.extend(error.problems)
            return []
        return review_problems(self.catalogue, today(), months)

    def claim_warnings(self, pages: list[SourcePage], front_matters: dict[str, FrontMatter]) -> list[ContentProblem]:
        """Risky wording in every page, and in the data files whose text is published too."""
        try:
            phrases = load_claim_rules(self.root / CLAIMS_FILE)
        except ContentError as error:
            self.report.extend(error.problems)
            return []
        problems = []
        for page in pages:
            try:
                exceptions = (
                    reviewed_exceptions(front_matters[page.src_uri], page.shown_as) if page.src_uri in front_matters else []
                )
            except ContentError as error:
                if not is_treatment_page(page.src_uri):  # treatment pages: the model reported it already
                    self.report.extend(error.problems)
                exceptions = []
            problems += claim_problems(page.source, page.shown_as, phrases, exceptions)
        for path in [self.root / VOCABULARY_FILE, *sorted((self.root / concerns.INTRO_DIR).glob("*.md"))]:
            text = path.read_text(encoding="utf-8-sig", errors="replace")  # encoding mistakes are reported elsewhere
            problems += claim_problems(text, path.relative_to(self.root).as_posix(), phrases, [])
        return problems

    def log_problems(self) -> None:
        """Warnings for a build; in the preview every problem is logged as information, because
        a warning would stop the rebuild in strict mode, and shown on the page instead."""
        if self.serving:
            for problem in [*self.report.problems, *self.warnings.problems]:
                log.info("Shown in the preview, to fix before publishing: %s", problem)
        else:
            for problem in self.warnings.problems:
                log.warning("%s", problem)

    def generated_files(self, config) -> list[File]:
        """A page per concern that some treatment lists (call after `collect`, in on_files)."""
        files = []
        for page in self.concern_pages:
            file = File.generated(config, page.src_uri, content=concerns.page_markdown(page))
            self.concern_urls[page.key] = file.url
            files.append(file)
        return files + images.published_files(self.pictures, config)

    def concern_links(self) -> list[dict[str, Any]]:
        return [
            {"key": p.key, "label": p.label, "url": self.concern_urls[p.key], "count": len(p.treatments)}
            for p in self.concern_pages
            if p.key in self.concern_urls
        ]

    @property
    def facts(self) -> FactContext:
        assert self.catalogue is not None and self.clinic is not None
        return FactContext(self.catalogue.vocabularies, self.clinic)

    # -- render -----------------------------------------------------------------------------------

    def set_env(self, env: jinja2.Environment) -> None:
        """Prepare a theme environment: ours is autoescaped and knows the clinic and its treatments.

        Called for the environment the hook renders partials with (pages are converted to HTML
        before MkDocs' `on_env`), and again in `on_env` for the one that renders whole pages.
        """
        enable_autoescape(env)
        env.globals["clinic"] = self.clinic
        env.globals["clinic_cards"] = [self.card(e) for e in self.catalogue]
        env.globals["clinic_concern_links"] = self.concern_links()
        # Pages get their own in page_context; this one serves templates without a page (404.html).
        env.globals["structured_data"] = page_graph(self.clinic, self.site_url, [])
        env.globals.update(booking.template_globals(self.clinic, self.site_url, self.urls, self.docs_name))
        self.env = self.env or env

    def card(self, entry: TreatmentEntry) -> dict[str, Any]:
        vocab = self.catalogue.vocabularies
        return {
            "name": entry.name,
            "url": entry.url,
            "summary": entry.treatment.summary,
            "category": vocab["categories"].label(entry.treatment.category),
            "concerns": [vocab["concerns"].label(c) for c in entry.treatment.concerns],
        }

    def page_markdown(self, markdown: str, src_uri: str, meta: dict) -> str:
        """Replace marker lines by placeholders; point treatment pages at treatment.html."""
        entry = self.catalogue.for_src_uri(src_uri)
        if entry is not None:
            meta["template"] = "treatment.html"
            meta.setdefault("title", entry.title)
        # Markers were found in the whole source (with front matter) to report file lines;
        # MkDocs hands us the body, so find them again here.
        calls, _ = find_markers(markdown, self.markers(), self.shown_as(src_uri))
        self.marker_calls[src_uri] = calls
        for index, call in reversed(list(enumerate(calls))):
            markdown = markdown[: call.start] + f"\n<!-- clinic-marker:{index} -->\n" + markdown[call.end :]
        return markdown

    def page_content(self, html: str, src_uri: str, page_url: str) -> str:
        calls = self.marker_calls.get(src_uri, [])
        html = PLACEHOLDER.sub(lambda m: self.render_marker(calls[int(m[1])], page_url), html)
        if self.serving:
            problems = [
                *self.report.problems,
                *self.warnings.problems,
                *(self.mkdocs_warnings.problems if self.mkdocs_warnings else []),
            ]
            panel = panel_for(problems, self.shown_as(src_uri), self.docs_name, self.urls)
            if panel:
                html = render(self.env, PANEL_TEMPLATE, **self.partial_context(page_url), panel=panel) + html
        return html

    def partial_context(self, page_url: str) -> dict[str, Any]:
        """What a partial rendered into page content needs (MkDocs' `url` filter uses page and base_url)."""
        return {"page": _UrlPage(page_url), "base_url": get_relative_url(".", page_url), "clinic": self.clinic}

    def render_marker(self, call: MarkerCall, page_url: str) -> str:
        common = self.partial_context(page_url)
        if call.name == "comparison-table":
            table = ComparisonTable.from_options(self.catalogue, call.options)
            data = table.template_data(self.facts, lambda e: e.url)
            return render(self.env, "partials/clinic/comparison-table.html", **common, **data)
        if call.name == "treatment-list":
            groups = [
                {"key": key, "term": self.catalogue.vocabularies["categories"][key], "cards": [self.card(e) for e in members]}
                for key, members in self.catalogue.by_category()
            ]
            return render(self.env, "partials/clinic/treatment-list.html", **common, groups=groups)
        if call.name in ("clinic-contact", "booking-options"):
            return render(self.env, f"partials/clinic/{call.name}.html", **common)
        if call.name in concerns.MARKERS:
            return self.render_concern_marker(call, common)
        raise AssertionError(f"marker {call.name} has a spec but no renderer")

    def render_concern_marker(self, call: MarkerCall, common: dict[str, Any]) -> str:
        if call.name == "treatment-cards":
            # The table's own filter: a concern page's cards and table always show the same treatments.
            shown = ComparisonTable.from_options(self.catalogue, call.options).catalogue.sorted()
            return render(self.env, "partials/clinic/treatment-cards.html", **common, cards=[self.card(e) for e in shown])
        if call.name == "concern-links":
            return render(self.env, "partials/clinic/concern-links.html", **common, concern_links=self.concern_links())
        if call.name == "concern-description":
            term = self.catalogue.vocabularies["concerns"][call.options["concern"][0]]
            return render(self.env, "partials/clinic/concern-description.html", **common, term=term)
        if call.name == "treatment-chooser":
            return render(self.env, "partials/clinic/treatment-chooser.html", **common, **concerns.chooser_data(self.catalogue))
        raise AssertionError(f"marker {call.name} has a spec but no renderer")

    def page_context(self, context: dict[str, Any], src_uri: str) -> dict[str, Any]:
        entry = self.catalogue.for_src_uri(src_uri)
        if entry is not None:
            context["treatment"] = view = self.treatment_view(entry)
            view["contents"] = treatment_sections.contents(view, context["page"].toc)
        context["page_picture"] = self.pictures.of(src_uri, "image")  # e.g. the home page's hero
        own_photo = context["treatment"]["image"].source_file if entry is not None and context["treatment"]["image"] else None
        context["link_preview"] = self.previews.for_page(context["page"].title, own_photo) if self.previews else None
        return context

    def treatment_view(self, entry: TreatmentEntry) -> dict[str, Any]:
        vocab = self.catalogue.vocabularies
        t = entry.treatment
        related = [self.card(other) for other in self.catalogue.related_to(entry)]
        return {
            "name": t.name,
            "summary": t.summary,
            "facts": key_facts(entry, self.facts),
            "aftercare": t.aftercare,
            "not_suitable_for": [vocab["not_suitable_for"].label(k) for k in t.not_suitable_for],
            "risks": t.risks,
            "reviewed": t.reviewed,
            "related": related,
            # Every concern a treatment lists has a page (the treatment is on it), so each is a link.
            "concerns": [
                {"label": vocab["concerns"].label(k), "url": self.concern_urls[k]} for k in t.concerns if k in self.concern_urls
            ],
            # issue 10: section ids and titles (and so the contents), pictures
            "sections": treatment_sections.sections_by_key(),
            "image": self.pictures.of(entry.src_uri, "image"),
            "before_after": self.pictures.of(entry.src_uri, "before_after") or [],
        }

    # -- after the build: files for the static host -------------------------------------------

    def post_build(self, site_dir: str, site_url: str | None) -> None:
        if self.previews:
            self.previews.publish(Path(site_dir))
        if not site_url:
            log.warning(
                "mkdocs.yml: site_url is not set. Accepted: the public address of the site, e.g. "
                "https://www.example.org/ (sitemap.xml and treatments.json need absolute addresses)."
            )
            return
        for warning in write_deploy_files(Path(site_dir), self.catalogue, site_url, self.clinic.currency):
            log.warning(warning)

    def remember_titles(self, pages) -> None:
        """Titles of all pages by URL (known once every page is read, i.e. from on_env on)."""
        self.page_titles = {page.url: page.meta.get("title") or page.title for page in pages if page.title}

    def structured_data(self, src_uri: str, page_url: str, description: str | None) -> dict[str, Any]:
        trail = breadcrumb_trail(page_url, self.page_titles.get)
        entry = self.catalogue.for_src_uri(src_uri)
        treatment = (entry, self.catalogue.vocabularies, description or entry.treatment.summary) if entry else None
        return page_graph(self.clinic, self.site_url, trail, treatment)


class _UrlPage:
    """Just enough of a Page for MkDocs' `url` template filter when we render a partial."""

    def __init__(self, url: str):
        self.url = url


def source_pages(files, build: SiteBuild) -> list[SourcePage]:
    return [SourcePage(f.src_uri, f.url, f.content_string, build.shown_as(f.src_uri)) for f in files.documentation_pages()]
