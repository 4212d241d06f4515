# Everyday commands. `make serve` and `make test` work on a fresh machine (they set up first).
.PHONY: setup serve build test
.PHONY: new-treatment schema
.PHONY: cms cms-format vendor-cms

export NO_MKDOCS_2_WARNING := 1
HOST ?= 127.0.0.1:8000

setup:
	scripts/setup.sh

# The live preview: `mkdocs serve` that shows every problem on the page instead of hanging
# (scripts/preview.py). mkdocs.yml is checked first: MkDocs itself would hang on a YAML alias bomb in it.
serve: setup schema
	.venv/bin/python scripts/check_mkdocs_yml.py
	.venv/bin/python scripts/preview.py --dev-addr $(HOST)

build: setup
	.venv/bin/python scripts/check_mkdocs_yml.py
	.venv/bin/mkdocs build --strict

test:
	scripts/setup.sh --test
	.venv/bin/python -m pytest $(PYTEST_ARGS)

# Editors: start a treatment page with every field (see EDITING.md), e.g. make new-treatment NAME="Laser Genesis"
new-treatment: setup
	@test -n "$(NAME)" || { echo 'Give the name, e.g.: make new-treatment NAME="Laser Genesis"'; exit 2; }
	.venv/bin/python scripts/new_treatment.py "$(NAME)"

# Regenerate the JSON Schema for editors and the field reference in EDITING.md from the content model.
schema: setup
	.venv/bin/python scripts/editor_files.py

# Strict build and link check into a temporary folder; site/ is replaced only if both pass.
.PHONY: publish
publish: setup
	.venv/bin/python scripts/publish.py

# The web editor on this machine: the preview and /admin/, saving into docs/ (needs Node.js; see EDITING.md).
cms: setup
	.venv/bin/python scripts/cms_local.py

# Rewrite treatment pages' front matter as the web editor writes it (after hand edits or make new-treatment).
cms-format: setup
	.venv/bin/python scripts/cms_front_matter.py $(PAGES)

# After changing the decap-cms or yaml pin in package.json: npm install, then copy their browser files.
vendor-cms:
	npm ci --no-audit --no-fund --loglevel=error
	.venv/bin/python scripts/vendor_cms.py
