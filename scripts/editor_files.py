#!/usr/bin/env python3
"""Regenerate what editors read that comes from the content model and the marker registry:
`make schema` runs this.

- the field reference in EDITING.md, and the marker and column tables in EDITING.md and README.md
  (between their `<!-- name:start -->` and `<!-- name:end -->` markers): committed, and checked by
  the tests, because only a change to the code (model.py, page_markers.py) changes them;
- schemas/treatment-front-matter.schema.json, for checking front matter in VS Code: not committed,
  because it also lists the vocabularies' keys, which editors change; every build writes it too.

With --check, change nothing and exit 1 when a committed file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from clinic_site.comparison_table import column_table  # noqa: E402
from clinic_site.editor_schema import field_reference, with_section, write_json_schema  # noqa: E402
from clinic_site.page_markers import marker_table  # noqa: E402
from clinic_site.vocabulary import VOCABULARY_FILE, load_vocabularies  # noqa: E402

# Each committed file and the generated sections it holds.
SECTIONS = {
    "EDITING.md": {"field-reference": field_reference, "marker-table": marker_table, "column-table": column_table},
    "README.md": {"marker-table": marker_table, "column-table": column_table},
}


def expected_files(root: Path = ROOT) -> dict[Path, str]:
    """Each committed generated file and the text it should have now."""
    expected = {}
    for name, sections in SECTIONS.items():
        text = (root / name).read_text(encoding="utf-8")
        for section, generate in sections.items():
            text = with_section(text, section, generate())
        expected[root / name] = text
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report committed files that are out of date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (the one with mkdocs.yml)")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected_files(args.root).items():
        if path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(args.root))
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"Updated {path.relative_to(args.root)}")
    if args.check and stale:
        print("Out of date (run `make schema` and commit the result): " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    if not args.check:
        write_json_schema(args.root, load_vocabularies(args.root / VOCABULARY_FILE, VOCABULARY_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
