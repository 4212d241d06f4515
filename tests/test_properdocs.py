"""The exit from unmaintained MkDocs 1.x: ProperDocs builds the same site.

ProperDocs (package `properdocs`) is a drop-in fork: its command aliases every `mkdocs.*` import
to `properdocs.*`, reads mkdocs.yml, loads `hooks:` the same way and parents the `mkdocs` logger
to its own, so our hook, Material and `--strict` work unchanged. scripts/setup.sh --test puts it
in .venv-properdocs (without mkdocs). The one documented difference in the output is Material's
generator meta tag, which names the generator.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.support.sites import ROOT, build, copy_project, replace_in

PROPERDOCS_VENV = ROOT / ".venv-properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
SAME_DATE = {"SOURCE_DATE_EPOCH": "1790000000"}


def properdocs_build(project, site_dir) -> subprocess.CompletedProcess:
    executable = PROPERDOCS_VENV / "bin" / "properdocs"
    assert executable.is_file(), "run scripts/setup.sh --test: it installs ProperDocs into .venv-properdocs"
    return subprocess.run(
        [str(executable), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **SAME_DATE},
    )


def files_of(site_dir) -> dict[str, bytes]:
    return {
        p.relative_to(site_dir).as_posix(): GENERATOR.sub(b"<meta generator>", p.read_bytes())
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("properdocs") / "project")


def test_the_properdocs_environment_has_no_mkdocs():
    result = subprocess.run(
        [
            str(PROPERDOCS_VENV / "bin" / "python"),
            "-c",
            "import importlib.util as u, properdocs; print(u.find_spec('mkdocs'), properdocs.__version__)",
        ],
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["None", "1.6.7"], result.stderr


def test_properdocs_builds_the_same_site_as_mkdocs(project, tmp_path):
    with_mkdocs = build(project, tmp_path / "mkdocs", env=SAME_DATE)
    assert with_mkdocs.ok, with_mkdocs.output
    with_properdocs = properdocs_build(project, tmp_path / "properdocs")
    assert with_properdocs.returncode == 0, with_properdocs.stderr
    assert b"ProperDocs" in (tmp_path / "properdocs" / "index.html").read_bytes()  # really built by ProperDocs
    one, other = files_of(tmp_path / "mkdocs"), files_of(tmp_path / "properdocs")
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []


def test_properdocs_strict_mode_fails_on_the_hooks_errors_and_warnings(tmp_path):
    project = copy_project(tmp_path / "project")
    replace_in(project / "docs" / "treatments" / "prp.md", "category: collagen-induction", "category: colagen-induction")
    error = properdocs_build(project, tmp_path / "error")
    assert error.returncode == 1
    assert "docs/treatments/prp.md" in error.stderr and "did you mean 'collagen-induction'" in error.stderr
    replace_in(project / "docs" / "treatments" / "prp.md", "category: colagen-induction", "category: collagen-induction")

    replace_in(project / "mkdocs.yml", "site_url: https://www.example.org/\n", "")  # a warning from the hook's logger
    warning = properdocs_build(project, tmp_path / "warning")
    assert warning.returncode == 1
    output = warning.stdout + warning.stderr
    assert "site_url is not set" in output and "Aborted with 1 warnings in strict mode" in output
