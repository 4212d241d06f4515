"""`make publish`: a strict build and the link check, then a swap; a failure leaves site/ untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from tests.support.sites import ROOT, replace_in

PUBLISH = ROOT / "scripts" / "publish.py"


def publish(project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PUBLISH), "--project", str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def fingerprint(site_dir) -> dict[str, str]:
    return {
        p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def published(project):
    result = publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Published:" in result.stdout
    return project


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".publish-"))


def test_publishing_builds_site_with_its_deploy_files_and_cleans_up(published):
    site = published / "site"
    assert (site / "index.html").is_file() and (site / "_headers").is_file() and (site / "treatments.json").is_file()
    assert leftovers(published) == []


def test_a_page_that_fails_the_strict_build_leaves_the_previous_site_intact(published):
    before = fingerprint(published / "site")
    replace_in(published / "docs" / "treatments" / "prp.md", "category: collagen-induction", "category: colagen-induction")
    result = publish(published)
    assert result.returncode == 1
    assert "docs/treatments/prp.md" in result.stderr and "did you mean 'collagen-induction'" in result.stderr
    assert "Not published: the strict build failed" in result.stderr
    assert fingerprint(published / "site") == before
    assert leftovers(published) == []


def test_a_broken_generated_link_fails_the_check_and_leaves_the_previous_site_intact(published):
    before = fingerprint(published / "site")
    # MkDocs accepts this (it never sees links the templates generate); the link check does not.
    replace_in(published / "mkdocs.yml", "booking_url: consultation/", "booking_url: consultations/")
    result = publish(published)
    assert result.returncode == 1
    assert "index.html: 'consultations/' points to a page or file that does not exist" in result.stderr
    assert "Not published: " in result.stderr and "broken link(s)" in result.stderr
    assert fingerprint(published / "site") == before
    assert leftovers(published) == []
