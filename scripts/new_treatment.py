#!/usr/bin/env python3
"""Start a new treatment page: `make new-treatment NAME="Laser Genesis"` runs this.

Writes docs/treatments/<slug>.md with every field of the content model; never overwrites a page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from clinic_site.problems import ContentError  # noqa: E402
from clinic_site.scaffold import ScaffoldError, write_new_treatment  # noqa: E402
from clinic_site.vocabulary import VOCABULARY_FILE, load_vocabularies  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the treatment's short name, as shown in tables, e.g. 'Laser Genesis'")
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (the one with mkdocs.yml)")
    args = parser.parse_args(argv)
    try:
        vocabularies = load_vocabularies(args.root / VOCABULARY_FILE, VOCABULARY_FILE)
        path = write_new_treatment(args.root / "docs", args.name, vocabularies)
    except ScaffoldError as error:
        print(f"Not written: {error}", file=sys.stderr)
        return 1
    except ContentError as error:
        print(f"Not written: fix the vocabulary file first.\n{error}", file=sys.stderr)
        return 1
    shown = path.relative_to(args.root)
    print(
        f"Written {shown}.\nPreview it with `make serve`: it is in the comparison table at /compare/. "
        f"Then fill in the fields and text (see EDITING.md)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
