"""Analytics with cookie consent works under the Content-Security-Policy: before consent the reader's
browser contacts no analytics host; after the reader accepts the banner, Google Analytics loads and
measures with zero policy violations. The provider's hosts are routed to a local stub (nothing
outside is reachable here); the policy is the site's own `_headers`, applied by the test server."""

from __future__ import annotations

import pytest

from clinic_site.privacy import analytics_consent_problems
from clinic_site.security_headers import HEADERS_FILE, headers_for, parse_headers_file
from tests.support.browser import StaticSiteServer
from tests.support.sites import build, copy_project, replace_in

pytestmark = pytest.mark.browser

ANALYTICS = """  analytics:
    provider: google
    property: G-TEST12345
  consent:
    title: Cookies on this site
    description: With your consent we measure which pages are read, to improve them.
"""
PROVIDER_HOSTS = ("googletagmanager.com", "google-analytics.com", "analytics.google.com")
# What gtag.js does once loaded: it sends a measurement to Google Analytics (fetch, then an image).
STUB_GTAG = """
fetch("https://region1.google-analytics.com/g/collect?v=2&tid=G-TEST12345&en=page_view", {method: "POST", mode: "no-cors"});
new Image().src = "https://www.google-analytics.com/g/collect?v=2&tid=G-TEST12345&en=ping";
"""
REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.fixture(scope="module")
def analytics_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("analytics") / "project")
    replace_in(project / "mkdocs.yml", "extra:\n", "extra:\n" + ANALYTICS)
    result = build(project)
    assert result.ok, result.output
    return result.site_dir


def open_site(browser, site_dir):
    context = browser.new_context()
    requests: list[str] = []

    def stub(route):
        requests.append(route.request.url)
        if "gtag/js" in route.request.url:
            route.fulfill(status=200, content_type="text/javascript", body=STUB_GTAG)
        else:
            route.fulfill(status=204, body="")

    for host in PROVIDER_HOSTS:
        context.route(f"https://*.{host}/**", stub)
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page, requests, console


def test_no_analytics_request_before_consent_and_measurements_after_with_no_violation(browser, analytics_site):
    rules = parse_headers_file((analytics_site / HEADERS_FILE).read_text(encoding="utf-8"))
    with StaticSiteServer(analytics_site, extra_headers=lambda path: headers_for(rules, path)) as server:
        context, page, requests, console = open_site(browser, analytics_site)
        page.goto(server.url + "treatments/prp/", wait_until="networkidle")
        accept = page.locator("[data-md-component=consent] button.md-button--primary")
        accept.wait_for(state="visible")
        page.wait_for_timeout(300)
        assert requests == []  # nothing goes to the provider before the reader decides

        with page.expect_navigation():  # accepting stores the choice and reloads the page
            accept.click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert any("googletagmanager.com/gtag/js?id=G-TEST12345" in url for url in requests), requests
        assert any("region1.google-analytics.com/g/collect" in url for url in requests), requests
        assert any("www.google-analytics.com/g/collect" in url for url in requests), requests
        assert console + page.evaluate("window.__cspViolations") == []
        context.close()


def test_the_policy_names_exactly_the_providers_hosts(analytics_site):
    rules = parse_headers_file((analytics_site / HEADERS_FILE).read_text(encoding="utf-8"))
    directives = dict(d.split(" ", 1) for d in headers_for(rules, "/")["Content-Security-Policy"].split("; "))
    script_src = directives["script-src"].split()
    assert [s for s in script_src if not s.startswith("'sha256-")] == ["'self'", "https://*.googletagmanager.com"]
    assert directives["connect-src"] == (
        "'self' https://*.google-analytics.com https://*.analytics.google.com https://*.googletagmanager.com"
    )
    assert directives["img-src"] == "'self' data: https://*.google-analytics.com https://*.googletagmanager.com"
    assert directives["default-src"] == "'self'"


def test_other_providers_and_malformed_properties_are_refused_with_a_reason():
    consent = {"title": "Cookies", "description": "We ask first."}
    assert analytics_consent_problems({"analytics": {"provider": "google", "property": "G-ABC123DEF4"}, "consent": consent}) == []
    (custom,) = analytics_consent_problems({"analytics": {"provider": "custom"}, "consent": consent})
    assert str(custom) == (
        "mkdocs.yml: extra.analytics.provider: found 'custom': the site's security policy can allow only a provider whose "
        "addresses are known, and readers' browsers may contact no other site. Accepted: provider: google (Google "
        "Analytics 4, with a property such as G-XXXXXXXXXX); or leave extra.analytics out."
    )
    (bad,) = analytics_consent_problems(
        {"analytics": {"provider": "google", "property": 'G-1");alert(1);//'}, "consent": consent}
    )
    assert bad.field == "extra.analytics.property"
    assert [p.field for p in analytics_consent_problems({"analytics": {"provider": "google", "property": "G-ABC123DEF4"}})] == [
        "extra.consent"
    ]
