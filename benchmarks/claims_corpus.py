"""How well the claims check separates risky from honest sentences, on the corpora in tests/data.

    .venv/bin/python benchmarks/claims_corpus.py [--list] [--speed]

For each corpus (claims_corpus.yml, which the rules were tuned against, and
claims_corpus_heldout.yml, which they never were) it prints:

- false negatives: risky sentences not flagged with their expected category (flagged only with
  another category counts as a miss of the expected one, and is listed as such);
- false positives: honest sentences flagged at all.

`--list` prints each miss with what was found. `--speed` also times the check on the 1,000-page
site of benchmarks/build_scale.py (CPU seconds, best of five).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT)]

import yaml  # noqa: E402

from clinic_site.claims import CLAIMS_FILE, claim_problems, find_claims, load_claim_rules  # noqa: E402

CORPORA = {"tuned": ROOT / "tests/data/claims_corpus.yml", "held-out": ROOT / "tests/data/claims_corpus_heldout.yml"}


@dataclass
class Score:
    risky: int
    honest: int
    false_negatives: list[tuple[str, str, list[str]]]  # sentence, expected category, categories found
    false_positives: list[tuple[str, list[str]]]  # sentence, phrases found


def load_corpus(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score(corpus: dict, rules) -> Score:
    misses, wrong = [], []
    for item in corpus["risky"]:
        found = [f.phrase.category.key for f in find_claims(item["text"], rules)]
        if item["category"] not in found:
            misses.append((item["text"], item["category"], found))
    for sentence in corpus["honest"]:
        if findings := find_claims(sentence, rules):
            wrong.append((sentence, [f"{f.text} ({f.phrase.category.key})" for f in findings]))
    return Score(len(corpus["risky"]), len(corpus["honest"]), misses, wrong)


def speed(rules) -> float:
    from benchmarks.build_scale import generate_site

    site = generate_site(Path(tempfile.mkdtemp()) / "site", 1000)
    pages = [(p.as_posix(), p.read_text(encoding="utf-8")) for p in sorted((site / "docs").rglob("*.md"))]
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for path, text in pages:
            claim_problems(text, path, rules, [])
        best = min(best, time.process_time() - start)
    print(f"speed: {len(pages)} pages of the 1,000-treatment site checked in {best:.3f} s CPU (best of 5)")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every false negative and false positive of the tuned corpus")
    parser.add_argument("--list-held-out", action="store_true", help="print them for the held-out corpus too (not for tuning!)")
    parser.add_argument("--speed", action="store_true", help="time the check on the 1,000-page benchmark site")
    args = parser.parse_args()
    rules = load_claim_rules(ROOT / CLAIMS_FILE)
    print(f"{len(rules)} phrases in {CLAIMS_FILE}")
    for name, path in CORPORA.items():
        result = score(load_corpus(path), rules)
        print(
            f"{name:9} risky {result.risky:3}: {len(result.false_negatives):2} false negatives | "
            f"honest {result.honest:3}: {len(result.false_positives):2} false positives"
        )
        if args.list and (name == "tuned" or args.list_held_out):
            for sentence, expected, found in result.false_negatives:
                print(f"    missed ({expected}; found {found or 'nothing'}): {sentence!r}")
            for sentence, found in result.false_positives:
                print(f"    wrongly flagged ({', '.join(found)}): {sentence!r}")
    if args.speed:
        speed(rules)


if __name__ == "__main__":
    main()
