# Two entry points, both self-contained on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/samkit validate plans/
	$(BIN)/samkit score plans/roster.csv
	$(BIN)/samkit coverage plans/
	$(BIN)/samkit pipeline plans/
	$(BIN)/samkit portfolio plans/ --today 2026-02-01
	$(BIN)/samkit lint plans/ --today 2026-02-01 || true

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check samkit tests benchmarks
	$(BIN)/ruff format --check samkit tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_startup.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
