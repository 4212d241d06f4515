"""Every file an editor touches goes through one loader and one validation path (issue 14.2), and
the mistakes that used to escape are caught in the editor's words (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_site.catalogue import SourcePage, build_catalogue, misnamed_pages, read_front_matters
from clinic_site.clinic_details import load_clinic_details
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import PlainPage
from clinic_site.problems import ContentError
from clinic_site.validation import validate
from clinic_site.vocabulary import load_vocabularies
from clinic_site.yaml_documents import compose_lines, decode_text
from tests.helpers_content import vocabularies
from tests.support.sites import ROOT


def messages(call) -> list[str]:
    with pytest.raises(ContentError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


# -- text encoding ---------------------------------------------------------------------------------


def test_a_file_saved_as_windows_1252_names_the_file_line_and_how_to_save_it():
    raw = "---\ntitle: Peels\n---\n\nOur \u2018gentle\u2019 peel.\n".encode("cp1252")
    assert messages(lambda: decode_text(raw, "docs/treatments/peel.md")) == [
        "docs/treatments/peel.md, line 5: (whole file): the file is not saved as UTF-8 text (byte 0x91 cannot be read; "
        "Windows editors often save as 'ANSI' or 'Windows-1252'). Accepted: the file saved with the encoding 'UTF-8' "
        "(in Notepad: File > Save as > Encoding: UTF-8; in VS Code: the encoding in the status bar > Save with encoding > UTF-8)."
    ]


def test_a_utf8_file_with_a_byte_order_mark_is_fine():
    assert decode_text("\ufefftitle: x\n".encode(), "x.md") == "title: x\n"


@pytest.mark.parametrize("name", ["data/vocabulary.yml", "data/claims.yml"])
def test_data_files_not_saved_as_utf8_are_named(tmp_path: Path, name):
    from clinic_site.claims import load_claim_rules

    path = tmp_path / "file.yml"
    path.write_bytes((ROOT / name).read_text(encoding="utf-8").replace("#", "# caf\u00e9", 1).encode("cp1252"))
    load = load_vocabularies if name.endswith("vocabulary.yml") else load_claim_rules
    [message] = messages(lambda: load(path, name))
    assert message.startswith(f"{name}, line 1: (whole file): the file is not saved as UTF-8 text (byte 0xE9")


# -- the vocabulary file ---------------------------------------------------------------------------


def test_a_typo_in_the_vocabulary_gets_its_line_and_a_suggestion(tmp_path: Path):
    text = (ROOT / "data/vocabulary.yml").read_text(encoding="utf-8")
    path = tmp_path / "vocabulary.yml"
    path.write_text(text.replace("  face:\n    label: Face", "  face:\n    lable: Face"), encoding="utf-8")
    line = text.splitlines().index("    label: Face") + 1
    assert messages(lambda: load_vocabularies(path, "data/vocabulary.yml")) == [
        f"data/vocabulary.yml, line {line - 1}: areas.face.label: this required field is missing. "
        "Accepted: a short label in plain text, e.g. 'Acne scars'.",
        f"data/vocabulary.yml, line {line}: areas.face.lable: unknown field 'lable' (did you mean 'label'?). "
        "Accepted: the fields label, description.",
    ]


def test_an_unknown_vocabulary_is_a_typo_with_a_suggestion(tmp_path: Path):
    path = tmp_path / "vocabulary.yml"
    path.write_text((ROOT / "data/vocabulary.yml").read_text(encoding="utf-8").replace("\nareas:", "\narea:"), encoding="utf-8")
    found = messages(lambda: load_vocabularies(path, "data/vocabulary.yml"))
    assert any("area: unknown field 'area' (did you mean 'areas'?)" in m for m in found)
    assert any("areas: this required field is missing" in m for m in found)


# -- mkdocs.yml ------------------------------------------------------------------------------------


def test_clinic_detail_messages_give_the_line_in_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    broken = text.replace("    phone: 020 7946 0000", "    phone: 020 7946 0000\n    phone_link: 020 7946")
    lines = compose_lines(broken, "mkdocs.yml")
    import yaml

    extra = yaml.load(broken, Loader=yaml.BaseLoader)["extra"]
    [message] = messages(lambda: load_clinic_details(extra, lines))
    line = next(n for n, text in enumerate(broken.splitlines(), start=1) if text.startswith("    phone_link: 020 7946"))
    assert message.startswith(f"mkdocs.yml, line {line}: extra.clinic.phone_link: found '020 7946'. Accepted: ")


# -- plain pages' front matter ---------------------------------------------------------------------

TEMPLATES = frozenset({"home.html", "main.html"})


def plain(source: str) -> list[str]:
    front_matter = read_front_matter(source, "docs/privacy.md")
    return messages(lambda: validate(PlainPage, front_matter.document, context={"templates": TEMPLATES}))


def test_a_title_written_as_a_list_is_refused():
    assert plain("---\ntitle: [Privacy, Policy]\n---\n") == [
        "docs/privacy.md, line 2: title: found a list ['Privacy', 'Policy']. Accepted: plain text (not empty), at most 80 characters, "
        "e.g. Book a consultation."
    ]


def test_an_unknown_template_is_refused_with_a_suggestion():
    assert plain("---\ntitle: Privacy\ntemplate: hme.html\n---\n") == [
        "docs/privacy.md, line 3: template: there is no template 'hme.html' (did you mean 'home.html'?). "
        "Accepted: leave it out for an ordinary page; 'home.html' for the home page (templates live in overrides/)."
    ]


def test_hide_takes_only_what_material_reads():
    assert plain("---\ntitle: Privacy\nhide: [toc, navigaton]\n---\n") == [
        "docs/privacy.md, line 3: hide, item 2: found 'navigaton'. Accepted: one of navigation, toc, footer, path."
    ]
    front_matter = read_front_matter("---\ntitle: Privacy\nhide: [toc]\n---\n", "docs/privacy.md")
    assert validate(PlainPage, front_matter.document, context={"templates": TEMPLATES}).hide == ["toc"]


def test_a_misspelt_field_on_a_plain_page_is_caught():
    assert plain("---\ntitel: Privacy\n---\n") == [
        "docs/privacy.md, line 2: titel: unknown field 'titel' (did you mean 'title'?). "
        "Accepted: the fields title, description, template, overview, image, hide, search, claims_reviewed."
    ]


def test_empty_front_matter_says_it_is_empty_not_unclosed():
    assert messages(lambda: read_front_matter("---\n---\n\nText.\n", "docs/privacy.md")) == [
        "docs/privacy.md, line 1: front matter: the front matter between the two '---' lines is empty. "
        "Accepted: fields between the lines, at least 'title:' and 'description:'; or delete both '---' lines."
    ]


# -- which files are treatments ----------------------------------------------------------------------


def test_a_markdown_file_with_an_uppercase_extension_is_refused():
    assert [str(p) for p in misnamed_pages(["treatments/Peel.MD", "images/logo.svg", "notes.Markdown"], "docs")] == [
        "docs/treatments/Peel.MD: file name: the extension '.MD' is not written in lowercase, so the page would be published "
        "as a raw file. Accepted: the same name ending in '.md' (rename the file to peel.md).",
        "docs/notes.Markdown: file name: the extension '.Markdown' is not written in lowercase, so the page would be "
        "published as a raw file. Accepted: the same name ending in '.markdown' (rename the file to notes.markdown).",
    ]


def treatment_source(name: str, category: str = "collagen-induction") -> str:
    return (
        f"---\ndescription: About {name}.\ntreatment:\n  name: {name}\n  category: {category}\n"
        f"  summary: A summary.\n  concerns: [acne-scars]\n---\n"
    )


def test_every_markdown_file_under_treatments_is_a_treatment_and_slugs_are_unique():
    pages = [
        SourcePage("treatments/prp.md", "treatments/prp/", treatment_source("PRP"), "docs/treatments/prp.md"),
        SourcePage("treatments/face/prp.md", "treatments/face/prp/", treatment_source("PRP face"), "docs/treatments/face/prp.md"),
        SourcePage("treatments/x.markdown", "treatments/x/", treatment_source("X", "nope"), "docs/treatments/x.markdown"),
    ]
    front_matters, _ = read_front_matters(pages)
    catalogue, problems = build_catalogue(pages, front_matters, vocabularies())
    assert [e.slug for e in catalogue] == ["prp"]
    assert [str(p) for p in problems] == [
        "docs/treatments/face/prp.md: file name: the file name 'prp' is already used by docs/treatments/prp.md. Accepted: a file "
        "name no other treatment page uses, in any folder (it is the treatment's key in links, the feed and the comparison "
        "table's treatments= option).",
        "docs/treatments/x.markdown, line 5: treatment.category: 'nope' is not a known category. Accepted: one of "
        "chemical-exfoliation, collagen-induction (or add a new key under 'categories:' in data/vocabulary.yml).",
    ]
