# Two commands are the contract with users (see README): `make serve` and `make test`.
# Set-up steps leave stamp files, so running a target twice does no needless work.

VENV := .venv
BIN := $(VENV)/bin
SOURCES := mkdocs.yml pyproject.toml $(shell find docs docs-es overrides selfcheck sitebuild -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: serve test check build build-zensical clean setup bench review-due

# Builds, serves site/ at http://127.0.0.1:8000 and rebuilds when a source changes.
serve: setup
	$(BIN)/python -m sitebuild serve --port 8000

test: setup system-deps
	$(BIN)/python -m pytest

# The fast lane: engine, build-unit and content tests; no site build, browser, nginx or
# Java (markers come from the fixtures each test uses, see tests/conftest.py).
check: setup
	$(BIN)/python -m pytest -m "not site and not browser and not nginx and not java"

build: site/index.html

# The build's three steps (README, "How the build works"): prepare a staged copy in
# build/stage/, generate HTML from it, finish the output.
site/index.html: $(SOURCES) $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m sitebuild build -d site

# The same project with Zensical, Material for MkDocs' successor (the tests build it too).
build-zensical: site-zensical/index.html

site-zensical/index.html: $(SOURCES) $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m sitebuild build --generator zensical -d site-zensical --stage build/stage-zensical

setup: $(VENV)/.installed node_modules/.installed

# Pages past their review date or due within 30 days, with their dates; exits 1 when a page
# is overdue (README, "Review dates").
review-due: $(VENV)/.installed
	$(BIN)/python -m sitebuild review-due

# A Python >= 3.12 is needed (pyodide-lock); tools/find-python says which it found.
$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || { py=$$(tools/find-python) && echo "Creating $(VENV) with $$py" && $$py -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18 or newer) is needed to install the pinned Pyodide runtime." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

.PHONY: system-deps
system-deps:
	@tools/system-deps

# Figures, not tests: engine start-up against stock Pyodide, page weight, Lighthouse.
bench: setup system-deps build bench/node_modules/.installed
	$(BIN)/python bench/selfcheck_engine.py
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/lighthouse.py

# Lighthouse is installed for the benchmark only, so `make test` never waits for it.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

clean:
	rm -rf site site-zensical $(VENV) node_modules bench/node_modules .pytest_cache .hypothesis build dist *.egg-info
