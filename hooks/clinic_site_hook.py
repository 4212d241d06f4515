"""MkDocs hook of the clinic site (registered under `hooks:` in mkdocs.yml).

Thin event functions: the work lives in the `clinic_site` package beside this file. Content
mistakes raise PluginError, which MkDocs prints as a clean message without a traceback.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template

# Sibling imports work only while MkDocs loads this file; `clinic_site` is a unique name.
import clinic_site.settings_file
import clinic_site.site_build
from clinic_site.material_markup import without_toggle_autocomplete
from clinic_site.rendering import mark_heading_titles, mark_page_html

HOOKS_DIR = str(Path(__file__).resolve().parent)
site_build = clinic_site.site_build
build: site_build.SiteBuild  # made afresh in on_config: module globals survive serve rebuilds
# True under `mkdocs serve`: content problems are shown on the page, not raised. `make serve`
# (scripts/preview.py) reloads this file at every rebuild, after on_startup has run, so it says so
# in the environment too.
serving = os.environ.get("CLINIC_PREVIEW") == "1"
clinic_site.settings_file.check_settings_being_loaded()  # an alias bomb in mkdocs.yml would hang MkDocs


def hook_code() -> str:
    """A fingerprint of the hook's code: this file and the clinic_site package."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(HOOKS_DIR).rglob("*.py")):
        hasher.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def reload_clinic_site() -> None:
    """`mkdocs serve` never reloads hook code; drop and re-import our package so edits to it apply.
    Unchanged code is kept, with what it remembers between rebuilds (clinic_site/check_cache.py,
    clinic_site/page_dependencies.py): that is what makes the preview's rebuild partial."""
    global site_build
    code = hook_code()
    loaded = sys.modules.get("clinic_site")
    if loaded is not None and getattr(loaded, "loaded_from_code", None) == code and "clinic_site.site_build" in sys.modules:
        site_build = sys.modules["clinic_site.site_build"]
        return
    for name in [n for n in sys.modules if n == "clinic_site" or n.startswith("clinic_site.")]:
        del sys.modules[name]
    sys.path.insert(0, HOOKS_DIR)
    try:
        site_build = importlib.import_module("clinic_site.site_build")
    finally:
        sys.path.remove(HOOKS_DIR)
    sys.modules["clinic_site"].loaded_from_code = code  # type: ignore[attr-defined]


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = serving or command == "serve"
    # A build keeps millions of objects alive (pages, models, templates), and Python's default
    # thresholds rescan them for cycles thousands of times; fewer collections cut a 1,000-treatment
    # build by about 7% (mypy raises its thresholds the same way).
    gc.set_threshold(100_000, 20, 20)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    if serving:
        reload_clinic_site()
    build = site_build.SiteBuild(config, serving=serving)
    build.index_for_search(config.plugins)  # after Material's search made this build's index
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Before MkDocs looks for files: it follows symbolic links and would publish what they point at.
    if problems := build.source_problems():
        raise PluginError(site_build.problem_summary(problems))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated = build.collect(files, config)  # every file read and checked; a page per concern
    build.log_problems()
    if build.errors and not build.serving:
        raise PluginError(build.error_summary())
    for file in generated:
        files.append(file)
    build.mark_pages_to_rebuild(files, config)  # the preview rebuilds only what an edit changed
    build.set_env(config.theme.get_env())  # for partials rendered into page content
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    if build.errors and not build.serving:  # active content found while pages were converted
        raise PluginError(build.error_summary())
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
    build.remember_page(page, in_nav=page in nav.pages)
    return build.page_context(context, page.file.src_uri, page.url, page.meta.get("description"))


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
        raise PluginError(site_build.problem_summary(error.problems)) from None


def on_post_build(config: MkDocsConfig) -> None:
    build.post_build(config.site_dir)
