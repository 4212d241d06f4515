"""Ship the site's own scripts minified: their comments are for the next developer, not for readers' data plans.

`docs/javascripts/*.js` keep their comments and layout. After the build, each copy in the site's
`javascripts/` folder is rewritten by rJSmin, which only removes comments and whitespace (no
renaming, no rewriting), so what runs is what was written. Vendored files (`javascripts/vendor/`)
ship as their authors minified them; the web editor (`admin/`) is not touched.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

SCRIPTS_DIR = "javascripts"


def minify_site_scripts(site_dir: Path, docs_dir: Path | None = None) -> dict[str, tuple[int, int]]:
    """Minify each built `javascripts/*.js` in place, from its source in `docs_dir` when there is one
    (a dirty rebuild does not copy unchanged files again). Returns name -> (bytes before, after)."""
    sizes = {}
    for built in sorted((site_dir / SCRIPTS_DIR).glob("*.js")):
        source = docs_dir / SCRIPTS_DIR / built.name if docs_dir else built
        text = (source if source.is_file() else built).read_text(encoding="utf-8")
        minified = rjsmin.jsmin(text, keep_bang_comments=True) + "\n"  # /*! licence */ comments stay
        built.write_text(minified, encoding="utf-8")
        sizes[built.name] = (len(text.encode()), len(minified.encode()))
    return sizes
