"""Jinja rendering of the clinic's templates with autoescape on.

MkDocs' theme environment does not autoescape (page content is inserted raw). Our own templates
(`overrides/partials/clinic/` and the page templates we add) are compiled with autoescape, so
every value from front matter or config is escaped by the template engine, never by hand.
"""

from __future__ import annotations

from typing import Any

import jinja2

# Templates in overrides/ that are ours and therefore autoescaped.
AUTOESCAPED_PREFIXES = ("partials/clinic/",)
AUTOESCAPED_TEMPLATES = ("treatment.html", "home.html", "main.html", "404.html", "concern.html")


def is_ours(template_name: str | None) -> bool:
    return bool(template_name) and (template_name.startswith(AUTOESCAPED_PREFIXES) or template_name in AUTOESCAPED_TEMPLATES)


def enable_autoescape(env: jinja2.Environment) -> jinja2.Environment:
    previous = env.autoescape

    def autoescape(name: str | None) -> bool:
        return is_ours(name) or (previous(name) if callable(previous) else bool(previous))

    env.autoescape = autoescape
    return env


def render(env: jinja2.Environment, template: str, **data: Any) -> str:
    return env.get_template(template).render(**data)
