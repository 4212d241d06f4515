"""Compiled templates are kept between builds (rendering.cache_compiled_templates), and never used
where they would render differently: a changed template is compiled again, and code compiled without
autoescape is never loaded by an autoescaped environment."""

from __future__ import annotations

from pathlib import Path

import jinja2

from clinic_site.rendering import cache_compiled_templates, enable_autoescape


def environment(templates: Path, cache: Path, autoescape: bool = True) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)))
    if autoescape:
        enable_autoescape(env)
    cache_compiled_templates(env, cache)
    return env


def compiles(env: jinja2.Environment, name: str) -> int:
    """How many times rendering `name` in a fresh environment compiled a template."""
    calls = []
    real_compile = env.compile
    env.compile = lambda *a, **k: calls.append(a) or real_compile(*a, **k)  # type: ignore[method-assign]
    env.get_template(name).render(value="<b>")
    return len(calls)


def test_a_second_build_loads_the_compiled_templates_instead_of_compiling(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("<p>{{ value }}</p>")
    assert compiles(environment(tmp_path / "t", tmp_path / "cache"), "page.html") == 1
    assert compiles(environment(tmp_path / "t", tmp_path / "cache"), "page.html") == 0


def test_a_copy_of_the_project_elsewhere_reuses_them(tmp_path):
    for copy in ("a", "b"):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "page.html").write_text("<p>{{ value }}</p>")
    environment(tmp_path / "a", tmp_path / "cache").get_template("page.html")
    assert compiles(environment(tmp_path / "b", tmp_path / "cache"), "page.html") == 0


def test_an_edited_template_is_compiled_again_and_renders_the_edit(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("<p>{{ value }}</p>")
    environment(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(value="x")
    (tmp_path / "t/page.html").write_text("<div>{{ value }}</div>")
    env = environment(tmp_path / "t", tmp_path / "cache")
    assert compiles(env, "page.html") == 1
    assert env.get_template("page.html").render(value="<b>") == "<div>&lt;b&gt;</div>"


def test_code_compiled_without_autoescape_is_never_loaded_with_it(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("<p>{{ value }}</p>")
    raw = environment(tmp_path / "t", tmp_path / "cache", autoescape=False)
    assert raw.get_template("page.html").render(value="<b>") == "<p><b></p>"
    escaped = environment(tmp_path / "t", tmp_path / "cache")
    assert compiles(escaped, "page.html") == 1
    assert escaped.get_template("page.html").render(value="<b>") == "<p>&lt;b&gt;</p>"
