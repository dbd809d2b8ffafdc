# fieldbrief — the two set-up commands are `make demo` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
SEEDS ?= ../shared/corpus/seeds
ifeq ($(wildcard $(SEEDS)),)
DEMO_INPUT := 'examples/*.txt'
else
DEMO_INPUT := $(SEEDS)
endif

CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test lint bench clean train-statements

# Idempotent: reinstalls only when pyproject.toml changed since the last install.
setup: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The main job: the contract as JSON Lines, then the store, the claims across articles and the brief.
demo: setup
	@mkdir -p out
	$(BIN)/fieldbrief analyze $(DEMO_INPUT) --format jsonl --out out/seeds.jsonl
	rm -f out/seeds.db
	$(BIN)/fieldbrief ingest $(DEMO_INPUT) --db out/seeds.db
	$(BIN)/fieldbrief claims --db out/seeds.db --out out/claims.jsonl
	$(BIN)/fieldbrief brief --db out/seeds.db --format html --out out/brief.html

# The brief is checked in a real headless browser: Debian's chromium, installed when missing.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null

test: setup $(CHROMIUM)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# Rebuild the statement tagger's weights (src/fieldbrief/models/statements) from ../shared/data/polnear
# (train split to fit, dev split to choose); not part of CI, the shipped weights are what tests use.
train-statements: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,train]'
	$(BIN)/python dev/train_statements.py

bench: setup
	$(BIN)/fieldbrief bench

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .mypy_cache .ruff_cache
