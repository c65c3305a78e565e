# Two entry points, both self-contained on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# the example plans are written for Q1 2026: run the date-dependent commands as of then
DEMO_TODAY := 2026-02-16

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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
	@echo "samkit lint is a CI gate: on these plans it finds stale contacts and exits 1."
	-$(BIN)/samkit lint plans/ --today $(DEMO_TODAY)

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check samkit tests benchmarks
	$(BIN)/ruff format --check samkit tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_lint.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
