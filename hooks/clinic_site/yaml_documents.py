"""One way to read every YAML file an editor touches: page front matter, data/vocabulary.yml,
data/claims.yml, and the lines of mkdocs.yml.

Each document is parsed once into its data and its node tree, so every later message can name the
line of the field it is about. The loader avoids the YAML traps editors fall into: `on:`/`yes`/`no`
stay text (YAML 1.2 booleans are only true/false), dates stay text until the model explains what a
date looks like, a key written twice is an error, and anchors, aliases and `<<:` merges (which no
editor needs, and which make "YAML bombs" possible) are refused. Parser errors are translated into
what the editor should do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from clinic_site import yaml_limits
from clinic_site.problems import ContentError, ContentProblem


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, dates left as text, and duplicate keys refused."""


_REPLACED_TAGS = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
# Numbers only as people write them: YAML 1.1 reads 0750 as octal (488), 0x10 as 16 and 1:30 as 90
# (base 60), which would publish a figure the editor never wrote. Those stay text, and the model
# says what it accepts.
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    """Keys are the text written (`1:` and `~:` are the keys '1' and '~', not a number and None); a
    list or mapping as a key (`? [a, b]`) and a key written twice are errors."""
    mapping: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise yaml.constructor.ConstructorError(None, None, "MERGE", key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "COMPLEX KEY", key_node.start_mark)
        key = key_node.value
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' is written twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class FastStrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when built in
    """The same rules on libyaml's parser: about 20 times faster, which matters with many pages."""


FastStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
FastStrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

LIMITS_ACCEPTED = (
    f"a file of ordinary size and shape: every value written out (no anchors or aliases such as &name and *name), "
    f"at most {yaml_limits.MAX_DEPTH} levels of nesting and {yaml_limits.MAX_CHARACTERS:,} characters"
)
FORMAT_HINT = (
    "one 'field: value' per line, nested fields indented by two spaces under their parent, "
    "and quotes around values that contain ': ' or start with a special character such as [ { * & ! | > ' \" % @ `"
)


class _SharedNode(Exception):
    """An alias: the same node reached twice in the tree."""

    def __init__(self, node: yaml.Node):
        self.node = node


class _TaggedNode(Exception):
    """A value with a type tag (`!!binary`, `!!set`, `!!python/...`) no editor's file needs."""

    def __init__(self, node: yaml.Node):
        self.node = node


# The types editors' values have; anything else came from an explicit tag.
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "seq", "map"))


def _refuse_aliases(root: yaml.Node) -> None:
    """Aliases (`*name`) make one node appear in several places; walking with a visited set keeps
    even a 'billion laughs' document linear, and the first repeat is refused. So is the first value
    with a type tag (`!!binary` gave bytes where text goes, `!!set` a set, which templates crash on)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or node.tag == "tag:yaml.org,2002:merge":  # `<<:` merges in an anchored mapping
            raise _SharedNode(node)
        if node.tag not in PLAIN_TAGS:
            raise _TaggedNode(node)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML text: its data, and where each field was written."""

    data: Any
    path: str  # the file as editors know it, e.g. data/vocabulary.yml
    node: yaml.Node | None = None
    first_line: int = 1  # file line of the text's first line (front matter starts on line 2)

    def line_of(self, loc: tuple) -> int | None:
        """The file line where the field at `loc` (e.g. ('treatment', 'sessions')) is written:
        the deepest part of `loc` that exists."""
        node, line = self.node, None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if match is None:
                    break
                line, node = match[0].start_mark.line, match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        if line is None and node is not None and not loc:
            line = node.start_mark.line
        return None if line is None else line + self.first_line


def parse_yaml(text: str, path: str, *, first_line: int = 1, field: str = "(YAML)") -> YamlDocument:
    """Parse `text` with the strict rules, or raise ContentError saying what to do, with the line."""
    try:
        yaml_limits.check(text)  # size, depth and expanded aliases, before libyaml builds anything
    except yaml.YAMLError as error:
        raise ContentError([yaml_problem(error, text, path, first_line, field)]) from None
    loader = FastStrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node)
        data = loader.construct_document(node) if node is not None else None
    except _SharedNode as shared:
        raise ContentError([_alias_problem(path, shared.node.start_mark.line + first_line, field)]) from None
    except _TaggedNode as tagged:
        tag = tagged.node.tag.replace("tag:yaml.org,2002:", "!!")
        problem = ContentProblem(
            path,
            field,
            f"a value is marked with the type tag '{tag}', which YAML reads as a special type",
            "plain values without tags: text, numbers, true/false, lists and fields (remove the tag, or put the value in quotes)",
            line=tagged.node.start_mark.line + first_line,
        )
        raise ContentError([problem]) from None
    except yaml.YAMLError as error:
        raise ContentError([yaml_problem(error, text, path, first_line, field)]) from None
    finally:
        loader.dispose()
    return YamlDocument(data, path, node, first_line)


def load_yaml(text: str, path: str = "(text)") -> Any:
    """Only the data of a YAML text, read with the strict rules (ContentError when it is not valid)."""
    return parse_yaml(text, path).data


