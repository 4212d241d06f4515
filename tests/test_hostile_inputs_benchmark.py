"""benchmarks/hostile_inputs.py stays runnable as the demo content changes: every hostile edit still
applies to a copy of the project (the builds themselves are the benchmark's, and the security tests')."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.sites import copy_project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import hostile_inputs


@pytest.mark.parametrize(("name", "named_file", "edit"), hostile_inputs.INPUTS, ids=[i[0] for i in hostile_inputs.INPUTS])
def test_each_hostile_edit_still_applies_to_the_demo_project(tmp_path, name, named_file, edit):
    project = copy_project(tmp_path / "project")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and not p.is_symlink()}
    edit(project)  # an edit whose anchor text has gone raises here
    after = {p for p in project.rglob("*") if p.is_symlink() or p.is_file() or p.is_fifo()}
    changed = set(after) - set(before) or {p for p in before if p.read_bytes() != before[p]}
    assert changed, f"{name}: the edit changed nothing"
    if named_file is not None:
        assert any(p.relative_to(project).as_posix() == named_file for p in changed), (name, sorted(map(str, changed)))
