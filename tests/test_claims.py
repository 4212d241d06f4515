"""The claims check: risky advertising wording warns (so --strict fails), honest wording passes."""

from __future__ import annotations

import pytest

from clinic_site.claims import (
    CLAIMS_FILE,
    claim_problems,
    data_file_claim_problems,
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

RULES = load_claim_rules(ROOT / CLAIMS_FILE)
SOURCE = {"title": "CAP Code rule 3.1", "url": "https://www.asa.org.uk/codes-and-rulings/advertising-codes.html"}


def categories(text: str) -> list[str]:
    return [f.phrase.category.key for f in find_claims(text, RULES)]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The peel is completely safe for you.", "absolute-safety"),
        ("A risk free way to refresh your skin.", "absolute-safety"),
        ("Microneedling is painless.", "pain-and-downtime"),
        ("Back to work with no\ndowntime.", "pain-and-downtime"),
        ("Guaranteed results.", "guarantees-and-permanence"),
        ("This offer ends on Friday.", "time-pressure"),
        ("The best clinic in London.", "unsubstantiated-superlative"),
        ("Botulinum toxin injections for frown lines.", "prescription-only-medicine"),
    ],
)
def test_risky_wording_is_flagged_with_its_category(sentence, category):
    assert categories(sentence) == [category]


@pytest.mark.parametrize(
    "sentence",
    [
        "Possible side effects and risks are listed below.",
        "The treatment is not painless, so we use numbing cream.",
        "We cannot guarantee results: everyone's skin responds differently.",
        "There is no risk-free treatment.",
        "The best way to prepare is to write down your questions.",
        "A safety check is part of every consultation.",
    ],
)
def test_honest_wording_is_not_flagged(sentence):
    assert categories(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Not only painless but quick too.",
        "Never painful? No, painless.",
        "No need to worry: it's painless.",
        "No needles and no downtime.",
        "Is it painless? Yes, completely.",
        "You won't believe how painless it is.",
        "No needles needed for painless results.",
        "Painless results are not just possible, they're guaranteed.",
    ],
)
def test_a_negation_that_still_claims_is_flagged(sentence):
    assert "pain-and-downtime" in categories(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "It is not always painless.",
        "We never describe any treatment as painless.",
        "No peel is painless.",
        "Is microneedling painless? No: most people feel some discomfort.",
        "Is it painless?\n\nNot quite: most people feel a prickling.",
        "Painless peels are a myth.",
        "Some clinics advertise peels as painless; the NHS says they can sting.",
    ],
)
def test_a_real_negation_passes(sentence):
    assert categories(sentence) == []


def test_a_medicine_named_as_a_reason_not_to_treat_passes_but_promoted_is_flagged():
    assert categories("Tell us if you have taken isotretinoin in the last six months.") == []
    assert categories("Ask about isotretinoin for stubborn acne.") == ["prescription-only-medicine"]


def test_demo_content_passes_honestly():
    def reviewed(path):  # the exceptions a clinician recorded on the page itself
        return reviewed_exceptions(read_front_matter(path.read_text(encoding="utf-8"), path.name), path.name)

    found = {
        path.name: claim_problems(path.read_text(encoding="utf-8"), path.name, RULES, reviewed(path))
        for path in ROOT.glob("docs/**/*.md")
    }
    for path, kind in [(ROOT / "mkdocs.yml", "mkdocs"), (ROOT / VOCABULARY_FILE, "vocabulary")]:
        found[path.name] = data_file_claim_problems(path, path.name, kind, RULES)
    for path in ROOT.glob("data/concerns/*.md"):
        found[path.name] = data_file_claim_problems(path, path.name, "markdown", RULES)
    assert {name: f for name, f in found.items() if f} == {}


def test_warning_names_file_line_phrase_why_and_source():
    [problem] = claim_problems("---\ntitle: Peels\n---\n\nOur peels are\ncompletely safe.\n", "docs/peels.md", RULES, [])
    assert str(problem).startswith(
        "docs/peels.md, line 6: wording: 'completely safe' is an absolute safety claim: every procedure carries some risk"
    )
    assert "(GMC, Guidance for doctors who offer cosmetic interventions: maintaining trust" in problem.problem
    assert "claims_reviewed:" in problem.accepted


def test_a_disguised_phrase_is_quoted_as_written_and_as_read():
    [problem] = claim_problems("A pain**less** peel.\n", "docs/p.md", RULES, [])
    assert problem.problem.startswith("'pain**less**' (which reads 'painless') is a pain or downtime absolute")


def test_front_matter_comments_keys_and_vocabulary_keys_are_not_checked_but_values_are():
    text = "---\n# painless\ntitle: Peels  # no downtime\nnot_suitable_for: [isotretinoin]\nsummary: 'Painless # really'\n---\n"
    assert [p.line for p in claim_problems(text, "docs/p.md", RULES, [])] == [5]


def test_a_reviewed_exception_silences_exactly_its_phrase():
    text = "No downtime is expected, as the NHS page says.\nIt is painless.\n"
    exception = ClaimReview(phrase="no  downtime", reason="Quoted from the NHS page; agreed by the clinical lead.")
    problems = claim_problems(text, "docs/x.md", RULES, [exception])
    assert [p.problem.split(" is ")[0] for p in problems] == ["'painless'"]


