# Two commands: `make run` (set up, then run the bot once on the bundled sample) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck check clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's dependencies or the compiled extractor's sources change (setup.py compiles
# digests/extract with mypyc; a stale build is bypassed at import, so this only restores its speed).
# Every install takes the versions the tests ran with, from constraints.txt (`make lock` renews it).
BUILD_INPUTS := pyproject.toml setup.py constraints.txt $(wildcard digests/extract/*.py)

$(VENV)/.installed: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/sitrep run --once --config config/example.yaml

test: $(VENV)/.installed-dev
	$(BIN)/pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy digests bot

check: lint typecheck test

# Resolve pyproject.toml's dependencies afresh and pin them in constraints.txt; then `make check` tests them.
lock: | $(BIN)/python
	$(BIN)/python tools/lock.py

clean:
	rm -rf $(VENV) build sitrep.db sitrep.db-wal sitrep.db-shm digests/extract/*.so digests_extract__mypyc*
