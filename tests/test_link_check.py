"""Every internal link and anchor in the built HTML resolves, including generated HTML."""

from __future__ import annotations

from pathlib import Path

from scripts.link_check import BrokenLink, broken_links, main
from tests.test_deploy_files import site_url


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(html, encoding="utf-8")
    return root


def test_every_link_and_anchor_in_the_demo_site_resolves(demo_site):
    assert broken_links(demo_site, site_url()) == []


def test_a_broken_generated_link_and_a_missing_anchor_are_reported(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": '<a href="treatments/prp/">PRP</a> <a href="treatments/prp/#risks">risks</a>'
            '<a href="treatments/dermarroller/">typo</a> <a href="https://example.com/x">out</a>',
            "treatments/prp/index.html": '<h2 id="aftercare">Aftercare</h2><a href="../../#top">home</a>'
            '<img src="../../missing.png"><a href="mailto:a@b.c">mail</a>',
        },
    )
    assert broken_links(site) == [
        BrokenLink("index.html", "treatments/prp/#risks", "points to #risks, which is not an id on treatments/prp/index.html"),
        BrokenLink("index.html", "treatments/dermarroller/", "points to a page or file that does not exist"),
        BrokenLink("treatments/prp/index.html", "../../#top", "points to #top, which is not an id on index.html"),
        BrokenLink("treatments/prp/index.html", "../../missing.png", "points to a page or file that does not exist"),
    ]


def test_links_to_the_public_address_and_root_relative_links_are_checked(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": '<link rel="canonical" href="https://www.example.org/clinic/gone/">'
            '<a href="/clinic/about/">about</a> <a href="/elsewhere/">outside</a>',
            "about/index.html": "<p>About</p>",
        },
    )
    assert [(b.link, b.problem) for b in broken_links(site, "https://www.example.org/clinic/")] == [
        ("https://www.example.org/clinic/gone/", "points to a page or file that does not exist"),
        ("/elsewhere/", "points outside the site"),
    ]


def test_the_command_fails_and_names_each_broken_link(tmp_path, capsys):
    site = write_site(tmp_path, {"index.html": '<a href="nowhere/">x</a>'})
    assert main([str(site)]) == 1
    assert "index.html: 'nowhere/' points to a page or file that does not exist" in capsys.readouterr().err
