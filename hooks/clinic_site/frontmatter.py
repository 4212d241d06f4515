"""Strict reading of a page's YAML front matter.

MkDocs swallows front matter that is not valid YAML: the page gets no metadata and the YAML is
printed into the body. We read every page's front matter ourselves so that mistake fails the
build with the YAML error's line. The loader also avoids two YAML 1.1 traps editors fall into:
`on:`/`yes`/`no` turning into booleans (YAML 1.2 only knows true/false) and dates being parsed
before the content model can explain what a valid date looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from clinic_site import yaml_limits
from clinic_site.problems import ContentError, ContentProblem, show_value

# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE), so we see exactly what it sees.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
UNCLOSED_START = re.compile(r"^-{3}[ \t]*\n")


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, dates left as text, and duplicate keys refused."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' is written twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    present: bool  # False when the page has no front matter block at all
    first_line: int  # file line of the first YAML line (after the opening ---)
    text: str = ""

    def line_of(self, loc: tuple) -> int | None:
        """The file line where the field at `loc` (e.g. ('treatment', 'sessions')) is written."""
        try:
            node = yaml.compose(self.text, Loader=StrictLoader)
        except yaml.YAMLError:
            return None
        line = None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if match is None:
                    break
                line, node = match[0].start_mark.line, match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        return None if line is None else line + self.first_line


class FastStrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same rules on libyaml's parser: about 20 times faster, which matters with many pages."""


FastStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
FastStrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str) -> Any:
    yaml_limits.check(text)  # size, depth and expanded aliases, before anything is built from it
    try:
        return yaml.load(text, Loader=FastStrictLoader)
    except yaml.YAMLError:
        # Parse again in pure Python for its error messages, which name the offending character.
        return yaml.load(text, Loader=StrictLoader)


def read_front_matter(source: str, path: str) -> FrontMatter:
    """Parse the front matter of a Markdown page, or raise ContentError naming the line."""
    match = FRONT_MATTER.match(source)
    if not match:
        if UNCLOSED_START.match(source):
            raise ContentError(
                [
                    ContentProblem(
                        path,
                        "front matter",
                        "the page starts with '---' but the front matter is never closed",
                        "a second line of exactly '---' after the last field",
                        line=1,
                    )
                ]
            )
        return FrontMatter({}, present=False, first_line=1)
    try:
        data = load_yaml(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise ContentError(
            [
                ContentProblem(
                    path,
                    "front matter",
                    f"this is not valid YAML ({reason})",
                    "one 'field: value' per line, nested fields indented by two spaces, "
                    "and quotes around values that contain ': ' or start with a special character such as [ { * & ! | > ' \" % @ `",
                    line=line,
                )
            ]
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(
            [
                ContentProblem(
                    path,
                    "front matter",
                    f"the front matter is {show_value(data)}, not a list of fields",
                    "lines of the form 'field: value'",
                    line=2,
                )
            ]
        )
    return FrontMatter(data, present=True, first_line=2, text=match.group(1))
