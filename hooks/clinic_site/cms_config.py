"""The web editor at /admin/ (Decap CMS): its configuration, generated from the content model.

Like the JSON Schema for editors (editor_schema.py), the form is derived from `model.TreatmentPage`
and the vocabularies, never written by hand; the build writes it as `admin/config.yml`. The walk
goes over the model's JSON Schema and gives every shape its widget, whatever the field is called:

- a vocabulary key: a select showing the vocabulary's labels; a list of keys: a multi-select
- a whole number or a number: a number box with the model's minimum and maximum
- a choice of a whole number or a pattern (a range such as "2-3"): a text box with that pattern
- a date: a date picker writing YYYY-MM-DD
- a nested model: a group of fields; a list of nested models: a list of groups; a list of text: a list
- text: a one-line box, or a text area when the model allows more than 100 characters; length limits
  and patterns as patterns; a web address (format uri) must start http(s)://
- a fixed choice (Literal, enum): a select of its values; true/false: a switch

A field's `x-cms` mark in the model (json_schema_extra) is merged into its widget last, e.g.
{"widget": "image"} for a picture uploaded through the editor's media library.

Required fields are required. What a form cannot check (a range with the larger number first, two
treatments with one name, the review's age, the claims check) the build still checks, and the editor
reads its message in the pull request's checks or the local preview.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from clinic_site.catalogue import TREATMENTS_DIR
from clinic_site.clinic_details import load_extra_settings
from clinic_site.editor_schema import PAGE_OPTIONS, _model_schema
from clinic_site.validation import resolve as _resolve
from clinic_site.vocabulary import Vocabularies

ADMIN_DIR = "admin"  # the app's folder in the built site (its static files are in docs/admin/)
CONFIG_FILE = f"{ADMIN_DIR}/config.yml"
# docs/admin/clinic-cms.js gives collections with this format docs/admin/front-matter.js.
FORMAT = "clinic-front-matter"
BODY_FIELD = "body"  # Decap's name for the Markdown after the front matter
# The overview page in docs/treatments/ carries this key, and the treatments collection lists only
# pages without it: Decap's collection filter compares a key with a value, and no value means "absent".
OVERVIEW_MARK = "overview"
LOCAL_PORT_VARIABLE = "CLINIC_CMS_LOCAL_PORT"  # set by `make cms`: the local backend's port on 127.0.0.1
GITHUB_API = "https://api.github.com"
TEXT_AREA_FROM = 100  # text the model allows to be longer than this gets a text area


class CmsSettings(BaseModel):
    """Where the web editor saves: `extra.cms` in mkdocs.yml (see DEPLOYING.md, "The web editor")."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    repo: Annotated[
        str,
        Field(
            pattern=r"^[\w.-]+/[\w.-]+$",
            description="The GitHub repository the editor saves to, written owner/name, e.g. willow-clinic/website",
        ),
    ]
    branch: Annotated[str, Field(min_length=1, description="The branch the site is published from, e.g. main")] = "main"
    auth_url: Annotated[
        str | None,
        Field(
            pattern=r"^https://[^\s/]+(/\S*)?$",
            description="The address of the sign-in service (an OAuth proxy), starting https://; leave out on Netlify",
        ),
    ] = None


def load_cms_settings(extra: Mapping[str, Any], config_lines=None) -> CmsSettings | None:
    """The web editor's settings (`extra.cms` in mkdocs.yml); None when the site has no web editor."""
    if "cms" not in extra:
        return None
    return load_extra_settings(
        extra,
        "cms",
        CmsSettings,
        "the web editor's settings under extra: cms:, at least repo: owner/name (see DEPLOYING.md)",
        config_lines,
    )


def local_port(environ=os.environ) -> int | None:
    """The local backend's port when this build is for editing on one's own machine (`make cms`)."""
    value = environ.get(LOCAL_PORT_VARIABLE, "").strip()
    return int(value) if value.isdigit() else None


# -- fields ------------------------------------------------------------------------------------------


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _hint(node: dict) -> str | None:
    parts = [node.get("description", "").strip()]
    if accepted := node.get("x-accepted"):
        parts.append(f"Write {accepted}.")
    return " ".join(p for p in parts if p) or None


def _options(vocabulary: str, vocabularies: Vocabularies) -> list[dict[str, str]]:
    terms = vocabularies[vocabulary]
    return [{"label": terms.label(key), "value": key} for key in terms]


def _branches(node: dict) -> list[dict]:
    return node.get("anyOf", [node])


def _pattern_of(branch: dict) -> str | None:
    """The text a scalar branch accepts, as a regular expression without anchors."""
    if branch.get("type") == "integer" and branch.get("minimum", -1) >= 0:  # its maximum: the build checks it
        return r"\d+"
    if branch.get("type") == "string" and (pattern := branch.get("pattern")):
        return pattern.removeprefix("^").removesuffix("$")
    return None


