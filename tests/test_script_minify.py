"""The site's own scripts ship minified, from their commented sources; vendored files are left alone."""

from __future__ import annotations

import subprocess
from pathlib import Path

from clinic_site.script_minify import minify_site_scripts

ROOT = Path(__file__).resolve().parents[1]


def built_site(tmp_path: Path, scripts: dict[str, str]) -> tuple[Path, Path]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    for name, text in scripts.items():
        for folder in (docs, site):
            (folder / "javascripts" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "javascripts" / name).write_text(text, encoding="utf-8")
    return docs, site


def test_comments_and_layout_go_and_what_runs_stays(tmp_path):
    source = '/* Explains why. */\n(function () {\n  // a note\n  var url = "http://x/*not a comment*/";\n  return url;\n})();\n'
    docs, site = built_site(tmp_path, {"a.js": source})
    sizes = minify_site_scripts(site, docs)
    shipped = (site / "javascripts" / "a.js").read_text(encoding="utf-8")
    assert shipped == '(function(){var url="http://x/*not a comment*/";return url;})();\n'
    assert sizes["a.js"] == (len(source), len(shipped))


def test_vendored_scripts_and_licence_comments_are_kept(tmp_path):
    vendored = "/*! tablesort v5.7.1 (c) MIT */\n!function(){ var  a = 1 }();\n"
    docs, site = built_site(tmp_path, {"vendor/t.min.js": vendored, "b.js": "/*! keep me */\nvar b = 2; // no\n"})
    minify_site_scripts(site, docs)
    assert (site / "javascripts" / "vendor" / "t.min.js").read_text(encoding="utf-8") == vendored
    assert (site / "javascripts" / "b.js").read_text(encoding="utf-8") == "/*! keep me */var b=2;\n"


def test_a_rebuild_minifies_from_the_source_not_the_minified_copy(tmp_path):
    docs, site = built_site(tmp_path, {"c.js": "var c = 1;\n"})
    minify_site_scripts(site, docs)
    (docs / "javascripts" / "c.js").write_text("var c = 2; /* changed */\n", encoding="utf-8")
    minify_site_scripts(site, docs)  # a dirty rebuild: site/ still has the old, minified copy
    assert (site / "javascripts" / "c.js").read_text(encoding="utf-8") == "var c=2;\n"


def test_every_shipped_script_parses_after_minifying(tmp_path):
    """Each of the site's scripts, minified, is still valid JavaScript (Node's parser)."""
    docs = ROOT / "docs"
    site = tmp_path / "site"
    (site / "javascripts").mkdir(parents=True)
    names = sorted(p.name for p in (docs / "javascripts").glob("*.js"))
    assert "clinic-site.js" in names
    for name in names:
        (site / "javascripts" / name).write_bytes((docs / "javascripts" / name).read_bytes())
    sizes = minify_site_scripts(site, docs)
    for name in names:
        before, after = sizes[name]
        assert after < before, name
        result = subprocess.run(["node", "--check", str(site / "javascripts" / name)], capture_output=True, text=True)
        assert result.returncode == 0, f"{name}: {result.stderr}"
