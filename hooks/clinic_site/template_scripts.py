"""The inline scripts a page may run: exactly those Material's own templates write.

Material puts a few small scripts inline (they must run before its bundle loads). They are
rendered here from Material's installed templates, not read from the built pages, so an inline
script that anything else adds (a page's Markdown, a crafted value, an override) is not on the
list: the page check refuses it and the Content-Security-Policy does not hash it.

The list is explicit; `tests/test_active_content.py` checks it against the scripts the demo
site's pages contain. After upgrading Material, look at each template's script again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import material

from clinic_site.active_content import elements
from clinic_site.rendering import should_autoescape

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

# Material's templates that write inline scripts, and when a page has them.
SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",  # every page: reading and storing the reader's settings; varies with base_url
    "partials/javascripts/content.html",  # every page: opens the tab or details a link's #fragment names
    "partials/javascripts/palette.html",  # every page (in the header): the reader's colour scheme
    "partials/javascripts/consent.html",  # with extra.consent: the cookie banner
    "partials/integrations/analytics.html",  # with extra.analytics: the provider's loader, run after consent
)


@lru_cache(maxsize=1)
def _material_env() -> jinja2.Environment:
    """Material's templates only (no overrides/): an override cannot add a script to the list."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(MATERIAL_TEMPLATES), autoescape=should_autoescape)


def known_scripts(config, base_url: str) -> frozenset[str]:
    """The text of each inline script Material's templates write on a page with this base_url."""
    context = {"config": config, "base_url": base_url, "features": config.theme.get("features") or []}
    scripts = set()
    for name in SCRIPT_TEMPLATES:
        try:
            html = _material_env().get_template(name).render(**context)
        except jinja2.TemplateNotFound:  # an analytics provider Material does not ship (privacy.py refuses it)
            continue
        for node in elements(html):
            if node.tag == "script" and "src" not in node.attributes:
                scripts.add(node.text(deep=True))
    return frozenset(scripts)
