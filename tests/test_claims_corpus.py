"""The claims check against a corpus of risky and honest sentences in the style of UK clinic marketing.

tests/data/claims_corpus.yml was written before the rules were tuned, and the rules were then tuned
until every sentence here passes. tests/data/claims_corpus_heldout.yml was written at the same time
and never tuned against: benchmarks/claims_corpus.py reports its false positives and negatives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clinic_site.claims import CLAIMS_FILE, find_claims, load_claim_rules
from tests.support.sites import ROOT

RULES = load_claim_rules(ROOT / CLAIMS_FILE)
CATEGORIES = {phrase.category.key for phrase in RULES}
DATA = Path(__file__).parent / "data"
TUNED = yaml.safe_load((DATA / "claims_corpus.yml").read_text(encoding="utf-8"))
HELD_OUT = yaml.safe_load((DATA / "claims_corpus_heldout.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "category"), [(item["text"], item["category"]) for item in TUNED["risky"]])
def test_risky_sentence_is_flagged_with_its_category(text, category):
    assert category in [f.phrase.category.key for f in find_claims(text, RULES)]


@pytest.mark.parametrize("text", TUNED["honest"])
def test_honest_sentence_is_not_flagged(text):
    assert [(f.text, f.phrase.category.key) for f in find_claims(text, RULES)] == []


def test_the_corpora_cover_every_category_with_enough_sentences():
    for corpus in (TUNED, HELD_OUT):
        assert {item["category"] for item in corpus["risky"]} == CATEGORIES
    assert len(TUNED["risky"]) >= 60 and len(TUNED["honest"]) >= 60
    assert len(HELD_OUT["risky"]) >= 40 and len(HELD_OUT["honest"]) >= 40
    tuned = {item["text"] for item in TUNED["risky"]} | set(TUNED["honest"])
    assert not tuned & ({item["text"] for item in HELD_OUT["risky"]} | set(HELD_OUT["honest"]))