def test_an_exception_for_wording_the_page_does_not_have_is_reported_with_its_line():
    source = (
        "---\ntitle: Privacy\nclaims_reviewed:\n  - phrase: painless\n"
        "    reason: Agreed by the clinical lead in 2026.\n---\n\nNothing risky here.\n"
    )
    exceptions = reviewed_exceptions(read_front_matter(source, "docs/privacy.md"), "docs/privacy.md")
    [problem] = claim_problems(source, "docs/privacy.md", RULES, exceptions)
    assert str(problem) == (
        "docs/privacy.md, line 4: claims_reviewed, item 1, phrase: 'painless' is not flagged anywhere on this page, "
        "so the exception is not needed. Accepted: remove the exception (or, if the wording is still on the page, "
        "copy the phrase exactly as the claims warning quotes it)."
    )


def test_an_exception_is_used_when_the_phrase_is_written_with_markup():
    source = "---\ntitle: T\nclaims_reviewed:\n  - phrase: pain**less**\n    reason: A quotation; agreed by the clinical lead.\n---\n\nPain*less*.\n"
    exceptions = reviewed_exceptions(read_front_matter(source, "docs/t.md"), "docs/t.md")
    assert claim_problems(source, "docs/t.md", RULES, exceptions) == []


def test_an_exception_needs_a_reason():
    source = "---\ntitle: Privacy\nclaims_reviewed:\n  - phrase: painless\n---\n"
    with pytest.raises(ContentError) as caught:
        reviewed_exceptions(read_front_matter(source, "docs/privacy.md"), "docs/privacy.md")
    assert str(caught.value.problems[0]).startswith(
        "docs/privacy.md, line 4: claims_reviewed, item 1, reason: this required field is missing"
    )


def test_marketing_can_add_phrases_and_mistakes_in_the_file_are_reported():
    miracle = {"label": "a miracle claim", "why": "nothing is a miracle.", "instead": "say what it does.", "source": SOURCE}
    rules = parse_claim_rules({"categories": {"miracle": {**miracle, "phrases": ["miracle*"]}}}, CLAIMS_FILE)
    assert [f.text for f in find_claims("Our miraculous, miracle cream.", rules)] == ["miracle"]
    assert rules[0].category.sources[0].title == "CAP Code rule 3.1"

    with pytest.raises(ContentError) as caught:
        parse_claim_rules({"categories": {"miracle": {"label": "x", "phrases": ["mir*cle"]}}}, CLAIMS_FILE)
    assert str(caught.value.problems[0]) == (
        "data/claims.yml: categories.miracle: missing why, instead, source. Accepted: label, why, instead (short plain text), "
        "source (the title and url of the rule or guidance), phrases (a list), and optionally unless_sentence_says (a list)."
    )
    with pytest.raises(ContentError) as caught:
        parse_claim_rules({"categories": {"m": {**miracle, "phrases": ["mir*cle"]}}}, CLAIMS_FILE)
    assert str(caught.value.problems[0]) == (
        "data/claims.yml: categories.m.phrases, item 1: found 'mir*cle': a * may only end a word, or stand alone for one "
        "to three words. Accepted: a phrase in plain words."
    )
    with pytest.raises(ContentError) as caught:
        parse_claim_rules({"categories": {"m": {**miracle, "source": "the ASA", "phrases": ["miracle"]}}}, CLAIMS_FILE)
    assert str(caught.value.problems[0]).startswith(
        "data/claims.yml: categories.m.source: found 'the ASA'. Accepted: a title and an https:// url"
    )


def test_a_category_can_excuse_sentences_that_say_something():
    rule = {
        "label": "x",
        "why": "y",
        "instead": "z",
        "source": [SOURCE],
        "phrases": ["peel*"],
        "unless_sentence_says": ["recent"],
    }
    rules = parse_claim_rules({"categories": {"peels": rule}}, CLAIMS_FILE)
    assert [f.text for f in find_claims("Book a peel. A recent peel? Wait a month.", rules)] == ["peel"]


def test_phrases_match_whole_words_any_case_and_spacing():
    pattern = phrase_pattern("risk-free")
    assert pattern.search("RISK  FREE") and pattern.search("risk-free") and not pattern.search("risk-freedom")
    assert not phrase_pattern("no risk").search("no risk-free") and phrase_pattern("prom").search("prom-ready")
    assert phrase_pattern("don't let * ruin").search("Don't let acne scars ruin it")
    assert not phrase_pattern("no downtime").search("no\n\ndowntime")  # a blank line ends a phrase


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

    replace_in(privacy, "Booking is risk-free. ", "")  # the wording goes; the exception lingers
    lingering = build(project)
    assert not lingering.ok
    assert (
        "WARNING -  docs/privacy.md, line 5: claims_reviewed, item 1, phrase: 'risk-free' is not flagged anywhere on "
        "this page, so the exception is not needed. Accepted: remove the exception" in lingering.output
    )


def test_build_fails_on_risky_wording_in_mkdocs_yml_and_concern_introductions(project):
    replace_in(
        project / "mkdocs.yml",
        "copyright: Willow Skin Clinic (demo content)",
        "copyright: Willow Skin Clinic, London's leading skin clinic",
    )
    replace_in(project / "data/concerns/acne-scars.md", "Two kinds of treatment", "Two pain&#8209;free kinds of treatment")
    failed = build(project)
    assert not failed.ok
    assert "WARNING -  mkdocs.yml, line 4: wording: 'London's leading' is an unsubstantiated superlative" in failed.output
    assert (
        "WARNING -  data/concerns/acne-scars.md, line 4: wording: 'pain&#8209;free' (which reads 'pain-free') is a pain "
        "or downtime absolute" in failed.output
    )
    assert "Text in this file cannot have exceptions: reword it" in failed.output
