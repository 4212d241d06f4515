"""The clinic site's content layer: plain modules the MkDocs hook (`hooks/clinic_site_hook.py`) calls.

Reading and checking what editors write
- `yaml_documents`   one YAML loader for every editor file: strict rules, line numbers, errors in plain words
- `frontmatter`      a page's front matter (MkDocs silently swallows bad YAML) and the body MkDocs renders
- `validation`       one path from a model's errors to the editor's message; what is accepted, worded once
- `model`            the content model of a page: fields, the facts they show, the page's sections
- `ranges`           whole numbers and ranges ('2-3', 'at least 4') with plausible bounds
- `vocabulary`       the editors' vocabularies (data/vocabulary.yml), as a model
- `clinic_details`   the clinic's details (mkdocs.yml extra.clinic)
- `problems`         editor-facing messages: file, line, field, bad value, what is accepted
- `sourcing`         every figure traced to a source, the clinic's own, or left out with a reason
- `claims`           the claims check: risky advertising wording (data/claims.yml)
- `claim_rules`      reading data/claims.yml: categories, their sources and phrases
- `claim_phrases`    what a phrase matches (whole words, `*`, hyphens and spaces alike)
- `claim_context`    whether a found phrase is really claimed ("not painless" is not)
- `reader_text`      a file's text as readers see it: no markup, hidden or look-alike characters, YAML keys
- `review`           warnings for treatment pages whose medical review is missing or too old; sources checked in the future
- `stray_front_matter` front matter MkDocs does not read (not on line 1, or a second block): shown as text
- `file_names`       treatment file names usable as addresses and keys; no raw copies of pages (pen.md.txt, privacy.md~)
- `privacy`          readers' privacy rules from mkdocs.yml (analytics only with cookie consent)

The site, collected then rendered
- `catalogue`        every treatment of the site; `select(options)`, the one query behind tables, cards and the feed
- `site_model`       `collect_site`: every file read and checked once per build, into an immutable SiteModel
- `markers`          the `<!-- name option=value -->` markers: parsed once, code as Python-Markdown sees it
- `page_markers`     the registry: each marker's options, template and data in one place
- `facts`            how facts read ("2–3 sessions, 6–8 weeks apart"), declared beside the model's fields
- `comparison_table` the comparison table's rows and columns
- `concerns`         the generated concern pages (/concerns/<key>/) and the /compare/ chooser's data
- `views`            plain data for templates: cards, key facts with their sources, sections
- `rendering`        the Jinja environment that renders our templates with autoescape
- `site_build`       one build: the MkDocs events' shared state, rendering markers and pages
- `preview`          what `mkdocs serve` shows instead of stopping: the problem panel
- `page_dependencies` the preview's partial rebuild: which pages an edit can change, what is kept of the others
- `check_cache`      per-file check results kept between the preview's rebuilds (dropped when the code changes)
- `search_entries`   what Material's search indexes of a page (not its listings of treatments); the preview reuses unchanged entries

Files for editors and hosts
- `editor_schema`    the JSON Schema for editors, EDITING.md's field reference (`make schema`)
- `scaffold`         a new treatment page with every field (`make new-treatment NAME=...`)
- `cms_config`       the web editor's form (Decap CMS, /admin/config.yml) and headers, derived from `model`
- `structured_data`  schema.org JSON-LD (MedicalClinic, MedicalWebPage + MedicalProcedure, BreadcrumbList)
- `treatments_feed`  /treatments.json for booking systems
- `security_headers` `_headers`: the Content-Security-Policy and other headers
- `deploy_files`     the files written after the build
- `material_markup`  a fix to Material markup outside any template block (checkbox `autocomplete`)
- `search_on_demand` search loads on first use: the built index split into settings and documents
- `css_purge`        after the build, the CSS no page can use is removed (tinycss2)
- `page_vocabulary`  what the built pages contain (element names, classes, ids, attribute values)
- `script_added_markup` what scripts add to pages after load: the purge's safelist, with evidence

Security (see DEPLOYING.md, "Security"):

- `rendering`        autoescape for every HTML template, Material's included
- `active_content`   scripts, handlers, unsafe addresses in pages, found as a browser parses them
- `template_scripts` the inline scripts Material's templates write: the only ones pages may run
- `safe_values`      pydantic types: WebAddress, SiteOrWebAddress, EmailAddress, PlainText
- `plain_text`       titles and labels refuse markup (Material's search shows titles as HTML)
- `config_values`    addresses and titles in mkdocs.yml
- `source_tree`      no symbolic links or unsafe files in docs/, data/, overrides/
- `yaml_limits`      size, depth and alias limits on every YAML text
- `markdown_limits`  nesting and bracket limits on every page's Markdown, before it is converted
- `settings_file`    an alias bomb in mkdocs.yml stops MkDocs with a message
"""
