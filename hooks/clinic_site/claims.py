"""The claims check: risky advertising wording in any page, from the phrases in data/claims.yml.

UK rules for advertising cosmetic procedures (ASA/CAP Code, GMC guidance) forbid absolute safety
claims, guarantees, time pressure, unsubstantiated superlatives and naming prescription-only
medicines. Every phrase found is a warning naming the file, line, phrase and why it is risky, so
`--strict` fails; a page may record a reviewed exception under `claims_reviewed:` in its front matter.

Matching is deliberately simple and documented in data/claims.yml: whole words, any case, a `*`
for word endings, and a negation word just before the phrase ("not painless") lets it pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from clinic_site.frontmatter import FRONT_MATTER, FrontMatter
from clinic_site.model import ClaimReview, ClaimsReviewed
from clinic_site.problems import ContentError, ContentProblem, show_value
from clinic_site.validation import validate
from clinic_site.yaml_documents import read_yaml_file

CLAIMS_FILE = "data/claims.yml"
CATEGORY_FIELDS = ("label", "why", "instead", "phrases")
NEGATIONS = frozenset(["not", "never", "no", "cannot", "can't", "don't", "doesn't", "isn't", "aren't", "won't", "without"])
SENTENCE_END = re.compile(r"[.!?:;]\s|\n\s*\n")
WORD = re.compile(r"[\w'’]+")
YAML_COMMENT = re.compile(r"(^|\s)#.*$")
BAD_STAR = re.compile(r"\*(?=[^\s-])|(?<![\w])\*")  # a * must end a word


@dataclass(frozen=True)
class ClaimCategory:
    key: str
    label: str  # "an absolute safety claim"
    why: str
    instead: str


@dataclass(frozen=True)
class ClaimPhrase:
    phrase: str  # as written in data/claims.yml
    category: ClaimCategory
    pattern: re.Pattern

    @functools.cached_property
    def first_word(self) -> str:
        """Lowercase text every match starts with: a quick test whether a page can match at all."""
        return re.split(r"[\s-]", self.phrase, maxsplit=1)[0].rstrip("*").lower()


@dataclass(frozen=True)
class Finding:
    text: str  # as it appears in the page
    line: int
    phrase: ClaimPhrase


def phrase_pattern(phrase: str) -> re.Pattern:
    """'risk-free' -> whole words, any case, any spacing; '*' allows any word ending."""
    return re.compile(WHOLE_WORDS.format(_phrase_regex(phrase)), re.IGNORECASE)


# A hyphenated word is one word: "no risk" must not match inside "no risk-free".
WHOLE_WORDS = r"(?<![\w-])(?:{})(?![\w-])"


def _phrase_regex(phrase: str) -> str:
    parts = []
    for index, word in enumerate(phrase.split()):
        if index:
            parts.append(r"\s+")
        for piece_index, piece in enumerate(word.split("-")):
            if piece_index:
                parts.append(r"(?:-|\s+)")
            star = piece.endswith("*")
            parts.append(re.escape(piece.rstrip("*")) + (r"\w*" if star else ""))
    return "".join(parts)


@functools.lru_cache(maxsize=256)
def _pattern_for(phrases: tuple[ClaimPhrase, ...]) -> re.Pattern:
    """One pattern for the phrases, longest first, so a page is read once and the longer of two
    overlapping phrases wins ("botulinum toxin" over "botulinum")."""
    ordered = sorted(range(len(phrases)), key=lambda i: -len(phrases[i].phrase))
    return re.compile(
        WHOLE_WORDS.format("|".join(f"(?P<p{i}>{_phrase_regex(phrases[i].phrase)})" for i in ordered)), re.IGNORECASE
    )


def parse_claim_rules(data: object, source: str) -> list[ClaimPhrase]:
    """The phrases of data/claims.yml, or ContentError naming what is wrong with the file."""
    problems: list[ContentProblem] = []
    categories = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(categories, dict) or not categories:
        raise ContentError(
            [
                ContentProblem(
                    source,
                    "categories",
                    f"found {show_value(categories)}",
                    "a mapping of categories, each with " + ", ".join(CATEGORY_FIELDS),
                )
            ]
        )
    phrases = []
    for key, entry in categories.items():
        fields = entry if isinstance(entry, dict) else {}
        missing = [f for f in CATEGORY_FIELDS if not fields.get(f)]
        unknown = sorted(map(str, set(fields) - set(CATEGORY_FIELDS)))
        if missing or unknown or not isinstance(fields.get("phrases"), list):
            what = "; ".join(
                filter(
                    None,
                    [
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unknown {', '.join(unknown)}" if unknown else "",
                        "phrases is not a list" if fields.get("phrases") and not isinstance(fields["phrases"], list) else "",
                    ],
                )
            )
            problems.append(
                ContentProblem(
                    source,
                    f"categories.{key}",
                    what or f"found {show_value(entry)}",
                    "label, why, instead (short plain text) and phrases (a list)",
                )
            )
            continue
        category = ClaimCategory(str(key), str(fields["label"]), str(fields["why"]), str(fields["instead"]))
        for index, phrase in enumerate(fields["phrases"]):
            if not isinstance(phrase, str) or not WORD.search(phrase) or BAD_STAR.search(phrase):
                problems.append(
                    ContentProblem(
                        source,
                        f"categories.{key}.phrases, item {index + 1}",
                        f"found {show_value(phrase)}",
                        "a phrase in plain words, with * only at the end of a word",
                    )
                )
                continue
            phrases.append(ClaimPhrase(phrase.strip(), category, phrase_pattern(phrase.strip())))
    if problems:
        raise ContentError(problems)
    return phrases


def load_claim_rules(path: Path, shown_as: str = CLAIMS_FILE) -> list[ClaimPhrase]:
    document = read_yaml_file(path, shown_as, what="a YAML file with categories of risky phrases")
    return parse_claim_rules(document.data, shown_as)


def _negated(text: str, start: int) -> bool:
    """A negation among the two words before `start`, within the same sentence."""
    before = text[max(0, start - 80) : start]
    sentence = SENTENCE_END.split(before)[-1]
    words = [w.lower().replace("’", "'") for w in WORD.findall(sentence)[-2:]]
    return any(w in NEGATIONS for w in words)


def find_claims(text: str, phrases: list[ClaimPhrase]) -> list[Finding]:
    """Every risky phrase in `text`, in order; where two phrases overlap, the longer one."""
    lowered = text.lower()
    # Only phrases whose first word occurs at all: most pages have none, and one pattern with
    # every phrase would read each page slowly.
    phrases = tuple(p for p in phrases if p.first_word in lowered)
    if not phrases:
        return []
    findings = []
    for match in _pattern_for(phrases).finditer(text):
        if not _negated(text, match.start()):
            phrase = phrases[int(match.lastgroup[1:])]
            findings.append(Finding(" ".join(match[0].split()), text.count("\n", 0, match.start()) + 1, phrase))
    return findings


def published_text(source: str) -> str:
    """The page without its front matter's YAML comments (never published), lines kept in place.

    A trailing comment is only recognised on a line without quotes, so a '#' inside a quoted
    value is still checked.
    """
    match = FRONT_MATTER.match(source)
    if not match:
        return source
    lines = []
    for line in match.group(0).split("\n"):
        if line.lstrip().startswith("#") or not any(q in line for q in "'\""):
            line = YAML_COMMENT.sub("", line)
        lines.append(line)
    return "\n".join(lines) + source[match.end() :]


def _normal(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


class _Reviewed(BaseModel):
    """Only `claims_reviewed:` of a page's front matter (the rest is checked by the page's own model)."""

    model_config = ConfigDict(extra="ignore")
    claims_reviewed: ClaimsReviewed = []


def reviewed_exceptions(front_matter: FrontMatter, path: str) -> list[ClaimReview]:
    """`claims_reviewed:` of any page's front matter, checked against the model."""
    return validate(_Reviewed, front_matter.document).claims_reviewed


def claim_problems(text: str, path: str, phrases: list[ClaimPhrase], exceptions: list[ClaimReview]) -> list[ContentProblem]:
    """Warnings for the risky wording in one file, less the reviewed exceptions (and unused ones)."""
    accepted = {_normal(e.phrase) for e in exceptions}
    problems, used = [], set()
    for finding in find_claims(published_text(text), phrases):
        if _normal(finding.text) in accepted:
            used.add(_normal(finding.text))
            continue
        category = finding.phrase.category
        problems.append(
            ContentProblem(
                path,
                "wording",
                f"'{finding.text}' is {category.label}: {category.why.rstrip('.')}",
                f"other wording: {category.instead} If a reviewer agrees the wording is fine here, record it under "
                f"claims_reviewed: in the front matter with the phrase and the reason (see EDITING.md)",
                line=finding.line,
            )
        )
    for index, exception in enumerate(exceptions):
        if _normal(exception.phrase) not in used:
            problems.append(
                ContentProblem(
                    path,
                    f"claims_reviewed, item {index + 1}, phrase",
                    f"'{exception.phrase}' is not flagged on this page, so the exception is not needed",
                    "remove the exception, or copy the phrase exactly as the claims warning quotes it",
                )
            )
    return problems
