# Two commands do all the set-up on a machine with Python 3.11, Node 20 and apt:
#   make run   - install, migrate, seed the demo city, serve on http://127.0.0.1:$(PORT)
#   make test  - install dev tools, PostgreSQL and Chromium; run everything; non-zero on failure
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SASS_FLAGS := --load-path=node_modules --style=compressed --no-source-map \
	--quiet-deps --silence-deprecation=import --silence-deprecation=global-builtin

.PHONY: run test test-postgres test-sqlite test-e2e lint bench assets install install-dev clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

var/build/web/app.css: node_modules/.installed $(wildcard src/mace/web/scss/*.scss)
	@mkdir -p var/build/web
	npx sass $(SASS_FLAGS) src/mace/web/scss/app.scss $@

install: $(VENV)/.installed node_modules/.installed var/build/web/app.css
install-dev: $(VENV)/.installed-dev node_modules/.installed var/build/web/app.css
assets: var/build/web/app.css

run: install
	-scripts/ensure-pango
	PORT=$(PORT) $(BIN)/mace demo --port $(PORT)

# The whole suite against PostgreSQL, again against SQLite, the browser tests, and ruff.
# The database passes select -m "not e2e", so the slow_demo tests (a seeded city) run in both.
test: install-dev
	@set -o pipefail; status=0; \
	scripts/ensure-pango || status=1; \
	scripts/with-postgres $(BIN)/pytest -m "not e2e" -q -p no:cacheprovider || status=1; \
	DATABASE_URL= $(BIN)/pytest -m "not e2e" -q -p no:cacheprovider || status=1; \
	scripts/ensure-chromium && MACE_TEST_SQLITE_FILE=$$(mktemp -u /tmp/mace-e2e.XXXXXX.sqlite3) \
		$(BIN)/pytest -m e2e -q -p no:cacheprovider --create-db || status=1; \
	$(BIN)/ruff check src tests && $(BIN)/ruff format --check src tests || status=1; \
	$(BIN)/lint-imports || status=1; \
	exit $$status

test-postgres: install-dev
	scripts/with-postgres $(BIN)/pytest -m "not e2e" -q

test-sqlite: install-dev
	DATABASE_URL= $(BIN)/pytest -m "not e2e" -q

test-e2e: install-dev
	scripts/ensure-chromium
	MACE_TEST_SQLITE_FILE=$$(mktemp -u /tmp/mace-e2e.XXXXXX.sqlite3) $(BIN)/pytest -m e2e -q --create-db

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports

bench: install-dev
	$(BIN)/pip install -q -e '.[dev,bench]'
	scripts/with-postgres $(BIN)/python bench/run.py
	scripts/with-postgres $(BIN)/python bench/linkage_febrl4.py
	scripts/with-postgres $(BIN)/python bench/contexts_network.py

clean:
	rm -rf $(VENV) node_modules var/build
