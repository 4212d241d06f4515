"""File names editors give that publish something wrong.

- A treatment page's file name is its address (/treatments/laser-genesis/) and its key in the
  comparison table's options, the chooser's links and the feed. 'Pen Two.md' or 'péel.md'
  published /treatments/Pen Two/ and a key no marker option can name (options are separated by
  spaces and commas), so treatment file names (and their folders) are lowercase words joined by
  hyphens.
- A copy of a page that is not Markdown to MkDocs ('pen.md.txt', saved by Notepad with hidden
  extensions; 'pen.md.bak', 'pen.md~', 'pen.md.orig' left by editors and merge tools) is
  published as a raw file, front matter, drafts and all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from clinic_site.catalogue import TREATMENTS_DIR, is_treatment_page, suggested_key
from clinic_site.problems import ContentProblem

KEY_PART = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# 'pen.md.txt', 'pen.markdown.bak', 'pen.md~': a Markdown page's name with something after it.
MARKDOWN_COPY = re.compile(r"\.(?:md|markdown)[.~_ -]", re.IGNORECASE)
BACKUP_ENDINGS = ("~", ".bak", ".orig", ".old", ".tmp", ".swp", ".rej")


def treatment_file_name_problems(src_uris: Iterable[str], docs_name: str) -> list[ContentProblem]:
    problems = []
    for src_uri in src_uris:
        if not is_treatment_page(src_uri):
            continue
        path = PurePosixPath(src_uri.removeprefix(TREATMENTS_DIR))
        parts = [*path.parent.parts, path.stem]
        bad = next((part for part in parts if not KEY_PART.match(part)), None)
        if bad is None:
            continue
        renamed = "/".join(suggested_key(part) for part in parts) + path.suffix
        problems.append(
            ContentProblem(
                f"{docs_name}/{src_uri}",
                "file name",
                f"'{bad}' is not usable in a treatment's address and key (they are made from its file and folder names)",
                f"lowercase letters, digits and single hyphens, e.g. laser-genesis.md (rename it to {TREATMENTS_DIR}{renamed})",
            )
        )
    return problems


def stray_copy_problems(other_files: Iterable[str], docs_name: str) -> list[ContentProblem]:
    """Files MkDocs would publish as they are that are copies of pages or editors' leftovers."""
    problems = []
    for src_uri in other_files:
        name = PurePosixPath(src_uri).name
        if MARKDOWN_COPY.search(name) or name.lower().endswith(BACKUP_ENDINGS):
            problems.append(
                ContentProblem(
                    f"{docs_name}/{src_uri}",
                    "file name",
                    f"'{name}' looks like a copy of a page or a backup, and would be published as it is, for anyone to read",
                    "only the pages themselves in docs/ (names ending in .md): delete the copy or move it out of docs/",
                )
            )
    return problems
