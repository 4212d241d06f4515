"""Reading data/claims.yml: categories of risky wording, each with its reasons, source and phrases.

Only loading and checking the file lives here; what a phrase matches is `claim_phrases`, and
finding phrases in a page is `claims`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from clinic_site.claim_phrases import lowercase_pattern, phrase_pattern, phrase_problem, prefilter_key, starts_with_word
from clinic_site.problems import ContentError, ContentProblem, show_value
from clinic_site.yaml_documents import read_yaml_file

CLAIMS_FILE = "data/claims.yml"
REQUIRED = ("label", "why", "instead", "source", "phrases")
OPTIONAL = ("unless_sentence_says",)
CATEGORY_ACCEPTED = (
    "label, why, instead (short plain text), source (the title and url of the rule or guidance), phrases (a list), "
    "and optionally unless_sentence_says (a list)"
)
SOURCE_ACCEPTED = (
    "a title and an https:// url, e.g. {title: CAP Code rule 12.12, url: https://www.asa.org.uk/...}, or a list of them"
)


@dataclass(frozen=True)
class Source:
    title: str  # "CAP Code rule 12.12: prescription-only medicines"
    url: str


@dataclass(frozen=True)
class ClaimCategory:
    key: str
    label: str  # "an absolute safety claim"
    why: str
    instead: str
    sources: tuple[Source, ...] = ()
    unless: tuple[re.Pattern, ...] = ()  # not flagged in a sentence that matches one of these


@dataclass(frozen=True)
class ClaimPhrase:
    phrase: str  # as written in data/claims.yml
    category: ClaimCategory
    starts_with_word: bool  # so a match must start a word
    key: str  # lowercase text every match contains (claim_phrases.prefilter_key)
    key_is_word: bool

    @property
    def pattern(self) -> re.Pattern:
        """For lowercased text (claim_phrases.lowercase_pattern), compiled when first needed: the
        prefilter keeps most phrases from ever being tried, and compiling all ~500 up front was about
        5 % of a small site's build (1.55 s against 1.48 s of CPU for the demo)."""
        return lowercase_pattern(self.phrase)


class ClaimRules(list):
    """The phrases of data/claims.yml, indexed by their prefilter keys (built once, on first use)."""

    @functools.cached_property
    def by_word(self) -> dict[str, list[ClaimPhrase]]:
        index: dict[str, list[ClaimPhrase]] = {}
        for phrase in self:
            if phrase.key_is_word:
                index.setdefault(phrase.key, []).append(phrase)
        return index

    @functools.cached_property
    def by_stem(self) -> dict[str, list[ClaimPhrase]]:
        index: dict[str, list[ClaimPhrase]] = {}
        for phrase in self:
            if not phrase.key_is_word:
                index.setdefault(phrase.key, []).append(phrase)
        return index


def claim_phrase(phrase: str, category: ClaimCategory) -> ClaimPhrase:
    key, is_word = prefilter_key(phrase)
    return ClaimPhrase(phrase, category, starts_with_word(phrase), key, is_word)


def _sources(value: object) -> tuple[Source, ...] | None:
    items = value if isinstance(value, list) else [value]
    sources = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"title", "url"} or not str(item["url"]).startswith("https://"):
            return None
        sources.append(Source(str(item["title"]), str(item["url"])))
    return tuple(sources) or None


def _phrase_list(value: object, where: str, source: str, problems: list[ContentProblem]) -> list[str]:
    if not isinstance(value, list):
        problems.append(ContentProblem(source, where, f"found {show_value(value)}", "a list of phrases"))
        return []
    good = []
    for index, phrase in enumerate(value):
        if reason := phrase_problem(phrase):
            problems.append(
                ContentProblem(
                    source, f"{where}, item {index + 1}", f"found {show_value(phrase)}: {reason}", "a phrase in plain words"
                )
            )
        else:
            good.append(phrase.strip())
    return good


def parse_claim_rules(data: object, source: str) -> ClaimRules:
    """The phrases of data/claims.yml, or ContentError naming what is wrong with the file."""
    categories = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(categories, dict) or not categories:
        raise ContentError(
            [
                ContentProblem(
                    source,
                    "categories",
                    f"found {show_value(categories)}",
                    f"a mapping of categories, each with {CATEGORY_ACCEPTED}",
                )
            ]
        )
    problems: list[ContentProblem] = []
    rules = ClaimRules()
    for key, entry in categories.items():
        where = f"categories.{key}"
        fields = entry if isinstance(entry, dict) else {}
        missing = [f for f in REQUIRED if not fields.get(f)]
        unknown = sorted(map(str, set(fields) - set(REQUIRED) - set(OPTIONAL)))
        if missing or unknown:
            what = "; ".join(
                [*([f"missing {', '.join(missing)}"] if missing else []), *([f"unknown {', '.join(unknown)}"] if unknown else [])]
            )
            problems.append(ContentProblem(source, where, what or f"found {show_value(entry)}", CATEGORY_ACCEPTED))
            continue
        sources = _sources(fields["source"])
        if sources is None:
            problems.append(ContentProblem(source, f"{where}.source", f"found {show_value(fields['source'])}", SOURCE_ACCEPTED))
            continue
        unless = _phrase_list(fields.get("unless_sentence_says", []), f"{where}.unless_sentence_says", source, problems)
        category = ClaimCategory(
            str(key),
            str(fields["label"]),
            str(fields["why"]),
            str(fields["instead"]),
            sources,
            tuple(map(phrase_pattern, unless)),
        )
        rules.extend(claim_phrase(p, category) for p in _phrase_list(fields["phrases"], f"{where}.phrases", source, problems))
    if problems:
        raise ContentError(problems)
    return rules


def load_claim_rules(path: Path, shown_as: str = CLAIMS_FILE) -> ClaimRules:
    document = read_yaml_file(path, shown_as, what="a YAML file with categories of risky phrases")
    try:
        return parse_claim_rules(document.data, shown_as)
    except ContentError as error:  # give each message the line of its field
        raise ContentError([replace(p, line=p.line or document.line_of(_field_path(p.field))) for p in error.problems]) from None


def _field_path(field: str) -> tuple:
    """'categories.absolute-safety.phrases, item 2' -> ('categories', 'absolute-safety', 'phrases', 1)."""
    parts: list = []
    for piece in field.split(", "):
        if piece.startswith("item ") and piece[5:].isdigit():
            parts.append(int(piece[5:]) - 1)
        else:
            parts += piece.split(".")
    return tuple(parts)
