"""mkdocs.yml values that reach readers' browsers: addresses are safe, titles are plain text.

Every address in the settings must be a web address (https://, http://) or a path on this site,
never `javascript:`, `data:` or `//other-host`; files the pages load (extra_css, extra_javascript,
the logo and favicon) must be files of this site, so readers' browsers contact no other site.
Titles and the texts Material shows as such (site name, copyright, nav titles, the cookie
banner) are plain text. The clinic's own details (`extra.clinic`) are checked by
clinic_details with the same types.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from clinic_site.active_content import is_other_site, line_of
from clinic_site.problems import ContentProblem, show_value
from clinic_site.safe_values import (
    PLAIN_TEXT_ACCEPTED,
    SITE_OR_WEB_ADDRESS_ACCEPTED,
    WEB_ADDRESS_ACCEPTED,
    plain_text_problem,
    web_address_problem,
)
from clinic_site.yaml_documents import compose_lines

CONFIG_PATH = "mkdocs.yml"
SITE_FILE_ACCEPTED = "a file of this site, written as a path inside docs/, e.g. stylesheets/clinic.css"


class _Checker:
    def __init__(self, config_text: str):
        self.text = config_text
        self.problems: list[ContentProblem] = []

    def add(self, field: str, value: Any, problem: str, accepted: str) -> None:
        line = line_of(self.text, (str(value),)) if isinstance(value, str) and value else None
        self.problems.append(ContentProblem(CONFIG_PATH, field, f"{show_value(value)}: {problem}", accepted, line=line))

    def plain_text(self, field: str, value: Any) -> None:
        if isinstance(value, str) and (problem := plain_text_problem(value)):
            self.add(field, value, problem, PLAIN_TEXT_ACCEPTED)

    def address(self, field: str, value: Any, *, site_paths: bool = True) -> None:
        if value is None or value == "":
            return
        if not isinstance(value, str):
            self.add(field, value, "this is not an address", SITE_OR_WEB_ADDRESS_ACCEPTED)
        elif problem := web_address_problem(value, site_paths=site_paths):
            self.add(field, value, problem, SITE_OR_WEB_ADDRESS_ACCEPTED if site_paths else WEB_ADDRESS_ACCEPTED)

    def site_file(self, field: str, value: Any) -> None:
        if value is None:
            return
        path = str(value)  # extra_javascript entries may be objects with a path
        if web_address_problem(path, site_paths=True) or is_other_site(path):
            self.add(field, path, "pages would load it from another site, or it is not a file address", SITE_FILE_ACCEPTED)


def config_file_problems(config) -> list[ContentProblem]:
    """`config_problems` of a loaded MkDocs config, finding lines in its mkdocs.yml."""
    path = Path(config.config_file_path) if config.config_file_path else None
    text = path.read_text(encoding="utf-8", errors="replace") if path and path.is_file() else ""
    return config_problems(config, text)


def config_problems(config, config_text: str) -> list[ContentProblem]:
    """Problems in the values of a loaded MkDocs config (`config_text`: mkdocs.yml, for lines)."""
    check = _Checker(config_text)
    # Shown as titles or in Material's header and footer; site_description and site_author are only
    # written into meta tags, escaped, so any text is fine there.
    for field in ("site_name", "copyright"):
        check.plain_text(field, config.get(field))
    check.address("site_url", config.get("site_url"), site_paths=False)
    check.address("repo_url", config.get("repo_url"), site_paths=False)
    check.address("edit_uri", config.get("edit_uri"))
    for index, item in enumerate(config.get("extra_css") or []):
        check.site_file(f"extra_css, item {index + 1}", item)
    for index, item in enumerate(config.get("extra_javascript") or []):
        check.site_file(f"extra_javascript, item {index + 1}", item)
    theme = config.get("theme")
    for field in ("logo", "favicon"):
        check.site_file(f"theme.{field}", theme.get(field) if theme else None)
    _check_nav(check, config.get("nav") or [], "nav")
    extra = config.get("extra") or {}
    check.address("extra.homepage", extra.get("homepage"))
    for list_name in ("social", "alternate"):
        for index, item in enumerate(extra.get(list_name) or []):
            if isinstance(item, dict):
                check.address(f"extra.{list_name}, item {index + 1}, link", item.get("link"))
                check.plain_text(f"extra.{list_name}, item {index + 1}, name", item.get("name"))
    consent = extra.get("consent")
    if isinstance(consent, dict):
        for field in ("title", "description"):
            check.plain_text(f"extra.consent.{field}", consent.get(field))
    return duplicate_key_problems(config_text) + check.problems


def duplicate_key_problems(config_text: str) -> list[ContentProblem]:
    """MkDocs keeps the last of two settings with the same name, silently: `currency: GBP` and,
    further down, `currency: EUR` priced the site in euros."""
    root = compose_lines(config_text, CONFIG_PATH).node
    problems = []
    pending: list[tuple[Any, str, str]] = [(root, "", "")] if root is not None else []
    while pending:  # a loop, not recursion: the nesting is the editor's
        node, where, joiner = pending.pop()  # joiner: '.' under a setting, ', ' under a list item
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                field = f"{where}{joiner}{name}"
                if name is not None and name in seen:
                    problems.append(
                        ContentProblem(
                            CONFIG_PATH,
                            field,
                            f"the setting '{name}' is written twice (first on line {seen[name]}); MkDocs would keep only the last",
                            "each setting once",
                            line=key.start_mark.line + 1,
                        )
                    )
                elif name is not None:
                    seen[name] = key.start_mark.line + 1
                pending.append((value, field, "."))
        elif isinstance(node, yaml.SequenceNode):
            pending += [(item, f"{where}, item {index + 1}", ", ") for index, item in enumerate(node.value)]
    return sorted(problems, key=lambda problem: problem.line or 0)


def _check_nav(check: _Checker, items: Any, field: str) -> None:
    """Nav titles are page titles (plain text); a nav entry that is an address must be a safe one."""
    if isinstance(items, str):
        if ":" in items.split("/", 1)[0] or items.startswith("//"):
            check.address(field, items)
        return
    if isinstance(items, dict):
        for title, target in items.items():
            check.plain_text(f"{field}: {title}", title)
            _check_nav(check, target, f"{field}: {title}")
        return
    if isinstance(items, list):
        for item in items:
            _check_nav(check, item, field)
