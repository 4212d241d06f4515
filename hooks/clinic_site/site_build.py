"""One build of the clinic site: what the MkDocs events share, created afresh per build.

MkDocs keeps hook modules (and their globals) alive across `mkdocs serve` rebuilds, so the hook
makes a new SiteBuild in `on_config` and nothing survives from the previous build. Collecting and
checking is `site_model.collect_site`; this class renders what it collected into MkDocs' pages.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import MutableMapping
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
import markdown as python_markdown
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory, get_relative_url

from clinic_site import (
    active_content,
    booking,
    check_cache,
    cms_config,
    config_values,
    images,
    link_previews,
    markdown_limits,
    page_dependencies,
    source_tree,
    treatment_sections,
)
from clinic_site.catalogue import SourcePage
from clinic_site.check_cache import latest, remembered
from clinic_site.css_purge import purge_unused_css
from clinic_site.deploy_files import write_deploy_files
from clinic_site.editor_schema import write_json_schema
from clinic_site.frontmatter import read_front_matter
from clinic_site.page_markers import BY_NAME
from clinic_site.preview import PANEL_TEMPLATE, PreviewWarnings, keep_warnings_from_stopping_the_preview, panel_for
from clinic_site.privacy import analytics_sources
from clinic_site.problems import ContentError, ContentProblem, problem_summary
from clinic_site.rendering import add_row_rendering, cache_compiled_templates, enable_autoescape, render
from clinic_site.review import today
from clinic_site.script_minify import minify_site_scripts
from clinic_site.search_entries import wrap_search_index
from clinic_site.search_on_demand import PAGE_INDEX, move_search_documents
from clinic_site.site_model import SiteInputs, SiteModel, collect_site
from clinic_site.stray_front_matter import stray_front_matter_problems
from clinic_site.structured_data import breadcrumb_trail, page_graph
from clinic_site.template_scripts import known_scripts
from clinic_site.views import SiteViews
from clinic_site.vocabulary import VOCABULARY_FILE
from clinic_site.yaml_documents import decode_text

log = logging.getLogger("mkdocs.plugins.clinic")  # under mkdocs.: --strict counts its warnings

HOOK_TEMPLATES = frozenset({"404.html", "treatment.html", "concern.html"})  # chosen by the hook, not by pages


def page_text(content: bytes, shown_as: str) -> tuple[str, tuple[ContentProblem, ...], bool]:
    """A page's text as it is converted, its problems, and whether MkDocs must be handed this text
    instead of reading the file (not UTF-8 text, or Markdown built to stall or crash the converter)."""
    problems: list[ContentProblem] = []
    replaced = False
    try:
        text = decode_text(content, shown_as)
    except ContentError as error:
        problems += error.problems
        text, replaced = content.decode("utf-8", errors="replace"), True
    problems += stray_front_matter_problems(text, shown_as)
    text, shape_problems = markdown_limits.checked_page(text, shown_as)
    if shape_problems:  # never converted as written
        problems += shape_problems
        replaced = True
    return text, tuple(problems), replaced


class SiteBuild:
    # Set by `collect` (on_files), before any page event reads them.
    site: SiteModel
    views: SiteViews

    def __init__(self, config, serving: bool = False):
        self.root = Path(config.config_file_path).resolve().parent
        self.docs_dir = Path(config.docs_dir).resolve()
        self.docs_name = (
            self.docs_dir.relative_to(self.root).as_posix() if self.docs_dir.is_relative_to(self.root) else str(self.docs_dir)
        )
        self.extra = dict(config.extra)
        self.site_url = config.site_url
        self.markdown_settings = (list(config.markdown_extensions), dict(config.mdx_configs))
        # Templates a page may name: the site's own whole-page templates (not partials, not Material's
        # blog or error pages, not those the hook gives treatment, concern and missing pages).
        own_templates = Path(config.theme.custom_dir).glob("*.html") if config.theme.custom_dir else []
        self.templates = frozenset({"main.html", *(path.name for path in own_templates)} - HOOK_TEMPLATES)
        self.config_text = Path(config.config_file_path).read_text(encoding="utf-8-sig", errors="replace")
        self.serving = serving  # the live preview: problems are shown on pages instead of stopping
        self.mkdocs_warnings: PreviewWarnings | None = (
            keep_warnings_from_stopping_the_preview(self.docs_name) if serving else None
        )
        # Marker placeholders carry a token no page can know in advance, so text typed into a page
        # can never pass for one.
        self.marker_token = secrets.token_hex(12)
        self.placeholder = re.compile(rf"<!-- clinic-marker-{self.marker_token}:(\d+) -->")
        self.env: jinja2.Environment | None = None  # the first environment MkDocs hands us (on_files)
        self.urls: dict[str, str] = {}  # each page's path as editors know it -> its URL
        self.page_titles: dict[str, str] = {}  # site-root relative URL -> title, for breadcrumbs
        self.config_problems = tuple(config_values.config_file_problems(config))  # addresses and titles in mkdocs.yml
        self.sources: dict[str, str] = {}  # each page's Markdown source, to find the line of a problem
        self.render_problems: list[ContentProblem] = []  # active content found while pages are converted
        self.search_content: dict[str, str] = {}  # src_uri -> the content search indexes, when not the page's
        self._marker_data: dict[int, dict[str, Any]] = {}  # id of a MarkerCall of self.site.markers -> its data
        self.known_scripts: dict[str, frozenset[str]] = {}  # base_url -> Material's inline scripts
        self.checked_elements: dict = {}  # the finished pages' elements already checked (active_content)
        self.page_scripts: set[str] = set()  # the inline scripts the finished pages run (all known ones)
        self.cms_config: dict[str, Any] | None = None  # the web editor's configuration, admin/config.yml
        self.previews: link_previews.LinkPreviews | None = None  # each page's og:image
        check_cache.start_build(serving)
        # The preview's partial rebuild (page_dependencies.py): the pages to rebuild (None: all),
        # and what is kept of each page written by this build.
        self.rebuild: set[str] | None = None
        self.fingerprints: dict[str, str] = {}
        self.site_wide = ""
        self.page_urls: dict[str, str] = {}  # src_uri -> URL, generated pages included, in MkDocs' order
        self.built: dict[str, page_dependencies.BuiltPage] = {}
        self.page_scripts_of: dict[str, frozenset[str]] = {}
        self.memory = page_dependencies.take_memory() if serving else None

    def shown_as(self, src_uri: str) -> str:
        return f"{self.docs_name}/{src_uri}"

    def source_problems(self) -> list[ContentProblem]:
        """Symbolic links and unsafe files in docs/, data/ and overrides/ (before MkDocs reads them)."""
        return source_tree.source_problems(self.root, self.docs_dir)

    def new_markdown(self) -> python_markdown.Markdown:
        extensions, configs = self.markdown_settings
        return python_markdown.Markdown(extensions=extensions, extension_configs=configs)

    # -- collect: everything is read and checked before any page is rendered -------------------------

    def collect(self, files: Files, config) -> list[File]:
        """Read and check the whole site; return the generated concern pages to add to `files`."""
        pages: list[SourcePage] = []
        unreadable: list[ContentProblem] = []
        for file in files.documentation_pages():
            shown_as = self.shown_as(file.src_uri)
            content = file.content_bytes
            text, problems, give_mkdocs = remembered("page text", (content, shown_as), partial(page_text, content, shown_as))
            unreadable += problems
            if give_mkdocs:  # the preview shows the page with the problem panel; a build stops
                file.content_string = text
            pages.append(SourcePage(file.src_uri, file.url, text, self.shown_as(file.src_uri)))
        self.urls = {page.shown_as: page.url for page in pages}
        others = tuple(f.src_uri for f in files if not f.is_documentation_page())
        inputs = SiteInputs(
            self.root,
            self.docs_dir,
            self.docs_name,
            tuple(pages),
            others,
            self.extra,
            self.new_markdown,
            today(),
            self.templates,
            self.config_text,
            tuple(unreadable),
            self.config_problems,
        )
        self.site = collect_site(inputs)
        self.sources = {page.src_uri: page.source for page in pages}
        if not any(problem.path == VOCABULARY_FILE for problem in self.site.errors):
            write_json_schema(self.root, self.site.vocabularies)  # the editors' checking file, never stale
        generated = [File.generated(config, uri, content=markdown) for uri, markdown in self.site.concern_sources.items()]
        self.previews = link_previews.LinkPreviews(
            images.cache_root(self.root),
            self.site_url,
            link_previews.palette_from_stylesheet(self.docs_dir / "stylesheets" / "clinic.css"),
            self.site.clinic.name,
            f"Book a consultation: {self.site.clinic.phone}",
        )
        self.views = SiteViews(
            self.site, {page.key: file.url for page, file in zip(self.site.concern_pages, generated, strict=True)}
        )  # same order
        if self.site.cms is not None:  # the web editor's form, from the content model (cms_config.py)
            port = cms_config.local_port()
            site_url = f"http://{config.dev_addr}/" if port else self.site_url
            self.cms_config = cms_config.cms_config(self.site.vocabularies, self.site.cms, site_url, local_port=port)
            generated.append(File.generated(config, cms_config.CONFIG_FILE, content=cms_config.cms_config_text(self.cms_config)))
        if self.site.pictures is not None:
            generated += images.published_files(self.site.pictures, config)  # converted photos, from the cache
        return generated

    # -- the preview's partial rebuild (page_dependencies.py) ----------------------------------------

    def mark_pages_to_rebuild(self, files: Files, config) -> None:
        """In the preview: tell a dirty rebuild which pages to convert and write again (MkDocs asks
        `File.is_modified()`); all of them, into a clean folder, unless only some can have changed."""
        if not self.serving:
            return
        pages = files.documentation_pages()
        self.page_urls = {file.src_uri: "" if file.url in (".", "./") else file.url for file in pages}  # as Page.url
        others = {f.src_uri: Path(f.abs_src_path) for f in files if not f.is_documentation_page() and f.abs_src_path}
        config_file = Path(config.config_file_path)
        self.site_wide = page_dependencies.site_wide_fingerprint(self.root, config_file, self.page_urls, others, today())
        sources = {**self.sources, **self.site.concern_sources}
        own_template = {uri: self.names_a_template(uri, text) for uri, text in self.sources.items()}
        self.fingerprints = page_dependencies.page_fingerprints(
            self.site, sources, own_template, self.views.card, self.marker_shows
        )
        self.rebuild = page_dependencies.pages_to_rebuild(self.memory, self.site_wide, self.fingerprints, self.any_problems)
        for file in pages:
            modified = self.rebuild is None or file.src_uri in self.rebuild
            file.is_modified = _always(modified)  # type: ignore[method-assign]
        if self.rebuild is None:
            clean_directory(config.site_dir)  # a dirty rebuild would keep the pages of deleted files
            log.info("Preview: rebuilding every page%s", "" if self.memory else " (first build, or the last one had a problem)")
        else:
            log.info("Preview: rebuilding %d of %d pages: %s", len(self.rebuild), len(pages), ", ".join(sorted(self.rebuild)))

    def index_for_search(self, plugins) -> None:
        """Material's search indexes each page as `search_content` has it (listings left out)."""
        wrap_search_index(plugins, self.search_content.get)

    def names_a_template(self, src_uri: str, text: str) -> bool:
        """Whether a page (not a treatment) names a template of its own, which may show any treatment."""
        if self.site.catalogue.for_src_uri(src_uri) is not None:
            return False
        shown_as = self.shown_as(src_uri)
        try:
            front_matter = remembered("front matter", (text, shown_as), partial(read_front_matter, text, shown_as))
        except ContentError:
            return True
        return "template" in front_matter.data

    @property
    def any_problems(self) -> bool:
        """Any problem at all, or MkDocs' warnings not counted (strict off): the preview's panels
        then may change on any page, so it rebuilds them all."""
        mkdocs_warnings = self.mkdocs_warnings.problems if self.mkdocs_warnings else None
        return bool(self.errors or self.site.warnings or mkdocs_warnings is None or mkdocs_warnings)

    def remember_page(self, page, in_nav: bool) -> None:
        """What the preview keeps of a page written by this build (its scripts come in finished_page)."""
        if self.serving:
            src_uri = page.file.src_uri
            self.built[src_uri] = page_dependencies.BuiltPage(
                self.fingerprints.get(src_uri, ""),
                page.meta.get("title") or page.title,
                anchors=frozenset(page.present_anchor_ids or ()),
                in_nav=in_nav,
            )

    def finish_preview_build(self, site_dir: Path) -> None:
        """Complete what a partial rebuild wrote from memory (the search index, the scripts for
        _headers), keep this build's memory, and say whether a clean rebuild must follow."""
        memory = self.memory
        pages = {}
        for src_uri in self.page_urls:
            if src_uri in self.built:
                self.built[src_uri].scripts = self.page_scripts_of.get(src_uri, frozenset())
                pages[src_uri] = self.built[src_uri]
            elif memory is not None and src_uri in memory.pages:
                pages[src_uri] = memory.pages[src_uri]
                self.page_scripts |= pages[src_uri].scripts
        index_file = site_dir / PAGE_INDEX
        if index_file.is_file():  # Material's search wrote the documents of the pages it saw
            index = json.loads(index_file.read_text(encoding="utf-8"))
            documents, fresh = page_dependencies.merged_search_documents(memory, index["docs"], self.page_urls, self.built)
            for src_uri, page_documents in fresh.items():
                if src_uri in self.built:
                    self.built[src_uri].search_documents = page_documents
            if self.rebuild is not None:  # written as Material writes it (search/plugin.py)
                index["docs"] = documents
                index_file.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
        problems = self.any_problems
        wanted = self.rebuild is not None and (
            page_dependencies.after_partial_build(memory, self.built, self.page_urls, problems)
            or pages.keys() != self.page_urls.keys()
        )
        kept = None if problems or wanted else page_dependencies.PreviewMemory(self.site_wide, pages)
        page_dependencies.keep_memory(kept, wanted)
        if wanted:
            log.info("Preview: a page not rebuilt may show what changed; building every page again")

    @property
    def errors(self) -> tuple[ContentProblem, ...]:
        return (*self.site.errors, *self.render_problems)

    def error_summary(self) -> str:
        return problem_summary(self.errors)

    def log_problems(self) -> None:
        """Warnings for a build; in the preview every problem is logged as information, because
        a warning would stop the rebuild in strict mode, and shown on the page instead."""
        if self.serving:
            for problem in [*self.site.errors, *self.site.warnings]:
                log.info("Shown in the preview, to fix before publishing: %s", problem)
        else:
            for problem in self.site.warnings:
                log.warning("%s", problem)

    # -- render ---------------------------------------------------------------------------------------

    def set_env(self, env: jinja2.Environment) -> None:
        """Prepare a theme environment: ours is autoescaped and knows the clinic and its treatments.

        Called for the environment the hook renders partials with (pages are converted to HTML
        before MkDocs' `on_env`), and again in `on_env` for the one that renders whole pages.
        """
        enable_autoescape(env)
        add_row_rendering(env)
        cache_compiled_templates(env, images.cache_root(self.root))
        env.globals["clinic"] = self.site.clinic
        env.globals["clinic_cards"] = [self.views.card(e) for e in self.site.catalogue]
        env.globals["clinic_concern_links"] = self.views.concern_links()
        # Pages get their own in page_context; this one serves templates without a page (404.html).
        env.globals["structured_data"] = page_graph(self.site.clinic, self.site_url, [])
        env.globals.update(booking.template_globals(self.site.clinic, self.site_url, self.urls, self.docs_name))
        self.env = self.env or env

    @property
    def template_env(self) -> jinja2.Environment:
        """The environment partials are rendered with (set in on_files, before any page is converted)."""
        if self.env is None:
            raise RuntimeError("SiteBuild.set_env has not run")
        return self.env

    def page_markdown(self, markdown: str, src_uri: str, meta: MutableMapping[str, Any]) -> str:
        """Replace marker lines by placeholders; point treatment pages at treatment.html."""
        entry = self.site.catalogue.for_src_uri(src_uri)
        if entry is not None:
            meta["template"] = "treatment.html"
            meta.setdefault("title", entry.title)
        calls = self.site.markers.get(src_uri, ())
        if not calls or markdown != self.site.bodies.get(src_uri):
            return markdown  # the body was changed before us: its markers stay plain comments
        for index, call in reversed(list(enumerate(calls))):
            placeholder = f"<!-- clinic-marker-{self.marker_token}:{index} -->"
            markdown = markdown[: call.start] + f"\n{placeholder}\n" + markdown[call.end :]
        return markdown

    def page_content(self, html: str, src_uri: str, page_url: str) -> str:
        source, shown_as = self.content_source(src_uri)
        if problems := active_content.content_problems(html, source, shown_as):
            self.render_problems += problems  # the build stops in on_env, before any page is written
            html = ""  # the preview shows the problem panel instead: nothing pasted runs
            for problem in problems if self.serving else []:
                log.info("Shown in the preview, to fix before publishing: %s", problem)
        calls = self.site.markers.get(src_uri, ())
        rendered: dict[int, str] = {}

        def marker_html(match: re.Match, for_search: bool = False) -> str:
            index = int(match[1])
            if for_search and not BY_NAME[calls[index].name].in_search:
                return ""  # search leaves out the listings of treatments (page_markers.Marker.in_search)
            if index not in rendered:
                rendered[index] = self.render_marker(calls[index], page_url)
            return rendered[index]

        with_markers = self.placeholder.sub(marker_html, html)
        for_search = self.placeholder.sub(partial(marker_html, for_search=True), html)
        if for_search != with_markers:
            self.search_content[src_uri] = for_search
        html = with_markers
        if self.serving:
            problems = [*self.errors, *self.site.warnings, *(self.mkdocs_warnings.problems if self.mkdocs_warnings else [])]
            panel = panel_for(problems, self.shown_as(src_uri), self.docs_name, self.urls)
            if panel:
                html = render(self.template_env, PANEL_TEMPLATE, **self.partial_context(page_url), panel=panel) + html
        return html

    def content_source(self, src_uri: str) -> tuple[str, str]:
        """The editor's file a page's content comes from, and its path: a generated concern page's
        introduction is data/concerns/<key>.md."""
        for page in self.site.concern_pages:
            if page.src_uri == src_uri and page.intro is not None:
                return page.intro, page.intro_file or self.shown_as(src_uri)
        return self.sources.get(src_uri, ""), self.shown_as(src_uri)

    def finished_page(self, html: str, src_uri: str | None, base_url: str, config) -> str:
        """Check a finished page (templates included) for active content; remember the inline
        scripts it runs, all of them Material's own, for the Content-Security-Policy."""
        if base_url not in self.known_scripts:
            self.known_scripts[base_url] = known_scripts(config, base_url)
        findings, scripts = active_content.page_findings(html, self.known_scripts[base_url], self.checked_elements)
        if findings:
            source, shown_as = self.content_source(src_uri) if src_uri else ("", "404.html")
            raise ContentError(
                [
                    ContentProblem(
                        shown_as,
                        "the built page",
                        f"the page would contain {finding.what}",
                        "values from front matter, mkdocs.yml and data/ shown as text; only the inline scripts of "
                        "Material's templates (see hooks/clinic_site/template_scripts.py)",
                        line=active_content.line_of(source, finding.clues),
                    )
                    for finding in findings
                ]
            )
        self.page_scripts |= scripts
        if src_uri is not None:
            self.page_scripts_of[src_uri] = frozenset(scripts)
        return html

    def partial_context(self, page_url: str) -> dict[str, Any]:
        """What a partial rendered into page content needs (MkDocs' `url` filter uses page and base_url)."""
        return {"page": _UrlPage(page_url), "base_url": get_relative_url(".", page_url), "clinic": self.site.clinic}

    def marker_data(self, call) -> dict[str, Any]:
        """The data a marker's template gets, made once per build (the preview fingerprints it too)."""
        if id(call) not in self._marker_data:
            self._marker_data[id(call)] = BY_NAME[call.name].data(call, self.views)
        return self._marker_data[id(call)]

    def marker_shows(self, call) -> str:
        """A fingerprint of the data a marker's template gets (for the preview's page fingerprints).
        That data depends only on the marker's options and the inputs below, so between rebuilds it is
        remembered (check_cache.latest) while they are equal: a sentence edited in one treatment's
        text does not make every table's rows again."""
        slot = (call.name, repr(sorted(call.options.items())))
        return latest("marker data", slot, self._marker_inputs, lambda: page_dependencies.digest(self.marker_data(call)))

    @cached_property
    def _marker_inputs(self) -> tuple:
        """What every marker's data is made from (see marker_shows)."""
        site = self.site
        return (
            tuple((e.src_uri, e.url, e.front_matter) for e in site.catalogue.sorted()),
            site.vocabularies,
            site.clinic,
            dict(self.views.concern_urls),
            tuple((p.key, p.label, len(p.treatments)) for p in site.concern_pages),
        )

    def render_marker(self, call, page_url: str) -> str:
        template = BY_NAME[call.name].template
        return render(self.template_env, template, **self.partial_context(page_url), **self.marker_data(call))

    def page_context(self, context: dict[str, Any], src_uri: str, page_url: str, description: str | None) -> dict[str, Any]:
        entry = self.site.catalogue.for_src_uri(src_uri)
        if entry is not None:
            context["treatment"] = view = self.views.treatment_view(entry)
            view["contents"] = treatment_sections.contents(view, context["page"].toc)
        pictures = self.site.pictures
        context["page_picture"] = pictures.of(src_uri, "image") if pictures else None  # e.g. the home page's hero
        own_photo = context["treatment"]["image"].source_file if entry is not None and context["treatment"]["image"] else None
        context["link_preview"] = self.previews.for_page(context["page"].title, own_photo) if self.previews else None
        trail = breadcrumb_trail(page_url, self.page_titles.get)
        treatment = (entry, self.site.vocabularies, description or entry.treatment.summary) if entry else None
        context["structured_data"] = page_graph(self.site.clinic, self.site_url, trail, treatment)
        return context

    def remember_titles(self, pages) -> None:
        """Titles of all pages by URL (known once every page is read, i.e. from on_env on; in the
        preview's partial rebuild, the pages not read again have the title they were written with)."""
        self.page_titles = {}
        for page in pages:
            kept = self.memory.pages.get(page.file.src_uri) if self.memory and page.markdown is None else None
            title = kept.title if kept else page.title and (page.meta.get("title") or page.title)
            if title:
                self.page_titles[page.url] = title

    # -- after the build: files for the static host -------------------------------------------------

    def post_build(self, site_dir: str) -> None:
        if self.previews:
            self.previews.publish(Path(site_dir))
        if self.serving:
            self.finish_preview_build(Path(site_dir))
        move_search_documents(Path(site_dir))  # search loads its index on first use
        if not self.serving:  # only for readers' data plans; the preview keeps Material's whole stylesheet
            purge_unused_css(Path(site_dir), self.docs_dir)  # before _headers: it renames a fingerprinted file
        minify_site_scripts(Path(site_dir), self.docs_dir)
        if not self.site_url:
            log.warning(
                "mkdocs.yml: site_url is not set. Accepted: the public address of the site, e.g. "
                "https://www.example.org/ (sitemap.xml and treatments.json need absolute addresses)."
            )
            return
        deploy = (self.site.catalogue, self.site_url, self.site.clinic.currency, self.page_scripts, analytics_sources(self.extra))
        apps = {cms_config.ADMIN_DIR: cms_config.app_headers(self.cms_config)} if self.cms_config else {}
        for warning in write_deploy_files(Path(site_dir), *deploy, apps):
            log.warning(warning)


def _always(answer: bool):
    return lambda: answer


class _UrlPage:
    """Just enough of a Page for MkDocs' `url` template filter when we render a partial."""

    def __init__(self, url: str):
        self.url = url
