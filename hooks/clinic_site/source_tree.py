"""What the build may read from disk, checked before MkDocs reads anything (`on_pre_build`).

MkDocs publishes every file under docs/ and follows symbolic links while it looks for them, so a
link in docs/ (to `/proc/self/environ`, `../mkdocs.yml`, a folder of private files) published
whatever it pointed at, a link to its own folder made the search endless, and a dangling one gave
a traceback. Templates in overrides/ and data files are read the same way. So, in docs/, data/
and overrides/:

- no symbolic links (dangling or not), no hard links to files elsewhere, nothing but plain files
  and folders (a named pipe would make the build wait forever);
- Markdown and YAML files of a sensible size, in UTF-8;
- in docs/: file names without characters that break addresses or markup (a file's name becomes
  its page's title and address), no HTML, XML or XHTML files (they would be published as they
  are, without the site's checks), and SVG images without scripts or links to other sites (an
  SVG opened on its own runs its scripts).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from clinic_site.active_content import svg_problems
from clinic_site.images import MAX_PIXELS
from clinic_site.problems import ContentError, ContentProblem
from clinic_site.yaml_documents import decode_text

CHECKED_FOLDERS = ("data", "overrides")  # beside mkdocs.yml; docs_dir is checked as configured
MAX_TEXT_BYTES = 1_000_000  # a Markdown page or YAML file; the largest today is 4.5 KB
TEXT_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff")
UNCHECKED_DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".xht", ".xml", ".xsl", ".xslt", ".mht", ".mhtml")
# Folders of docs/ that hold developers' code, reviewed like code, not editors' pages: the web editor.
DEVELOPER_FOLDERS = ("admin",)
UNSAFE_NAME = re.compile(r"[<>\"'`&\\\x00-\x1f\x7f]")
LINK_ACCEPTED = (
    "a real file or folder: copy the file into the folder instead of linking to it "
    "(a link could publish files from elsewhere on the computer)"
)


def source_problems(root: Path, docs_dir: Path) -> list[ContentProblem]:
    """Every problem in docs_dir and in root's data/ and overrides/ folders."""
    resolved = docs_dir.resolve()
    if not resolved.is_relative_to(root.resolve()) or resolved == root.resolve():
        # MkDocs would publish whatever that folder holds (a home folder, /etc...).
        return [
            ContentProblem(
                "mkdocs.yml",
                "docs_dir",
                f"{str(docs_dir)!r} is not a folder inside the project",
                "a folder inside the project beside mkdocs.yml, normally docs (leave docs_dir out)",
            )
        ]
    problems = []
    for folder, shown in [(docs_dir, _shown(root, docs_dir)), *((root / name, name) for name in CHECKED_FOLDERS)]:
        if folder.is_symlink():
            problems.append(_link_problem(folder, shown))
        elif folder.is_dir():
            problems += _walk(folder, shown, is_docs=folder == docs_dir)
    return problems


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _walk(folder: Path, shown: str, *, is_docs: bool) -> list[ContentProblem]:
    problems = []
    pending = [(folder, shown, False)]
    while pending:
        directory, shown_dir, developer_code = pending.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            problems.append(
                ContentProblem(shown_dir, "folder", f"the folder cannot be read ({error.strerror})", "a readable folder")
            )
            continue
        for entry in entries:
            shown_as = f"{shown_dir}/{entry.name}"
            if entry.is_symlink():
                problems.append(_link_problem(Path(entry.path), shown_as))
                continue
            if is_docs and UNSAFE_NAME.search(entry.name):
                problems.append(
                    ContentProblem(
                        shown_as,
                        "file name",
                        f"the name {entry.name!r} contains a character that breaks web addresses or page titles",
                        "letters, digits, hyphens, underscores and dots, e.g. laser-genesis.md",
                    )
                )
                continue
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                top_level_code = is_docs and directory == folder and entry.name in DEVELOPER_FOLDERS
                pending.append((Path(entry.path), shown_as, developer_code or top_level_code))
            elif not stat.S_ISREG(info.st_mode):
                problems.append(
                    ContentProblem(shown_as, "file", "this is not a plain file (a pipe, socket or device)", "a plain file")
                )
            elif info.st_nlink > 1:
                problems.append(
                    ContentProblem(
                        shown_as, "file", "this file is a hard link: the same file also lives elsewhere", LINK_ACCEPTED
                    )
                )
            else:
                problems += _file_problems(Path(entry.path), shown_as, info.st_size, is_docs and not developer_code)
    return problems


def _file_problems(path: Path, shown_as: str, size: int, is_docs: bool) -> list[ContentProblem]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES and size > MAX_TEXT_BYTES:
        return [
            ContentProblem(
                shown_as,
                "file",
                f"the file is {size:,} bytes long",
                f"at most {MAX_TEXT_BYTES:,} bytes (split a long page into several)",
            )
        ]
    if suffix in TEXT_SUFFIXES:  # MkDocs and the YAML loaders stop with a traceback on other encodings
        try:
            decode_text(path.read_bytes(), shown_as)
        except ContentError as error:
            return error.problems
    if not is_docs:
        return []
    if suffix in UNCHECKED_DOCUMENT_SUFFIXES:
        return [
            ContentProblem(
                shown_as,
                "file",
                f"{suffix} files in docs/ would be published as they are, without the site's checks or layout",
                "pages written in Markdown (.md); ask a developer if a file must be published as it is",
            )
        ]
    if suffix == ".svg":
        return svg_problems(path.read_bytes(), shown_as)
    if suffix in RASTER_SUFFIXES:
        return _picture_size_problems(path, shown_as)
    return []


def _picture_size_problems(path: Path, shown_as: str) -> list[ContentProblem]:
    """A picture whose header claims more pixels than a phone can decode (a 'decompression bomb'),
    whether a page's front matter or its Markdown shows it. Only the header is read."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                pixels = f"{image.width * image.height:,}" if image.width * image.height > MAX_PIXELS else None
    except Image.DecompressionBombError:
        pixels = f"more than {MAX_PIXELS:,}"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return []  # not a picture: reported where a page uses it
    if pixels is None:
        return []
    return [
        ContentProblem(
            shown_as,
            "image",
            f"the picture has {pixels} pixels, too many for readers' phones to open",
            f"a picture of at most {MAX_PIXELS:,} pixels (e.g. 6000 x 4000): save it again at a smaller size",
        )
    ]


def _link_problem(path: Path, shown_as: str) -> ContentProblem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    leads = ", which does not exist" if not path.exists() else ""
    return ContentProblem(shown_as, "file", f"this is a symbolic link to {target!r}{leads}", LINK_ACCEPTED)
