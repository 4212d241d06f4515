#!/usr/bin/env python3
"""Write treatment pages' front matter exactly as the web editor (/admin/) writes it: `make cms-format`.

A page saved from the web editor is rewritten in one style (keys in the content model's order,
one value per line, lists one item per line, no empty values). Pages written by hand or by
`make new-treatment` (whose comments the editor drops) are tidied once with this, so that the
first change made in the editor is a one-line diff. With --check, change nothing and exit 1 when
a page is not in that style; the tests run that over docs/treatments/.

The work is done by the editor's own code (docs/admin/front-matter.js) under Node.js.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from clinic_site.catalogue import TREATMENTS_DIR  # noqa: E402
from clinic_site.cms_config import page_fields  # noqa: E402
from clinic_site.site_build import VOCABULARY_FILE  # noqa: E402
from clinic_site.vocabulary import load_vocabularies  # noqa: E402

NODE_SCRIPT = ROOT / "scripts" / "cms_front_matter.mjs"


def treatment_pages(root: Path = ROOT) -> list[Path]:
    folder = root.resolve() / "docs" / TREATMENTS_DIR
    return [path for path in sorted(folder.glob("*.md")) if path.name != "index.md"]


def run_node(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run scripts/cms_front_matter.mjs with the treatments collection's fields."""
    vocabularies = load_vocabularies(root / VOCABULARY_FILE, VOCABULARY_FILE)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fields:
        json.dump(page_fields(vocabularies), fields)
        fields.flush()
        return subprocess.run(["node", str(NODE_SCRIPT), fields.name, *args], capture_output=True, text=True, cwd=root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to tidy (default: every treatment page)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a page is not in the editor's style")
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (the one with mkdocs.yml)")
    args = parser.parse_args(argv)
    pages = [p.resolve() for p in args.pages] or treatment_pages(args.root)
    pages = [str(p.relative_to(args.root.resolve())) if p.is_relative_to(args.root.resolve()) else str(p) for p in pages]
    result = run_node(args.root, *([] if args.check else ["--write"]), *pages)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    if args.check and result.returncode == 1:
        print("Run `make cms-format` to write these pages in the web editor's style.", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
