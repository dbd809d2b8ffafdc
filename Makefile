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
# Spark (`fieldbrief spark`, its local[2] test) runs on Java 17: Debian's headless runtime, installed when missing.
JAVA := /usr/lib/jvm/java-17-openjdk-$(shell dpkg --print-architecture 2>/dev/null || echo amd64)/bin/java
CHROMEDRIVER := /usr/bin/chromedriver
# The web app's map library, vendored from the npm registry at set-up (served by the app itself: no CDN).
LEAFLET_VERSION := 1.9.4
LEAFLET_SHA256 := 84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77
LEAFLET_DIR := src/fieldbrief/web/static/vendor/leaflet
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test lint bench bench-web fuzz clean events-set train-events eval-events train-statements \
	train-prefilter

# Idempotent: reinstalls only when pyproject.toml changed since the last install.
setup: $(STAMP) $(LEAFLET_DIR)/.version-$(LEAFLET_VERSION)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
	touch $(STAMP)

# Leaflet's release tarball from the npm registry, checked against its known hash, unpacked with its licence.
$(LEAFLET_DIR)/.version-$(LEAFLET_VERSION):
	rm -rf $(LEAFLET_DIR) $(LEAFLET_DIR).pack && mkdir -p $(LEAFLET_DIR).pack
	cd $(LEAFLET_DIR).pack && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null
	echo "$(LEAFLET_SHA256)  $(LEAFLET_DIR).pack/leaflet-$(LEAFLET_VERSION).tgz" | sha256sum --check --quiet
	tar -xzf $(LEAFLET_DIR).pack/leaflet-$(LEAFLET_VERSION).tgz -C $(LEAFLET_DIR).pack
	mkdir -p $(LEAFLET_DIR)
	cp -r $(LEAFLET_DIR).pack/package/dist/leaflet.js $(LEAFLET_DIR).pack/package/dist/leaflet.css \
		$(LEAFLET_DIR).pack/package/dist/images $(LEAFLET_DIR).pack/package/LICENSE $(LEAFLET_DIR)/
	rm -rf $(LEAFLET_DIR).pack
	touch $@

# The main job: the contract as JSON Lines, then the store, the claims across articles and the brief.
demo: setup
	@mkdir -p out
	$(BIN)/fieldbrief analyze $(DEMO_INPUT) --format jsonl --out out/seeds.jsonl
	rm -f out/seeds.db
	$(BIN)/fieldbrief ingest $(DEMO_INPUT) --db out/seeds.db
	$(BIN)/fieldbrief claims --db out/seeds.db --out out/claims.jsonl
	$(BIN)/fieldbrief brief --db out/seeds.db --format html --out out/brief.html
	@echo
	@echo "Explore the demo store in the web app (map, timeline, claims, articles; http://127.0.0.1:8000):"
	@echo "    $(BIN)/fieldbrief serve --db out/seeds.db"

# The brief and the web app are checked in a real headless browser: Debian's chromium (and its WebDriver,
# chromium-driver, for the web app's end-to-end tests), installed when missing.
$(CHROMIUM) $(CHROMEDRIVER):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null

$(JAVA):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null

test: setup $(CHROMIUM) $(CHROMEDRIVER) $(JAVA)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests dev
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# Rebuild the statement tagger's weights (src/fieldbrief/models/statements) from ../shared/data/polnear
# (train split to fit, dev split to choose); not part of CI, the shipped weights are what tests use. About 12 min
# on 2 cores with the parse cached under build/polnear; the `train` extra brings scipy and torch (CPU build).
train-statements: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,train]'
	$(BIN)/python dev/train_statements.py

bench: setup
	$(BIN)/fieldbrief bench --articles 300 --repeat 2 --prefilter-stream --memory

# The relevance pre-filter (src/fieldbrief/models/prefilter): trained on ../shared/data (dev/prefilter/README.md),
# threshold chosen on the validation split, recall and skip rate on the test split written to metrics.json (~1 min).
train-prefilter: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,train]'
	cd dev/prefilter && PYTHONPATH=. ../../$(BIN)/python train.py

# The web app's queries on a synthetic store of 10,000 fictional articles (map, timeline, lists: seconds each).
bench-web: setup
	$(BIN)/python scripts/bench_web.py --articles 10000

# The events set (dev/events/README.md): real public-domain sentences re-created from their origins, our labels.
EVENTS_SET := ../devsets/events/real.jsonl
events-set: setup
	$(BIN)/python dev/events/build_set.py --out $(EVENTS_SET)

# The events classifier: trained on the set's training split into src/fieldbrief/models/events (~10 min, 2 cores).
train-events: events-set
	EVENTS_REAL=$(EVENTS_SET) $(BIN)/python dev/events/train.py

# Dev split scores: ACLED sub-event weighted F1 and none precision (bars 0.80 and 0.85), per class.
eval-events: events-set
	EVENTS_REAL=$(EVENTS_SET) $(BIN)/python dev/events/evaluate.py

# The hostile corpus at scale (README § Hostile input): 10,000 generated bad inputs mixed with good articles
# through `fieldbrief analyze` and `ingest`; the figures go to out/fuzz-report.json. `make test` runs 500.
fuzz: setup
	@mkdir -p out
	rm -f out/fuzz-report.json
	FUZZ_CASES=10000 FUZZ_REPORT=out/fuzz-report.json $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .mypy_cache .ruff_cache src/fieldbrief/web/static/vendor tests/artifacts
