"""Edits to hooks/clinic_site_hook.py itself reach a running `mkdocs serve` (the real one), and an
edit that cannot be loaded leaves the preview running the previous version, saying so on the page."""

from __future__ import annotations

from tests.support.serve import LivePreview
from tests.support.sites import copy_project, replace_in

ORIGINAL = "    mark_heading_titles(page)\n    return build.page_content(html, page.file.src_uri, page.url)"
EDITED = (
    "    mark_heading_titles(page)\n"
    '    return build.page_content(html, page.file.src_uri, page.url) + "<p>Edited hook {n}</p>"'
)


def test_edits_to_the_hook_file_reach_the_running_preview(tmp_path):
    project = copy_project(tmp_path / "project")
    hook = project / "hooks" / "clinic_site_hook.py"
    with LivePreview(project) as preview:
        assert "Edited hook" not in preview.html("privacy/")

        replace_in(hook, ORIGINAL, EDITED.format(n=1))
        preview.wait_for_html("privacy/", lambda html: "<p>Edited hook 1</p>" in html, "the edited hook to run")

        # A second edit replaces the first (the registered functions are the edited file's, each time).
        replace_in(hook, "Edited hook 1", "Edited hook 2")
        html = preview.wait_for_html("privacy/", lambda html: "<p>Edited hook 2</p>" in html, "the second edit to run")
        assert "Edited hook 1" not in html

        # Broken code: the preview keeps the last good version and says why, on every page.
        replace_in(hook, "def on_env(", "def on_env(:")
        html = preview.wait_for_html("privacy/", lambda html: "could not be loaded" in html, "the preview to report the error")
        assert "hooks/clinic_site_hook.py" in html and "SyntaxError" in html
        assert "<p>Edited hook 2</p>" in html  # still the version that loaded

        replace_in(hook, "def on_env(:", "def on_env(")
        html = preview.wait_for_html("privacy/", lambda html: "could not be loaded" not in html, "the fix to load")
        assert "<p>Edited hook 2</p>" in html


def test_the_preview_shows_pasted_active_content_as_a_problem_and_never_serves_it(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "treatments" / "prp.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script>alert("pasted")</script>\n', encoding="utf-8")
    with LivePreview(project) as preview:
        html = preview.html("treatments/prp/")
        assert "data-clinic-problems" in html
        assert "the page contains a &lt;script&gt; element" in html
        assert 'alert("pasted")' not in html
        assert "Shown in the preview, to fix before publishing: docs/treatments/prp.md, line " in preview.log
