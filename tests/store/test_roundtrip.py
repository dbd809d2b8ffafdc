"""Every record survives the JSON round trip and the store round trip unchanged (property tests): what `ingest` stores
is what `analyze` produced, so linking a store gives the claims linking the analysed articles gives."""

from __future__ import annotations

import json
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldbrief.model import Article, article_from_json
from fieldbrief.store import Store

# Offsets, counts and ids as SQLite stores them (64-bit integers); coordinates and similarities as real numbers.
st.register_type_strategy(float, st.floats(allow_nan=False, allow_infinity=False))
st.register_type_strategy(int, st.integers(min_value=-(2**63), max_value=2**63 - 1))

# Hypothesis builds Articles from their type hints, nested records and all: a field added to the contract is covered
# here the day it is added.
articles = st.from_type(Article)
PROVENANCE = {
    "times": "1",
    "places": "1",
    "statements": "1",
    "actors": "1",
    "events": "1",
    "sentences": "1",
    "figures": "1",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_every_record_survives_the_json_round_trip(article: Article) -> None:
    record = json.loads(json.dumps(article.to_json()))
    assert article_from_json(record) == article


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_every_record_survives_the_store(article: Article) -> None:
    with TemporaryDirectory() as tmp, Store(Path(tmp) / "fb.db") as store:
        store.add(article, PROVENANCE)
        [back] = store.load_articles()
    assert back == article
