"""The claims check: risky advertising wording in what readers see, from the phrases in data/claims.yml.

UK rules for advertising cosmetic procedures (ASA/CAP Code, GMC guidance) forbid absolute safety
claims, guarantees, time pressure, unsubstantiated efficacy claims and superlatives, naming
prescription-only medicines, and more; data/claims.yml lists the wording, category by category,
with the rule each comes from. Every phrase found is a warning naming the file, line, phrase and
why it is risky, so `--strict` fails; a page may record a reviewed exception under
`claims_reviewed:` in its front matter.

Three steps, three modules: `reader_text` turns a file into what readers see (no markup, no
look-alike characters, no YAML keys), `claim_phrases` says what each phrase matches, and
`claim_context` decides whether a found phrase is really claimed ("not painless" is not).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from clinic_site.claim_context import excused
from clinic_site.claim_phrases import TOKEN, phrase_pattern, starts_a_word
from clinic_site.claim_rules import (
    CLAIMS_FILE,
    ClaimCategory,
    ClaimPhrase,
    ClaimRules,
    load_claim_rules,
    parse_claim_rules,
)
from clinic_site.frontmatter import FrontMatter
from clinic_site.model import ClaimReview, ClaimsReviewed
from clinic_site.problems import ContentProblem
from clinic_site.reader_text import MKDOCS_SHOWN, VOCABULARY_SHOWN, ReaderText, markdown_text, page_text, reads, yaml_text
from clinic_site.validation import validate

__all__ = [
    "CLAIMS_FILE",
    "ClaimCategory",
    "ClaimPhrase",
    "Finding",
    "claim_problems",
    "data_file_claim_problems",
    "find_claims",
    "load_claim_rules",
    "parse_claim_rules",
    "phrase_pattern",
    "reviewed_exceptions",
]


@dataclass(frozen=True)
class Finding:
    text: str  # as written in the file
    line: int
    phrase: ClaimPhrase
    seen: str  # as a reader sees it

    @property
    def disguised(self) -> bool:
        """Written with markup or look-alike characters, so that it reads differently from how it looks."""
        return " ".join(self.text.split()) != " ".join(self.seen.split())


def _candidates(lowered: str, rules: list[ClaimPhrase]) -> list[ClaimPhrase]:
    """Only the phrases whose key is in the text: most pages contain very few of them."""
    if not isinstance(rules, ClaimRules):
        rules = ClaimRules(rules)
    words = set(TOKEN.findall(lowered))
    found = [p for key in words.intersection(rules.by_word) for p in rules.by_word[key]]
    found += [p for stem, phrases in rules.by_stem.items() if stem in lowered for p in phrases]
    return found


def _lowercase(text: str) -> str:
    """`text` in lowercase, offsets unchanged (the rare letters whose lowercase is longer stay as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Findings(list):
    """Findings, and how many possible ones were left unread because the file had too many."""

    unchecked: int = 0
    unchecked_line: int | None = None


MOST_MATCHES = 1000  # per file: a real page has a handful; a hostile one must not stall the build


def find_in(reader: ReaderText, rules: list[ClaimPhrase]) -> Findings:
    """Every risky phrase claimed in `reader`, in order; where two phrases overlap, the earlier and longer."""
    text = reader.text
    lowered = _lowercase(text)
    matches = sorted(
        (
            (m.start(), -m.end(), phrase)
            for phrase in _candidates(lowered, rules)
            for m in phrase.pattern.finditer(lowered)
            if not phrase.starts_with_word or starts_a_word(lowered, m.start())
        ),
        key=lambda match: match[:2],
    )
    findings, taken_until = Findings(), -1
    if len(matches) > MOST_MATCHES:
        findings.unchecked = len(matches) - MOST_MATCHES
        findings.unchecked_line = reader.written(matches[MOST_MATCHES][0], -matches[MOST_MATCHES][1])[1]
        matches = matches[:MOST_MATCHES]
    for start, negative_end, phrase in matches:
        end = -negative_end
        if start < taken_until:
            continue  # inside a longer or earlier match: "no risk-free" is not also "risk-free"
        taken_until = end
        piece, floor = reader.piece_at(start)
        if excused(text, start, end, floor, floor + len(piece.text), phrase.category.unless):
            continue
        written, line = reader.written(start, end)
        findings.append(Finding(" ".join(written.split()), line, phrase, " ".join(text[start:end].split())))
    return findings


def _unchecked(findings: Findings, path: str) -> list[ContentProblem]:
    if not findings.unchecked:
        return []
    return [
        ContentProblem(
            path,
            "wording",
            f"the claims check stopped here: this file has {MOST_MATCHES + findings.unchecked:,} phrases that may be risky, "
            f"and it reads at most {MOST_MATCHES:,} per file",
            "far fewer risky-looking phrases (a real page has a handful); reword them, or split the file",
            line=findings.unchecked_line,
        )
    ]


def find_claims(text: str, rules: list[ClaimPhrase]) -> list[Finding]:
    """Every risky phrase claimed in Markdown `text` (no front matter)."""
    return find_in(markdown_text(text), rules)


class _Reviewed(BaseModel):
    """Only `claims_reviewed:` of a page's front matter (the rest is checked by the page's own model)."""

    model_config = ConfigDict(extra="ignore")
    claims_reviewed: ClaimsReviewed = []


def reviewed_exceptions(front_matter: FrontMatter, path: str) -> list[ClaimReview]:
    """`claims_reviewed:` of any page's front matter, checked against the model."""
    return validate(_Reviewed, front_matter.document).claims_reviewed


def _warning(finding: Finding, path: str, can_review: bool) -> ContentProblem:
    category = finding.phrase.category
    shown = f"'{finding.text}'"
    if finding.disguised:
        shown += f" (which reads '{finding.seen}')"
    source = f" ({category.sources[0].title})" if category.sources else ""
    review = (
        " If a reviewer agrees the wording is fine here, record it under claims_reviewed: in the front matter "
        "with the phrase and the reason (see EDITING.md)"
        if can_review
        else " Text in this file cannot have exceptions: reword it"
    )
    return ContentProblem(
        path,
        "wording",
        f"{shown} is {category.label}: {category.why.rstrip('.')}{source}",
        f"other wording: {category.instead}{review}",
        line=finding.line,
    )


def claim_problems(
    text: str, path: str, rules: list[ClaimPhrase], exceptions: list[ClaimReview], front_matter_node=None
) -> list[ContentProblem]:
    """Warnings for the risky wording in one Markdown page, less the reviewed exceptions (and unused ones).
    `front_matter_node`: the page's front matter already composed (reader_text.page_text)."""
    page = page_text(text, front_matter_node)
    accepted = {reads(e.phrase) for e in exceptions}
    findings = find_in(page.reader, rules)
    problems, used = _unchecked(findings, path), set()
    for finding in findings:
        if reads(finding.seen) in accepted:
            used.add(reads(finding.seen))
        else:
            problems.append(_warning(finding, path, can_review=True))
    for index, exception in enumerate(exceptions):
        if reads(exception.phrase) not in used:
            problems.append(
                ContentProblem(
                    path,
                    f"claims_reviewed, item {index + 1}, phrase",
                    f"'{exception.phrase}' is not flagged anywhere on this page, so the exception is not needed",
                    "remove the exception (or, if the wording is still on the page, copy the phrase exactly as the claims warning quotes it)",
                    line=page.exception_lines.get(index),
                )
            )
    return problems


# What readers see of each published data file, by kind.
DATA_FILE_KINDS = {
    "mkdocs": lambda text: yaml_text(text, MKDOCS_SHOWN),
    "vocabulary": lambda text: yaml_text(text, VOCABULARY_SHOWN),
    "markdown": lambda text: page_text(text).reader,
}


def data_file_claim_problems(path: Path, shown_as: str, kind: str, rules: list[ClaimPhrase]) -> list[ContentProblem]:
    """Warnings for the risky wording readers see from mkdocs.yml, data/vocabulary.yml or a concern introduction."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")  # encoding mistakes are reported elsewhere
    except FileNotFoundError:
        return []
    reader = DATA_FILE_KINDS[kind](text)
    if reader is None:  # not valid YAML: reported elsewhere
        return []
    findings = find_in(reader, rules)
    return _unchecked(findings, shown_as) + [_warning(finding, shown_as, can_review=False) for finding in findings]
