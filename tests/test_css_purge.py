"""The build-time stylesheet purge: which CSS it keeps, its safelist's evidence, the built site."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import tinycss2

from clinic_site.css_purge import MATERIAL_STYLESHEET, add_script_states, purge_unused_css, purged_css, selector_possible
from clinic_site.page_vocabulary import PageVocabulary
from clinic_site.script_added_markup import NOT_ON_THIS_SITE, SCRIPT_STATES
from clinic_site.security_headers import IMMUTABLE, headers_for, parse_headers_file
from tests.support.sites import ROOT

PAGE = """<html class="no-js" dir="ltr"><body dir="ltr">
<header class="md-header" data-md-component="header"><label class="md-header__button" for="__drawer"></label></header>
<main><div class="md-typeset"><h1 id="top">Title</h1><p>Text <a href="#">link</a></p>
<input type="checkbox" id="__drawer" data-md-toggle="drawer"></div></main></body></html>"""


def vocabulary(html: str = PAGE) -> PageVocabulary:
    used = PageVocabulary()
    used.add_html(html)
    return used


def possible(selector: str, used: PageVocabulary | None = None) -> bool:
    return selector_possible(tinycss2.parse_component_value_list(selector), used or vocabulary())


# -- selectors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "selector",
    [
        ".md-typeset",
        ".md-typeset h1",
        "html.no-js .md-header",
        "#top",
        "body",
        "*",
        "[dir=ltr] .md-header",
        "[data-md-toggle=drawer]:checked~.md-header",
        "[type=checkbox]",
        '[for^="__"]',
        "[class*=md-head]",
        "a:hover",
        ".md-typeset a:focus-visible",
        "p::before",
        ".md-typeset :is(h1, h6)",
        ":where(.md-typeset) p",
        ".md-header:not(.md-header--shadow)",
        ":root",
        "p:nth-child(2n+1)",
    ],
)
def test_a_selector_that_can_match_the_pages_is_kept(selector):
    assert possible(selector)


@pytest.mark.parametrize(
    "selector",
    [
        ".admonition",
        ".md-typeset .admonition",
        "kbd",
        "#missing",
        "[dir=rtl] .md-header",
        "[data-md-color-scheme=slate]",
        "[type=radio]",
        '[for$="x"]',
        ".md-typeset :is(.tabbed-set, .admonition)",
        ".md-header:not(.x) .md-tabs",
        "a:hover .md-source",
        "h1::before, never-used",  # one selector as a whole: the comma belongs to the list splitter
    ],
)
def test_a_selector_that_needs_something_no_page_has_is_dropped(selector):
    assert not possible(selector)


# -- rules --------------------------------------------------------------------------------------


def test_only_the_possible_selectors_of_a_rule_remain():
    css = ".md-typeset h1,.admonition,[dir=rtl] p{margin:0}"
    assert purged_css(css, vocabulary()) == ".md-typeset h1{margin:0}"


def test_media_and_supports_blocks_keep_their_used_rules_and_vanish_when_empty():
    css = "@media screen and (min-width:60em){.md-header{top:0}.admonition{top:1px}}@supports (x:y){kbd{color:red}}"
    assert purged_css(css, vocabulary()) == "@media screen and (min-width:60em){.md-header{top:0}}"


def test_keyframes_stay_only_while_a_kept_rule_animates_with_them():
    css = "@keyframes pulse{0%{opacity:0}}@keyframes gone{0%{opacity:1}}.md-header{animation:pulse 1s}.admonition{animation:gone 1s}"
    out = purged_css(css, vocabulary())
    assert "@keyframes pulse" in out and "gone" not in out


def test_custom_properties_nothing_reads_are_removed_and_chains_are_followed():
    css = (
        ":root{--used:var(--base);--base:red;--icon:url(x.svg);--unused:blue}"
        ".md-header{color:var(--used)}.admonition{background:var(--icon)}"
    )
    out = purged_css(css, vocabulary())
    assert out == ":root{--used:var(--base);--base:red}.md-header{color:var(--used)}"


def test_custom_properties_read_by_the_sites_own_stylesheets_stay():
    css = ":root{--md-primary-fg-color:red;--md-accent-fg-color:blue}"
    out = purged_css(css, vocabulary(), other_css=".clinic{color:var(--md-accent-fg-color)}")
    assert out == ":root{--md-accent-fg-color:blue}"


def test_other_at_rules_and_important_flags_are_kept_and_comments_dropped():
    css = "/* about */@font-face{font-family:X;src:url(x.woff2)}.md-typeset{color:red!important}"
    assert purged_css(css, vocabulary()) == "@font-face{font-family:X;src:url(x.woff2)}.md-typeset{color:red!important}"


def test_many_pages_read_together_give_what_each_page_gives():
    one_by_one, together = PageVocabulary(), PageVocabulary()
    pages = [PAGE, PAGE.replace("md-typeset", "md-content"), "<p class=\"a b\" data-x='1 &amp; 2'>"]
    for page in pages:
        one_by_one.add_html(page)
    together.add_pages(pages)
    assert (together.tags, together.classes, together.ids) == (one_by_one.tags, one_by_one.classes, one_by_one.ids)
    assert dict(together.attributes) == dict(one_by_one.attributes)
    assert "1 & 2" in together.attributes["data-x"]


# -- what scripts add ---------------------------------------------------------------------------


def test_script_states_apply_only_where_their_component_is_on_the_page():
    with_search = vocabulary(PAGE.replace("<main>", '<main><div class="md-search" data-md-component="search"></div>'))
    without = vocabulary()
    add_script_states(with_search)
    add_script_states(without)
    assert "md-search-result__item" in with_search.classes and "mark" in with_search.tags
    assert "md-search-result__item" not in without.classes
    assert "js" in without.classes  # added by Material's bundle on every page


def test_a_state_one_script_adds_can_bring_in_another():
    # Material's ellipsis patch gives a truncated label a title; titles get tooltips.
    used = vocabulary('<nav><span class="md-ellipsis">A long label</span></nav>')
    add_script_states(used)
    assert "md-tooltip2" in used.classes


def material_sources() -> dict[str, str]:
    """Material's TypeScript sources and the libraries it bundles (focus-visible, clipboard.js...),
    from the source maps shipped in the installed package."""
    import material

    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    sources = {}
    for source_map in scripts.rglob("*.min.js.map"):
        data = json.loads(source_map.read_text(encoding="utf-8"))
        for name, text in zip(data["sources"], data.get("sourcesContent") or [], strict=False):
            # lunr runs in the worker, rxjs and tslib are plain code: none touches a page
            if text and not any(library in name for library in ("/lunr/", "/rxjs/", "/tslib/")):
                sources[name.split("javascripts/", 1)[-1]] = text
    return sources


ADDED_CLASS = re.compile(r"""classList\.(?:add|toggle)\(\s*["']([\w-]+)["']""")
TEMPLATE_CLASS = re.compile(r"""class(?:Name)?\s*[=:]\s*\{?\s*[`"']([^`"']+)""")
SET_ATTRIBUTE = re.compile(r"""(?:setAttribute|toggleAttribute)\(\s*["'`]([\w-]+)""")
OWN_SCRIPTS = sorted((ROOT / "docs" / "javascripts").glob("*.js"))


def safelisted_classes() -> set[str]:
    return {name for state in SCRIPT_STATES for name in state.classes}


def safelisted_attributes() -> set[str]:
    return {attribute.partition("=")[0] for state in SCRIPT_STATES for attribute in state.attributes}


def test_every_class_materials_scripts_add_is_safelisted_or_explained():
    sources = material_sources()
    assert "bundle.ts" in sources and any("templates/search" in name for name in sources)
    added = set()
    for text in sources.values():
        added |= set(ADDED_CLASS.findall(text))
        for value in TEMPLATE_CLASS.findall(text):
            added |= {word for word in value.split() if "${" not in word}  # fragments of template strings
    missing = added - safelisted_classes() - set(NOT_ON_THIS_SITE)
    assert not missing, f"add to script_added_markup.py (or NOT_ON_THIS_SITE, with the reason): {sorted(missing)}"


def test_every_attribute_materials_scripts_set_is_safelisted():
    set_by_scripts = set()
    for text in material_sources().values():
        set_by_scripts |= set(SET_ATTRIBUTE.findall(text))
        if re.search(r"\.hidden\s*=", text):
            set_by_scripts.add("hidden")
    set_by_scripts -= {"name", "attr"}  # h()'s and the instant loader's generic copies of existing attributes
    safelisted = safelisted_attributes()
    missing = {
        name
        for name in set_by_scripts - safelisted - {"style"}  # style: set through the CSSOM, not selected
        if not (name.endswith("-") and any(s.startswith(name) for s in safelisted))  # `data-md-color-${key}`
    }
    assert not missing, f"add to script_added_markup.py: {sorted(missing)}"


def test_every_class_and_attribute_our_scripts_add_is_safelisted():
    for script in OWN_SCRIPTS:
        text = script.read_text(encoding="utf-8")
        assert set(ADDED_CLASS.findall(text)) <= safelisted_classes(), script.name
        attributes = set(SET_ATTRIBUTE.findall(text)) | ({"hidden"} if ".hidden =" in text else set())
        attributes |= {"tabindex"} if ".tabIndex =" in text else set()
        assert attributes <= safelisted_attributes(), script.name


def test_the_safelist_names_only_classes_a_script_really_adds():
    """No invented entries: every safelisted class occurs in Material's sources or ours."""
    everything = "".join(material_sources().values()) + "".join(p.read_text(encoding="utf-8") for p in OWN_SCRIPTS)
    templates = set(re.findall(r"([\w-]+--)\$\{", everything))  # `md-source__fact--${key}`

    def composed(name: str) -> bool:
        return any(name.startswith(prefix) and name[len(prefix) :] in everything for prefix in templates)

    invented = {name for name in safelisted_classes() if name not in everything and not composed(name)}
    assert not invented


# -- the built site -----------------------------------------------------------------------------


def material_stylesheet_of(html: str) -> str:
    return MATERIAL_STYLESHEET.search(html)[0]


def test_the_built_pages_link_a_purged_fingerprinted_stylesheet(demo_site):
    import material

    original = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    original_name = next(original.glob("main.*.min.css")).name
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    linked = material_stylesheet_of(home)
    css = (demo_site / linked).read_bytes()
    assert linked == f"assets/stylesheets/main.{hashlib.sha256(css).hexdigest()[:8]}.min.css"
    assert not (demo_site / "assets" / "stylesheets" / original_name).exists()
    assert len(css) < 0.5 * (original / original_name).stat().st_size
    assert b"sourceMappingURL" not in css
    for page in demo_site.rglob("*.html"):  # every page, the 404 page too, links the same file
        if page.relative_to(demo_site).parts[0] != "admin":  # the web editor is its own app
            assert material_stylesheet_of(page.read_text(encoding="utf-8")) == linked, page


def test_the_purged_stylesheet_is_cached_as_immutable(demo_site):
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    assert headers_for(rules, "/" + material_stylesheet_of(home))["Cache-Control"] == IMMUTABLE


def test_the_sites_own_stylesheets_lose_their_comments_but_not_their_rules(demo_site):
    source = (ROOT / "docs" / "stylesheets" / "clinic.css").read_text(encoding="utf-8")
    built = (demo_site / "stylesheets" / "clinic.css").read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in built
    assert ".clinic-bookbar" in built


def test_purging_again_keeps_the_site_consistent(demo_site, tmp_path):
    """A second run (mkdocs build --dirty, or serve) finds the purged file and relinks cleanly."""
    site = shutil.copytree(demo_site, tmp_path / "site")
    first = material_stylesheet_of((site / "index.html").read_text(encoding="utf-8"))
    own = (site / "stylesheets" / "clinic.css").read_text(encoding="utf-8")
    purge_unused_css(site, ROOT / "docs")
    again = material_stylesheet_of((site / "index.html").read_text(encoding="utf-8"))
    assert again == first and (site / again).is_file()
    assert len(list((site / "assets" / "stylesheets").glob("main.*.css"))) == 1
    assert (site / "stylesheets" / "clinic.css").read_text(encoding="utf-8") == own


def test_the_sites_own_stylesheets_are_purged_from_their_source(demo_site, tmp_path):
    """A rule a page starts using comes back, though an earlier purge removed it from site/."""
    site = shutil.copytree(demo_site, tmp_path / "site")
    docs = tmp_path / "docs"
    (docs / "stylesheets").mkdir(parents=True)
    (docs / "stylesheets" / "clinic.css").write_text(".clinic-new-banner{color:red}", encoding="utf-8")
    (site / "stylesheets" / "clinic.css").write_text("", encoding="utf-8")  # purged away earlier
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("<main", '<main class="clinic-new-banner"', 1), encoding="utf-8")
    purge_unused_css(site, docs)
    assert (site / "stylesheets" / "clinic.css").read_text(encoding="utf-8") == ".clinic-new-banner{color:red}"
