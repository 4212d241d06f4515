"""MkDocs reads mkdocs.yml with PyYAML's full loader, before any hook runs: a Python tag in it would
import or run code (`!!python/object/apply:os.system [...]` runs a command). scripts/check_mkdocs_yml.py,
run by make build, make serve (at every reload), make cms and make publish, refuses every Python tag
but the `!!python/name:` references Material documents for its settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from check_mkdocs_yml import problem  # noqa: E402

from tests.support.sites import build, copy_project  # noqa: E402

CODE_TAGS = [
    'site_name: !!python/object/apply:os.system ["touch PWNED"]',
    "site_name: !!python/object/new:os.system [touch PWNED]",
    "site_name: !!python/name:os.system",
    "site_name: !!python/module:os",
    "site_name: !<tag:yaml.org,2002:python/object/apply:os.system> [touch PWNED]",
    'extra:\n  x: !!python/object/apply:subprocess.check_output [["touch", "PWNED"]]\nsite_name: X',
]


@pytest.mark.parametrize("line", CODE_TAGS)
def test_python_tags_are_refused_naming_the_file_and_line_and_nothing_runs(tmp_path, line):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"# settings\n{line}\n", encoding="utf-8")
    message = problem(config)
    assert message is not None and message.startswith("mkdocs.yml, line ")
    assert "would make MkDocs import or run Python code" in message
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("line", ["copyright: !ENV AWS_SECRET_ACCESS_KEY", "site_name: !ENV [GITHUB_TOKEN, 'Clinic']"])
def test_environment_variables_are_not_published(tmp_path, line):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: X\n{line}\n" if not line.startswith("site_name") else f"{line}\n", encoding="utf-8")
    message = problem(config)
    assert message is not None and message.startswith("mkdocs.yml, line ")
    assert "would publish the value of an environment variable" in message


def test_materials_documented_references_are_accepted(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        encoding="utf-8",
    )
    assert problem(config) is None


def test_make_build_stops_before_mkdocs_runs_the_tag(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: Willow Skin Clinic", CODE_TAGS[0], 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_mkdocs_yml.py"), str(config)], capture_output=True, text=True, cwd=project
    )
    assert result.returncode == 1
    assert "Not built: mkdocs.yml, line" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "PWNED").exists()


@pytest.mark.parametrize(
    "line", ["site_dir: /tmp/elsewhere", "site_dir: ../", "docs_dir: /etc", "docs_dir: ../..", "site_dir: ."]
)
def test_folders_outside_the_project_are_refused(tmp_path, line):
    config = tmp_path / "project" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text(f"site_name: X\n{line}\n", encoding="utf-8")
    message = problem(config)
    assert message is not None and message.startswith(f"mkdocs.yml: {line.split(':')[0]}: ")
    assert "is not a folder inside the project" in message


def test_the_hook_refuses_a_docs_dir_outside_the_project_before_anything_is_read(tmp_path):
    """Plain `mkdocs build` (no make): the hook stops before MkDocs lists or copies a file."""
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "private"
    (outside / "treatments").mkdir(parents=True)
    (outside / "index.md").write_text("# Secret\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"docs_dir: {outside}\n", encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert f"mkdocs.yml: docs_dir: {str(outside)!r} is not a folder inside the project" in result.output
    assert "Traceback" not in result.output
    assert not (result.site_dir / "index.html").exists()