def _length_pattern(node: dict) -> list[str] | None:
    low, high = node.get("minLength", 0), node.get("maxLength")
    if high is not None:
        return [rf"^[\s\S]{{0,{high}}}$", f"At most {high} characters"]
    if low > 1:
        return [rf"^[\s\S]{{{low},}}$", f"At least {low} characters"]
    return None


def _widget(schema: dict, node: dict, vocabularies: Vocabularies) -> dict[str, Any]:
    """The Decap widget and its options for one (resolved) JSON Schema node."""
    if vocabulary := node.get("x-vocabulary"):
        return {"widget": "select", "options": _options(vocabulary, vocabularies)}
    if "enum" in node or "const" in node:  # a fixed choice (Literal): its values are what is written
        options = node.get("enum", [node.get("const")])
        if all(isinstance(option, bool) for option in options):  # e.g. a consent that must be true: a tick box
            return {"widget": "boolean"}
        return {"widget": "select", "options": options}
    kind = node.get("type")
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "array":
        item = _resolve(schema, node.get("items", {}))
        at_least = {"min": node["minItems"]} if node.get("minItems") else {}
        if vocabulary := item.get("x-vocabulary"):
            return {"widget": "select", "multiple": True, "options": _options(vocabulary, vocabularies), **at_least}
        if "enum" in item:
            return {"widget": "select", "multiple": True, "options": item["enum"], **at_least}
        if item.get("type") == "object":
            return {"widget": "list", "fields": _fields(schema, item, vocabularies), **at_least}
        return {"widget": "list", "field": {"name": "item", "label": "Item", **_widget(schema, item, vocabularies)}, **at_least}
    if kind == "object" and "properties" not in node and (names := node.get("propertyNames", {}).get("enum")):
        # A mapping whose keys are known (e.g. a reason per fact left out): one optional field per key.
        value = _resolve(schema, node.get("additionalProperties") or {})
        fields = [
            {"name": name, "label": f"Why not given: {_label(name)}", "required": False, **_widget(schema, value, vocabularies)}
            for name in names
        ]
        return {"widget": "object", "collapsed": False, "fields": fields}
    if kind == "object":
        return {"widget": "object", "collapsed": False, "fields": _fields(schema, node, vocabularies)}
    if node.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if kind in ("integer", "number"):
        return _number(node)
    branches = [b for b in _branches(node) if b.get("type") != "null"]
    if len(branches) > 1 and all(b.get("type") in ("integer", "number", "string") for b in branches):
        numbers = [b for b in branches if b.get("type") in ("integer", "number")]
        patterns = [pattern for b in branches if (pattern := _pattern_of(b)) is not None]
        if len(patterns) == len(branches):  # every choice can be written as text: one pattern for all
            accepted = node.get("x-accepted") or "a value of the right form"
            return {"widget": "string", "pattern": [f"^(?:{'|'.join(patterns)})$", f"Write {accepted}"]}
        if numbers:  # an amount that may also be written as text (a decimal): a number box
            return _number({**numbers[0], "type": "number"})
    if node.get("format") == "uri":
        return {"widget": "string", "pattern": [r"^https?://\S+$", "Write a web address starting https://"]}
    widget: dict[str, Any] = {"widget": "string"}
    if node.get("maxLength", 0) > TEXT_AREA_FROM:
        widget["widget"] = "text"
    if node.get("pattern"):
        widget["pattern"] = [node["pattern"], f"Write {node.get('x-accepted', 'text of the right form')}"]
    elif length_pattern := _length_pattern(node):
        widget["pattern"] = length_pattern
    return widget


def _number(node: dict) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": "number", "value_type": "int" if node.get("type") == "integer" else "float"}
    if "minimum" in node:
        widget["min"] = node["minimum"]
    if "maximum" in node:
        widget["max"] = node["maximum"]
    if node.get("exclusiveMinimum") == 0:  # Decap's minimum includes itself: "more than 0" as a pattern
        widget["pattern"] = [r"^(?=.*[1-9])\d+(?:\.\d+)?$", "Write an amount of more than 0, such as 250 or 99.50"]
    return widget


def _fields(schema: dict, node: dict, vocabularies: Vocabularies) -> list[dict[str, Any]]:
    required = set(node.get("required", []))
    fields = []
    for name, raw in node.get("properties", {}).items():
        if node is schema and name in PAGE_OPTIONS:
            continue  # MkDocs page options: kept as found by the format, not offered in the form
        prop = _resolve(schema, raw)
        field: dict[str, Any] = {"name": name, "label": _label(name)}
        if hint := _hint(prop):
            field["hint"] = hint
        if name not in required:
            field["required"] = False
        field.update(_widget(schema, prop, vocabularies))
        field.update(prop.get("x-cms", {}))  # a model's own choice, e.g. {"widget": "image"}
        if field["widget"] == "object" and name not in required:
            _may_stay_empty(field)
        fields.append(field)
    return fields


