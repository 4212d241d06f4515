"""A small site of the tests' own: the project's machinery (mkdocs.yml, hooks, templates, data) with a
handful of pages written here, so tests never depend on the demo content's wording or line numbers.

`build_in_process` runs the real MkDocs build in this process (about ten times faster than a
subprocess) and returns what the editor would read: each content problem and warning as a line.
`tests.support.sites.build` remains for the few tests of exactly what the terminal shows.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from tests.support.sites import ROOT, replace_in

__all__ = ["PEN", "InProcessBuild", "build_in_process", "line_of", "replace_in", "small_project"]

PEN = "docs/treatments/pen.md"
SOURCE = {"title": "Microneedling", "publisher": "NHS", "url": "https://www.nhs.uk/x/", "checked": "2026-11-21"}

TREATMENT = """---
title: Microneedling pen (test)
description: A pen with fine needles prompts the skin to renew itself.
treatment:
  name: Pen
  category: collagen-induction
  summary: Fine needles prompt the skin to make new collagen.
  concerns:
    - acne-scars
    - fine-lines
  numbing: topical-cream
  feels:
    level: mild
  session_minutes: 30-60
  sessions: 3-6
  interval_weeks: 2-4
  downtime_days: 1-3
  downtime_effects:
    - redness
  results_weeks: 12-24
  sun_protection:
    spf: 30
    weeks: 2
  price_from: 200
  risks:
    - Redness and swelling
  sources:
    - title: Microneedling
      publisher: NHS
      url: https://www.nhs.uk/x/
      checked: 2026-11-21
      supports:
        - sessions
        - interval_weeks
        - downtime_days
        - results_weeks
        - sun_protection
  order: 30
  reviewed:
    by: Clinical lead
    on: 2026-11-01
---

## What it is

A test page about a pen.
"""

PAGES = {
    "index.md": "---\ntitle: Home\ndescription: The test clinic.\ntemplate: home.html\n---\n\nWelcome.\n",
    "treatments/index.md": "---\ntitle: Treatments\ndescription: Every treatment.\n---\n\n<!-- treatment-list -->\n",
    "compare.md": (
        "---\ntitle: Compare treatments\ndescription: Side by side.\n---\n\nThe table:\n\n"
        "<!-- treatment-chooser -->\n\n<!-- comparison-table -->\n"
    ),
    "concerns/index.md": "---\ntitle: Skin concerns\ndescription: What would you like to improve?\n---\n\n<!-- concern-links -->\n",
    "consultation.md": "---\ntitle: Book a consultation\ndescription: How to book.\n---\n\n<!-- clinic-contact -->\n",
    "privacy.md": "---\ntitle: Privacy\ndescription: Your privacy.\n---\n\nWe collect nothing.\n",
    "treatments/pen.md": TREATMENT,
}
MACHINERY = ("mkdocs.yml", "hooks", "overrides", "data")


def small_project(destination: Path, pages: dict[str, str] | None = None) -> Path:
    """The project's machinery with the small pages (or `pages` in their place)."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in MACHINERY:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "concerns"))
        else:
            shutil.copy2(source, destination / part)
    for src_uri, text in (PAGES if pages is None else pages).items():
        (destination / "docs" / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (destination / "docs" / src_uri).write_text(text, encoding="utf-8")
    for asset in ("stylesheets", "javascripts", "images"):  # files the theme links to
        shutil.copytree(ROOT / "docs" / asset, destination / "docs" / asset)
    return destination


def line_of(path: Path, text: str) -> int:
    """The line (1-based) of the first line of `path` that contains `text`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not found in {path}")


@dataclass
class InProcessBuild:
    ok: bool
    errors: list[str]  # the content problems that stopped the build, one per line
    warnings: list[str]  # warnings MkDocs printed (strict mode fails on them)
    site_dir: Path
    failure: str = ""  # the exception's message when the build stopped
    records: list[logging.LogRecord] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        """Every line an editor must act on: errors, then warnings."""
        return self.errors + self.warnings


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_in_process(project: Path, env: dict[str, str] | None = None) -> InProcessBuild:
    """The real `mkdocs build --strict` of `project`, run here; nothing is published on failure."""
    site_dir = project / "site"
    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    failure = ""
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except MkDocsException as error:  # MkDocs logs a PluginError's message, then aborts
        logged = [record.getMessage() for record in collect.records if record.levelno >= logging.ERROR]
        failure = "\n".join(logged) or str(error) or type(error).__name__
    finally:
        logger.removeHandler(collect)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    errors = [line.removeprefix("  - ") for line in failure.splitlines() if line.startswith("  - ")]
    warnings = [record.getMessage() for record in collect.records if record.levelno == logging.WARNING]
    return InProcessBuild(not failure, errors, warnings, site_dir, failure, collect.records)
