"""Concern pages: "What would you like to improve?", generated from the concerns vocabulary and the
treatments' front matter, with no hand-kept lists.

- A concern gets a page at `/concerns/<key>/` only when at least one treatment lists it, and every
  list of concern links uses the same rule, so no link ever points at a missing page.
- The page opens with an introduction: the editor's optional Markdown file `data/concerns/<key>.md`,
  otherwise the concern's `description` in data/vocabulary.yml. Then come the treatments for the
  concern as cards and the comparison table filtered to them (the ordinary markers render both).
- Introductions live in `data/`, not in `docs/concerns/`: a Markdown file in docs/ is published as a
  page of its own and would clash with the generated one. A file in docs/ at a generated page's
  path is an editor error that says where the introduction belongs. `docs/concerns/index.md`, the
  overview of all concerns, is an ordinary page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from clinic_site.catalogue import Catalogue, SourcePage, TreatmentEntry
from clinic_site.facts import lower_first
from clinic_site.markdown_limits import markdown_shape_problems
from clinic_site.problems import ContentProblem, did_you_mean
from clinic_site.vocabulary import Term, Vocabulary

CONCERNS_DIR = "concerns/"
INTRO_DIR = "data/concerns"  # relative to the project root (beside mkdocs.yml)


@dataclass(frozen=True)
class ConcernPage:
    """One generated concern page, before MkDocs has a File for it."""

    term: Term
    treatments: tuple[TreatmentEntry, ...]
    intro: str | None  # the editor's Markdown, or None: the vocabulary's description is shown

    @property
    def intro_file(self) -> str | None:
        """The introduction's file as editors know it, when there is one."""
        return f"{INTRO_DIR}/{self.key}.md" if self.intro is not None else None

    @property
    def key(self) -> str:
        return self.term.key

    @property
    def label(self) -> str:
        return self.term.label

    @property
    def src_uri(self) -> str:
        return f"{CONCERNS_DIR}{self.key}.md"


def concerns_with_treatments(catalogue: Catalogue) -> list[tuple[Term, tuple[TreatmentEntry, ...]]]:
    """(concern, its treatments in table order), in vocabulary order, only concerns some treatment lists."""
    ordered = catalogue.sorted()
    found = []
    for term in catalogue.vocabularies["concerns"].terms.values():
        members = tuple(e for e in ordered if term.key in e.treatment.concerns)
        if members:
            found.append((term, members))
    return found


def read_intros(directory: Path, shown_dir: str, concerns: Vocabulary) -> tuple[dict[str, str], list[ContentProblem]]:
    """The editors' introductions `<directory>/<concern key>.md`; a file named after no concern is an error."""
    intros: dict[str, str] = {}
    problems: list[ContentProblem] = []
    if not directory.is_dir():
        return intros, problems
    for path in sorted(directory.glob("*.md")):
        shown_as = f"{shown_dir}/{path.name}"
        key = path.stem
        if key not in concerns:
            hint = did_you_mean(key, concerns.keys())
            problems.append(
                ContentProblem(
                    shown_as,
                    "file name",
                    f"'{key}' is not a concern" + (f" (did you mean '{hint}.md'?)" if hint else ""),
                    "a concern key of data/vocabulary.yml followed by .md: " + ", ".join(f"{k}.md" for k in concerns),
                )
            )
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            problems.append(
                ContentProblem(
                    shown_as,
                    "(whole file)",
                    f"the file is not UTF-8 text (byte {error.start} cannot be read)",
                    "a plain text file saved as UTF-8 (every editor can 'save with encoding UTF-8')",
                )
            )
            continue
        if text.lstrip().startswith("---"):
            problems.append(
                ContentProblem(
                    shown_as,
                    "front matter",
                    "an introduction has no front matter",
                    f"plain Markdown only: the page title is the concern's label in data/vocabulary.yml ('{concerns.label(key)}')",
                    line=1,
                )
            )
            continue
        if shape_problems := markdown_shape_problems(text, shown_as):  # never converted
            problems += shape_problems
            continue
        intros[key] = text.strip()
    for path in sorted(directory.iterdir()):  # 'acne-scars.txt' meant as an introduction (notes.txt may stay)
        if path.suffix != ".md" and path.name.split(".")[0] in concerns:
            problems.append(
                ContentProblem(
                    f"{shown_dir}/{path.name}",
                    "file name",
                    f"'{path.name}' is not read: introductions are Markdown files ending in .md",
                    f"the file renamed to {path.name.split('.')[0]}.md, or removed from {shown_dir}/",
                )
            )
    return intros, problems


def concern_pages(catalogue: Catalogue, intros: dict[str, str]) -> list[ConcernPage]:
    return [ConcernPage(term, members, intros.get(term.key)) for term, members in concerns_with_treatments(catalogue)]


def clashes(pages: Iterable[ConcernPage], sources: Iterable[SourcePage], docs_name: str) -> list[ContentProblem]:
    """Pages in docs/ that would be published where a concern page is generated."""
    wanted = {page.src_uri: page for page in pages}
    by_dir_url = {f"{CONCERNS_DIR}{page.key}/": page for page in pages}
    problems = []
    for source in sources:
        page = wanted.get(source.src_uri) or by_dir_url.get(source.url)
        if page is not None:
            problems.append(
                ContentProblem(
                    source.shown_as,
                    "file",
                    f"the page for the concern '{page.key}' is generated from data/vocabulary.yml and the treatments",
                    f"write its introduction in {INTRO_DIR}/{page.key}.md (plain Markdown) and delete {source.shown_as} "
                    f"(only {docs_name}/{CONCERNS_DIR}index.md, the overview, is written by hand)",
                )
            )
    return problems


def page_markdown(page: ConcernPage) -> str:
    """The Markdown of a concern page: front matter, introduction, then the markers for cards and table."""
    front_matter = yaml.safe_dump(
        {
            "title": page.label,
            "description": f"Treatments that may help with {lower_first(page.label)}: what each involves and how they compare.",
            "template": "concern.html",
            "hide": ["navigation", "toc"],  # the full width, so the comparison is a table on a desktop screen
        },
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    intro = page.intro if page.intro is not None else f"<!-- concern-description concern={page.key} -->"
    return (
        f"---\n{front_matter}---\n\n{intro}\n\n"
        f"## Treatments that may help\n\n<!-- treatment-cards concern={page.key} -->\n\n"
        f"## Compared side by side\n\n<!-- comparison-table concern={page.key} -->\n"
    )


def chooser_data(catalogue: Catalogue) -> dict:
    """What the chooser's controls offer: concerns that have treatments, and every treatment."""
    return {
        "concerns": [{"key": term.key, "label": term.label} for term, _ in concerns_with_treatments(catalogue)],
        "treatments": [{"slug": e.slug, "name": e.name, "concerns": e.treatment.concerns} for e in catalogue.select()],
    }
