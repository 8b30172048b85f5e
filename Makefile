# Two entry points: `make run` (set up, score the seeds, write reports/seeds.pdf) and `make test` (set up, lint, test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: run test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.run-installed: $(BIN)/python pyproject.toml
	$(PIP) install --quiet -e ".[report]"
	touch $@

$(VENV)/.test-installed: $(BIN)/python pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.run-installed
	$(BIN)/framing score seeds/
	$(BIN)/framing report seeds/ -o reports/seeds.pdf --title "The three seed articles"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python benchmarks/assemble_results.py --check

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
