"""Compare two pages' computed styles, element by element, in a real browser.

The CSS-purge pixel test uses this to explain a difference in screenshots: removing rules can
change how a page looks only by changing a computed style (of an element or one of its
pseudo-elements), so two pages with the same markup and the same computed styles look alike,
and a pixel difference between them comes from the moment of the shot (a hover Chromium has not
yet repainted, an antialiased edge), not from the stylesheets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The pseudo-elements that can show in a shot, each with the elements it can show on ("" is the
# element itself): asking every element for every one would take seconds a page.
_STYLES = """
const PSEUDO_ELEMENTS = {
  '': () => true,
  '::before': (element) => !['none', 'normal'].includes(getComputedStyle(element, '::before').content),
  '::after': (element) => !['none', 'normal'].includes(getComputedStyle(element, '::after').content),
  '::marker': (element) => getComputedStyle(element).display.includes('list-item'),
  '::placeholder': (element) => element.hasAttribute('placeholder'),
  '::file-selector-button': (element) => element.matches('input[type=file]'),
  '::-webkit-search-cancel-button': (element) => element.matches('input[type=search]'),
  '::checkmark': (element) => element.matches('select, option, input'),
  '::picker-icon': (element) => element.matches('select'),
  '::-webkit-details-marker': (element) => element.matches('summary'),
  '::backdrop': (element) => element.matches('dialog, [popover]'),
  '::-webkit-scrollbar': scrolls,
  '::-webkit-scrollbar-thumb': scrolls,
  '::-webkit-scrollbar-track': scrolls,
};
function scrolls(element) {
  const style = getComputedStyle(element);
  return element === document.documentElement || /auto|scroll/.test(style.overflowX + style.overflowY);
}
// Every property but custom ones: the purge drops unused custom properties, and what the used ones
// are used for shows in the real properties.
function properties(element) {
  const found = {};
  for (const [pseudo, shows] of Object.entries(PSEUDO_ELEMENTS)) {
    if (!shows(element)) continue;
    const style = getComputedStyle(element, pseudo || null);
    for (let i = 0; i < style.length; i++) {
      if (!style[i].startsWith('--')) found[(pseudo ? pseudo + ' ' : '') + style[i]] = style.getPropertyValue(style[i]);
    }
  }
  return found;
}
function name(element) {
  return element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
    + [...element.classList].map((c) => '.' + c).join('')
    + (element.getAttribute('value') ? '[value=' + element.getAttribute('value') + ']' : '');
}
"""

# Per element, its tag and a SHA-1 of its properties: the properties stay in the page.
_DIGESTS = (
    "async () => {"
    + _STYLES
    + """
  const encoder = new TextEncoder();
  return Promise.all([...document.querySelectorAll('*')].map(async (element) => {
    const digest = await crypto.subtle.digest('SHA-1', encoder.encode(JSON.stringify(properties(element))));
    return element.tagName.toLowerCase() + ':' + btoa(String.fromCharCode(...new Uint8Array(digest)));
  }));
}"""
)

_PROPERTIES = (
    "(index) => {"
    + _STYLES
    + "const element = document.querySelectorAll('*')[index]; return [name(element), properties(element)]; }"
)


@dataclass(frozen=True)
class StyleDifference:
    element: str  # a CSS-like name: tag, id, classes, value
    property: str  # with its pseudo-element first, e.g. "::before content"
    first: str
    second: str

    def __str__(self) -> str:
        return f"{self.element} {self.property}: {self.first!r} against {self.second!r}"


def style_differences(first: Page, second: Page, limit: int = 5) -> list[StyleDifference]:
    """Where two pages' computed styles differ (at most `limit` properties); [] when they match.
    Pages whose elements differ (not the same markup) are reported as such."""
    digests = [page.evaluate(_DIGESTS) for page in (first, second)]
    tags = [[digest.split(":")[0] for digest in page_digests] for page_digests in digests]
    if tags[0] != tags[1]:
        return [StyleDifference("document", "elements", f"{len(tags[0])} elements", f"{len(tags[1])} elements")]
    found: list[StyleDifference] = []
    for index, (a, b) in enumerate(zip(*digests, strict=True)):
        if a == b:
            continue
        (name, ours), (_, theirs) = (page.evaluate(_PROPERTIES, index) for page in (first, second))
        for prop in sorted(set(ours) | set(theirs), key=lambda key: (key.startswith("::"), key)):  # the element's own first
            if ours.get(prop) != theirs.get(prop):
                found.append(StyleDifference(name, prop, ours.get(prop, "(none)"), theirs.get(prop, "(none)")))
                if len(found) == limit:
                    return found
    return found
