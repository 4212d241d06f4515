"""The front matter check editors get in VS Code: remark with remark-lint-frontmatter-schema, run
here through the same engine on the command line (the extension unifiedjs.vscode-remark runs it as
the editor types). It must pass the demo pages and point at the line of a mistake."""

from __future__ import annotations

import shutil
import subprocess

from tests.support.sites import ROOT, replace_in

REMARK = ROOT / "node_modules/.bin/remark"


def remark(folder) -> subprocess.CompletedProcess:
    assert REMARK.exists(), "npm packages missing: run scripts/setup.sh --test (npm ci)"
    return subprocess.run(
        [str(REMARK), "docs", "--quiet", "--frail", "--no-stdout", "--no-color"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_demo_pages_pass_the_editor_check():
    result = remark(ROOT)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_editor_check_points_at_the_mistake(project):
    for name in (".remarkrc.mjs", "package.json", "schemas"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    replace_in(project / "docs/treatments/dermaroller.md", "category: collagen-induction", "category: collagen")
    replace_in(project / "docs/treatments/prp.md", "  order: 50", "  order: 50\n  sesions: 2-3")

    result = remark(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.strip().startswith("6:13")
        and "Must be equal to one of the allowed values: `chemical-exfoliation`, `collagen-induction`" in line
        for line in lines
    ), result.stderr
    assert "docs/treatments/prp.md" in result.stderr and "Must NOT have additional properties" in result.stderr
    assert "docs/treatments/index.md" not in result.stderr  # the overview is not a treatment