def _may_stay_empty(group: dict[str, Any]) -> None:
    """An optional group's fields cannot be required in the form: Decap would then demand them even
    when the editor leaves the whole group empty. The build still demands them once any is filled in."""
    for field in group["fields"]:
        if field.get("required", True):
            field["required"] = False
            needed = f"Needed when {group['label'].lower()} is filled in."
            field["hint"] = f"{field['hint']} {needed}" if field.get("hint") else needed
        if field["widget"] == "object":
            _may_stay_empty(field)


def form_fields(schema: dict, vocabularies: Vocabularies) -> list[dict[str, Any]]:
    """The form for a model's JSON Schema (pydantic's, with its `x-vocabulary` marks)."""
    return _fields(schema, schema, vocabularies)


def page_fields(vocabularies: Vocabularies) -> list[dict[str, Any]]:
    """The form of a treatment page: every field of the model, then the page's text."""
    body = {
        "name": BODY_FIELD,
        "label": "Page text",
        # A plain text box keeps every character as written, markers (<!-- comparison-table -->)
        # included. Decap's rich text editor writes the whole Markdown anew on saving: a one-word
        # change in one paragraph also re-padded a table and turned "1)" lists into "1." (tried with
        # decap-cms 3.16.3). Its "raw" mode keeps the text too, but offers nothing more than this box.
        "widget": "text",
        "required": False,
        "hint": "The page's text in Markdown: ## for a heading, a blank line between paragraphs, "
        "[link text](other-page.md) for a link. Lines such as <!-- comparison-table --> place generated content: keep them as they are.",
    }
    return [*form_fields(_model_schema(), vocabularies), body]


# -- the whole configuration ------------------------------------------------------------------------


def cms_config(
    vocabularies: Vocabularies, settings: CmsSettings, site_url: str | None, *, local_port: int | None = None
) -> dict[str, Any]:
    """Decap CMS's configuration. With `local_port`, the editor saves through the local backend
    (decap-server on 127.0.0.1) when opened on this machine; otherwise it signs in to GitHub."""
    backend: dict[str, Any] = {"name": "github", "repo": settings.repo, "branch": settings.branch}
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    config: dict[str, Any] = {
        "backend": backend,
        # Each change becomes a pull request: the strict build checks it before anyone publishes it.
        "publish_mode": "editorial_workflow",
    }
    if local_port is not None:  # Decap then saves files directly ("simple" publishing)
        config["local_backend"] = {"url": f"http://127.0.0.1:{local_port}/api/v1"}
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    config |= {
        "locale": "en",
        "media_folder": "docs/images",
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": "treatments",
                "label": "Treatments",
                "label_singular": "Treatment",
                "description": "One page per treatment: its facts, shown in the comparison table, and its text.",
                "folder": f"docs/{TREATMENTS_DIR.rstrip('/')}",
                "extension": "md",
                "format": f"{FORMAT}-treatments",
                "create": True,
                "filter": {"field": OVERVIEW_MARK},  # only pages without the overview's mark
                "identifier_field": "treatment.name",
                "slug": "{{slug}}",
                "summary": "{{treatment.name}}",
                "sortable_fields": ["treatment.name", "treatment.order"],
                "preview_path": f"{TREATMENTS_DIR}{{{{slug}}}}/",
                # The site's own preview shows the page as readers see it; Decap's pane would not.
                "editor": {"preview": False},
                "fields": page_fields(vocabularies),
            }
        ],
    }
    return config


HEADER = (
    "# The web editor's configuration (Decap CMS), generated by the build from hooks/clinic_site/model.py,\n"
    "# data/vocabulary.yml and extra.cms in mkdocs.yml (hooks/clinic_site/cms_config.py): do not edit.\n"
)


def cms_config_text(config: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)


# -- the app's own security headers -----------------------------------------------------------------


def app_headers(config: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Headers for /admin/*: looser than the public pages' policy, exactly as far as Decap needs."""
    backend = config["backend"]
    connect = ["'self'", "blob:", backend.get("api_root", GITHUB_API)]  # blob: Decap's unsaved-draft backups
    if local := config.get("local_backend"):
        connect.append(local["url"].removesuffix("/api/v1"))
    policy = (
        ("default-src", "'self'"),
        # Decap compiles the JSON Schema that checks its configuration (ajv, `new Function`).
        ("script-src", "'self' 'unsafe-eval'"),
        # Decap styles itself with CSS-in-JS: <style> elements written at run time.
        ("style-src", "'self' 'unsafe-inline'"),
        # Editors' avatars come from GitHub; media previews are blob: URLs.
        ("img-src", "'self' data: blob: https://avatars.githubusercontent.com"),
        ("connect-src", " ".join(connect)),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
        ("frame-ancestors", "'none'"),
    )
    return (
        ("Content-Security-Policy", "; ".join(f"{name} {value}" for name, value in policy)),
        # Signing in opens the OAuth service in a pop-up, which hands the token back to this page.
        ("Cross-Origin-Opener-Policy", "same-origin-allow-popups"),
        ("X-Robots-Tag", "noindex, nofollow"),
    )
