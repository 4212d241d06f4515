"""Pages of one build share the checks of their repeated elements (header, navigation, footer):
every page still reports its own findings, the same ones as when checked alone."""

from __future__ import annotations

from clinic_site.active_content import page_findings

HEADER = '<header class="md-header"><a href="../">Home</a><a href="../compare/">Compare</a></header>'
HOSTILE = '<a href="javascript:alert(1)" onclick="steal()">Offer</a><img src="https://tracker.example/x.gif">'


def page(body: str) -> str:
    return f"<!doctype html><html><body>{HEADER}<main>{body}</main></body></html>"


def test_a_repeated_hostile_element_is_reported_on_every_page_that_has_it():
    pages = [page(HOSTILE), page("<p>Plain</p>"), page(HOSTILE + HOSTILE)]
    alone = [page_findings(html, frozenset())[0] for html in pages]
    shared: dict = {}
    together = [page_findings(html, frozenset(), shared)[0] for html in pages]
    assert together == alone
    assert len(alone[0]) == 2 and alone[1] == [] and len(alone[2]) == 4  # onclick= and javascript: on each <a>
    assert shared  # the elements were remembered for the next page
