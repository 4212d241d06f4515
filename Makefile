# Everyday commands. `make serve` and `make test` work on a fresh machine (they set up first).
.PHONY: setup serve build test

export NO_MKDOCS_2_WARNING := 1
HOST ?= 127.0.0.1:8000

setup:
	scripts/setup.sh

serve: setup
	.venv/bin/mkdocs serve --dev-addr $(HOST)

build: setup
	.venv/bin/mkdocs build --strict

test:
	scripts/setup.sh --test
	.venv/bin/python -m pytest $(PYTEST_ARGS)

# Strict build and link check into a temporary folder; site/ is replaced only if both pass.
.PHONY: publish
publish: setup
	.venv/bin/python scripts/publish.py
