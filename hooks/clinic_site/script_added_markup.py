"""What scripts add to a page after it loads: the stylesheet purge's safelist.

The purge (css_purge.py) keeps CSS for what the built pages contain. Scripts add more once a page
runs: Material's bundle renders search results, tooltips and table wrappers, and toggles classes
and attributes for states (search open, header shadow, current heading); our scripts in
docs/javascripts/ mark sortable headers and hide chooser rows. Their CSS must stay.

Every entry below was read from the code that sets it: Material 9.8.1's TypeScript sources (the
`sourcesContent` of `material/templates/assets/javascripts/*.min.js.map`, paths below relative to
`src/templates/assets/javascripts/`; the libraries it bundles are in the same maps) and our own
scripts. An entry applies only when its `when`
selector occurs in the built pages (the element the script mounts on), so CSS for components
this site does not have (code blocks, content tabs, annotations...) is still removed.
tests/test_css_purge.py reads the same sources and fails if a script adds something not listed
here or in NOT_ON_THIS_SITE (for instance after a Material upgrade).

`attributes` are "name" (any value) or "name=value".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScriptState:
    what: str
    evidence: str  # where the script sets it
    when: str | None  # a compound selector the page must contain for the script to act; None: always
    classes: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


TOOLTIP_MARKUP = dict(
    classes=("md-tooltip", "md-tooltip__inner", "md-tooltip--active", "md-tooltip--inline", "md-typeset"),
    attributes=("role=tooltip", "aria-describedby", "title", "id"),
    tags=("div",),
)
TOOLTIP2_MARKUP = dict(
    classes=("md-tooltip2", "md-tooltip2__inner", "md-tooltip2--top", "md-tooltip2--bottom", "md-tooltip2--active", "md-typeset"),
    attributes=("role=dialog", "role=tooltip", "aria-controls", "aria-haspopup=dialog", "aria-describedby", "title", "id"),
    tags=("div",),
)

SCRIPT_STATES: tuple[ScriptState, ...] = (
    ScriptState(
        "JavaScript is available",
        "bundle.ts (classList on <html>)",
        None,
        classes=("js",),
    ),
    ScriptState(
        "keyboard focus marked for styling (the focus-visible polyfill Material bundles)",
        "polyfills/index.ts imports node_modules/focus-visible/dist/focus-visible.js",
        None,
        classes=("js-focus-visible", "focus-visible"),
        attributes=("data-js-focus-visible", "data-focus-visible-added"),
    ),
    ScriptState(
        "search results, result list, scroll lock while search is open",
        "templates/search/index.tsx, components/search/result/index.ts, components/search/_/index.ts, "
        "patches/scrolllock/index.ts, worker integrations/search/internal/highlight/index.ts (<mark>)",
        "[data-md-component=search]",
        classes=(
            "md-search-result__item",
            "md-search-result__link",
            "md-search-result__article",
            "md-search-result__icon",
            "md-search-result__terms",
            "md-search-result__more",
            "md-typeset",
            "md-icon",
            "md-tags",
            "md-tag",
            "md-tag-icon",
        ),
        attributes=(
            "role=list",
            "role=presentation",
            "hidden",
            "data-md-score",
            "tabindex",
            "href",
            "open",
            "data-md-scrolllock",
        ),
        tags=("li", "a", "article", "div", "h1", "h2", "nav", "span", "p", "del", "details", "summary", "mark"),
    ),
    ScriptState(
        "search sharing link",
        "components/search/share/index.ts",
        "[data-md-component=search-share]",
        attributes=("data-clipboard-text",),
    ),
    ScriptState(
        "header shadow and hiding, page title in the header",
        "components/header/_/index.ts, components/header/title/index.ts",
        "[data-md-component=header]",
        classes=("md-header--shadow", "md-header__title--active"),
        attributes=("hidden",),
    ),
    ScriptState("header tooltips", "components/header/_/index.ts (mountTooltip)", ".md-header [title]", **TOOLTIP_MARKUP),
    ScriptState(
        "tooltips on elements with a title", "components/content/_/index.ts (mountInlineTooltip2)", "[title]", **TOOLTIP2_MARKUP
    ),
    ScriptState(
        "truncated navigation labels get a title and a tooltip",
        "patches/ellipsis/index.ts",
        ".md-ellipsis",
        attributes=("title",),
    ),
    ScriptState(
        "current and passed headings in the table of contents",
        "components/toc/index.ts",
        "[data-md-component=toc]",
        classes=("md-nav__link--passed", "md-nav__link--active"),
    ),
    ScriptState(
        "navigation sections opened and closed",
        "components/sidebar/index.ts",
        "[data-md-component=sidebar]",
        attributes=("aria-expanded=true", "aria-expanded=false"),
    ),
    ScriptState(
        "copied-to-clipboard message", "components/dialog/index.ts", "[data-md-component=dialog]", classes=("md-dialog--active",)
    ),
    ScriptState("back-to-top button", "components/top/index.ts", "[data-md-component=top]", attributes=("hidden", "tabindex")),
    ScriptState(
        "Markdown tables in a scroll box",
        "components/content/table/index.ts, templates/table/index.tsx",
        "table",
        classes=("md-typeset__scrollwrap", "md-typeset__table"),
        tags=("div",),
    ),
    ScriptState("details opened on print and on links", "components/content/details/index.ts", "details", attributes=("open",)),
    ScriptState(
        "code block buttons, copying, line selection",
        "components/content/code/_/index.ts, templates/clipboard/index.tsx, integrations/clipboard/index.ts",
        "pre",
        classes=("md-code__content", "md-code__button", "md-code__button--active", "md-code__nav", "hll", "select"),
        attributes=("tabindex", "title", "data-md-type", "data-clipboard-target", "data-md-copying", "readonly"),
        tags=("button", "nav", "span", "textarea"),  # clipboard.js copies through a read-only textarea
    ),
    ScriptState(
        "code annotations",
        "components/content/annotation/, templates/annotation/index.tsx",
        ".annotate",
        classes=("md-annotation", "md-annotation__index", "md-annotation-list", *TOOLTIP_MARKUP["classes"]),
        attributes=("tabindex", "data-md-annotation-id", "data-md-visible", "href", "hidden", *TOOLTIP_MARKUP["attributes"]),
        tags=("aside", "a", "span", "div"),
    ),
    ScriptState(
        "content tabs: scroll buttons, linked tabs",
        "components/content/tabs/index.ts, templates/tabbed/index.tsx",
        "[data-tabs]",
        classes=("tabbed-control", "tabbed-control--prev", "tabbed-control--next", "tabbed-button", "tabbed-labels--linked"),
        attributes=("hidden", "tabindex", "aria-hidden=true", "data-md-switching"),
        tags=("div", "button"),
    ),
    ScriptState("Mermaid diagrams", "components/content/mermaid/index.ts", ".mermaid", classes=("mermaid",), tags=("div",)),
    ScriptState("footnote tooltips", "components/content/_/index.ts (renderTooltip2)", ".footnote-ref", **TOOLTIP2_MARKUP),
    ScriptState("link previews", "components/content/link/index.ts", "[data-preview]", **TOOLTIP2_MARKUP),
    ScriptState(
        "repository facts",
        "components/source/_/index.ts, templates/source/index.tsx, components/source/facts/",
        "[data-md-component=source]",
        classes=(
            "md-source__facts",
            "md-source__fact",
            "md-source__fact--version",
            "md-source__fact--stars",
            "md-source__fact--forks",
            "md-source__fact--repositories",
            "md-source__repository--active",
        ),
        tags=("ul", "li"),
    ),
    ScriptState(
        "colour palette switch",
        "components/palette/index.ts",
        "[data-md-component=palette]",
        attributes=(
            "data-md-color-switching",
            "data-md-color-scheme",
            "data-md-color-primary",
            "data-md-color-accent",
            "data-md-color-media",
            "hidden",
        ),
    ),
    ScriptState(
        "instant loading progress bar", "components/progress/index.ts", "[data-md-component=progress]", attributes=("hidden",)
    ),
    ScriptState("cookie consent", "components/consent/index.ts", "[data-md-component=consent]", attributes=("hidden",)),
    ScriptState("announcement bar", "components/announce/index.ts", "[data-md-component=announce]", attributes=("hidden",)),
    ScriptState("navigation tabs", "components/tabs/index.ts", "[data-md-component=tabs]", attributes=("hidden",)),
    # Our own scripts (docs/javascripts/), loaded by overrides/main.html on the pages that need them.
    ScriptState(
        "keyboard access to wide Markdown tables",
        "docs/javascripts/clinic-table-scroll.js",
        ".md-typeset table",
        attributes=("tabindex", "role=region", "aria-label"),
    ),
    ScriptState(
        "sortable comparison table",
        "docs/javascripts/clinic-table-sort.js, docs/javascripts/vendor/tablesort.min.js",
        ".clinic-compare__table",
        classes=("clinic-sortable",),
        attributes=("data-sort", "tabindex", "role=columnheader", "aria-sort=ascending", "aria-sort=descending"),
    ),
    ScriptState(
        "today's opening hours and the header's menu and search buttons",
        "docs/javascripts/clinic-site.js",
        "[data-days], [data-clinic-toggle]",
        classes=("clinic-hours__now",),
        attributes=("aria-expanded=true", "aria-expanded=false"),
    ),
    ScriptState(
        "treatment chooser on /compare/",
        "docs/javascripts/compare-chooser.js",
        "[data-clinic-chooser]",
        attributes=("hidden", "data-clinic-chooser=ready"),
    ),
)

# What Material's scripts add only for features this site does not use, and why they need no CSS.
NOT_ON_THIS_SITE = {
    "md-version": "the version selector (mike): needs extra.version, which mkdocs.yml does not set",
    "md-version__current": "the version selector (mike)",
    "md-version__list": "the version selector (mike)",
    "md-version__item": "the version selector (mike)",
    "md-version__link": "the version selector (mike)",
    "md-version__alias": "the version selector (mike)",
}
