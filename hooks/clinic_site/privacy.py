"""Readers' privacy rules that depend on mkdocs.yml.

Nothing on the site may track readers without asking, and readers' browsers contact no other
site unless the reader agreed. So analytics (`extra.analytics`) is accepted only:

- with Material's cookie consent (`extra.consent`): Material then loads the provider's script
  only after the reader accepts analytics in the cookie banner;
- for a provider whose hosts are known, so the Content-Security-Policy can allow exactly those
  hosts (`analytics_sources`) and nothing else. Material ships Google Analytics 4 (`google`);
  another provider is a custom template whose hosts the policy cannot know, so it is refused.
"""

from __future__ import annotations

import re

from clinic_site.clinic_details import CONFIG_PATH
from clinic_site.problems import ContentProblem, show_value

# Google's documented Content-Security-Policy for Google Analytics 4 (gtag.js): the loader comes
# from googletagmanager.com, measurements go to google-analytics.com / analytics.google.com.
ANALYTICS_SOURCES = {
    "google": {
        "script-src": ("https://*.googletagmanager.com",),
        "img-src": ("https://*.google-analytics.com", "https://*.googletagmanager.com"),
        "connect-src": (
            "https://*.google-analytics.com",
            "https://*.analytics.google.com",
            "https://*.googletagmanager.com",
        ),
    }
}
GOOGLE_PROPERTY = re.compile(r"^G-[A-Z0-9]{4,16}$")


def analytics_consent_problems(extra: dict) -> list[ContentProblem]:
    analytics = extra.get("analytics")
    if not analytics:
        return []
    provider = analytics.get("provider") if isinstance(analytics, dict) else None
    problems = []
    if not extra.get("consent"):
        found = f"analytics is on (provider {show_value(provider)})" if provider else f"analytics is on ({show_value(analytics)})"
        problems.append(
            ContentProblem(
                CONFIG_PATH,
                "extra.consent",
                f"{found} but cookie consent is missing",
                "a consent block under extra: in mkdocs.yml (extra.consent, with a title and description) so readers "
                "are asked before analytics load; or leave extra.analytics out",
            )
        )
    if provider not in ANALYTICS_SOURCES:
        problems.append(
            ContentProblem(
                CONFIG_PATH,
                "extra.analytics.provider",
                f"found {show_value(provider)}: the site's security policy can allow only a provider whose addresses are "
                "known, and readers' browsers may contact no other site",
                "provider: google (Google Analytics 4, with a property such as G-XXXXXXXXXX); or leave extra.analytics out",
            )
        )
    elif not isinstance(prop := analytics.get("property"), str) or not GOOGLE_PROPERTY.match(prop):
        problems.append(
            ContentProblem(
                CONFIG_PATH,
                "extra.analytics.property",
                f"found {show_value(analytics.get('property'))}, which is not a Google Analytics 4 measurement ID",
                "the measurement ID from Google Analytics, 'G-' followed by letters and digits, e.g. G-ABC123DEF4",
            )
        )
    return problems


def analytics_sources(extra: dict) -> dict[str, tuple[str, ...]]:
    """The hosts the Content-Security-Policy must allow for the configured analytics (none if off)."""
    analytics = extra.get("analytics")
    provider = analytics.get("provider") if isinstance(analytics, dict) else None
    return ANALYTICS_SOURCES.get(str(provider), {}) if extra.get("consent") else {}
