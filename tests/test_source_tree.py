"""Nothing outside docs/ is published: symbolic links (to files, folders, /proc/self/environ,
../mkdocs.yml, dangling or looping), hard links and special files in docs/, data/ and overrides/
are refused with an editor message before MkDocs reads anything, without a traceback."""

from __future__ import annotations

import os

import pytest

from clinic_site.source_tree import MAX_TEXT_BYTES, source_problems
from tests.support.sites import build

ACCEPTED = "a real file or folder: copy the file into the folder instead of linking to it"


def problems_in(project) -> list[str]:
    return [f"{p.path}: {p.problem}" for p in source_problems(project, project / "docs")]


@pytest.mark.parametrize(
    ("name", "target", "expected"),
    [
        ("environ.txt", "/proc/self/environ", "docs/environ.txt: this is a symbolic link to '/proc/self/environ'"),
        ("settings.md", "../mkdocs.yml", "docs/settings.md: this is a symbolic link to '../mkdocs.yml'"),
        ("etc", "/etc", "docs/etc: this is a symbolic link to '/etc'"),
        ("gone.md", "does-not-exist.md", "docs/gone.md: this is a symbolic link to 'does-not-exist.md', which does not exist"),
        ("loop", ".", "docs/loop: this is a symbolic link to '.'"),
    ],
)
def test_a_symbolic_link_in_docs_is_refused(project, name, target, expected):
    os.symlink(target, project / "docs" / name)
    assert problems_in(project) == [expected]


def test_links_deeper_in_docs_and_in_data_and_overrides_are_refused(project):
    os.symlink("/etc/passwd", project / "docs" / "images" / "photo.jpg")
    os.symlink("/etc/hostname", project / "data" / "concerns" / "texture.md")
    os.symlink("/etc/passwd", project / "overrides" / "partials" / "clinic" / "extra.html")
    assert problems_in(project) == [
        "docs/images/photo.jpg: this is a symbolic link to '/etc/passwd'",
        "data/concerns/texture.md: this is a symbolic link to '/etc/hostname'",
        "overrides/partials/clinic/extra.html: this is a symbolic link to '/etc/passwd'",
    ]


def test_docs_itself_as_a_link_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "docs")
    assert [p.path for p in source_problems(tmp_path, tmp_path / "docs")] == ["docs"]


def test_hard_links_pipes_and_unsafe_names_are_refused(project, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    os.link(outside, project / "docs" / "notes.txt")
    os.mkfifo(project / "docs" / "pipe.md")
    (project / "docs" / "<img src=x onerror=alert(1)>.md").write_text("# Hi\n", encoding="utf-8")
    assert problems_in(project) == [
        "docs/<img src=x onerror=alert(1)>.md: the name '<img src=x onerror=alert(1)>.md' contains a character that "
        "breaks web addresses or page titles",
        "docs/notes.txt: this file is a hard link: the same file also lives elsewhere",
        "docs/pipe.md: this is not a plain file (a pipe, socket or device)",
    ]


def test_a_huge_page_is_refused_before_it_is_read(project):
    with open(project / "docs" / "huge.md", "wb") as huge:
        huge.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing is written, and nothing should be read
    assert problems_in(project) == [f"docs/huge.md: the file is {MAX_TEXT_BYTES + 1:,} bytes long"]


def test_a_page_or_data_file_that_is_not_utf8_is_refused(project):
    (project / "docs" / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    (project / "data" / "vocabulary.yml").write_bytes(b"categories:\n  \xff: x\n")
    assert problems_in(project) == [
        "docs/latin1.md: the file is not saved as UTF-8 text (byte 0xE9 cannot be read; Windows editors often save as "
        "'ANSI' or 'Windows-1252')",
        "data/vocabulary.yml: the file is not saved as UTF-8 text (byte 0xFF cannot be read; Windows editors often save "
        "as 'ANSI' or 'Windows-1252')",
    ]


def test_the_demo_project_has_no_problems(project):
    assert problems_in(project) == []


def test_the_build_says_which_link_to_remove_without_a_traceback(project):
    os.symlink("/proc/self/environ", project / "docs" / "environ.txt")
    os.symlink("..", project / "docs" / "treatments" / "up")  # a loop MkDocs would follow
    os.symlink("missing.md", project / "docs" / "gone.md")
    result = build(project)  # how long it takes: benchmarks/hostile_inputs.py
    assert not result.ok
    assert "Traceback" not in result.output
    for line in (
        f"docs/environ.txt: file: this is a symbolic link to '/proc/self/environ'. Accepted: {ACCEPTED}",
        "docs/gone.md: file: this is a symbolic link to 'missing.md', which does not exist.",
        "docs/treatments/up: file: this is a symbolic link to '..'.",
    ):
        assert line in result.output
    assert not (result.site_dir / "environ.txt").exists()
