# PurSight developer entry points. `make up` runs the platform, `make test` runs every
# check CI runs; both install what they need into .venv and node_modules first.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BUF := node_modules/.bin/buf
export PURSIGHT_PYTHON := $(abspath $(PY))

.PHONY: install gen gen-check lint typecheck test up demo bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

install: $(VENV)/.installed node_modules/.installed

gen: install
	$(BUF) generate

# Regenerates gen/ and fails when that changes anything: gen/ must match the protos.
gen-check: gen
	@if [ -n "$$(git status --porcelain -- gen)" ]; then \
		git status --short -- gen; echo "gen/ is stale: run 'make gen' and commit it"; exit 1; fi

lint: install
	$(BUF) lint
	$(BUF) format --diff --exit-code
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

test: install lint typecheck gen-check
	$(VENV)/bin/pytest -p no:cacheprovider

up: install
	$(VENV)/bin/pursight up --demo

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
