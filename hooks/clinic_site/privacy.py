"""Readers' privacy rules that depend on mkdocs.yml.

Nothing on the site may track readers without asking: if the clinic turns on analytics
(`extra.analytics`), Material's cookie consent (`extra.consent`) must be on as well.
"""

from __future__ import annotations

from clinic_site.clinic_details import CONFIG_PATH
from clinic_site.problems import ContentProblem, show_value


def analytics_consent_problems(extra: dict) -> list[ContentProblem]:
    analytics = extra.get("analytics")
    if not analytics or extra.get("consent"):
        return []
    provider = analytics.get("provider") if isinstance(analytics, dict) else None
    found = f"analytics is on (provider {show_value(provider)})" if provider else f"analytics is on ({show_value(analytics)})"
    return [
        ContentProblem(
            CONFIG_PATH,
            "extra.consent",
            f"{found} but cookie consent is missing",
            "a consent block under extra: in mkdocs.yml (extra.consent, with a title and description) so readers "
            "are asked before analytics load; or leave extra.analytics out",
        )
    ]
