"""Titles and labels are plain text: markup in one is an editor error, not something to escape.

Templates escape every value, but a page's title also reaches `search/search_index.json`, and
Material's search shows titles from there as HTML: `title: <img src=x onerror=...>` ran script
on every page as soon as a reader searched. So the values that become page titles are refused
when they contain markup (see `safe_values.PlainText`):

- the `title` in any page's front matter,
- a treatment's `name` (the title of its page when `title` is left out),
- vocabulary labels (a concern's label is the title of its generated page),
- nav titles in mkdocs.yml (checked in config_values).

Text such as `PRP, our "vampire facial"` or `Before & after` is fine: only a `<` that starts a
tag is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from clinic_site.active_content import line_of
from clinic_site.catalogue import Catalogue, SourcePage
from clinic_site.frontmatter import FrontMatter
from clinic_site.problems import ContentProblem, show_value
from clinic_site.safe_values import PLAIN_TEXT_ACCEPTED, plain_text_problem
from clinic_site.vocabulary import Vocabularies

TITLE_USE = "titles are shown in the browser tab, search results and link previews as text"


def title_problems(
    pages: Iterable[SourcePage], front_matters: dict[str, FrontMatter], catalogue: Catalogue
) -> list[ContentProblem]:
    problems = []
    for page in pages:
        front_matter = front_matters.get(page.src_uri)
        title = front_matter.data.get("title") if front_matter else None
        if front_matter and isinstance(title, str) and (problem := plain_text_problem(title, hidden_characters=False)):
            problems.append(_problem(page.shown_as, "title", title, problem, front_matter.line_of(("title",))))
    for entry in catalogue:
        if problem := plain_text_problem(entry.name, hidden_characters=False):  # hidden ones: the model
            line = front_matters[entry.src_uri].line_of(("treatment", "name")) if entry.src_uri in front_matters else None
            problems.append(_problem(entry.shown_as, "treatment.name", entry.name, problem, line))
    return problems


def label_problems(vocabularies: Vocabularies, source_text: str) -> list[ContentProblem]:
    """Vocabulary labels with markup (`source_text`, the file's text, gives the line)."""
    problems = []
    for name, vocabulary in vocabularies.by_name.items():
        for term in vocabulary.terms.values():
            if problem := plain_text_problem(term.label):
                line = line_of(source_text, (term.label,))
                problems.append(_problem(vocabularies.source, f"{name}.{term.key}.label", term.label, problem, line))
    return problems


def _problem(path: str, field: str, value: str, problem: str, line: int | None) -> ContentProblem:
    return ContentProblem(path, field, f"{show_value(value)}: {problem}; {TITLE_USE}", PLAIN_TEXT_ACCEPTED, line=line)
