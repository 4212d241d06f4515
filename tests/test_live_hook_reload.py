"""Edits to hooks/clinic_site_hook.py itself reach a running preview (`make serve`, the real
`mkdocs serve` through scripts/preview.py), and pasted active content is shown as a problem, never
served."""

from __future__ import annotations

from tests.support.serve import LivePreview
from tests.support.small_site import replace_in, small_project

ORIGINAL = "    mark_heading_titles(page)\n    return build.page_content(html, page.file.src_uri, page.url)"
EDITED = (
    '    mark_heading_titles(page)\n    return build.page_content(html, page.file.src_uri, page.url) + "<p>Edited hook {n}</p>"'
)


def test_edits_to_the_hook_file_reach_the_running_preview(tmp_path):
    project = small_project(tmp_path / "project")
    hook = project / "hooks" / "clinic_site_hook.py"
    with LivePreview(project, env={"CLINIC_TODAY": "2026-11-21"}) as preview:
        assert "Edited hook" not in preview.html("privacy/")

        replace_in(hook, ORIGINAL, EDITED.format(n=1))
        preview.wait_for_html("privacy/", lambda html: "<p>Edited hook 1</p>" in html, "the edited hook to run")

        replace_in(hook, "Edited hook 1", "Edited hook 2")  # a second edit replaces the first
        html = preview.wait_for_html("privacy/", lambda html: "<p>Edited hook 2</p>" in html, "the second edit to run")
        assert "Edited hook 1" not in html

        # Broken code: every page says what is wrong and where, instead of leaving the browser waiting.
        replace_in(hook, "def on_env(", "def on_env(:")
        html = preview.wait_for_html("privacy/", lambda html: "The preview cannot be built" in html, "the error page")
        assert "clinic_site_hook.py, line " in html and "invalid syntax" in html

        replace_in(hook, "def on_env(:", "def on_env(")
        preview.wait_for_html("privacy/", lambda html: "<p>Edited hook 2</p>" in html, "the fixed hook to run")


def test_the_preview_shows_pasted_active_content_as_a_problem_and_never_serves_it(tmp_path):
    project = small_project(tmp_path / "project")
    page = project / "docs" / "treatments" / "pen.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script>alert("pasted")</script>\n', encoding="utf-8")
    with LivePreview(project, env={"CLINIC_TODAY": "2026-11-21"}) as preview:
        html = preview.html("treatments/pen/")
        assert "data-clinic-problems" in html
        assert "the page contains a &lt;script&gt; element" in html
        assert 'alert("pasted")' not in html
        assert "Shown in the preview, to fix before publishing: docs/treatments/pen.md, line " in preview.log


def test_a_symbolic_link_added_while_previewing_shows_a_page_instead_of_hanging(tmp_path):
    project = small_project(tmp_path / "project")
    with LivePreview(project, env={"CLINIC_TODAY": "2026-11-21"}) as preview:
        preview.html("privacy/")
        (project / "docs" / "settings.md").symlink_to(project / "mkdocs.yml")
        html = preview.wait_for_html("privacy/", lambda html: "The preview cannot be built" in html, "the error page")
        assert "docs/settings.md" in html and "mkdocs.yml" not in html.split("<pre", 1)[0]
