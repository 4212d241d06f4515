"""Active content: anything in a page that could run script, or load from another site.

Two checks, both on HTML parsed the way a browser parses it (Lexbor, a WHATWG-conformant parser,
through selectolax; Python's html.parser reads `<!--x--!>` or `<![CDATA[ >` differently from a
browser, which hides what follows from a check):

- `content_findings`: the HTML that editors' Markdown (pages, concern introductions) turns into,
  before our markers are rendered. Editors write text, links and images; anything else that can
  act (`<script>`, `on…=` attributes, `javascript:`/`data:` addresses, frames, inline SVG, forms,
  styles, resources from other sites) is an editor error naming the file and line.
- `page_findings`: every finished page, as the browser receives it (templates included). The only
  inline scripts allowed are those Material's own templates write (`template_scripts`), so the
  Content-Security-Policy hashes exactly those and nothing an editor or a crafted value adds.

`<noscript>` is read as a browser with JavaScript on reads it (its content is plain text up to the
first `</noscript>`), which Lexbor does not do by itself: the tag is renamed to `<noembed>`, which
every parser reads that way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clinic_site.problems import ContentProblem
from clinic_site.safe_values import INVISIBLE, VISIBLE_TEXT_ACCEPTED, invisible_character_problem

# Elements editors' content may not contain, and why (said to the editor).
CONTENT_ELEMENTS = {
    "script": "a <script> element: a script in a page would run in every reader's browser",
    "iframe": "an <iframe>: it shows another site's page inside ours",
    "frame": "a <frame>: it shows another page inside ours",
    "frameset": "a <frameset>: it shows other pages inside ours",
    "object": "an <object> element: it embeds a plug-in or another page",
    "embed": "an <embed> element: it embeds a plug-in or another page",
    "applet": "an <applet> element: it embeds a plug-in",
    "portal": "a <portal> element: it embeds another page",
    "fencedframe": "a <fencedframe> element: it embeds another page",
    "base": "a <base> element: it changes where every link on the page leads",
    "meta": "a <meta> element: it can redirect the reader or change the page's settings",
    "link": "a <link> element: it loads a stylesheet or another resource",
    "style": "a <style> element: styles belong in docs/stylesheets/clinic.css (the security policy blocks them here)",
    "svg": "inline SVG: an SVG drawing can carry scripts",
    "math": "inline MathML: it can carry links and markup that browsers read differently",
    "form": "a <form>: it could send readers' details to another site",
    "noembed": "a <noscript> or <noembed> element: browsers and checks read its content differently",
    "noframes": "a <noframes> element: browsers and checks read its content differently",
    "template": "a <template> element: its content is hidden from checks",
    "xmp": "an <xmp> element: browsers and checks read its content differently",
    "plaintext": "a <plaintext> element: it swallows the rest of the page",
}
CONTENT_ACCEPTED = (
    "text, Markdown formatting, links and images from docs/images/; embed nothing from other sites "
    "(link to it instead) and ask a developer for anything interactive"
)

# Elements no page may contain, whoever wrote them (Material's templates use none of them).
PAGE_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe", "base", "template")

# Attributes holding addresses; srcset holds a comma-separated list.
URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "data",
        "background",
        "cite",
        "longdesc",
        "ping",
        "manifest",
        "codebase",
        "archive",
        "icon",
        "profile",
        "usemap",
        "lowsrc",
        "dynsrc",
        "srcset",
        "imagesrcset",
    ]
)
# Attributes that make the reader's browser fetch something as the page loads.
RESOURCE_ATTRIBUTES = frozenset(["src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "imagesrcset"])
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers ignore tabs and newlines anywhere in an address, and leading/trailing spaces and controls.
URL_NOISE = re.compile(r"[\t\n\r]")

# Scripts whose type a browser never runs: data for the page's own scripts and for search engines.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
NOSCRIPT = re.compile(r"<(/?)noscript(?=[\s/>])", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One piece of active content; `clues` are texts to look for in the source to find its line."""

    what: str
    clues: tuple[str, ...]


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(NOSCRIPT.sub(r"<\1noembed", html))


