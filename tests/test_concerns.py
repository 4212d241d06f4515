"""Concern pages as data: which concerns get a page, what it says, and the editor errors around them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clinic_site.catalogue import Catalogue, SourcePage, build_catalogue, read_front_matters
from clinic_site.concerns import ConcernPage, chooser_data, clashes, concern_pages, page_markdown, read_intros
from clinic_site.vocabulary import load_vocabularies
from tests.support.sites import ROOT


@pytest.fixture(scope="module")
def vocabularies():
    return load_vocabularies(ROOT / "data/vocabulary.yml", "data/vocabulary.yml")


def treatment_page(slug: str, name: str, category: str, concerns: list[str], order: int = 100) -> SourcePage:
    source = (
        f"---\ndescription: About {name}.\ntreatment:\n  name: {name}\n  category: {category}\n  summary: One sentence.\n"
        f"  concerns: [{', '.join(concerns)}]\n  order: {order}\n---\n\nBody.\n"
    )
    return SourcePage(f"treatments/{slug}.md", f"treatments/{slug}/", source, f"docs/treatments/{slug}.md")


def catalogue_of(pages: list[SourcePage], vocabularies) -> Catalogue:
    front_matters, problems = read_front_matters(pages)
    catalogue, more = build_catalogue(pages, front_matters, vocabularies)
    assert not problems + more, problems + more
    return catalogue


@pytest.fixture(scope="module")
def catalogue(vocabularies) -> Catalogue:
    return catalogue_of(
        [
            treatment_page("peel", "Peel", "chemical-exfoliation", ["texture", "acne-scars"], order=10),
            treatment_page("roller", "Roller", "collagen-induction", ["acne-scars", "fine-lines", "firmness"], order=20),
            treatment_page("pen", "Pen", "collagen-induction", ["acne-scars", "fine-lines", "firmness"], order=30),
            treatment_page("plasma", "Plasma", "collagen-induction", ["dullness"], order=40),
            treatment_page("meso", "Meso", "collagen-induction", ["fine-lines", "firmness"], order=50),
        ],
        vocabularies,
    )


def keys(pages: list[ConcernPage]) -> list[str]:
    return [page.key for page in pages]


def test_a_concern_gets_a_page_only_when_a_treatment_lists_it(catalogue):
    # sun-damage is in the vocabulary but no treatment above lists it.
    assert "sun-damage" not in keys(concern_pages(catalogue, {}))


def test_concern_pages_follow_the_vocabulary_order_and_list_treatments_in_table_order(catalogue):
    pages = concern_pages(catalogue, {})
    assert keys(pages) == ["acne-scars", "fine-lines", "texture", "dullness", "firmness"]
    acne = pages[0]
    assert [e.name for e in acne.treatments] == ["Peel", "Roller", "Pen"]
    assert acne.label == "Acne scars" and acne.src_uri == "concerns/acne-scars.md"


def test_the_page_shows_cards_and_the_comparison_table_filtered_to_the_concern(catalogue):
    markdown = page_markdown(concern_pages(catalogue, {})[0])
    assert "<!-- treatment-cards concern=acne-scars -->" in markdown
    assert "<!-- comparison-table concern=acne-scars -->" in markdown
    assert markdown.index("treatment-cards") < markdown.index("comparison-table")


def test_without_an_introduction_the_page_opens_with_the_vocabulary_description(catalogue):
    markdown = page_markdown(concern_pages(catalogue, {})[0])
    body = markdown.split("---\n", 2)[2]
    assert body.lstrip().startswith("<!-- concern-description concern=acne-scars -->")


def test_an_editor_introduction_replaces_the_description(catalogue):
    intro = "Acne can leave [marks](../treatments/peel.md)."
    markdown = page_markdown(concern_pages(catalogue, {"acne-scars": intro})[0])
    body = markdown.split("---\n", 2)[2]
    assert body.lstrip().startswith(intro)
    assert "concern-description" not in markdown


def test_the_front_matter_is_yaml_with_the_label_as_title_even_with_awkward_characters(vocabularies, catalogue):
    term = vocabularies["concerns"]["acne-scars"]
    awkward = type(term)(term.key, 'Scars: "deep" & #1', term.description)
    markdown = page_markdown(ConcernPage(awkward, catalogue.entries[:1], None))
    front_matter = yaml.safe_load(markdown.split("---\n", 2)[1])
    assert front_matter == {
        "title": 'Scars: "deep" & #1',
        "description": 'Treatments that may help with scars: "deep" & #1: what each involves and how they compare.',
        "template": "concern.html",
        "hide": ["navigation", "toc"],
    }


def test_introductions_are_read_from_files_named_after_the_concern(tmp_path: Path, vocabularies):
    (tmp_path / "acne-scars.md").write_text("Plain words about acne scars.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not Markdown: ignored", encoding="utf-8")
    intros, problems = read_intros(tmp_path, "data/concerns", vocabularies["concerns"])
    assert problems == []
    assert intros == {"acne-scars": "Plain words about acne scars."}


def test_no_introductions_folder_means_no_introductions(tmp_path: Path, vocabularies):
    assert read_intros(tmp_path / "missing", "data/concerns", vocabularies["concerns"]) == ({}, [])


def test_an_introduction_named_after_no_concern_is_an_error_with_a_suggestion(tmp_path: Path, vocabularies):
    (tmp_path / "acne-scar.md").write_text("Words.\n", encoding="utf-8")
    intros, problems = read_intros(tmp_path, "data/concerns", vocabularies["concerns"])
    assert intros == {}
    assert [str(p) for p in problems] == [
        "data/concerns/acne-scar.md: file name: 'acne-scar' is not a concern (did you mean 'acne-scars.md'?). "
        "Accepted: a concern key of data/vocabulary.yml followed by .md: acne-scars.md, fine-lines.md, "
        "sun-damage.md, texture.md, dullness.md, firmness.md."
    ]


def test_an_introduction_with_front_matter_is_an_error(tmp_path: Path, vocabularies):
    (tmp_path / "texture.md").write_text("---\ntitle: Texture\n---\nWords.\n", encoding="utf-8")
    _, problems = read_intros(tmp_path, "data/concerns", vocabularies["concerns"])
    assert [str(p) for p in problems] == [
        "data/concerns/texture.md, line 1: front matter: an introduction has no front matter. "
        "Accepted: plain Markdown only: the page title is the concern's label in data/vocabulary.yml ('Uneven texture')."
    ]


def test_an_introduction_that_is_not_utf8_is_an_error(tmp_path: Path, vocabularies):
    (tmp_path / "texture.md").write_bytes("Rough patches – uneven".encode("cp1252"))
    _, problems = read_intros(tmp_path, "data/concerns", vocabularies["concerns"])
    assert [str(p) for p in problems] == [
        "data/concerns/texture.md: (whole file): the file is not UTF-8 text (byte 14 cannot be read). "
        "Accepted: a plain text file saved as UTF-8 (every editor can 'save with encoding UTF-8')."
    ]


@pytest.mark.parametrize(
    "src_uri, url", [("concerns/texture.md", "concerns/texture/"), ("concerns/texture/index.md", "concerns/texture/")]
)
def test_a_page_in_docs_where_a_concern_page_is_generated_is_an_error(catalogue, src_uri, url):
    source = SourcePage(src_uri, url, "Hand-written.\n", f"docs/{src_uri}")
    problems = clashes(concern_pages(catalogue, {}), [source], "docs")
    assert [str(p) for p in problems] == [
        f"docs/{src_uri}: file: the page for the concern 'texture' is generated from data/vocabulary.yml and the treatments. "
        f"Accepted: write its introduction in data/concerns/texture.md (plain Markdown) and delete docs/{src_uri} "
        "(only docs/concerns/index.md, the overview, is written by hand)."
    ]


def test_the_overview_and_pages_for_concerns_without_treatments_do_not_clash(catalogue):
    sources = [
        SourcePage("concerns/index.md", "concerns/", "Overview.\n", "docs/concerns/index.md"),
        SourcePage("concerns/sun-damage.md", "concerns/sun-damage/", "No treatment lists it.\n", "docs/concerns/sun-damage.md"),
    ]
    assert clashes(concern_pages(catalogue, {}), sources, "docs") == []


def test_related_treatments_share_most_concerns_first_then_the_category_and_are_capped(catalogue):
    roller = next(e for e in catalogue if e.name == "Roller")
    # Pen shares 3 concerns and the category, Meso 2 and the category, Peel 1 concern; Plasma only the category.
    assert [e.name for e in catalogue.related_to(roller)] == ["Pen", "Meso", "Peel"]
    assert [e.name for e in catalogue.related_to(roller, limit=10)] == ["Pen", "Meso", "Peel", "Plasma"]


def test_a_treatment_sharing_neither_concern_nor_category_is_not_related(vocabularies):
    catalogue = catalogue_of(
        [
            treatment_page("peel", "Peel", "chemical-exfoliation", ["texture"]),
            treatment_page("roller", "Roller", "collagen-induction", ["firmness"]),
        ],
        vocabularies,
    )
    assert catalogue.related_to(catalogue.entries[0]) == []


def test_the_chooser_offers_only_concerns_that_have_treatments(catalogue):
    data = chooser_data(catalogue)
    assert [c["key"] for c in data["concerns"]] == ["acne-scars", "fine-lines", "texture", "dullness", "firmness"]
    assert [t["slug"] for t in data["treatments"]] == ["peel", "roller", "pen", "plasma", "meso"]
    assert data["treatments"][0]["concerns"] == ["texture", "acne-scars"]
