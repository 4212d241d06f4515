"""`make publish`: a strict build and the link check, then a swap; a failure leaves site/ untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

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
    # A template that links to a page that is not there: MkDocs never sees links the templates
    # generate (and the hook checks editors' settings, not developers' templates); the link check does.
    replace_in(
        published / "overrides" / "partials" / "clinic" / "site-footer.html",
        "</footer>",
        "<a href=\"{{ 'consultations/' | url }}\">Book</a></footer>",
    )
    result = publish(published)
    assert result.returncode == 1
    assert "index.html: 'consultations/' points to a page or file that does not exist" in result.stderr
    assert "Not published: " in result.stderr and "broken link(s)" in result.stderr
    assert fingerprint(published / "site") == before
    assert leftovers(published) == []


# -- publishing is atomic: killed at any point, site/ is the complete old or the complete new site ---

STEPS = ("started", "built", "checked", "swapped")


def start_publish(project, pause_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if pause_at:
        env["CLINIC_PUBLISH_PAUSE_AT"] = pause_at
    return subprocess.Popen(
        [sys.executable, str(PUBLISH), "--project", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def wait_for_line(process: subprocess.Popen, text: str) -> None:
    for line in process.stdout:
        if text in line:
            return
    raise AssertionError(f"publish ended before printing {text!r}")


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def is_running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_any_step_site_is_the_whole_old_or_the_whole_new_site_and_the_next_publish_cleans_up(published, step):
    old = fingerprint(published / "site")
    replace_in(published / "docs" / "privacy.md", "## This website", "A new sentence.\n\n## This website")
    process = start_publish(published, pause_at=step)
    wait_for_line(process, f"Paused at step '{step}'")
    process.kill()  # SIGKILL: nothing of publish.py runs after this
    process.wait()
    after_kill = fingerprint(published / "site")

    result = publish(published)  # the next publish works and removes what the killed one left
    assert result.returncode == 0, result.stdout + result.stderr
    new = fingerprint(published / "site")
    assert old != new
    assert after_kill == (new if step == "swapped" else old)
    assert leftovers(published) == []


def test_killing_publish_during_the_build_stops_the_build_too(published):
    old = fingerprint(published / "site")
    process = start_publish(published)
    builds: list[int] = []
    # The mkdocs build itself, not the `git log` that dates it.
    wait_until(
        lambda: builds.extend(p for p in children_of(process.pid) if b"mkdocs" in command_line(p)) or builds, "the build to start"
    )
    process.kill()
    process.wait()
    wait_until(lambda: not is_running(builds[0]), "the build to stop with publish")
    # Stopped, not finished: a build left running would have written its last file, _headers.
    assert not any((folder / "site" / "_headers").exists() for folder in published.glob(".publish-*"))
    assert fingerprint(published / "site") == old
    result = publish(published)
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(published) == [], result.stdout + result.stderr


def test_stopping_publish_with_a_signal_says_so_and_leaves_nothing_behind(published):
    old = fingerprint(published / "site")
    process = start_publish(published, pause_at="built")
    wait_for_line(process, "Paused at step 'built'")
    process.terminate()  # SIGTERM, as a CI runner or `kill` sends
    output = process.stdout.read()
    assert process.wait() == 130
    assert "Not published: publishing was stopped. The previous site is unchanged." in output
    assert "Traceback" not in output
    assert fingerprint(published / "site") == old
    assert leftovers(published) == []


def test_a_read_only_folder_in_the_old_site_does_not_stop_publishing(published):
    locked = published / "site" / "locked"
    locked.mkdir()
    (locked / "file.txt").write_text("x", encoding="utf-8")
    locked.chmod(0o500)
    result = publish(published)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (published / "site" / "locked").exists()
    assert leftovers(published) == []


def test_publish_refuses_a_hostile_mkdocs_yml_in_a_sentence(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "bomb: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = publish(project)
    assert result.returncode == 1
    assert result.stderr.startswith("Not published: mkdocs.yml, line ")
    assert "nested more than 40 levels deep" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_stale_publish_folders_are_ignored_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", ".publish-abc123/site/index.html", ".publish.lock", "site"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == [".publish-abc123/site/index.html", ".publish.lock", "site"]