def elements(html: str) -> Iterator[LexborNode]:
    """Every element (and comment) of the parsed HTML, in document order."""
    root = parse(html).root
    return root.traverse(include_text=False) if root is not None else iter(())


def normalised_url(value: str) -> str:
    return (
        URL_NOISE.sub("", value)
        .strip(
            " \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
        )
        .lower()
    )


def url_scheme(value: str) -> str | None:
    match = SCHEME.match(normalised_url(value))
    return match[1] if match else None


def is_other_site(value: str) -> bool:
    """An address on another site: with a scheme, or protocol-relative (//host, which \\ also starts)."""
    url = normalised_url(value).replace("\\", "/")
    return url_scheme(url) is not None or url.startswith("//")


def _urls(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def _attribute_findings(tag: str, attributes: dict[str, str | None], *, strict: bool) -> list[Finding]:
    found = []
    for name, value in attributes.items():
        name = name.lower()
        value = value or ""
        if name.startswith("on"):
            found.append(Finding(f"the {name}= attribute on <{tag}>: it runs script in the reader's browser", (name,)))
            continue
        if name == "srcdoc":
            found.append(Finding(f"the srcdoc= attribute on <{tag}>: it holds a whole web page", (name,)))
            continue
        if name == "http-equiv":
            found.append(Finding(f"the http-equiv= attribute on <{tag}>: it can redirect the reader", (name,)))
            continue
        if strict and name == "style":
            found.append(
                Finding(
                    f"the style= attribute on <{tag}>: styles belong in docs/stylesheets/clinic.css "
                    "(the security policy blocks them here)",
                    (f"{name}=", value),
                )
            )
            continue
        for url in _urls(name, value) if (name in URL_ATTRIBUTES or "javascript" in value.lower()) else []:
            scheme = url_scheme(url)
            if scheme is not None and scheme not in SAFE_SCHEMES:
                found.append(
                    Finding(f"a {scheme}: address in {name}= on <{tag}>: {_scheme_reason(scheme)}", (url, value, f"{name}="))
                )
            elif strict and name in RESOURCE_ATTRIBUTES and is_other_site(url):
                found.append(
                    Finding(
                        f"<{tag}> loads {url!r} from another site: the site never makes readers' browsers contact "
                        "other sites (put the file in docs/images/)",
                        (url, value),
                    )
                )
    return found


def _scheme_reason(scheme: str) -> str:
    if scheme in ("javascript", "vbscript"):
        return "it runs script when followed"
    if scheme == "data":
        return "it carries a whole file, which can be a script"
    return "only https://, http://, mailto:, tel: and addresses on this site are accepted"


def content_findings(html: str) -> list[Finding]:
    """Active content in the HTML made from an editor's Markdown (before our markers are rendered)."""
    found = []
    for node in elements(html):
        tag = node.tag or ""
        if tag.startswith("-"):  # comments, doctype
            continue
        if tag in CONTENT_ELEMENTS:
            found.append(Finding(CONTENT_ELEMENTS[tag], ("<noscript", "<noembed") if tag == "noembed" else (f"<{tag}",)))
        found += _attribute_findings(tag, node.attributes, strict=True)
    return found


def page_findings(
    html: str, known_scripts: frozenset[str], checked_elements: dict[tuple, tuple[Finding, ...]] | None = None
) -> tuple[list[Finding], set[str]]:
    """Active content in a finished page, and the inline scripts it runs (all of them known ones).

    `known_scripts` are the exact texts of the inline scripts Material's templates write for this
    page (see template_scripts); any other inline script is a finding, whatever wrote it.
    `checked_elements`: one build's findings by element, shared by its pages (the header,
    navigation and footer repeat on every page, so each distinct element is checked once).
    """
    found, scripts = [], set()
    checked = {} if checked_elements is None else checked_elements
    for node in elements(html):
        tag = node.tag or ""
        if tag.startswith("-"):
            continue
        attributes = node.attributes
        if tag in PAGE_ELEMENTS:
            found.append(Finding(f"a <{tag}> element", (f"<{tag}",)))
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            source = attributes.get("src")
            if source is not None:
                if is_other_site(source):
                    found.append(Finding(f"a script loaded from another site ({source!r})", (source,)))
            elif kind not in DATA_SCRIPT_TYPES:
                text = node.text(deep=True)
                if text in known_scripts:
                    scripts.add(text)
                else:
                    found.append(
                        Finding("an inline <script> that none of the site's templates writes", (text[:60] or "<script",))
                    )
        found += _page_attribute_findings(tag, attributes, checked)
    return found, scripts


REMEMBERED_ELEMENTS = 50_000  # per build: a huge site checks the rest each time


def _page_attribute_findings(tag: str, attributes: dict[str, str | None], checked: dict) -> tuple[Finding, ...]:
    key = (tag, *attributes.items())
    found = checked.get(key)
    if found is None:
        found = tuple(_attribute_findings(tag, attributes, strict=False))  # immutable: safe to share
        if len(checked) < REMEMBERED_ELEMENTS:
            checked[key] = found
    return found


def line_of(source: str, clues: tuple[str, ...], first_line: int = 1) -> int | None:
    """The first line of `source` holding one of the clues (tried in order), case-insensitively."""
    lowered = source.lower()
    for clue in clues:
        clue = clue.strip().lower()
        if clue and (at := lowered.find(clue)) != -1:
            return lowered.count("\n", 0, at) + first_line
    return None


def content_problems(html: str, source: str, shown_as: str, first_line: int = 1) -> list[ContentProblem]:
    """Editor messages for active content in the HTML made from `source` (the file `shown_as`)."""
    return [
        ContentProblem(
            shown_as,
            "page content",
            f"the page contains {finding.what}",
            CONTENT_ACCEPTED,
            line=line_of(source, finding.clues, first_line),
        )
        for finding in content_findings(html)
    ] + _hidden_character_problems(source, shown_as, first_line)


def _hidden_character_problems(source: str, shown_as: str, first_line: int) -> list[ContentProblem]:
    """The first invisible character in the Markdown (a right-to-left override shows text backwards)."""
    match = INVISIBLE.search(source)
    if match is None:
        return []
    return [
        ContentProblem(
            shown_as,
            "page content",
            invisible_character_problem(source[source.rfind("\n", 0, match.start()) + 1 : match.end()]) or "",
            VISIBLE_TEXT_ACCEPTED,
            line=source.count("\n", 0, match.start()) + first_line,
        )
    ]


# -- SVG images in docs/: opened on their own, browsers run their scripts ------------------------

SVG_ACCEPTED = (
    "a plain drawing: no scripts, event attributes, embedded HTML or links to other files (export it again as plain SVG)"
)
SVG_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
SVG_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SVG_ANIMATIONS = {"set", "animate", "animatetransform", "animatemotion"}


def svg_problems(data: bytes, shown_as: str) -> list[ContentProblem]:
    """Problems of an SVG file in docs/ (parsed as XML, as a browser opening it does)."""
    import xml.etree.ElementTree as ElementTree

    def problem(what: str) -> ContentProblem:
        return ContentProblem(shown_as, "image", f"the SVG image contains {what}", SVG_ACCEPTED)

    if SVG_DECLARATIONS.search(data):  # entity declarations can expand into markup (or a billion laughs)
        return [problem("a <!DOCTYPE> or <!ENTITY> declaration")]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [ContentProblem(shown_as, "image", f"the SVG image is not well-formed XML ({error})", SVG_ACCEPTED)]
    problems = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in SVG_ELEMENTS:
            problems.append(problem(f"a <{tag}> element"))
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problems.append(problem(f"the {local}= attribute on <{tag}>"))
            elif local == "href" and not value.strip().startswith("#"):
                problems.append(problem(f"a link to {value!r} on <{tag}>"))
            elif (
                tag in SVG_ANIMATIONS and local == "attributename" and (value.lower().startswith("on") or "href" in value.lower())
            ):
                problems.append(problem(f"an animation that changes {value!r}"))
    return problems
