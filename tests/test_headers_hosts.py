"""The test server sends headers as the real hosts do, and DEPLOYING.md's nginx configuration, run
in a real nginx, sends what `_headers` says.

Netlify and Cloudflare Pages apply every `_headers` rule whose pattern matches a path; a header set
by several matching rules is sent once with the values joined by ", " (Cloudflare's documentation
shows `X-Robots-Tag: nosnippet, noindex`). For the Content-Security-Policy that is two policies,
and browsers enforce both: a passing test must not hide that.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from clinic_site.security_headers import (
    HEADERS_FILE,
    SEPARATE_POLICY_FOLDERS,
    HeaderRule,
    headers_file_text,
    headers_for,
    parse_headers_file,
    script_hash,
    site_header_rules,
)
from tests.support.browser import StaticSiteServer
from tests.support.serve import free_port
from tests.support.sites import ROOT


def test_every_matching_rule_applies_and_a_repeated_header_is_joined_with_a_comma():
    rules = parse_headers_file(
        "/*\n  X-Robots-Tag: noindex\n  X-Frame-Options: DENY\n"
        "/static/*\n  x-robots-tag: nosnippet\n  Access-Control-Allow-Origin: *\n"
    )
    assert headers_for(rules, "/static/styles.css") == {
        "X-Robots-Tag": "noindex, nosnippet",
        "X-Frame-Options": "DENY",
        "Access-Control-Allow-Origin": "*",
    }
    assert headers_for(rules, "/page/") == {"X-Robots-Tag": "noindex", "X-Frame-Options": "DENY"}


def test_no_path_gets_the_page_policy_twice_or_a_policy_header_from_two_rules(demo_site):
    rules = parse_headers_file((demo_site / HEADERS_FILE).read_text(encoding="utf-8"))
    for page in [*demo_site.rglob("*"), demo_site / "missing/page/"]:
        path = "/" + page.relative_to(demo_site).as_posix()
        for name, value in headers_for(rules, path).items():
            if name != "Cache-Control":
                matching = [r for r in rules if r.matches(path) and any(n == name for n, _ in r.headers)]
                assert len(matching) == 1, (path, name, value)


def test_a_folder_with_its_own_policy_is_matched_by_no_public_policy_rule(tmp_path):
    """How the CMS (/admin/) gets a looser policy of its own: the public CSP rules leave it out."""
    assert "admin" in SEPARATE_POLICY_FOLDERS
    for name in ("index.html", "admin/index.html", "admin/config.yml", "treatments/prp/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    rules = site_header_rules(tmp_path, ["go()"])
    rules.append(HeaderRule("/admin/*", (("Content-Security-Policy", "default-src 'self' https://api.github.com"),)))
    for path in ("/admin/", "/admin/index.html", "/admin/config.yml"):
        headers = headers_for(rules, path)
        assert headers["Content-Security-Policy"] == "default-src 'self' https://api.github.com"
        assert "Cross-Origin-Opener-Policy" not in headers
        assert headers["X-Content-Type-Options"] == "nosniff"  # the headers right for every path still apply
    for path in ("/", "/index.html", "/treatments/prp/"):
        assert "'sha256-" in headers_for(rules, path)["Content-Security-Policy"]
    assert parse_headers_file(headers_file_text(rules)) == rules


@pytest.mark.browser
def test_chromium_enforces_both_policies_when_two_rules_send_one_each(tmp_path, browser):
    """Why the combining matters: with the joined header, an inline script the first policy allows
    by its hash is still blocked by the second policy."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><script>document.title = 'ran'</script>", encoding="utf-8"
    )
    allowed = script_hash("document.title = 'ran'")
    one_rule = parse_headers_file(f"/*\n  Content-Security-Policy: script-src {allowed}\n")
    two_rules = parse_headers_file(
        f"/*\n  Content-Security-Policy: script-src {allowed}\n/index.html\n  Content-Security-Policy: script-src 'none'\n"
    )
    titles = []
    for rules in (one_rule, two_rules):
        with StaticSiteServer(tmp_path, extra_headers=lambda path, rules=rules: headers_for(rules, path)) as server:
            page = browser.new_page()
            page.goto(server.url + "index.html")
            titles.append(page.title())
            page.close()
    assert titles == ["ran", "t"]


# -- DEPLOYING.md's nginx configuration in a real nginx ----------------------------------------------

PLACEHOLDER = '"<the value from site/_headers>"'


def nginx_blocks() -> tuple[str, str]:
    """The snippet file and the server directives, as DEPLOYING.md gives them."""
    text = (ROOT / "DEPLOYING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, re.DOTALL)
    assert len(blocks) == 2, "DEPLOYING.md should hold the snippet and the server block"
    return blocks[0], blocks[1]


def filled_in(snippet: str, public_headers: dict[str, str]) -> str:
    """The snippet with each placeholder replaced by the value in _headers, as DEPLOYING.md says to."""
    lines = []
    for line in snippet.splitlines():
        if PLACEHOLDER in line:
            name = line.split()[1]
            line = line.replace(PLACEHOLDER, '"' + public_headers[name] + '"')
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def nginx(demo_site, tmp_path_factory):
    executable = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(executable).is_file(), "nginx is installed by scripts/setup.sh --test"
    prefix = tmp_path_factory.mktemp("nginx")
    rules = parse_headers_file((demo_site / HEADERS_FILE).read_text(encoding="utf-8"))
    snippet, server = nginx_blocks()
    (prefix / "snippets").mkdir()
    (prefix / "snippets" / "clinic-headers.conf").write_text(filled_in(snippet, headers_for(rules, "/")), encoding="utf-8")
    port = free_port()
    server = server.replace("root /srv/clinic/site;", f"root {demo_site};")
    temp_paths = "".join(
        f"  {kind}_temp_path {prefix}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n"
        f"  access_log off;\n{temp_paths}  server {{\n    listen 127.0.0.1:{port};\n{server}\n  }}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [executable, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off; master_process off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
    try:
        yield url, rules
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str):
    try:
        return urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as error:
        return error


def test_nginx_sends_for_each_path_the_headers_that_headers_file_gives(nginx, demo_site):
    url, rules = nginx
    bundle = next((demo_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    ours = {name.lower() for rule in rules for name, _ in rule.headers}
    for path in ("/", "/treatments/prp/", "/treatments.json", f"/assets/javascripts/{bundle}", "/stylesheets/clinic.css"):
        with fetch(url + path) as response:
            assert response.status == 200, path
            sent = {name: value for name, value in response.headers.items() if name.lower() in ours}
        assert sent == headers_for(rules, path), path


def test_nginx_serves_the_404_page_with_the_security_headers(nginx):
    url, rules = nginx
    response = fetch(url + "/no/such/page/")
    assert response.status == 404
    assert "Sorry, we cannot find that page" in response.read().decode("utf-8")
    expected = headers_for(rules, "/404.html")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Strict-Transport-Security"):
        assert response.headers[name] == expected[name], name
