"""The Nu HTML Checker (npm `vnu-jar`, pinned in package.json, installed by scripts/setup.sh)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.support.sites import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(site_dir: Path) -> list[str]:
    """Every error the checker reports in the site's HTML files, as 'file:line: message'."""
    java = shutil.which("java")
    assert java, "Java 17+ is needed for the Nu HTML Checker: run scripts/setup.sh --test"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run scripts/setup.sh --test (npm ci)"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(site_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    return [
        f"{m.get('url', '').removeprefix(site_dir.as_uri())}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
