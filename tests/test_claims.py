"""The claims check: risky advertising wording warns (so --strict fails), honest wording passes."""

from __future__ import annotations

import pytest

from clinic_site.claims import (
    CLAIMS_FILE,
    claim_problems,
    find_claims,
    load_claim_rules,
    parse_claim_rules,
    phrase_pattern,
    reviewed_exceptions,
)
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import ClaimReview
from clinic_site.problems import ContentError
from clinic_site.vocabulary import VOCABULARY_FILE
from tests.support.sites import ROOT, build, replace_in

PHRASES = load_claim_rules(ROOT / CLAIMS_FILE)


def categories(text: str) -> list[str]:
    return [f.phrase.category.key for f in find_claims(text, PHRASES)]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The peel is completely safe for you.", "absolute-safety"),
        ("A risk free way to refresh your skin.", "absolute-safety"),
        ("There are no side effects.", "absolute-safety"),
        ("Safe for all skin types.", "absolute-safety"),
        ("Microneedling is painless.", "pain-and-downtime"),
        ("A pain-free treatment.", "pain-and-downtime"),
        ("Back to work with no\ndowntime.", "pain-and-downtime"),
        ("Guaranteed results.", "guarantees-and-permanence"),
        ("Permanent results after one course.", "guarantees-and-permanence"),
        ("Erase fine lines.", "guarantees-and-permanence"),
        ("Limited-time offer: 20% off.", "time-pressure"),
        ("This offer ends on Friday.", "time-pressure"),
        ("Voted No.1 skin clinic.", "unsubstantiated-superlative"),
        ("The best clinic in London.", "unsubstantiated-superlative"),
        ("Our most advanced peel.", "unsubstantiated-superlative"),
        ("We offer Botox.", "prescription-only-medicine"),
        ("Botulinum toxin injections for frown lines.", "prescription-only-medicine"),
    ],
)
def test_risky_wording_is_flagged_with_its_category(sentence, category):
    assert categories(sentence) == [category]


@pytest.mark.parametrize(
    "sentence",
    [
        "Possible side effects and risks are listed below.",
        "Side effects are usually mild.",
        "The treatment is not painless, so we use numbing cream.",
        "It is not always painless.",
        "We cannot guarantee results: everyone's skin responds differently.",
        "There is no guarantee that one session is enough.",
        "There is no risk-free treatment.",
        "Downtime is usually 2 to 7 days.",
        "The best way to prepare is to write down your questions.",
        "Results may take weeks to show.",
        "A safety check is part of every consultation.",
    ],
)
def test_honest_wording_is_not_flagged(sentence):
    assert categories(sentence) == []


def test_demo_content_passes_honestly():
    sources = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / VOCABULARY_FILE]
    found = {path.name: find_claims(path.read_text(encoding="utf-8"), PHRASES) for path in sources}
    assert {name: f for name, f in found.items() if f} == {}


def test_warning_names_file_line_phrase_and_why():
    [problem] = claim_problems("---\ntitle: Peels\n---\n\nOur peels are\ncompletely safe.\n", "docs/peels.md", PHRASES, [])
    assert str(problem).startswith(
        "docs/peels.md, line 6: wording: 'completely safe' is an absolute safety claim: every procedure carries some risk"
    )
    assert "claims_reviewed:" in problem.accepted


def test_front_matter_comments_are_not_checked_but_values_are():
    text = "---\n# painless\ntitle: Peels  # no downtime\nsummary: 'Painless # really'\n---\n"
    assert [p.line for p in claim_problems(text, "docs/p.md", PHRASES, [])] == [4]


def test_a_reviewed_exception_silences_exactly_its_phrase():
    text = "No downtime is expected, as the NHS page says.\nIt is painless.\n"
    exception = ClaimReview(phrase="no  downtime", reason="Quoted from the NHS page; agreed by the clinical lead.")
    problems = claim_problems(text, "docs/x.md", PHRASES, [exception])
    assert [p.problem.split(" is ")[0] for p in problems] == ["'painless'"]


def test_an_exception_for_wording_the_page_does_not_have_is_reported():
    exception = ClaimReview(phrase="painless", reason="Agreed by the clinical lead in 2026.")
    [problem] = claim_problems("Nothing risky here.\n", "docs/x.md", PHRASES, [exception])
    assert problem.field == "claims_reviewed, item 1, phrase"
    assert problem.problem == "'painless' is not flagged on this page, so the exception is not needed"


def test_an_exception_needs_a_reason():
    source = "---\ntitle: Privacy\nclaims_reviewed:\n  - phrase: painless\n---\n"
    with pytest.raises(ContentError) as caught:
        reviewed_exceptions(read_front_matter(source, "docs/privacy.md"), "docs/privacy.md")
    assert str(caught.value.problems[0]).startswith(
        "docs/privacy.md, line 4: claims_reviewed, item 1, reason: this required field is missing"
    )


def test_marketing_can_add_phrases_and_mistakes_in_the_file_are_reported():
    phrases = parse_claim_rules(
        {
            "categories": {
                "miracle": {
                    "label": "a miracle claim",
                    "why": "nothing is a miracle.",
                    "instead": "say what it does.",
                    "phrases": ["miracle*"],
                }
            }
        },
        CLAIMS_FILE,
    )
    assert [f.text for f in find_claims("Our miraculous, miracle cream.", phrases)] == ["miracle"]
    with pytest.raises(ContentError) as caught:
        parse_claim_rules({"categories": {"miracle": {"label": "x", "phrases": ["mir*cle"]}}}, CLAIMS_FILE)
    assert str(caught.value.problems[0]) == (
        "data/claims.yml: categories.miracle: missing why, instead. Accepted: label, why, instead (short plain text) and phrases (a list)."
    )
    with pytest.raises(ContentError, match=r"with \* only at the end of a word"):
        parse_claim_rules({"categories": {"m": {"label": "x", "why": "y", "instead": "z", "phrases": ["mir*cle"]}}}, CLAIMS_FILE)


def test_phrases_match_whole_words_any_case_and_spacing():
    pattern = phrase_pattern("risk-free")
    assert pattern.search("RISK  FREE") and pattern.search("risk-free") and not pattern.search("risk-freedom")


def test_build_fails_on_risky_wording_and_passes_with_a_reviewed_exception(project):
    privacy = project / "docs/privacy.md"
    replace_in(privacy, "We want you to be able", "Booking is risk-free. We want you to be able")
    failed = build(project)
    assert not failed.ok
    assert "WARNING -  docs/privacy.md, line 6: wording: 'risk-free' is an absolute safety claim" in failed.output

    replace_in(
        privacy,
        "---\n\n",
        "claims_reviewed:\n  - phrase: risk-free\n    reason: About cancelling a booking, not a treatment; agreed by the practice manager.\n---\n\n",
    )
    passed = build(project)
    assert passed.ok, passed.output
