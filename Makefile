# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint typecheck pytest demo messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

## make run: install, migrate the SQLite database in ./var, load the demo, serve on :8000
run: $(VENV)/.installed
	$(BIN)/kutubxona migrate --noinput
	$(BIN)/kutubxona demo
	$(BIN)/kutubxona serve --host $(HOST) --port $(PORT)

## make test: linters, type checker, the whole suite (on PostgreSQL when DATABASE_URL is set)
test: lint typecheck pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest

## make messages: refresh the translation catalogues from the source (needs GNU gettext)
messages: $(VENV)/.dev-installed
	$(BIN)/kutubxona translations update

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
