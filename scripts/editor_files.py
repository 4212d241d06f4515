#!/usr/bin/env python3
"""Regenerate the files editors use that come from the content model: `make schema` runs this.

- schemas/treatment-front-matter.schema.json  (checks and completes front matter in the editor)
- the field reference in EDITING.md            (between the field-reference markers)

With --check, change nothing and exit 1 when either file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from clinic_site.editor_schema import SCHEMA_FILE, field_reference, json_schema_text, with_reference  # noqa: E402
from clinic_site.vocabulary import VOCABULARY_FILE  # noqa: E402
from clinic_site.vocabulary import load_vocabularies  # noqa: E402

GUIDE = "EDITING.md"


def expected_files(root: Path = ROOT) -> dict[Path, str]:
    """Each generated file and the text it should have now."""
    vocabularies = load_vocabularies(root / VOCABULARY_FILE, VOCABULARY_FILE)
    guide = (root / GUIDE).read_text(encoding="utf-8")
    return {
        root / SCHEMA_FILE: json_schema_text(vocabularies),
        root / GUIDE: with_reference(guide, field_reference()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (the one with mkdocs.yml)")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected_files(args.root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(args.root))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"Updated {path.relative_to(args.root)}")
    if args.check and stale:
        print("Out of date (run `make schema` and commit the result): " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
