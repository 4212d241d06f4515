"""Jinja rendering with autoescape on for every HTML template, Material's included.

MkDocs' theme environment does not autoescape, and Material's templates write page and config
values raw (`{{ page.meta.description }}` in a `content="..."` attribute, `{{ config.copyright }}`,
`{{ page.title }}` in the header and nav). A quote or `<` in any of them broke the markup, and a
crafted one ran as script on hosts that ignore `_headers` (GitHub Pages). So every `.html`/`.xml`
template is compiled with autoescape: values are escaped by the template engine, never by hand.

The few values that are HTML on purpose are marked as such (`markupsafe.Markup`) where they are
made, by `mark_page_html`: the page body (already checked by `active_content`), and the titles
MkDocs takes from Markdown headings, which it keeps HTML-escaped (`Q&amp;A`). Plain-text `.txt`
templates (robots.txt) are not escaped.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from clinic_site import check_cache
from clinic_site.page_dependencies import digest

AUTOESCAPED_EXTENSIONS = (".html", ".htm", ".xml", ".svg")


def should_autoescape(template_name: str | None) -> bool:
    return template_name is not None and template_name.endswith(AUTOESCAPED_EXTENSIONS)


def enable_autoescape(env: jinja2.Environment) -> jinja2.Environment:
    """Turn on autoescape for every HTML template of `env` (call before any template is loaded)."""
    env.autoescape = should_autoescape
    return env


def cache_compiled_templates(env: jinja2.Environment, cache_root: Path) -> None:
    """Keep the compiled templates between builds (Jinja's FileSystemBytecodeCache): compiling
    Material's and our templates costs about half a second per build, and the preview rebuilds often.

    Jinja recompiles a template whose source changed. What else shapes compiled code (escaping
    is decided at compile time, extensions add syntax) names the folder, so code compiled under
    other settings, such as without autoescape, is never loaded. Call after `enable_autoescape`.
    """
    settings = repr(
        (
            jinja2.__version__,
            sorted(env.extensions),
            sorted(env.filters),
            sorted(env.tests),
            env.autoescape is should_autoescape,
            env.optimized,
            getattr(env.finalize, "__qualname__", env.finalize),
            env.block_start_string,
            env.variable_start_string,
            env.comment_start_string,
            env.line_statement_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
        )
    )
    folder = cache_root / "templates" / hashlib.sha256(settings.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = _CompiledBySource(str(folder))


class _CompiledBySource(jinja2.FileSystemBytecodeCache):
    """Entries keyed by template name and source rather than file path, so a copy of the project
    (a second checkout, the tests' copies) reuses them and two sources never overwrite each other."""

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, f"{name}\0{self.get_source_checksum(source)}", None, source)


def render(env: jinja2.Environment, template: str, **data: Any) -> str:
    return env.get_template(template).render(**data)


def add_row_rendering(env: jinja2.Environment) -> jinja2.Environment:
    """Give `env`'s templates `rendered_row(template, row)` (see rendered_row)."""
    env.globals["rendered_row"] = rendered_row
    return env


@jinja2.pass_context
def rendered_row(context: jinja2.runtime.Context, template: str, row: Any) -> Markup:
    """`template` rendered for one row of a long list (a table row). It gets `row` and the calling
    page (for the `url` filter) and nothing else, since the live preview keeps each row's HTML
    between rebuilds by exactly those and the template's source: at 1,000 treatments an edit to one
    treatment then renders one row of each table again, not thousands."""
    env = context.environment
    compiled = env.get_template(template)

    def make() -> Markup:
        return Markup(compiled.render(page=context.get("page"), base_url=context.get("base_url"), row=row))

    if not check_cache.enabled:
        return make()
    slot = (template, getattr(context.get("page"), "url", None), digest(row))
    return check_cache.latest("rendered rows", slot, _source_digest(env, template), make)


_SOURCE_DIGESTS: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, str]] = weakref.WeakKeyDictionary()


def _source_digest(env: jinja2.Environment, template: str) -> str:
    """A digest of a template's source, once per environment (the preview makes one per build)."""
    known = _SOURCE_DIGESTS.setdefault(env, {})
    if template not in known:
        known[template] = digest(env.loader.get_source(env, template)[0] if env.loader else template)
    return known[template]


def mark_heading_titles(page) -> None:
    """Titles MkDocs took from Markdown headings are HTML-escaped text (tags already stripped):
    mark them so autoescape does not escape them twice (`&amp;amp;`). Call in on_page_content."""
    if getattr(page, "_title_from_render", None):
        page._title_from_render = Markup(page._title_from_render)
    stack = list(page.toc or [])
    while stack:
        item = stack.pop()
        item.title = Markup(item.title)
        stack.extend(item.children)


def mark_page_html(page) -> None:
    """The page body is HTML (Material's content.html writes `{{ page.content }}`). Call in
    on_page_context: the search plugin's on_page_context, which runs first, rewrites it as a str."""
    if page.content is not None:
        page.content = Markup(page.content)
