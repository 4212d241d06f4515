"""Which pages the live preview rebuilds after an edit (hooks/clinic_site/page_dependencies.py) and the
per-file results it keeps between rebuilds (hooks/clinic_site/check_cache.py), as plain functions.
The served result of whole rebuilds is tested in tests/test_preview_partial_rebuild.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from clinic_site import check_cache, page_dependencies
from clinic_site.catalogue import Catalogue, TreatmentEntry
from clinic_site.markers import MarkerCall
from clinic_site.model import Treatment, TreatmentPage
from clinic_site.page_dependencies import BuiltPage, PreviewMemory


def entry(slug: str, concerns: list[str], order: int, category: str, summary: str, price: int) -> TreatmentEntry:
    treatment = Treatment(name=slug.title(), category=category, summary=summary, concerns=concerns, order=order, price_from=price)
    return TreatmentEntry(
        TreatmentPage(description="A description.", treatment=treatment),
        f"treatments/{slug}.md",
        f"treatments/{slug}/",
        f"docs/treatments/{slug}.md",
    )


def call(name: str, **options: list[str]) -> MarkerCall:
    return MarkerCall(name, options, 1, 0, 0)


PAGES_WITH_MARKERS = {
    "compare.md": (call("comparison-table"),),
    "treatments/index.md": (call("treatment-list"),),
    "concerns/acne-scars.md": (call("treatment-cards", concern=["acne-scars"]), call("comparison-table", concern=["acne-scars"])),
    "concerns/texture.md": (call("treatment-cards", concern=["texture"]),),
    "consultation.md": (call("clinic-contact"), call("booking-options")),
}


def card(e: TreatmentEntry) -> dict:
    """Stands in for SiteViews.card: what a card shows (not the price)."""
    return {
        "name": e.name,
        "url": e.url,
        "summary": e.treatment.summary,
        "category": e.treatment.category,
        "concerns": e.treatment.concerns,
    }


def marker_data(catalogue: Catalogue):
    """Stands in for each marker's template data: tables show prices, cards and lists do not."""

    def data(marker: MarkerCall):
        if marker.name == "comparison-table":
            return {"rows": [(card(e), e.treatment.price_from) for e in catalogue.select(marker.options)]}
        if marker.name == "treatment-cards":
            return {"cards": [card(e) for e in catalogue.select(marker.options)]}
        if marker.name == "treatment-list":
            return {"cards": [card(e) for e in catalogue.sorted()]}
        return {}

    return data


def fingerprints(
    sources: dict[str, str],
    concerns: dict[str, list[str]],
    orders: dict[str, int] | None = None,
    summaries: dict[str, str] | None = None,
    prices: dict[str, int] | None = None,
):
    """The fingerprints of a site of three treatments (pen, roller, peel) and a few other pages."""
    orders = {"pen": 30, "roller": 40, "peel": 50, **(orders or {})}
    summaries = {"pen": "Pen.", "roller": "Roller.", "peel": "Peel.", **(summaries or {})}
    prices = {"pen": 200, "roller": 150, "peel": 90, **(prices or {})}
    categories = {"pen": "collagen-induction", "roller": "collagen-induction", "peel": "chemical-exfoliation"}
    entries = tuple(
        entry(slug, concerns[slug], orders[slug], categories[slug], summaries[slug], prices[slug])
        for slug in ("pen", "roller", "peel")
    )
    catalogue = Catalogue(entries, None)
    site = SimpleNamespace(catalogue=catalogue, markers=PAGES_WITH_MARKERS)
    return page_dependencies.page_fingerprints(site, sources, {"index.md": True}, card, marker_data(catalogue))


SOURCES = {
    "index.md": "home",
    "compare.md": "compare",
    "treatments/index.md": "list",
    "concerns/acne-scars.md": "acne",
    "concerns/texture.md": "texture",
    "consultation.md": "consultation",
    "privacy.md": "privacy",
    "treatments/pen.md": "pen v1",
    "treatments/roller.md": "roller",
    "treatments/peel.md": "peel",
}
CONCERNS = {"pen": ["acne-scars"], "roller": ["acne-scars"], "peel": ["texture"]}
PEN_EDITED = {**SOURCES, "treatments/pen.md": "pen v2"}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {uri for uri in before if before[uri] != after[uri]}


