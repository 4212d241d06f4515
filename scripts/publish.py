"""Build the site for publishing; replace the previous output only if everything passes.

    make publish                     (or: .venv/bin/python scripts/publish.py [--project DIR])

1. mkdocs.yml is checked for YAML that would stall MkDocs (scripts/check_mkdocs_yml.py);
2. `mkdocs build --strict` into a new folder `.publish-<random>/site` beside `site/` (same disk);
3. the checks on the new folder: every internal link and anchor resolves (scripts/link_check.py);
4. the swap, in one step: the new folder and `site/` trade places (Linux `renameat2` with
   RENAME_EXCHANGE, macOS `renamex_np` with RENAME_SWAP), so `site/` is at every instant either
   the complete old site or the complete new one, and stays a plain folder for every host and tool;
5. the old site, now in the `.publish-*` folder, is removed.

If anything fails, `site/` is left exactly as it was and the command says why in a sentence.
A publish that was killed leaves at most a `.publish-*` folder (ignored by git), which the next
publish removes; one publish runs at a time (a lock on `.publish.lock`). If publishing is stopped
(Ctrl+C, a signal, or the process killed outright), the build it started stops too.

SOURCE_DATE_EPOCH defaults to the time of the last commit, so publishing the same commit twice
gives byte-identical files (and sitemap dates that change only when the content does).
CLINIC_PUBLISH_PAUSE_AT=<step> makes it wait at a named step (see STEPS), for tests that stop a
publish at exactly that point.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

import yaml  # noqa: E402
from check_mkdocs_yml import problem as settings_problem  # noqa: E402
from link_check import broken_links  # noqa: E402  (beside this script)

WORKSPACE_PREFIX = ".publish-"
LOCK_FILE = ".publish.lock"
STEPS = ("started", "built", "checked", "swapped")  # where CLINIC_PUBLISH_PAUSE_AT may pause
PAUSE_VARIABLE = "CLINIC_PUBLISH_PAUSE_AT"


class PublishError(Exception):
    """A reason not to publish, as a sentence for the person publishing."""


def pause_if_asked(step: str) -> None:
    if os.environ.get(PAUSE_VARIABLE) == step:
        print(f"Paused at step '{step}' ({PAUSE_VARIABLE}).", flush=True)
        while True:
            time.sleep(60)


def commit_time(project: Path) -> str | None:
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True)
    if result.returncode != 0:  # not a git checkout: MkDocs dates the build by the clock
        return None
    return result.stdout.strip() or None


def read_config(project: Path) -> dict:
    path = project / "mkdocs.yml"
    if message := settings_problem(path):  # MkDocs itself would hang on an alias bomb, or crash on deep nesting
        raise PublishError(message)
    try:
        # BaseLoader: mkdocs.yml may hold !ENV and similar tags; only plain strings are needed here.
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise PublishError(f"mkdocs.yml{where}: {getattr(error, 'problem', None) or error}") from None
    if not isinstance(config, dict):
        raise PublishError("mkdocs.yml does not hold the site's settings (a mapping of 'setting: value' lines)")
    return config


def _die_with_parent(parent: int) -> None:
    """In the build child: stop when publish.py dies, even by SIGKILL (Linux; elsewhere signals do it)."""
    libc_name = ctypes.util.find_library("c")
    if sys.platform.startswith("linux") and libc_name:
        ctypes.CDLL(libc_name, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # publish died before the line above: no signal will come
            os._exit(1)


def build_into(project: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(PAUSE_VARIABLE, None)
    if "SOURCE_DATE_EPOCH" not in env and (when := commit_time(project)):
        env["SOURCE_DATE_EPOCH"] = when
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site_dir),
    ]
    child = subprocess.Popen(command, cwd=project, env=env, preexec_fn=partial(_die_with_parent, os.getpid()))
    try:
        returncode = child.wait()
    finally:
        if child.poll() is None:  # publish is being stopped: the build stops with it
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    if returncode != 0:
        raise PublishError("the strict build failed (see the messages above)")


def check(site_dir: Path, site_url: str | None) -> None:
    broken = broken_links(site_dir, site_url)
    for link in broken:
        print(f"Broken link: {link}", file=sys.stderr)
    if broken:
        raise PublishError(f"{len(broken)} broken link(s) in the built site")


def exchange(first: Path, second: Path) -> None:
    """Swap two paths in one atomic step (both must exist, on the same file system)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if hasattr(libc, "renameat2"):  # Linux, glibc 2.28+
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    elif hasattr(libc, "renamex_np"):  # macOS
        result = libc.renamex_np(os.fsencode(first), os.fsencode(second), 0x2)  # RENAME_SWAP
    else:
        raise PublishError("this system cannot swap two folders in one step, so site/ cannot be replaced safely")
    if result != 0:
        code = ctypes.get_errno()
        reason = (
            "the file system does not support it" if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP) else os.strerror(code)
        )
        raise PublishError(f"the new site could not be swapped in for {second.name}/ ({reason})")


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Put new_site at site_dir in one step; the previous output ends up at new_site's path."""
    if site_dir.exists() or site_dir.is_symlink():
        exchange(new_site, site_dir)
    else:
        os.rename(new_site, site_dir)  # nothing to replace: a rename is one step too


