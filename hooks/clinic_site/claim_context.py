"""When a risky phrase is written but not claimed: "it is not painless", "there is no guarantee".

A phrase found in reader text is excused when its own clause denies it, and only then:

- a negation governs it: "not" (or never, cannot, don't, without, ...) followed by at most four
  words, none of which turns the sentence around ("we do not offer Botox", "we never describe any
  treatment as painless"; but "you won't believe how painless" and "not only painless" claim);
- "no" (none, nothing, no one) governs it directly or through a verb: "there is no guarantee",
  "no treatment is completely safe", "there is no such thing as a risk-free treatment"; but in
  "no needles needed for painless results" the "no" is about the needles;
- the words right after it deny it: "instant results are not realistic", "painless peels are a
  myth", "results after one session are usually subtle";
- it is asked, and the answer is no: "Is it painless? No: most people feel ...";
- it is reported as other people's claim: "some clinics advertise peels as painless";
- its category excuses the sentence (`unless_sentence_says` in data/claims.yml), e.g. a medicine
  named in "tell us if you have taken isotretinoin".

A clause ends at punctuation (. , ; : ? ! brackets), a line break, a spaced dash, and at words that
start a new claim (but, and, yet, so, only, just, also, ...), so "No need to worry: it's painless"
and "no needles and no downtime" are still claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CLAUSE_BREAK = re.compile(
    r"[.!?;:,()\[\]\n]|\s-\s|\b(?:but|and|yet|so|because|although|though|while|whereas|only|just|merely|simply|also|plus|then|instead)\b",
    re.IGNORECASE,
)
PUNCTUATION_BREAK = re.compile(r"[.!?;:,()\[\]\n]|\s-\s")
SENTENCE_BREAK = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
WORD = r"[\w'%£$-]+"
VERBAL_NEGATION = re.compile(
    rf"""(?:^|\s)(?:not|never|cannot|can't|cant|won't|don't|dont|doesn't|doesnt|didn't|isn't|isnt|aren't|arent|wasn't|
    weren't|wouldn't|shouldn't|couldn't|mustn't|haven't|hasn't|without|nor|neither)(?P<free>(?:\s+{WORD}){{0,4}})\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
NO_NEGATION = re.compile(rf"(?:^|\s)(?:no|none|nothing|nobody|no one|no-one)(?P<free>(?:\s+{WORD}){{0,4}})\s*$", re.IGNORECASE)
ATTRIBUTION = re.compile(
    rf"""(?:^|\s)(?:some|other|many|most|a\s+few)\s+(?:other\s+)?(?:clinics|providers|salons|websites|adverts|ads|companies|
    brands|practitioners|people)(?:\s+{WORD})?\s+(?:advertise|claim|say|call|describe|promise|offer|sell|market)s?
    (?:\s+{WORD}){{0,3}}\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Words after a negation that turn the sentence around: "you won't believe how painless".
_TURNING = (
    "believe wait regret miss worry stop hesitate delay find beat match compare look back more better again "
    "anything anywhere else after than like until since before resist need"
)
TURNING_WORDS = frozenset(_TURNING.split())
# After "no": these let it reach the phrase ("no treatment is ...", "no one can promise a ...").
VERBS_AFTER_NO = frozenset(
    ["is", "are", "was", "were", "be", "been", "can", "could", "will", "would", "should", "may", "might", "must", "ever"]
)
LINKING_AFTER_NO = frozenset(
    ["a", "an", "the", "any", "completely", "entirely", "totally", "truly", "really", "fully", "such", "thing", "as"]
)
DENIED_AFTER = re.compile(
    r"""^\s*(?:(?:[\w'-]+\s+){0,2}?(?:is|are|was|were|will\s+be|would\s+be)\s+(?:usually\s+|often\s+|generally\s+|always\s+)?
    (?:not|never|rarely|seldom|unlikely|unrealistic|uncommon|unusual|impossible|a\s+myth|subtle)\b
    |(?:isn't|aren't|wasn't|weren't|won't\s+be|cannot\s+be|can't\s+be|do\s+not\s+exist|don't\s+exist|
    does\s+not\s+exist|doesn't\s+exist)\b)(?!\s+(?:only|just|merely|simply))""",
    re.IGNORECASE | re.VERBOSE,
)
ANSWER_NO = re.compile(r"^\s*(?:#+\s*)?(?:no|not|nope|unfortunately\s+not|sadly\s+not)\b", re.IGNORECASE)


def _clause_before(text: str, start: int, floor: int) -> str:
    window = text[max(floor, start - 200) : start]
    breaks = list(CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _words_after(text: str, end: int, ceiling: int) -> str:
    """The rest of the sentence part after a phrase, up to punctuation (words like "just" matter here)."""
    window = text[end : min(ceiling, end + 200)]
    found = PUNCTUATION_BREAK.search(window)
    return window[: found.start()] if found else window


def _words(free: str) -> list[str]:
    return free.lower().split()


def negated_before(clause: str) -> bool:
    """Does the end of `clause` (the words just before a phrase) deny what follows?"""
    if found := VERBAL_NEGATION.search(clause):
        return not TURNING_WORDS.intersection(_words(found["free"]))
    if found := NO_NEGATION.search(clause):
        words = _words(found["free"])
        if TURNING_WORDS.intersection(words):
            return False
        return all(w in LINKING_AFTER_NO for w in words) or bool(VERBS_AFTER_NO.intersection(words))
    return bool(ATTRIBUTION.search(clause))


def _sentence(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[str, str]:
    """The sentence around text[start:end], and what follows it (up to the next sentence's end)."""
    reach = max(floor, start - 400)  # a sentence is rarely longer: this keeps hostile pages quick
    before = [m.end() for m in SENTENCE_BREAK.finditer(text, reach, start)]
    first = before[-1] if before else reach
    limit = min(ceiling, end + 400)
    after = SENTENCE_BREAK.search(text, end, limit)
    last = after.end() if after else limit
    return text[first:last], text[last : min(ceiling, last + 120)]


def excused(text: str, start: int, end: int, floor: int, ceiling: int, unless: Sequence[re.Pattern] = ()) -> bool:
    """Is the phrase at text[start:end] written without being claimed? floor/ceiling: its piece of text."""
    if negated_before(_clause_before(text, start, floor)):
        return True
    if DENIED_AFTER.match(_words_after(text, end, ceiling)):
        return True
    sentence, following = _sentence(text, start, end, floor, ceiling)
    if sentence.rstrip().endswith("?") and ANSWER_NO.match(following):
        return True
    return any(pattern.search(sentence) for pattern in unless)
