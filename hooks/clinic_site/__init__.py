"""The clinic site's content layer: plain modules the MkDocs hook (`hooks/clinic.py`) calls.

- `frontmatter`      strict YAML front matter reading (MkDocs silently swallows bad YAML)
- `vocabulary`       the editors' vocabularies from `data/vocabulary.yml`
- `model`            the one declared content model of a treatment page (pydantic)
- `problems`         editor-facing error messages: file, field, bad value, what is accepted
- `catalogue`        every treatment of the site, collected before any page is rendered
- `facts`            plain-language wording of a treatment's facts ("2–3 sessions, 6–8 weeks apart")
- `comparison_table` the comparison table and its `<!-- comparison-table ... -->` marker
- `concerns`         the generated concern pages (/concerns/<key>/), concern links and the /compare/ chooser's data
- `markers`          the `<!-- name option=value -->` markers editors place in Markdown
- `rendering`        the Jinja environment that renders `overrides/partials/clinic/` with autoescape
- `editor_schema`    the JSON Schema and EDITING.md's field reference, derived from `model` (`make schema`)
- `scaffold`         a new treatment page with every field (`make new-treatment NAME=...`)
- `cms_config`       the web editor's form (Decap CMS, /admin/config.yml) and headers, derived from `model`
- `claims`           the claims check: risky advertising wording, phrases in `data/claims.yml`
- `review`           warnings for treatment pages whose medical review is missing or too old
- `preview`          what `mkdocs serve` shows instead of stopping: the problem panel
- `structured_data`  schema.org JSON-LD (MedicalClinic, MedicalWebPage + MedicalProcedure, BreadcrumbList)
- `privacy`          readers' privacy rules from mkdocs.yml (analytics only with cookie consent)
- `material_markup`  a fix to Material markup outside any template block (checkbox `autocomplete`)
"""
