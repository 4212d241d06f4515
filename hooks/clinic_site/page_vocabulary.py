"""What the built pages are made of: every element name, class, id and attribute value in them.

The stylesheet purge (css_purge.py) keeps a CSS selector only if everything it names occurs here.
Reading is a fast scan of start tags rather than a full HTML parse: the purge runs after every
build, and a tag the scan wrongly sees (say, in an inline script) only keeps a little more CSS.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
ANY_VALUE = None  # an attribute a script sets to values not known in advance


@dataclass
class PageVocabulary:
    tags: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    # attribute name -> the values seen; ANY_VALUE in the set means "any value may occur"
    attributes: dict[str, set[str | None]] = field(default_factory=lambda: defaultdict(set))

    def add_html(self, text: str) -> None:
        for tag in START_TAG.finditer(text):
            self.tags.add(tag[1].lower())
            for attribute in ATTRIBUTE.finditer(tag[2]):
                value = next((v for v in attribute.groups()[1:] if v is not None), "")
                self.add_attribute(attribute[1].lower(), html.unescape(value))

    def add_pages(self, texts) -> None:
        """Many pages: each distinct start tag is read once (the header, navigation and footer
        repeat on every page; at 1,000 treatments this takes a third of the time)."""
        distinct: set[str] = set()
        for text in texts:
            distinct.update(tag[0] for tag in START_TAG.finditer(text))
        self.add_html("".join(sorted(distinct)))

    def add_attribute(self, name: str, value: str | None) -> None:
        self.attributes[name].add(value)
        if value is None:
            return
        if name == "class":
            self.classes.update(value.split())
        elif name == "id":
            self.ids.add(value)

    def has_attribute(self, name: str, matches=None) -> bool:
        """Whether attribute `name` occurs, with a value accepted by `matches` if given."""
        values = self.attributes.get(name.lower())
        if not values:
            return False
        if matches is None or ANY_VALUE in values:
            return True
        return any(matches(value) for value in values)