def remove_tree(path: Path) -> str | None:
    """Remove a folder, read-only parts included; a sentence if some of it could not be removed."""

    def make_writable_and_retry(function, failed_path, _exc_info):
        try:
            os.chmod(os.path.dirname(failed_path), 0o700)
            if os.path.isdir(failed_path) and not os.path.islink(failed_path):
                os.chmod(failed_path, 0o700)
            function(failed_path)
        except OSError:
            pass  # reported below if the folder is still there

    shutil.rmtree(path, onerror=make_writable_and_retry)
    if path.exists() or path.is_symlink():
        return f"{path.name} could not be removed completely; delete it by hand when convenient"
    return None


def remove_stale_workspaces(parent: Path) -> list[str]:
    """Folders left by publishes that were killed (safe: we hold the lock, so none is running)."""
    notes = []
    for stale in sorted(parent.glob(WORKSPACE_PREFIX + "*")):
        if stale.is_dir() and not stale.is_symlink() and (note := remove_tree(stale)):
            notes.append(note)
    return notes


def take_lock(parent: Path):
    handle = open(parent / LOCK_FILE, "w")  # noqa: SIM115 (held until the process ends)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise PublishError("another publish is running in this folder; wait for it to finish") from None
    return handle


def publish(project: Path, progress: list[str]) -> tuple[Path, list[str]]:
    """Build, check and swap in; returns site/ and notes for the person publishing. `progress`
    receives each step's name once it is done, so a caller knows whether the swap happened."""
    config = read_config(project)
    site_dir = project / config.get("site_dir", "site")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = take_lock(site_dir.parent)
    try:
        notes = remove_stale_workspaces(site_dir.parent)
        workspace = Path(tempfile.mkdtemp(prefix=WORKSPACE_PREFIX, dir=site_dir.parent))
        pause_if_asked("started")
        new_site = workspace / "site"
        build_into(project, new_site)
        progress.append("built")
        pause_if_asked("built")
        check(new_site, config.get("site_url"))
        progress.append("checked")
        pause_if_asked("checked")
        swap_in(new_site, site_dir)
        progress.append("swapped")
        pause_if_asked("swapped")
        if note := remove_tree(workspace):  # the previous site, if there was one
            notes.append("the previous site, in " + note)
    except BaseException:
        if "workspace" in locals():
            remove_tree(workspace)
        raise
    finally:
        lock.close()
    return site_dir, notes


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP end publishing like Ctrl+C: cleanup runs and the build child is stopped."""

    def interrupted(signum, _frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the site; replace site/ only if all passes.")
    parser.add_argument("--project", type=Path, default=ROOT, help="folder holding mkdocs.yml (default: this repository)")
    args = parser.parse_args(argv)
    stop_on_signals()
    progress: list[str] = []
    try:
        site_dir, notes = publish(args.project.resolve(), progress)
    except (PublishError, KeyboardInterrupt, OSError) as error:
        if isinstance(error, KeyboardInterrupt):
            reason = "publishing was stopped"
        elif isinstance(error, OSError):
            reason = f"{error.strerror or error} ({error.filename})"
        else:
            reason = str(error)
        if "swapped" in progress:
            print(f"Published, but {reason} while the previous site was removed; the next publish removes it.", file=sys.stderr)
            return 0
        print(f"Not published: {reason}. The previous site is unchanged.", file=sys.stderr)
        return 130 if isinstance(error, KeyboardInterrupt) else 1
    print(f"Published: {site_dir} (strict build and link check passed).")
    for note in notes:
        print(f"Note: {note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
