"""MkDocs hook of the clinic site (registered under `hooks:` in mkdocs.yml).

Thin event functions: the work lives in the `clinic_site` package beside this file. Content
mistakes raise PluginError, which MkDocs prints as a clean message without a traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template

# Sibling imports work only while MkDocs loads this file; `clinic_site` is a unique name.
import clinic_site.live_hook
import clinic_site.settings_file
import clinic_site.site_build
from clinic_site.material_markup import without_toggle_autocomplete
from clinic_site.rendering import mark_heading_titles, mark_page_html

HOOKS_DIR = str(Path(__file__).resolve().parent)
site_build = clinic_site.site_build
live_hook = clinic_site.live_hook
build: site_build.SiteBuild | None = None  # replaced in on_config: module globals survive serve rebuilds
serving = False  # True under `mkdocs serve`: content problems are shown on the page, not raised
live_hook.remember_source(globals())  # so the preview notices edits to this file
clinic_site.settings_file.check_settings_being_loaded()  # an alias bomb in mkdocs.yml would hang MkDocs


def reload_clinic_site() -> None:
    """`mkdocs serve` never reloads hook code; drop and re-import our package so edits to it apply."""
    global site_build, live_hook
    for name in [n for n in sys.modules if n == "clinic_site" or n.startswith("clinic_site.")]:
        del sys.modules[name]
    sys.path.insert(0, HOOKS_DIR)
    try:
        site_build = importlib.import_module("clinic_site.site_build")
        live_hook = importlib.import_module("clinic_site.live_hook")
    finally:
        sys.path.remove(HOOKS_DIR)


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    hook_problem = None
    if serving:
        reload_clinic_site()
        # An edited copy of this file: run its on_config (and its other events) from now on.
        replaced, hook_problem = live_hook.reload_if_changed(sys.modules[__name__], config, "hooks/" + Path(__file__).name)
        if replaced:
            return sys.modules[__name__].on_config(config)
    build = site_build.SiteBuild(
        config.config_file_path, config.docs_dir, dict(config.extra), site_url=config.site_url, serving=serving
    )
    build.check_config(config)  # addresses and plain-text titles in mkdocs.yml
    if hook_problem:
        build.report.add(hook_problem)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Before MkDocs looks for files: it follows symbolic links and would publish what they point at.
    if problems := build.source_problems():
        raise PluginError(site_build.ProblemReport(problems).summary())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build.collect(site_build.source_pages(files, build))
    build.log_problems()
    if build.report and not build.serving:
        raise PluginError(build.report.summary())
    for generated in build.generated_files(config):  # a page per concern, /concerns/<key>/
        files.append(generated)
    build.set_env(config.theme.get_env())  # for partials rendered into page content
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    if build.report and not build.serving:  # active content found while pages were converted
        raise PluginError(build.report.summary())
    build.set_env(env)
    build.remember_titles(file.page for file in files.documentation_pages() if file.page)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build.page_markdown(markdown, page.file.src_uri, page.meta)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    mark_heading_titles(page)
    return build.page_content(html, page.file.src_uri, page.url)


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    mark_page_html(page)
    context["structured_data"] = build.structured_data(page.file.src_uri, page.url, page.meta.get("description"))
    return build.page_context(context, page.file.src_uri)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return checked(without_toggle_autocomplete(output), page.file.src_uri, get_relative_url(".", page.url), config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    output = without_toggle_autocomplete(output_content)  # 404.html is a template, not a page
    if not template_name.endswith(".html"):
        return output
    # The base_url MkDocs gave the template (mkdocs.commands.build._build_template).
    base_url = urlsplit(config.site_url or "/").path if is_error_template(template_name) else get_relative_url(".", template_name)
    return checked(output, None, base_url, config)


def checked(output: str, src_uri: str | None, base_url: str, config: MkDocsConfig) -> str:
    """The finished page, if it runs nothing but Material's own inline scripts (else the build stops)."""
    try:
        return build.finished_page(output, src_uri, base_url, config)
    except site_build.ContentError as error:
        raise PluginError(site_build.ProblemReport(error.problems).summary()) from None


def on_post_build(config: MkDocsConfig) -> None:
    build.post_build(config.site_dir, config.site_url)
