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

.PHONY: setup demo test lint bench fuzz clean

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

bench: setup
	$(BIN)/fieldbrief bench

# The hostile corpus at scale (README § Hostile input): 10,000 generated bad inputs mixed with good articles
# through `fieldbrief analyze` and `ingest`; the figures go to out/fuzz-report.json. `make test` runs 500.
fuzz: setup
	@mkdir -p out
	rm -f out/fuzz-report.json
	FUZZ_CASES=10000 FUZZ_REPORT=out/fuzz-report.json $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .mypy_cache .ruff_cache