def test_what_a_card_shows_edited_changes_the_treatments_page_and_every_page_that_shows_it_only():
    before = fingerprints(SOURCES, CONCERNS)
    after = fingerprints(PEN_EDITED, CONCERNS, summaries={"pen": "Pen, said better."})
    # The roller's related cards show the pen (a shared concern); the texture page and the peel (another
    # concern and category) do not.
    assert changed(before, after) == {
        "treatments/pen.md",
        "treatments/roller.md",
        "compare.md",
        "treatments/index.md",
        "index.md",  # its own template (home.html) shows every treatment's card
        "concerns/acne-scars.md",
    }


def test_a_price_edited_changes_the_pages_whose_tables_show_it_not_those_whose_cards_show_the_treatment():
    before = fingerprints(SOURCES, CONCERNS)
    after = fingerprints(PEN_EDITED, CONCERNS, prices={"pen": 275})
    assert changed(before, after) == {"treatments/pen.md", "compare.md", "concerns/acne-scars.md", "index.md"}


def test_the_text_of_a_treatment_edited_changes_only_its_page_and_the_page_with_a_template_of_its_own():
    assert changed(fingerprints(SOURCES, CONCERNS), fingerprints(PEN_EDITED, CONCERNS)) == {"treatments/pen.md", "index.md"}


def test_a_treatment_moved_to_another_concern_changes_the_pages_of_both_concerns():
    before = fingerprints(SOURCES, CONCERNS)
    after = fingerprints(PEN_EDITED, {**CONCERNS, "pen": ["texture"]})
    assert {"concerns/acne-scars.md", "concerns/texture.md", "treatments/peel.md", "treatments/roller.md"} <= changed(
        before, after
    )
    assert "consultation.md" not in changed(before, after)


def test_related_cards_follow_table_order_of_other_treatments():
    """Only the roller's file changes, but its place in table order decides the order of the peel's
    related cards (the pen and the roller share its concern, neither its category)."""
    concerns = {"pen": ["texture"], "roller": ["texture"], "peel": ["texture"]}
    before = fingerprints(SOURCES, concerns)
    after = fingerprints({**SOURCES, "treatments/roller.md": "roller v2"}, concerns, {"roller": 10})
    assert {"treatments/roller.md", "treatments/peel.md", "compare.md"} <= changed(before, after)
    assert "treatments/pen.md" not in changed(before, after)  # its one related card, the roller, is unchanged


def test_pages_showing_no_treatment_keep_their_fingerprint():
    before = fingerprints(SOURCES, CONCERNS)
    after = fingerprints({**SOURCES, "treatments/peel.md": "peel v2"}, CONCERNS, summaries={"peel": "Peel, said better."})
    assert not {"consultation.md", "privacy.md", "concerns/acne-scars.md"} & changed(before, after)


def memory(**fingerprints: str) -> PreviewMemory:
    return PreviewMemory("site v1", {uri: BuiltPage(fingerprint) for uri, fingerprint in fingerprints.items()})


def test_only_pages_with_a_new_fingerprint_are_rebuilt():
    assert page_dependencies.pages_to_rebuild(memory(a="1", b="2"), "site v1", {"a": "1", "b": "3"}, False) == {"b"}


@pytest.mark.parametrize(
    "kept, site_wide, now, problems",
    [
        (None, "site v1", {"a": "1"}, False),  # the first build, or the last one stopped
        (memory(a="1"), "site v2", {"a": "1"}, False),  # mkdocs.yml, data/, overrides/, code or a picture changed
        (memory(a="1"), "site v1", {"a": "1", "b": "2"}, False),  # a page added (or deleted, or renamed)
        (memory(a="1"), "site v1", {"a": "1"}, True),  # a problem: every page's panel counts it
    ],
)
def test_everything_is_rebuilt_when_in_doubt(kept, site_wide, now, problems):
    assert page_dependencies.pages_to_rebuild(kept, site_wide, now, problems) is None


