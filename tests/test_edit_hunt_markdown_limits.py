"""Markdown written to break Python-Markdown fails in a second with a message instead of a
RecursionError traceback (lists nested 600 deep, `<div markdown>` nested 2,000 deep) or minutes of
CPU (50,000 '[' or '<' in a paragraph), on pages and in concern introductions; ordinary pages, and
code blocks of any shape, are untouched.

Built with the real MkDocs build of the tests' small site (tests/support/small_site.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.edit_hunt import build_problems
from tests.support.small_site import PEN, build_in_process, replace_in, small_project

ACCEPTED = "Accepted: a page of ordinary shape: {what} (split the text, or ask a developer for a page this complex)."
HOSTILE = {
    "deep list": (
        "\n".join("    " * level + "- x" for level in range(600)),
        "a line is indented 84 spaces",
        "lists and notes at most 80 spaces deep",
    ),
    "brackets": ("[" * 50_000 + "x", "a paragraph holds more than 300 '['", "at most 300 links or '[' per paragraph"),
    "tags": ("<a " * 30_000, "a paragraph holds more than 1000 '<'", "at most 1000 HTML tags or '<' per paragraph"),
    "quotes": (
        "\n".join(">" * level + " x" for level in range(1, 400)),
        "quotes are nested 21 deep",
        "at most 20 quotes inside each other",
    ),
    "markdown blocks": (
        "".join(f'<div markdown="1">\n\n{n}\n\n' for n in range(2000)) + "</div>\n\n" * 2000,
        "the page has 2000 HTML blocks with a markdown attribute",
        "at most 100 such blocks",
    ),
}


@pytest.fixture
def site(tmp_path) -> Path:
    return small_project(tmp_path / "site")


@pytest.mark.timeout(60)  # a hang fails the test instead of stalling the suite
@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("page", [PEN, "docs/privacy.md", "data/concerns/acne-scars.md"])
def test_markdown_built_to_break_the_converter_is_refused_quickly(site, page, kind):
    body, problem, what = HOSTILE[kind]
    file = site / page
    if page == PEN:
        replace_in(file, "A test page about a pen.", body)
    elif page == "docs/privacy.md":
        replace_in(file, "We collect nothing.", body)
    else:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(body + "\n", encoding="utf-8")
    messages = build_problems(site)  # converting such a page took minutes or overflowed the stack
    [line] = [message for message in messages if problem in message]
    assert line.startswith(f"{page}, line ")
    assert line.endswith(f": page content: {problem}. " + ACCEPTED.format(what=what))


def test_code_blocks_of_any_shape_and_ordinary_nesting_are_published(site):
    code = "```text\n" + "\n".join(" " * 200 + "[" * 400 for _ in range(3)) + "\n```\n\n"
    nesting = (
        "\n".join("    " * level + "- level" for level in range(8))
        + "\n\n> > > quoted\n\n[NHS](https://www.nhs.uk/) and [BAD](https://www.bad.org.uk/)."
    )
    replace_in(site / PEN, "A test page about a pen.", code + nesting)
    result = build_in_process(site)
    assert result.ok, result.messages
    html = (result.site_dir / "treatments/pen/index.html").read_text(encoding="utf-8")
    assert "[" * 400 in html and 'href="https://www.bad.org.uk/"' in html


def test_a_concern_introduction_with_another_extension_is_reported(site):
    (site / "data/concerns").mkdir(exist_ok=True)
    (site / "data/concerns/acne-scars.txt").write_text("Acne can leave marks.\n", encoding="utf-8")
    assert build_problems(site) == [
        "data/concerns/acne-scars.txt: file name: 'acne-scars.txt' is not read: introductions are Markdown files ending "
        "in .md. Accepted: the file renamed to acne-scars.md, or removed from data/concerns/."
    ]
