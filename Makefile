# Everyday commands. `make serve` and `make test` work on a fresh machine (they set up first).
.PHONY: setup serve build test lint format lock
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

# The lint and type checks, then the whole suite on one worker per core and one more (pytest-xdist;
# PYTEST_WORKERS=0 for one process): browser tests spend part of their time waiting for pages, and the
# extra worker fills that time (on 2 cores, pytest took 4 min 19 s to 4 min 38 s with 3 workers, 5 min 24 s with 2
# and 4 min 47 s with 4).
# Each test fails after pytest-timeout's limit in pyproject.toml instead of hanging CI.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test:
	scripts/setup.sh --test
	$(MAKE) --no-print-directory lint
	.venv/bin/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# ruff (lint and format check) and mypy, with the settings in pyproject.toml; `make format` rewrites.
lint: .venv/bin/ruff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

format: .venv/bin/ruff
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

.venv/bin/ruff: requirements-dev.lock
	scripts/setup.sh --dev
	touch $@

# After editing requirements*.txt: pin every transitive package with its hashes into the *.lock files
# that setup installs (pip-compile keeps the other pins as they are; see README "Dependencies").
PIP_COMPILE = .venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock: .venv/bin/ruff
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint=requirements.lock --output-file=requirements-dev.lock requirements-dev.txt
	$(PIP_COMPILE) --constraint=requirements.lock --output-file=requirements-properdocs.lock requirements-properdocs.txt

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
