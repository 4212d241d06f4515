"""What the edit-hunt tests (tests/test_edit_hunt_*.py) read from a failed build of the small site."""

from __future__ import annotations

from pathlib import Path

from tests.support.small_site import build_in_process


def build_problems(project: Path) -> list[str]:
    """Every message of a build that must stop, with nothing published and no traceback."""
    result = build_in_process(project)
    assert not result.ok, "the build should have stopped"
    assert "Traceback" not in result.failure
    assert not (result.site_dir / "index.html").exists(), "nothing may be published from a failed build"
    return result.messages


def only_problem(project: Path) -> str:
    """The one message of a build that must stop."""
    [line] = build_problems(project)
    return line
