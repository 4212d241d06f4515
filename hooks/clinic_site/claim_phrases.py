"""The phrase language of data/claims.yml: what a phrase such as "risk-free" or "don't let * ruin" finds.

Phrases are matched against reader text (see `reader_text`), which is already normalised: look-alike
characters, hidden characters and Markdown emphasis are gone, so a phrase only has to describe words.

- capitals do not matter;
- between two words, a space, several spaces, one line break, a hyphen or a dash all match
  ("risk-free" finds "risk free", "no downtime" finds "no-downtime"), but a blank line does not;
- whole words: "painless" does not find "painlessly"; a phrase may start a hyphenated word
  ("prom" finds "prom-ready") unless the hyphen starts "-free" or "-less", so that "no risk" does
  not find "no risk-free";
- a `*` at the end of a word allows any ending ("guarantee*": guarantees, guaranteed);
- a `*` on its own stands for one to three words ("don't let * ruin" finds "don't let acne scars ruin").
"""

from __future__ import annotations

import functools
import re

TOKEN = re.compile(r"\w+")  # a word as the prefilter sees it: "don't" is "don" and "t", "UK's" is "UK" and "s"
# Written so that each character can be read only one way: a long run of spaces costs linear time.
SPACE = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"  # spaces and at most one line break: a blank line ends a phrase
JOIN = r"(?:[ \t]+(?:[-\n][ \t]*)?|[-\n][ \t]*)"  # between two words: spaces, a hyphen, a spaced dash or a line break
ANY_WORD = r"[\w'£$€%.,]+"
ANY_WORDS = rf"{ANY_WORD}(?:{SPACE}{ANY_WORD}){{0,2}}?"  # a `*` on its own: one to three words
START = r"(?<![\w-])"
END = r"(?!\w)(?!-(?:free|less)\b)"
BAD_STAR = re.compile(r"\*(?=[^\s-])")  # a * must end a word (or stand alone)


def phrase_problem(phrase: object) -> str | None:
    """Why `phrase` cannot be used, or None."""
    if not isinstance(phrase, str) or not TOKEN.search(phrase):
        return "a phrase needs at least one word"
    if BAD_STAR.search(phrase):
        return "a * may only end a word, or stand alone for one to three words"
    if phrase.split()[0] == "*":
        return "a phrase must start with a word, not with *"
    return None


def phrase_regex(phrase: str) -> str:
    """The regular expression for one phrase (without the whole-word boundaries)."""
    words = []
    for word in phrase.split():
        if word == "*":
            words.append(ANY_WORDS)
            continue
        pieces = []
        for piece in word.split("-"):
            star = piece.endswith("*")
            pieces.append(re.escape(piece.rstrip("*")) + (r"\w*" if star else ""))
        words.append(JOIN.join(pieces))
    return JOIN.join(words)


# Compiled once per process: the ~500 phrases overflow `re`'s own cache, and the preview and the
# tests build many times in one process.
@functools.lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern:
    """'risk-free' -> whole words, any case, any spacing; see the module docstring."""
    phrase = phrase.strip()
    start = START if starts_with_word(phrase) else ""
    return re.compile(f"{start}(?:{phrase_regex(phrase)}){_end(phrase)}", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def lowercase_pattern(phrase: str) -> re.Pattern:
    """The same, for lowercased text, without the check that it starts a word (see `starts_a_word`).

    About 20 times faster: a pattern that starts with a plain lowercase word lets the regular
    expression engine skip straight to that word, which a case-blind pattern or a leading
    look-behind prevents.
    """
    phrase = phrase.strip().lower()
    return re.compile(f"{phrase_regex(phrase)}{_end(phrase)}")


def starts_with_word(phrase: str) -> bool:
    return bool(re.match(r"\w", phrase.strip()))


def starts_a_word(text: str, start: int) -> bool:
    """True unless text[start] continues a word or a hyphenated word (the check START makes)."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")


def _end(phrase: str) -> str:
    return END if re.search(r"[\w*]$", phrase) else ""


def prefilter_key(phrase: str) -> tuple[str, bool]:
    """Lowercase text every match of `phrase` contains, and whether it is a whole word.

    A page whose words do not include the key cannot match, so most phrases are never tried on
    most pages. The longest literal word is the rarest, so it is the key; a word ending in `*`
    only gives its beginning.
    """
    whole = [t for w in phrase.lower().split() if not w.endswith("*") for t in TOKEN.findall(w)]
    if whole:
        return max(whole, key=len), True
    stems = [t for w in phrase.lower().split() for t in TOKEN.findall(w.rstrip("*"))]
    return max(stems, key=len), False
