"""One build of the clinic site: what the MkDocs events share, created afresh per build.

MkDocs keeps hook modules (and their globals) alive across `mkdocs serve` rebuilds, so the hook
makes a new SiteBuild in `on_config` and nothing survives from the previous build. Collecting and
checking is `site_model.collect_site`; this class renders what it collected into MkDocs' pages.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import jinja2
import markdown as python_markdown
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from clinic_site import (
    active_content,
    booking,
    cms_config,
    config_values,
    images,
    link_previews,
    markdown_limits,
    source_tree,
    treatment_sections,
)
from clinic_site.catalogue import SourcePage
from clinic_site.css_purge import purge_unused_css
from clinic_site.deploy_files import write_deploy_files
from clinic_site.editor_schema import write_json_schema
from clinic_site.page_markers import BY_NAME
from clinic_site.preview import PANEL_TEMPLATE, PreviewWarnings, keep_warnings_from_stopping_the_preview, panel_for
from clinic_site.privacy import analytics_sources
from clinic_site.problems import ContentError, ContentProblem, problem_summary
from clinic_site.rendering import cache_compiled_templates, enable_autoescape, render
from clinic_site.review import today
from clinic_site.script_minify import minify_site_scripts
from clinic_site.search_on_demand import move_search_documents
from clinic_site.site_model import SiteInputs, SiteModel, collect_site
from clinic_site.stray_front_matter import stray_front_matter_problems
from clinic_site.structured_data import breadcrumb_trail, page_graph
from clinic_site.template_scripts import known_scripts
from clinic_site.views import SiteViews
from clinic_site.vocabulary import VOCABULARY_FILE
from clinic_site.yaml_documents import decode_text

log = logging.getLogger("mkdocs.plugins.clinic")  # under mkdocs.: --strict counts its warnings

HOOK_TEMPLATES = frozenset({"404.html", "treatment.html", "concern.html"})  # chosen by the hook, not by pages


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
        self.known_scripts: dict[str, frozenset[str]] = {}  # base_url -> Material's inline scripts
        self.checked_elements: dict = {}  # the finished pages' elements already checked (active_content)
        self.page_scripts: set[str] = set()  # the inline scripts the finished pages run (all known ones)
        self.cms_config: dict[str, Any] | None = None  # the web editor's configuration, admin/config.yml
        self.previews: link_previews.LinkPreviews | None = None  # each page's og:image

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
        pages, unreadable = [], []
        for file in files.documentation_pages():
            try:
                text = decode_text(file.content_bytes, self.shown_as(file.src_uri))
            except ContentError as error:
                unreadable += error.problems
                text = file.content_bytes.decode("utf-8", errors="replace")
                file.content_string = text  # the preview shows the page with the problem panel; a build stops
            unreadable += stray_front_matter_problems(text, self.shown_as(file.src_uri))
            text, shape_problems = markdown_limits.checked_page(text, self.shown_as(file.src_uri))
            if shape_problems:  # Markdown built to stall or crash the converter: never converted
                unreadable += shape_problems
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
        html = self.placeholder.sub(lambda m: self.render_marker(calls[int(m[1])], page_url), html)
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
        return html

    def partial_context(self, page_url: str) -> dict[str, Any]:
        """What a partial rendered into page content needs (MkDocs' `url` filter uses page and base_url)."""
        return {"page": _UrlPage(page_url), "base_url": get_relative_url(".", page_url), "clinic": self.site.clinic}

    def render_marker(self, call, page_url: str) -> str:
        marker = BY_NAME[call.name]
        return render(self.template_env, marker.template, **self.partial_context(page_url), **marker.data(call, self.views))

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
        """Titles of all pages by URL (known once every page is read, i.e. from on_env on)."""
        self.page_titles = {page.url: page.meta.get("title") or page.title for page in pages if page.title}

    # -- after the build: files for the static host -------------------------------------------------

    def post_build(self, site_dir: str) -> None:
        if self.previews:
            self.previews.publish(Path(site_dir))
        move_search_documents(Path(site_dir))  # search loads its index on first use
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


class _UrlPage:
    """Just enough of a Page for MkDocs' `url` template filter when we render a partial."""

    def __init__(self, url: str):
        self.url = url
