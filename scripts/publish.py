"""Build the site for publishing; replace the previous output only if everything passes.

    make publish                     (or: .venv/bin/python scripts/publish.py [--project DIR])

1. `mkdocs build --strict` into a new folder beside `site/` (same disk, so the swap is a rename);
2. the checks on the new folder: every internal link and anchor resolves (scripts/link_check.py);
3. the swap: `site/` becomes the new folder in two renames, and the old output is removed.

If the build or a check fails, `site/` is left exactly as it was and the command exits non-zero.
SOURCE_DATE_EPOCH defaults to the time of the last commit, so publishing the same commit twice
gives byte-identical files (and sitemap dates that change only when the content does).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

import yaml  # noqa: E402
from link_check import broken_links  # noqa: E402  (beside this script)


class PublishError(Exception):
    pass


def commit_time(project: Path) -> str | None:
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True)
    if result.returncode != 0:  # not a git checkout: MkDocs dates the build by the clock
        return None
    return result.stdout.strip() or None


def read_config(project: Path) -> dict:
    # BaseLoader: mkdocs.yml may hold !ENV and similar tags; only plain strings are needed here.
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def build_into(project: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in env and (when := commit_time(project)):
        env["SOURCE_DATE_EPOCH"] = when
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=env,
    )
    if result.returncode != 0:
        raise PublishError("the strict build failed (see the messages above)")


def check(site_dir: Path, site_url: str | None) -> None:
    broken = broken_links(site_dir, site_url)
    for link in broken:
        print(f"Broken link: {link}", file=sys.stderr)
    if broken:
        raise PublishError(f"{len(broken)} broken link(s) in the built site")


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Put new_site at site_dir with renames; the old output goes only once the new one is in place."""
    previous = new_site.with_name(new_site.name + ".previous")
    if site_dir.exists():
        site_dir.rename(previous)
    try:
        new_site.rename(site_dir)
    except OSError:
        if previous.exists():
            previous.rename(site_dir)  # put the old site back
        raise
    if previous.exists():
        shutil.rmtree(previous)


def publish(project: Path) -> Path:
    config = read_config(project)
    site_dir = project / config.get("site_dir", "site")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    workspace = Path(tempfile.mkdtemp(prefix=".publish-", dir=site_dir.parent))
    try:
        new_site = workspace / "site"
        build_into(project, new_site)
        check(new_site, config.get("site_url"))
        swap_in(new_site, site_dir)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return site_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the site; replace site/ only if all passes.")
    parser.add_argument("--project", type=Path, default=ROOT, help="folder holding mkdocs.yml (default: this repository)")
    args = parser.parse_args(argv)
    try:
        site_dir = publish(args.project.resolve())
    except PublishError as error:
        print(f"Not published: {error}. The previous site is unchanged.", file=sys.stderr)
        return 1
    print(f"Published: {site_dir} (strict build and link check passed).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
