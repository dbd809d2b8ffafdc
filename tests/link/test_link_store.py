"""Stored links: a round trip through SQLite gives the same corpus, and re-linking is idempotent.
The two articles are FICTIONAL."""

from __future__ import annotations

from pathlib import Path

from fieldbrief.corpus import linked_corpus
from fieldbrief.link import LINK_VERSION
from fieldbrief.model import Article, RawDocument
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store

TEXTS = [
    ("North Wire", "Rebels attacked an army post in Kunduz on Friday, officials said. Nine soldiers were killed."),
    (
        "South Daily",
        "Nine soldiers were killed when rebels attacked an army post in Kunduz on Friday, a spokesman said.",
    ),
]


def test_links_round_trip_and_are_idempotent(tmp_path: Path, pipeline: Pipeline) -> None:
    docs = [RawDocument(source=f"f{i}.txt", text=t, outlet=o, published="2031-02-06") for i, (o, t) in enumerate(TEXTS)]
    db = tmp_path / "fb.db"
    with Store(db) as store:
        for article in pipeline.run_documents(docs):
            assert isinstance(article, Article)
            store.add(article, pipeline.provenance)
        first = linked_corpus(store)
        assert store.links_are_current(LINK_VERSION)
        counts = store.counts()
        again = linked_corpus(store)  # read back from the store, not recomputed
        assert store.counts() == counts
    assert sorted((c.to_json() for c in again.claims), key=str) == sorted((c.to_json() for c in first.claims), key=str)
    assert [e.to_json() for e in again.entities] == [e.to_json() for e in first.entities]
    assert sorted(o.to_json()["article_ids"] for o in again.origins) == sorted(
        o.to_json()["article_ids"] for o in first.origins
    )
    assert any(c.status == "corroborated" for c in again.claims)
    assert not store_is_stale_after_reopen(db)


def store_is_stale_after_reopen(db: Path) -> bool:
    with Store(db) as store:
        return not store.links_are_current(LINK_VERSION)
