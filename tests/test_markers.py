"""Markers follow Python-Markdown's own idea of what is code, and each page's markers are checked
once (issue 12: markers and code blocks; once-per-page markers)."""

from __future__ import annotations

import markdown
import pytest

from clinic_site.catalogue import Catalogue
from clinic_site.markers import CodeFinder, find_markers
from clinic_site.page_markers import BY_NAME, marker_table
from tests.helpers_content import vocabularies

EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences"]
PAGE = "docs/page.md"


def found(body: str, first_line: int = 1):
    code = CodeFinder(lambda: markdown.Markdown(extensions=EXTENSIONS))
    calls, problems = find_markers(body, BY_NAME, PAGE, Catalogue((), vocabularies()), code, first_line)
    return [(c.name, c.line) for c in calls], [str(p) for p in problems]


def test_a_marker_on_its_own_line_is_found_with_its_file_line():
    assert found("Intro.\n\n<!-- comparison-table -->\n", first_line=5) == ([("comparison-table", 7)], [])


@pytest.mark.parametrize(
    "body",
    [
        "Example:\n\n    <!-- comparison-table -->\n",  # four-space indented code block
        "````markdown\n```\n<!-- comparison-table -->\n```\n````\n",  # inside a four-backtick fence
        "~~~\n<!-- comparison-table -->\n~~~\n",
        "- item\n\n    ```\n    <!-- comparison-table -->\n    ```\n",  # a fence inside a list item
    ],
)
def test_a_marker_shown_as_code_is_text_not_a_marker(body):
    assert found(body) == ([], [])


def test_a_tilde_fence_containing_backticks_does_not_hide_the_marker_after_it():
    body = "~~~\nsome ``` text\n~~~\n\n<!-- comparison-table -->\n"
    assert found(body) == ([("comparison-table", 5)], [])


def test_a_misspelt_marker_in_code_is_not_an_error():
    assert found("```\n<!-- comparison-tabel -->\n```\n") == ([], [])


def test_a_once_per_page_marker_twice_is_an_error_naming_both_lines():
    calls, problems = found("<!-- treatment-chooser -->\n\n<!-- comparison-table -->\n\n<!-- treatment-chooser -->\n")
    assert calls == [("treatment-chooser", 1), ("comparison-table", 3)]
    assert problems == [
        f"{PAGE}, line 5: marker 'treatment-chooser': the marker is already on this page (line 1). "
        "Accepted: '<!-- treatment-chooser -->' once per page."
    ]


def test_a_required_option_left_out_is_an_error():
    _, problems = found("<!-- concern-description -->\n")
    assert problems == [
        f"{PAGE}, line 1: marker 'concern-description': the option 'concern' is missing. Accepted: concern= one concern key."
    ]


def test_an_option_given_twice_is_an_error():
    _, problems = found("<!-- comparison-table concern=acne-scars concern=fine-lines -->\n")
    assert problems == [
        f"{PAGE}, line 1: marker 'comparison-table': the option 'concern' is given twice. Accepted: category= category keys; "
        "concern= concern keys; treatments= treatment file names; columns= column names."
    ]


def test_an_inline_marker_in_text_is_an_error_but_not_in_inline_code():
    _, problems = found("Here <!-- comparison-table --> it is.\n\nAnd `<!-- comparison-table -->` is code.\n")
    assert problems == [
        f"{PAGE}, line 1: marker 'comparison-table': the marker shares its line with other text. "
        "Accepted: the marker alone on a line of its own, e.g. '<!-- comparison-table -->'."
    ]


def test_the_editors_marker_table_comes_from_the_registry():
    table = marker_table()
    for name, marker in BY_NAME.items():
        assert f"| `{marker.usage}` |" in table, name
    assert "`<!-- concern-description concern=KEY -->`" in table
