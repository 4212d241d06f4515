"""Build real sites for tests: the demo site, or a copy of it that a test edits as an editor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")


@dataclass
class BuildResult:
    returncode: int
    output: str  # what the editor sees in the terminal (stdout and stderr)
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def copy_project(destination: Path) -> Path:
    """A copy of the site's sources (not its output or virtualenv) that a test may edit."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def build(
    project: Path, site_dir: Path | None = None, *, extra_args: tuple[str, ...] = (), env: dict | None = None
) -> BuildResult:
    """Run the real `mkdocs build --strict` in a subprocess, exactly as an editor would."""
    site_dir = site_dir or project / "site"
    result = subprocess.run(
        [
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
            *extra_args,
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site_dir)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
