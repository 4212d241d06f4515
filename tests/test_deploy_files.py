"""What a static host needs beside the pages: 404.html, robots.txt, sitemap.xml and _headers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import yaml

from clinic_site.security_headers import (
    FINGERPRINTED,
    IMMUTABLE,
    MAX_SCRIPT_HASHES,
    content_security_policy,
    headers_file_text,
    headers_for,
    inline_script_hashes,
    parse_headers_file,
    site_header_rules,
    too_many_hashes,
)
from tests.support.readers import EDITORS_APP
from tests.support.sites import ROOT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def site_url() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["site_url"]


def rules_of(site):
    return parse_headers_file((site / "_headers").read_text(encoding="utf-8"))


def test_the_site_has_a_404_page_robots_txt_sitemap_and_headers(demo_site):
    for name in ("404.html", "robots.txt", "sitemap.xml", "_headers", "treatments.json"):
        assert (demo_site / name).is_file(), name


def test_every_sitemap_url_is_a_built_page_on_the_public_address(demo_site):
    urls = [loc.text for loc in ET.parse(demo_site / "sitemap.xml").iter(SITEMAP + "loc")]
    assert f"{site_url()}treatments/dermaroller/" in urls
    for url in urls:
        assert url.startswith(site_url()), url
        assert (demo_site / url.removeprefix(site_url()) / "index.html").is_file(), url
    pages = {p.parent.relative_to(demo_site).as_posix() for p in demo_site.rglob("index.html")}
    pages.discard(EDITORS_APP.rstrip("/"))  # the web editor is not a page for search engines
    assert len(urls) == len(pages)


def test_every_inline_script_of_every_page_is_allowed_by_its_hash(demo_site):
    policy = headers_for(rules_of(demo_site), "/treatments/prp/")["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    for page in demo_site.rglob("*.html"):
        for digest in inline_script_hashes(page.read_text(encoding="utf-8")):
            assert digest in script_src, page


def test_the_policy_allows_no_inline_code_and_no_framing(demo_site):
    policy = headers_for(rules_of(demo_site), "/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "worker-src 'self'",
        "img-src 'self' data:",
    ):
        assert directive in policy.split("; ")


def test_every_path_gets_the_security_headers(demo_site):
    for path in ("/", "/treatments/prp/", "/treatments.json", "/assets/javascripts/bundle.x.min.js"):
        headers = headers_for(rules_of(demo_site), path)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert headers["Strict-Transport-Security"] == "max-age=63072000"


def test_only_fingerprinted_assets_are_cached_for_a_year(demo_site):
    rules = rules_of(demo_site)
    cached = sorted(rule.pattern for rule in rules if ("Cache-Control", IMMUTABLE) in rule.headers)
    assert any(re.fullmatch(r"/assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", p) for p in cached)
    for pattern in cached:
        assert (demo_site / pattern.lstrip("/")).is_file() and FINGERPRINTED.match(pattern.lstrip("/"))
    for path in ("/", "/stylesheets/clinic.css", "/treatments.json", "/search/search_index.json"):
        assert "Cache-Control" not in headers_for(rules, path), path


def test_only_the_treatments_feed_may_be_fetched_by_other_sites(demo_site):
    rules = rules_of(demo_site)
    assert headers_for(rules, "/treatments.json")["Access-Control-Allow-Origin"] == "*"
    for path in ("/", "/treatments/prp/", "/search/search_index.json"):
        assert "Access-Control-Allow-Origin" not in headers_for(rules, path)


def test_data_blocks_and_external_scripts_need_no_hash():
    html = """
    <script>run()</script>
    <script type="module">run()</script>
    <script type="application/ld+json">{"@type": "Organization"}</script>
    <script id="__config" type="application/json">{}</script>
    <script src="app.js"></script>
    """
    # The hash of the exact text between the tags, as browsers compute it.
    assert inline_script_hashes(html) == {"'sha256-AvyuiL0SD1mVY3NNxR+V2uo+lhk6RMFrytWmRt6CrJQ='"}


def test_the_headers_file_reads_back_as_written(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "bundle.0123abcd.min.js").write_text("", encoding="utf-8")
    (tmp_path / "index.html").write_text("<script>go()</script>", encoding="utf-8")
    rules = site_header_rules(tmp_path, ["go()"])
    assert parse_headers_file(headers_file_text(rules)) == rules
    assert rules[1].headers[0] == (
        "Content-Security-Policy",
        content_security_policy(inline_script_hashes("<script>go()</script>")),
    )
    assert [r.pattern for r in rules] == [
        "/*",
        "/",
        "/assets/*",
        "/index.html",
        "/assets/bundle.0123abcd.min.js",
        "/treatments.json",
    ]


def test_only_the_scripts_the_pages_run_are_hashed_not_every_script_in_the_files(tmp_path):
    (tmp_path / "index.html").write_text("<script>go()</script><script>pasted()</script>", encoding="utf-8")
    policy = headers_for(site_header_rules(tmp_path, ["go()"]), "/")["Content-Security-Policy"]
    assert inline_script_hashes("<script>go()</script>").pop() in policy
    assert inline_script_hashes("<script>pasted()</script>").pop() not in policy


def test_inline_scripts_that_differ_per_page_are_reported(tmp_path):
    scripts = [f"var page = {number};" for number in range(MAX_SCRIPT_HASHES + 1)]
    assert too_many_hashes(site_header_rules(tmp_path, scripts)) == (
        f"_headers: the pages hold {MAX_SCRIPT_HASHES + 1} different inline scripts, so the Content-Security-Policy lists "
        f"{MAX_SCRIPT_HASHES + 1} hashes and grows with the site. Accepted: at most {MAX_SCRIPT_HASHES}; put page-specific "
        'scripts in a file under docs/ (extra_javascript) and page data in <script type="application/json">.'
    )
    assert too_many_hashes(site_header_rules(tmp_path, scripts[1:])) is None
