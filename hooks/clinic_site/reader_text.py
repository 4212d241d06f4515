"""The text of a file as its readers see it, in one normalised string, with the way back to the file.

The claims check must read what a reader reads, not what an editor typed: `pain**less**`,
`pain<em>less</em>`, `pain&shy;less` and "pain\u00adless" all read "painless"; a Cyrillic "а" reads as
a Latin "a"; a non-breaking hyphen is a hyphen. And it must not read what no reader sees: YAML keys
and comments, HTML comments, link targets, fields that hold vocabulary keys.

A `ReaderText` is made of pieces (a page's body, one front matter value, one label in
data/vocabulary.yml, ...). Each piece remembers where it is written, so a match in the normalised
text leads back to the file's line and to the characters the editor typed.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

import yaml

from clinic_site import yaml_limits
from clinic_site.frontmatter import FRONT_MATTER
from clinic_site.model import vocabulary_field_names

PIECE_BREAK = "\n\n"  # between pieces: a phrase never runs from one field into the next

# Front matter fields whose values readers never see as written: vocabulary keys (readers see
# their labels, which are checked in data/vocabulary.yml; the list comes from the content model),
# MkDocs page options, dates, the claims exceptions themselves, and the cited sources (other
# people's titles, not the clinic's claims; `supports` names fields).
VOCABULARY_KEY_FIELDS = tuple(sorted(vocabulary_field_names()))
NOT_READER_TEXT = frozenset([*VOCABULARY_KEY_FIELDS, "hide", "template", "search", "on", "claims_reviewed", "sources"])
MKDOCS_TEXT = ("site_name", "site_description", "copyright", "extra")  # plus the nav's titles

# Inline HTML elements run on with the text around them; any other tag separates words.
_INLINE = "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong sub sup time u var wbr"
INLINE_TAGS = frozenset(_INLINE.split())
VISIBLE_ATTRIBUTE = re.compile(r"""\b(?:alt|title|aria-label|placeholder)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
MARKUP = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))                          # HTML comment: never shown
    |(?P<tag></?(?P<name>[A-Za-z][\w-]{0,40})[^<>]{0,2000}>)  # HTML tag
    |(?P<target>\]\([^)\n]{0,500}\))                           # a link's address: [text](address)
    |(?P<definition>(?<![^\n ])\[[^\]\n]{1,200}\]:[ \t]*\S[^\n]*)  # a reference link's definition
    |(?P<attributes>\{:?[ \t]*[#.:][^}\n]{0,500}\})           # attr_list: { #id .class }
    |(?P<entity>&(?:\#[0-9]{1,8}|\#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});)
    |(?P<escape>\\(?=[!-/:-@\[-`{-~]))                       # a backslash escape
    |(?P<emphasis>[*_~`]+)                                   # emphasis and code marks
    |(?P<unicode>[^\x00-\x7f]+)
    """,
    re.DOTALL | re.VERBOSE,
)
LINE_BREAK = re.compile("\n")
CLOSING_MARKUP = re.compile(r"(?:[*_~`]+|</[A-Za-z]+>)*")
# Every piece of markup starts with one of these: searching for them first is much faster than
# trying MARKUP at every character.
MARKUP_START = re.compile(r"[<\]\[{&\\*_~`\x80-\U0010ffff]")

# Characters that read as others. NFKD already turns full-width letters, ligatures and accented
# letters into plain ones; these are the look-alikes it leaves alone.
HYPHENS = "\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d"
DASHES = "\u2013\u2014\u2015\ufe58"
APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\uff07"
TRADE_MARKS = "\u2122\u2120"
QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
CONFUSABLES = dict(
    zip(
        # Cyrillic
        "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅ"
        # Greek
        "αεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
        # Latin look-alikes that NFKD keeps
        "ıȷɡɑʟ",
        "aeopcyxijsdhlqwABEKMHOPCTXIJSaeikvoptuxABEZHIKMNOPTYXijgaL",
        strict=True,
    )
)


@functools.lru_cache(maxsize=4096)
def reads_as(char: str) -> str:
    """What one non-ASCII character reads as, in plain characters where it has a look-alike."""
    if char in HYPHENS:
        return "-"
    if char in DASHES:
        return " - "
    if char in APOSTROPHES:
        return "'"
    if char in QUOTES:
        return '"'
    if char in CONFUSABLES:
        return CONFUSABLES[char]
    if char in TRADE_MARKS:  # "Botox™" is Botox (NFKD would make it "BotoxTM")
        return ""
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me", "Cc"):  # soft hyphen, zero-width and direction marks, accents on their own
        return ""
    if category[0] == "Z":  # no-break and other spaces, line and paragraph separators
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed == char:
        return char
    return "".join(reads_as(c) if not c.isascii() else c for c in decomposed)


def _visible(match: re.Match) -> str:
    """What a reader sees of one piece of markup."""
    kind = match.lastgroup if match.lastgroup != "name" else "tag"
    if kind == "tag":
        shown = [a or b for a, b in VISIBLE_ATTRIBUTE.findall(match["tag"])]
        separator = "" if match["name"].lower() in INLINE_TAGS else "\n"
        return separator + " ".join(shown) + (separator if shown else "")
    if kind == "comment":
        return " "
    if kind == "target":
        return "]"
    if kind == "entity":
        return "".join(reads_as(c) if not c.isascii() else c for c in html.unescape(match[0]))
    if kind == "unicode":
        return "".join(map(reads_as, match[0]))
    return ""  # definitions, attribute lists, escapes, emphasis marks


@dataclass(frozen=True)
class Piece:
    """One stretch of reader text, and where it is written."""

    source: str  # as written: a page's body, or one front matter value
    first_line: int  # the file line where `source` starts
    text: str  # what a reader sees, normalised
    # Where the text came from: text[view_starts[i]:] starts at source[source_starts[i]:]; where
    # `copied[i]` is False that stretch of text replaced markup, so it maps to the whole markup.
    view_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    copied: tuple[bool, ...]

    def source_offset(self, offset: int, end: bool = False) -> int:
        """The offset in `source` of `offset` in `text` (the end of a stretch when `end`)."""
        probe = offset - 1 if end else offset
        i = max(0, bisect.bisect_right(self.view_starts, probe) - 1)
        if self.copied[i]:
            return self.source_starts[i] + probe - self.view_starts[i] + (1 if end else 0)
        next_start = self.source_starts[i + 1] if i + 1 < len(self.source_starts) else len(self.source)
        return next_start if end else self.source_starts[i]

    @functools.cached_property
    def _line_breaks(self) -> list[int]:
        return [match.start() for match in LINE_BREAK.finditer(self.source)]

    def line_at(self, offset: int) -> int:
        return self.first_line + bisect.bisect_left(self._line_breaks, self.source_offset(offset))


def _markup(source: str):
    search = 0
    while start := MARKUP_START.search(source, search):
        if match := MARKUP.match(source, start.start()):
            yield match
            search = match.end()
        else:
            search = start.end()


def read_piece(source: str, first_line: int = 1) -> Piece:
    """`source` as a reader sees it: markup gone, look-alike characters replaced."""
    parts: list[str] = []
    spans: list[tuple[int, int, bool]] = []  # (start in the view, start in the source, copied as typed)
    length = position = 0
    for match in _markup(source):
        if match.start() > position:
            spans.append((length, position, True))
            parts.append(source[position : match.start()])
            length += match.start() - position
        shown = _visible(match)
        spans.append((length, match.start(), False))
        parts.append(shown)
        length += len(shown)
        position = match.end()
    if position < len(source) or not spans:
        spans.append((length, position, True))
        parts.append(source[position:])
    view_starts, source_starts, copied = zip(*spans, strict=True)
    return Piece(source, first_line, "".join(parts), view_starts, source_starts, copied)


def reads(text: str) -> str:
    """Short text (e.g. a claims exception) as the check compares it: normalised, any case, single spaces."""
    return " ".join(read_piece(text).text.replace("-", " ").split()).casefold()


@dataclass
class ReaderText:
    """All the reader text of one file, pieces joined by blank lines."""

    pieces: list[Piece] = field(default_factory=list)

    @functools.cached_property
    def text(self) -> str:
        return PIECE_BREAK.join(p.text for p in self.pieces)

    @functools.cached_property
    def _starts(self) -> list[int]:
        starts, offset = [], 0
        for piece in self.pieces:
            starts.append(offset)
            offset += len(piece.text) + len(PIECE_BREAK)
        return starts

    def piece_at(self, offset: int) -> tuple[Piece, int]:
        """The piece `offset` (in `text`) falls in, and where that piece starts in `text`."""
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.pieces[i], self._starts[i]

    def written(self, start: int, end: int) -> tuple[str, int]:
        """The characters the editor typed for text[start:end], and the file line they start on."""
        piece, base = self.piece_at(start)
        begin, stop = piece.source_offset(start - base), piece.source_offset(end - base, end=True)
        if piece.source[begin:stop] != self.text[start:end]:  # markup inside: quote it up to its closing mark
            closing = CLOSING_MARKUP.match(piece.source, stop)
            stop = closing.end() if closing else stop
        return piece.source[begin:stop], piece.line_at(start - base)


# -- what readers see of each kind of file --------------------------------------------------------


def markdown_text(source: str, first_line: int = 1) -> ReaderText:
    return ReaderText([read_piece(source, first_line)])


FieldPath = tuple  # a value's place in a YAML document: keys and list positions, e.g. ("treatment", "risks", 0)


class TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when built in
    """libyaml's parser, reading every scalar as text: composing 1,000 front matters stays quick."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


@dataclass(frozen=True)
class Shown:
    """Which scalars of a YAML file readers see."""

    values: Callable[[FieldPath], bool]  # a value at this path
    keys: Callable[[FieldPath], bool] = lambda path: False  # a mapping key (e.g. a nav title)
    hidden: frozenset = frozenset()  # keys whose values readers never see, however deep


FRONT_MATTER_SHOWN = Shown(values=lambda path: True, hidden=NOT_READER_TEXT)
VOCABULARY_SHOWN = Shown(values=lambda path: True)  # labels and descriptions; keys are never shown
MKDOCS_SHOWN = Shown(
    values=lambda path: bool(path) and path[0] in MKDOCS_TEXT,
    keys=lambda path: path[0] == "nav" and len(path) > 1,  # a nav entry's title; its value is a file or an address
)


def _compose(text: str) -> yaml.Node | None:
    try:
        yaml_limits.check(text)  # a bomb or deep nesting: reported by the loader, never walked here
        return yaml.compose(text, Loader=TextLoader)
    except yaml.YAMLError:
        return None


def _shown_scalars(root: yaml.Node | None, shown: Shown):
    """The scalars readers see, in document order (a loop, not recursion: nesting depth is the editor's)."""
    stack: list[tuple[yaml.Node, FieldPath | None]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        if path is None:  # a key readers see
            yield node
        elif isinstance(node, yaml.MappingNode):
            children: list[tuple[yaml.Node, FieldPath | None]] = []
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.value in shown.hidden:
                    continue
                if shown.keys((*path, key.value)):
                    children.append((key, None))  # None: yield this key itself
                children.append((value, (*path, key.value)))
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed([(item, (*path, index)) for index, item in enumerate(node.value)]))
        elif isinstance(node, yaml.ScalarNode) and shown.values(path):
            yield node


def yaml_text(text: str, shown: Shown, first_line: int = 1) -> ReaderText | None:
    """The reader text of the YAML scalars readers see; None if `text` is not YAML."""
    root = _compose(text)
    if root is None:
        return None
    return ReaderText([_yaml_piece(text, node, first_line) for node in _shown_scalars(root, shown)])


def _yaml_piece(text: str, node: yaml.ScalarNode, first_line: int) -> Piece:
    written = text[node.start_mark.index : node.end_mark.index]
    line = first_line + node.start_mark.line
    # Escapes ("\u00ad", '') only mean something once parsed: read the value, at its first line.
    if node.style in ('"', "'") and ("\\" in written or "''" in written):
        return read_piece(node.value, line)
    return read_piece(written, line)


def _exception_lines(root: yaml.Node, first_line: int) -> dict[int, int]:
    """Item index under claims_reviewed -> the line of its phrase."""
    fields = root.value if isinstance(root, yaml.MappingNode) else []  # a list or text is reported by frontmatter.py
    reviewed = next((v for k, v in fields if getattr(k, "value", None) == "claims_reviewed"), None)
    lines = {}
    for index, item in enumerate(reviewed.value if isinstance(reviewed, yaml.SequenceNode) else []):
        for key, value in item.value if isinstance(item, yaml.MappingNode) else []:
            if key.value == "phrase":
                lines[index] = first_line + value.start_mark.line
    return lines


@dataclass
class PageText:
    """A Markdown page's reader text, and the lines of its claims exceptions' phrases."""

    reader: ReaderText
    exception_lines: dict[int, int]  # item index under claims_reviewed -> line of its phrase


def page_text(source: str, front_matter_node: yaml.Node | None = None) -> PageText:
    """Front matter values (those readers see) and the body of a Markdown page.

    `front_matter_node`: the front matter's node tree when the build has composed it already
    (frontmatter.read_front_matter, the same text), so it is not composed a second time."""
    match = FRONT_MATTER.match(source)
    if not match:
        return PageText(markdown_text(source), {})
    body = read_piece(source[match.end() :], source.count("\n", 0, match.end()) + 1)
    root = front_matter_node if front_matter_node is not None else _compose(match.group(1))
    if root is None:  # not valid YAML, reported elsewhere: read it as plain text meanwhile, so nothing escapes
        return PageText(ReaderText([read_piece(match.group(0)), body]), {})
    pieces = [_yaml_piece(match.group(1), node, first_line=2) for node in _shown_scalars(root, FRONT_MATTER_SHOWN)]
    return PageText(ReaderText([*pieces, body]), _exception_lines(root, first_line=2))
