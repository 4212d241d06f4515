"""Ship only the CSS the built site can use: a purge of Material's stylesheet and the site's own.

Material's main stylesheet (137 KB, 22.6 KB gzipped) styles every feature Material has: code
blocks, content tabs, annotations, right-to-left languages, colour schemes... This site uses a
fraction of them. After the build, `purge_unused_css` reads every built page and keeps the CSS
rules whose selectors can match something in them or in what scripts add later
(script_added_markup.py); Material's stylesheet is written under a new fingerprinted name and
the pages point at it. The site's own stylesheets (docs/stylesheets/) get the same treatment,
which also drops their comments. It runs over whatever the pages contain, so it follows changes
to templates and content.

Rules for keeping (conservative: when in doubt, keep):
- a selector is kept if every element name, class, id and attribute (with its value, for `=`
  and the other value operators) it requires occurs somewhere in the pages or the safelist.
  Combinators are ignored; `:not(...)` and state pseudo-classes (`:hover`, `:focus`,
  `:checked`...) are treated as possible; `:is()`/`:where()`/`:has()` need one argument possible;
- a rule is kept with its possible selectors; @media/@supports/@layer/@container keep their
  kept rules; other at-rules stay as they are, except @keyframes no kept rule animates with;
- custom properties (`--md-...`) that nothing shipped reads through `var()` are removed (most
  of the weight saved: inline SVG icons for admonitions, tasks, footnotes...).

The parser is tinycss2 (pinned in requirements.txt): pure Python, maintained by the CourtBouillon
team behind WeasyPrint, and it keeps the text of everything it does not change, so the output is
the same minified CSS minus what was removed. No network and no Node.js at build time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

from clinic_site.page_vocabulary import ANY_VALUE, PageVocabulary
from clinic_site.script_added_markup import SCRIPT_STATES

# Material's main stylesheet in the built site (the palette stylesheet is not used: no `palette:`).
MATERIAL_STYLESHEET = re.compile(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css")
SOURCE_MAP_COMMENT = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
VAR_REFERENCE = re.compile(r"var\(\s*(--[\w-]+)")
ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
GROUPING_AT_RULES = {"media", "supports", "layer", "container", "document", "-moz-document", "scope", "starting-style"}
KEYFRAMES = {"keyframes", "-webkit-keyframes", "-moz-keyframes", "-o-keyframes"}
ANIMATION_PROPERTIES = {"animation", "animation-name", "-webkit-animation", "-webkit-animation-name"}


@dataclass(frozen=True)
class PurgeResult:
    original: str  # site-relative path of a stylesheet
    purged: str  # site-relative path of what the pages now load (Material's is renamed)
    original_bytes: int
    purged_bytes: int


# -- selectors ----------------------------------------------------------------------------------


def _split_on_commas(tokens: list) -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if any(t.type not in ("whitespace", "comment") for t in p)]


def _attribute_possible(block: ast.SquareBracketsBlock, used: PageVocabulary) -> bool:
    tokens = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if not tokens or tokens[0].type != "ident":
        return True  # namespaced or unusual: keep
    name = tokens[0].value
    if len(tokens) == 1:
        return used.has_attribute(name)
    if len(tokens) < 3 or tokens[1].type != "literal" or tokens[2].type not in ("ident", "string"):
        return True
    operator, wanted = tokens[1].value, tokens[2].value.lower()
    tests = {
        "=": lambda v: v == wanted,
        "~=": lambda v: wanted in v.split(),
        "|=": lambda v: v == wanted or v.startswith(wanted + "-"),
        "^=": lambda v: v.startswith(wanted),
        "$=": lambda v: v.endswith(wanted),
        "*=": lambda v: wanted in v,
    }
    test = tests.get(operator)
    if test is None:
        return True
    return used.has_attribute(name, lambda value: test(value.lower()))  # case-insensitive: keep more


def selector_possible(tokens: list, used: PageVocabulary) -> bool:
    """Whether a selector (tinycss2 tokens) could match something in pages with `used` content."""
    previous = None
    colons = 0
    for token in tokens:
        kind = token.type
        if kind in ("whitespace", "comment"):
            previous, colons = None, 0
            continue
        if kind == "literal" and token.value == ":":
            colons += 1
            previous = token
            continue
        if colons:  # a pseudo-class or pseudo-element
            any_of = kind == "function" and colons == 1 and token.lower_name in ANY_OF
            if any_of and not any(selector_possible(arg, used) for arg in _split_on_commas(token.arguments)):
                return False
            # :not(), :hover, :checked, ::before, :nth-child()...: possible
            previous, colons = token, 0
            continue
        if kind == "ident":
            if previous is not None and previous.type == "literal" and previous.value == ".":
                if token.value not in used.classes:
                    return False
            elif token.lower_value not in used.tags:
                return False
        elif kind == "hash":
            if token.value not in used.ids:
                return False
        elif kind == "[] block" and not _attribute_possible(token, used):
            return False
        previous = token
    return True


# -- rules --------------------------------------------------------------------------------------


def _declarations(content: list) -> list | None:
    """The declarations of a style rule, or None if it holds anything else (nested rules)."""
    parsed = tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
    if any(node.type != "declaration" for node in parsed):
        return None
    return parsed


def _declaration_text(declaration: ast.Declaration) -> str:
    value = tinycss2.serialize(declaration.value).strip()
    return f"{declaration.name}:{value}{'!important' if declaration.important else ''}"


class _Purge:
    def __init__(self, used: PageVocabulary):
        self.used = used

    def rules(self, nodes: Iterable) -> list:
        """First pass: the rules with possible selectors, as (kind, data) tuples."""
        kept = []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors = [s for s in _split_on_commas(node.prelude) if selector_possible(s, self.used)]
                if selectors:
                    prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                    kept.append(("style", prelude, node.content))
            elif node.type == "at-rule" and node.lower_at_keyword in GROUPING_AT_RULES and node.content is not None:
                inner = self.rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
                if inner:
                    kept.append(("group", f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", inner))
            elif node.type == "at-rule" and node.lower_at_keyword in KEYFRAMES:
                kept.append(("keyframes", tinycss2.serialize(node.prelude).strip(), node.serialize()))
            elif node.type == "at-rule":
                kept.append(("other", "", node.serialize()))
            # parse errors and stray tokens are dropped: browsers ignore them too
        return kept


def _walk_styles(rules: list):
    for kind, head, body in rules:
        if kind == "style":
            yield head, body
        elif kind == "group":
            yield from _walk_styles(body)


def _var_references(text: str) -> set[str]:
    return set(VAR_REFERENCE.findall(text))


def _used_custom_properties(rules: list, other_css: str) -> set[str]:
    """Custom properties read by var() anywhere shipped, following definitions that read others."""
    definitions: dict[str, set[str]] = {}
    read: set[str] = _var_references(other_css)
    for _, content in _walk_styles(rules):
        declarations = _declarations(content)
        if declarations is None:
            read |= _var_references(tinycss2.serialize(content))
            continue
        for declaration in declarations:
            references = _var_references(tinycss2.serialize(declaration.value))
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, set()).update(references)
            else:
                read |= references
    for kind, _, body in rules:
        if kind in ("other", "keyframes"):
            read |= _var_references(body)
    pending = list(read)
    while pending:
        for reference in definitions.get(pending.pop(), ()):
            if reference not in read:
                read.add(reference)
                pending.append(reference)
    return read


def _animations(rules: list) -> set[str]:
    names: set[str] = set()
    for _, content in _walk_styles(rules):
        for declaration in _declarations(content) or ():
            if declaration.lower_name in ANIMATION_PROPERTIES:
                names |= {t.value for t in declaration.value if t.type == "ident"}
    return names


def _serialize(rules: list, read: set[str], animations: set[str]) -> str:
    out = []
    for kind, head, body in rules:
        if kind == "style":
            declarations = _declarations(body)
            if declarations is None:
                text = tinycss2.serialize(body)
            else:
                kept = [d for d in declarations if not d.name.startswith("--") or d.name in read]
                if not kept:
                    continue
                text = ";".join(_declaration_text(d) for d in kept)
            out.append(f"{head}{{{text}}}")
        elif kind == "group":
            inner = _serialize(body, read, animations)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif kind == "keyframes":
            if head in animations:
                out.append(body)
        else:
            out.append(body)
    return "".join(out)


def purged_css(css: str, used: PageVocabulary, other_css: str = "") -> str:
    """`css` without the rules, keyframes and custom properties nothing in `used` can use.

    `other_css` is the rest of the CSS the site ships (its own stylesheets), whose var()
    references keep Material's custom properties.
    """
    nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    rules = _Purge(used).rules(nodes)
    return _serialize(rules, _used_custom_properties(rules, other_css), _animations(rules))


# -- the built site -----------------------------------------------------------------------------


def _matches_when(selector: str, used: PageVocabulary) -> bool:
    tokens = tinycss2.parse_component_value_list(selector)
    return selector_possible(tokens, used)


def add_script_states(used: PageVocabulary) -> None:
    """Add what scripts add to pages (script_added_markup.py), repeated until nothing changes
    (one script's addition, such as a title, can bring another into play)."""
    applied: set[int] = set()
    changed = True
    while changed:
        changed = False
        for number, state in enumerate(SCRIPT_STATES):
            if number in applied or (state.when and not _matches_when(state.when, used)):
                continue
            applied.add(number)
            changed = True
            used.tags.update(state.tags)
            for name in state.classes:
                used.add_attribute("class", name)
            for attribute in state.attributes:
                name, _, value = attribute.partition("=")
                used.add_attribute(name, value if "=" in attribute else ANY_VALUE)


def site_vocabulary(pages: Iterable[str]) -> PageVocabulary:
    """What the pages (HTML text) contain, and what scripts will add to them."""
    used = PageVocabulary()
    used.add_pages(pages)
    add_script_states(used)
    return used


def _own_stylesheets(site_dir: Path) -> list[Path]:
    """The site's own stylesheets (docs/stylesheets/...): every .css outside the theme's assets/."""
    return sorted(p for p in site_dir.rglob("*.css") if p.relative_to(site_dir).parts[0] != "assets")


def purge_unused_css(site_dir: Path, docs_dir: Path | None = None) -> list[PurgeResult]:
    """Cut the built site's stylesheets down to what its pages can use (see the module docstring).

    Material's stylesheet gets a new fingerprinted name (its old name is cached as immutable,
    see security_headers.py) and the pages are pointed at it; the site's own stylesheets are
    rewritten in place, purged from their source in `docs_dir` when it has them (a dirty rebuild
    does not copy unchanged files again, and a rule purged once must be able to come back).
    Returns what was done, for the benchmark and the tests."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    used = site_vocabulary(texts.values())
    linked = {m[0] for text in texts.values() for m in MATERIAL_STYLESHEET.finditer(text)}
    material = next((name for name in sorted(linked) if (site_dir / name).is_file()), None)
    sheets = {site_dir / name: None for name in ([material] if material else [])}
    sheets.update(dict.fromkeys(_own_stylesheets(site_dir)))

    def source_of(path: Path) -> Path:
        source = docs_dir / path.relative_to(site_dir) if docs_dir else path
        return source if source.is_file() else path

    originals = {path: SOURCE_MAP_COMMENT.sub("", source_of(path).read_text(encoding="utf-8")) for path in sheets}
    results = []
    for path, css in originals.items():  # Material's first: ours are purged against its result
        others = "".join(text for other, text in originals.items() if other != path)
        purged = purged_css(css, used, others)
        originals[path] = purged  # what the next stylesheets' var() checks read; a rerun gives the same
        name = path.relative_to(site_dir).as_posix()
        if name == material:
            name = f"assets/stylesheets/main.{hashlib.sha256(purged.encode('utf-8')).hexdigest()[:8]}.min.css"
        (site_dir / name).write_text(purged, encoding="utf-8")
        results.append(PurgeResult(path.relative_to(site_dir).as_posix(), name, len(css.encode()), len(purged.encode())))
    if material:
        new_name = results[0].purged
        for page, text in texts.items():
            relinked = MATERIAL_STYLESHEET.sub(new_name, text)
            if relinked != text:
                page.write_text(relinked, encoding="utf-8")
        for name in linked | {material + ".map"}:  # the original, its source map, earlier purges
            if name != new_name:
                (site_dir / name).unlink(missing_ok=True)
    return results