def compose_lines(text: str, path: str) -> YamlDocument:
    """Only the node tree, for line numbers of a file someone else parses (mkdocs.yml with its
    `!ENV` and `!!python/name` tags, which composing does not evaluate)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None  # MkDocs reports its own file's syntax errors
    return YamlDocument(None, path, node)


def _alias_problem(path: str, line: int, field: str) -> ContentProblem:
    return ContentProblem(
        path,
        field,
        "the file repeats a value with an anchor and alias (&name, *name or <<:)",
        "every value written out in full where it is used (anchors, aliases and merges are not accepted)",
        line=line,
    )


# What libyaml and PyYAML say, and what an editor should do about it.
_TRANSLATIONS = (
    ("expected <block end>, but found '<block mapping start>'", "a line is indented more than the field above it expects"),
    (
        "expected <block end>, but found '<block sequence start>'",
        "a list item ('- ...') is indented differently from the items above it",
    ),
    ("expected <block end>, but found", "the indentation changes where it should not, or a value is not in quotes"),
    ("mapping values are not allowed", "a value contains ': ' (a colon and a space), so YAML reads it as a new field"),
    ("could not find expected ':'", "a line has no ':' after its field name, or a quoted value runs on"),
    ("found character '\\t' that cannot start any token", "a tab character is used for indenting"),
    ("found a tab character", "a tab character is used for indenting"),
    ("found character that cannot start any token", "a value starts with a character YAML reserves (such as ` or @)"),
    ("found unexpected end of stream", "a quote is opened but never closed"),
    ("found undefined alias", "a value starts with '*', which YAML reads as a reference"),
    ("did not find expected node content", "a value is missing or starts with a reserved character"),
    ("did not find expected ',' or ']'", "a list in square brackets is not closed with ']', or an item needs quotes"),
    ("did not find expected ',' or '}'", "a mapping in braces is not closed with '}', or a value needs quotes"),
    ("did not find expected '-' indicator", "the items of a list are not lined up under each other"),
    ("did not find expected key", "the fields are not lined up under each other"),
    ("expected a single document", "the text holds a second YAML document (a line of '---' inside it)"),
    ("found duplicate anchor", "an anchor name (&name) is used twice"),
    ("found unknown escape character", "a double-quoted value contains a backslash"),
    ("could not determine a constructor", "a value starts with '!', which YAML reads as a type tag"),
)


def yaml_problem(error: yaml.YAMLError, text: str, path: str, first_line: int = 1, field: str = "(YAML)") -> ContentProblem:
    """The editor's message for a YAML syntax error: the line, what went wrong in plain words, what to write."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + first_line if mark is not None else None
    message = str(getattr(error, "problem", None) or error)
    if message == "MERGE":
        return _alias_problem(path, line or first_line, field)
    if message == "COMPLEX KEY":
        return ContentProblem(
            path,
            field,
            "a field name is a list or mapping ('? ...' or '[...]:')",
            "field names written as plain words",
            line=line,
        )
    if isinstance(error, yaml.constructor.ConstructorError) and "written twice" in message:
        return ContentProblem(path, field, message, "each field once", line=line)
    context = str(getattr(error, "context", None) or "")
    lines = text.splitlines()
    shown = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    said = next((plain for raw, plain in _TRANSLATIONS if raw in f"{context} {message}"), None)
    if isinstance(error, yaml_limits.YamlLimitError):
        return ContentProblem(path, field, message, LIMITS_ACCEPTED, line=line)  # already in the editor's words
    elif said is None:
        said = f"this is not valid YAML ({message})"
    elif "mapping values are not allowed" in message and mark is not None and _indented_too_far(lines, mark.line):
        said = "a line is indented more than the field above it expects"
    found = f": {shown.strip()[:80]!r}" if shown.strip() else ""
    return ContentProblem(path, field, said + found, FORMAT_HINT, line=line)


class _EditorDumper(yaml.SafeDumper):
    """Writes values as the strict loader reads them: `on:` and dates need no quotes."""


_EditorDumper.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers


def yaml_flow(value: Any) -> str:
    """A value in YAML flow style, as an editor writes it on one line: [a, b], {spf: 50}."""
    text = yaml.dump(value, Dumper=_EditorDumper, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1000)
    return text.strip().removesuffix("...").strip()


def _indented_too_far(lines: list[str], number: int) -> bool:
    """True when line `number` starts with 'field:' and is indented deeper than the line above it,
    which holds a value of its own: a field pushed too far right rather than a colon in a value."""
    line = lines[number]
    above = next((lines[i] for i in range(number - 1, -1, -1) if lines[i].strip()), "")
    indent = len(line) - len(line.lstrip(" "))
    above_indent = len(above) - len(above.lstrip(" "))
    starts_with_field = re.match(r"\s*[\w-]+:(\s|$)", line) is not None
    return starts_with_field and indent > above_indent and not above.rstrip().endswith(":")


def decode_text(raw: bytes, path: str) -> str:
    """The text of a file saved as UTF-8 (a byte-order mark is fine), or ContentError saying how to save it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        raise ContentError(
            [
                ContentProblem(
                    path,
                    "(whole file)",
                    f"the file is not saved as UTF-8 text (byte 0x{byte} cannot be read; Windows editors often save as 'ANSI' or 'Windows-1252')",
                    "the file saved with the encoding 'UTF-8' (in Notepad: File > Save as > Encoding: UTF-8; "
                    "in VS Code: the encoding in the status bar > Save with encoding > UTF-8)",
                    line=line,
                )
            ]
        ) from None
    # Windows (CR LF) and old Mac (CR) line endings read as MkDocs reads them (Python's text mode).
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml_file(file: Path, shown_as: str, *, what: str) -> YamlDocument:
    """Read and parse a YAML data file; `what` names it in the message when it is missing."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ContentError([ContentProblem(shown_as, "(whole file)", "the file is missing", what)]) from None
    return parse_yaml(decode_text(raw, shown_as), shown_as)
