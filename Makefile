# PurSight developer entry points. `make up` runs the platform, `make test` runs every
# check CI runs; both install what they need into .venv and node_modules first.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BUF := node_modules/.bin/buf
export PURSIGHT_PYTHON := $(abspath $(PY))

.PHONY: install gen gen-check mesh mesh-check breaking contracts-baseline lint typecheck test up demo bench clean

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

# Kubernetes manifests (mesh/) from services/deployment.py and the contracts.
mesh: install
	$(PY) -m tools.mesh

# Regenerates mesh/ and fails when that changes anything, as gen-check does for gen/.
mesh-check: mesh
	@if [ -n "$$(git status --porcelain -- mesh)" ]; then \
		git status --short -- mesh; echo "mesh/ is stale: run 'make mesh' and commit it"; exit 1; fi

# The contracts against their last released state: a committed image of the module
# (one module, so an image compares file for file; see proto/releases/README.md).
BASELINE := proto/releases/baseline.binpb
breaking: install
	$(BUF) breaking proto --against $(BASELINE)

# Run when releasing: the released contracts become the baseline `breaking` guards.
contracts-baseline: install
	$(BUF) build proto --exclude-source-info -o $(BASELINE)

lint: install
	$(BUF) lint
	$(BUF) format --diff --exit-code
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

test: install lint typecheck gen-check mesh-check breaking
	$(VENV)/bin/pytest -p no:cacheprovider

up: install
	$(VENV)/bin/pursight up --demo

# Peers compared side by side (presidio-analyzer) come with the `bench` extra; DataHub's
# CLI goes into a virtualenv of its own under /tmp/pursight-bench (its pins clash with ours).
bench: install
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m bench
	$(PY) -m bench.classification_bench
	$(PY) -m bench.scan_vs_datahub
	$(PY) -m bench.scan_memory

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
