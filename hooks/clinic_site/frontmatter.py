"""Strict reading of a page's YAML front matter.

MkDocs swallows front matter that is not valid YAML: the page gets no metadata and the YAML is
printed into the body. We read every page's front matter ourselves (yaml_documents.py: the same
rules for every YAML an editor writes), so that mistake fails the build with the YAML error's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mkdocs.utils.meta import META_RE as MULTIMARKDOWN_META
from mkdocs.utils.meta import get_data

from clinic_site.problems import ContentError, ContentProblem, show_value
from clinic_site.yaml_documents import YamlDocument, parse_yaml

# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE), so we see exactly what it sees.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
EMPTY_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*(?:\n|$)")
UNCLOSED_START = re.compile(r"^-{3}[ \t]*\n")


@dataclass(frozen=True)
class FrontMatter:
    document: YamlDocument
    present: bool  # False when the page has no front matter block at all
    end: int = 0  # offset in the page's source just after the closing ---

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data if self.present else {}

    def line_of(self, loc: tuple) -> int | None:
        """The file line where the field at `loc` (e.g. ('treatment', 'sessions')) is written."""
        return self.document.line_of(loc)

    def body_of(self, source: str) -> tuple[str, int]:
        """The Markdown body MkDocs renders (mkdocs.utils.meta.get_data) and the file line it starts on."""
        if self.present:
            body = source[self.end :].lstrip("\n")
        elif MULTIMARKDOWN_META.match(source):  # MkDocs also strips 'key: value' lines without ---
            body = get_data(source)[0]
        else:
            return source, 1
        return body, source.count("\n", 0, len(source) - len(body)) + 1


def read_front_matter(source: str, path: str) -> FrontMatter:
    """Parse the front matter of a Markdown page, or raise ContentError naming the line."""
    match = FRONT_MATTER.match(source)
    if not match:
        if EMPTY_FRONT_MATTER.match(source):
            raise ContentError(
                [
                    ContentProblem(
                        path,
                        "front matter",
                        "the front matter between the two '---' lines is empty",
                        "fields between the lines, at least 'title:' and 'description:'; or delete both '---' lines",
                        line=1,
                    )
                ]
            )
        if UNCLOSED_START.match(source):
            raise ContentError(
                [
                    ContentProblem(
                        path,
                        "front matter",
                        "the page starts with '---' but the front matter is never closed",
                        "a second line of exactly '---' after the last field",
                        line=1,
                    )
                ]
            )
        return FrontMatter(YamlDocument({}, path), present=False)
    document = parse_yaml(match.group(1), path, first_line=2, field="front matter")
    if document.data is None:
        document = YamlDocument({}, path, document.node, 2)
    if not isinstance(document.data, dict):
        raise ContentError(
            [
                ContentProblem(
                    path,
                    "front matter",
                    f"the front matter is {show_value(document.data)}, not a list of fields",
                    "lines of the form 'field: value'",
                    line=2,
                )
            ]
        )
    return FrontMatter(document, present=True, end=match.end())