def test_a_partial_rebuild_asks_for_a_clean_one_when_other_pages_may_show_what_changed():
    urls = {"treatments/index.md": "treatments/", "treatments/pen.md": "treatments/pen/", "privacy.md": "privacy/"}
    kept = PreviewMemory(
        "site",
        {
            "treatments/index.md": BuiltPage("1", "Treatments", anchors=frozenset({"a"}), in_nav=True),
            "treatments/pen.md": BuiltPage("1", "Pen", anchors=frozenset({"what-it-is"})),
            "privacy.md": BuiltPage("1", "Privacy"),
        },
    )
    after = page_dependencies.after_partial_build
    assert not after(kept, {"treatments/pen.md": BuiltPage("2", "Pen renamed", anchors=frozenset({"what-it-is"}))}, urls, False)
    assert after(kept, {"treatments/pen.md": BuiltPage("2", "Pen", anchors=frozenset({"how-it-works"}))}, urls, False)
    assert after(
        kept, {"treatments/index.md": BuiltPage("2", "All treatments", anchors=frozenset({"a"}), in_nav=True)}, urls, False
    )
    assert after(kept, {"privacy.md": BuiltPage("2", "Privacy")}, urls, True)  # a problem appeared
    assert after(None, {}, urls, False)


def test_the_search_index_keeps_pages_not_rebuilt_in_page_order():
    urls = {"index.md": "", "a.md": "a/", "b.md": "b/"}
    kept = PreviewMemory(
        "site",
        {
            "index.md": BuiltPage("1", search_documents=[{"location": ""}]),
            "a.md": BuiltPage("1", search_documents=[{"location": "a/", "text": "old"}]),
            "b.md": BuiltPage("1", search_documents=[{"location": "b/"}]),
        },
    )
    fresh = [{"location": "a/", "text": "new"}, {"location": "a/#part", "text": "new part"}]
    merged, by_page = page_dependencies.merged_search_documents(kept, fresh, urls, ["a.md"])
    assert merged == [{"location": ""}, *fresh, {"location": "b/"}]
    assert by_page == {"a.md": fresh}


def test_a_remembered_result_is_reused_for_the_same_key_and_forgotten_when_unused():
    calls = []

    def compute(value):
        calls.append(value)
        return [value]

    check_cache.start_build(serving=True)
    first = check_cache.remembered("test", ("page", "text"), lambda: compute(1))
    check_cache.start_build(serving=True)
    assert check_cache.remembered("test", ("page", "text"), lambda: compute(2)) is first
    check_cache.start_build(serving=True)
    check_cache.start_build(serving=True)  # a build that did not ask for it: forgotten
    assert check_cache.remembered("test", ("page", "text"), lambda: compute(3)) == [3]
    assert calls == [1, 3]


def test_outside_the_preview_nothing_is_remembered():
    check_cache.start_build(serving=False)
    assert check_cache.remembered("test", "key", lambda: object()) is not check_cache.remembered("test", "key", lambda: object())


def test_a_step_that_fails_runs_again():
    check_cache.start_build(serving=True)

    def fail():
        raise ValueError("bad file")

    for _ in range(2):
        with pytest.raises(ValueError):
            check_cache.remembered("test", "bad", fail)
    check_cache.start_build(serving=False)


def test_identity_keys_tell_equal_objects_apart():
    a, b = [1], [1]
    assert check_cache.identity(a) == check_cache.identity(a)
    assert check_cache.identity(a) != check_cache.identity(b)


def test_a_page_result_is_kept_across_builds_that_leave_the_page_alone():
    calls = []
    check_cache.start_build(serving=True)
    check_cache.latest("test pages", "a.md", "content 1", lambda: calls.append(1))
    for _ in range(3):  # partial rebuilds that do not write a.md
        check_cache.start_build(serving=True)
    check_cache.latest("test pages", "a.md", "content 1", lambda: calls.append(2))
    check_cache.latest("test pages", "a.md", "content 2", lambda: calls.append(3))
    check_cache.start_build(serving=False)
    assert calls == [1, 3]
