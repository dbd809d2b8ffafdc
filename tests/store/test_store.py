"""The store: idempotent re-ingest (also as a property over random article sets), updates, search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldbrief.model import (
    ActorRef,
    Article,
    DateEvidence,
    Event,
    Place,
    Removal,
    Speaker,
    Statement,
    TimeRef,
    article_from_json,
)
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store
from fieldbrief.store.migrations import MIGRATIONS

PROVENANCE = {"statements": "1", "places": "1", "times": "1", "events": "1"}


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, ingestion timestamps included: 'unchanged' must mean unchanged."""
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: sorted(map(tuple, store.db.execute(f"SELECT * FROM {t}")), key=repr) for t in sorted(tables)}


def fictional_article(text: str, source: str) -> Article:
    article = Article(source=source, text=text, outlet="Example News", published="2024-01-01")
    article.removed.append(Removal("boilerplate", "Share this article", "pattern:share"))
    word = text.split()[0]
    article.places.append(Place(word, 0, len(word), 1.0, 2.0, "city", "XX"))
    article.statements.append(Statement(Speaker("A. Person", "she", "person"), "said", "indirect", text[:10], 0, 10))
    return article


sentences = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80)
article_sets = st.lists(
    st.tuples(sentences, st.sampled_from(["a.txt", "b.jsonl:3", "https://example.org/x"])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article_sets)
def test_reingest_is_idempotent(tmp_path: Path, items: list[tuple[str, str]]) -> None:
    db = tmp_path / f"p{abs(hash(tuple(items)))}.db"
    articles = [fictional_article("x" + text, source) for text, source in items]
    with Store(db) as store:
        first = [store.add(a, PROVENANCE) for a in articles]
        before = snapshot(store)
        again = [store.add(a, PROVENANCE) for a in articles]
        assert snapshot(store) == before
        assert set(again) == {"unchanged"}
        assert first.count("added") == len({a.id for a in articles})
        assert store.counts()["articles"] == len({a.id for a in articles})
    db.unlink()


def test_reingesting_a_directory_leaves_the_store_unchanged(tmp_path: Path, pipeline: Pipeline) -> None:
    from conftest import SEEDS, require

    db = tmp_path / "seeds.db"
    with Store(db) as store:
        for article in pipeline.run_paths([str(require(SEEDS))]):
            assert isinstance(article, Article)
            assert store.add(article, pipeline.provenance) == "added"
        before = snapshot(store)
        results = [
            store.add(a, pipeline.provenance) for a in pipeline.run_paths([str(SEEDS)]) if isinstance(a, Article)
        ]
        assert results == ["unchanged", "unchanged"]
        assert snapshot(store) == before
        counts = store.counts()
        assert counts["articles"] == 2 and counts["removals"] == len(before["removals"]) > 20
        stages = {r[0] for r in store.db.execute("SELECT stage || ':' || stage_version FROM statements")}
        assert all(s.startswith("statements:") for s in stages)


def test_changed_records_replace_old_ones_and_same_text_from_a_new_source_is_noted(tmp_path: Path) -> None:
    article = fictional_article("Fictional text about a fictional town.", "a.txt")
    with Store(tmp_path / "s.db") as store:
        assert store.add(article, PROVENANCE) == "added"
        article.places.append(Place("town", 30, 34, 3.0, 4.0, "city", "XX"))
        assert store.add(article, {**PROVENANCE, "places": "2"}) == "updated"
        assert store.counts()["places"] == 2
        assert {r[0] for r in store.db.execute("SELECT stage_version FROM places")} == {"2"}
        copy = fictional_article("Fictional text about a fictional town.", "b.txt")
        copy.places = article.places
        assert store.add(copy, {**PROVENANCE, "places": "2"}) == "unchanged"
        record = store.get(article.id[:8])
        assert record is not None and record["sources"] == ["a.txt", "b.txt"]
        assert record["removed"][0]["kind"] == "boilerplate"


def test_migrations_recorded_once_and_reopen_is_safe(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    Store(db).close()
    with Store(db) as store:
        assert store.migrate() == []
        rows = store.db.execute("SELECT version FROM schema_migrations").fetchall()
        assert [r[0] for r in rows] == [m[0] for m in MIGRATIONS]


def test_full_text_search(tmp_path: Path) -> None:
    with Store(tmp_path / "f.db") as store:
        store.add(fictional_article("Militias shelled the fictional port of Example overnight.", "a"), PROVENANCE)
        store.add(fictional_article("A quiet day in another fictional town.", "b"), PROVENANCE)
        hits = store.search("shelled AND port")
        assert len(hits) == 1 and "[shelled]" in hits[0]["snippet"]
        assert store.search("nothingmatches") == []


def test_bad_search_query_is_a_coded_error(tmp_path: Path) -> None:
    import pytest

    from fieldbrief.errors import FieldbriefError

    with Store(tmp_path / "q.db") as store, pytest.raises(FieldbriefError) as info:
        store.search('"unbalanced')
    assert info.value.code == "bad-query"


def test_foreign_keys_cascade(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        article = fictional_article("Fictional text for cascade.", "a")
        store.add(article, PROVENANCE)
        store.db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        assert store.counts()["places"] == 0 and store.counts()["statements"] == 0
        assert isinstance(store.db, sqlite3.Connection)


def test_publication_evidence_and_counts_survive_the_store(tmp_path: Path) -> None:
    text = "KABUL, Afghanistan (Jan. 25) - A fictional force detained two men in the district of Example."
    article = fictional_article(text, "release.txt")
    article.published, article.published_from = "2013-01-25", "inferred"
    article.published_evidence = [DateEvidence("text", text[:27], 0, 27), DateEvidence("text", "2013-01-S-025", 0, 13)]
    reported = TimeRef(text[:27], 0, 27, "2013-01-25", "2013-01-25", "reported")
    article.events.append(
        Event(
            "COERCE",
            "asserted",
            30,
            len(text),
            text[30:],
            mode="arrest",
            actor=ActorRef("fictional force"),
            date=reported,
            captured=2,
            captured_text="two men",
            id="e1",
        )
    )
    with Store(tmp_path / "s.db") as store:
        store.add(article, PROVENANCE)
        record = store.get(article.id)
        assert record is not None
        back = article_from_json(record)
    assert (back.published_from, back.published_evidence) == ("inferred", article.published_evidence)
    (event,) = back.events
    assert (event.captured, event.captured_text, event.date and event.date.precision) == (2, "two men", "reported")


def test_statement_mode_is_stored_and_read_back(tmp_path: Path) -> None:
    article = Article(source="poll.txt", text="A new poll shows that most residents oppose the dam.")
    article.statements.append(
        Statement(
            Speaker("poll", "A new poll", "document"),
            "shows",
            "indirect",
            "most residents oppose the dam",
            22,
            51,
            mode="document",
        )
    )
    with Store(tmp_path / "s.db") as store:
        store.add(article, PROVENANCE)
        assert [r[0] for r in store.db.execute("SELECT mode FROM statements")] == ["document"]
        (back,) = store.load_articles()
        assert [(s.mode, s.speaker.kind) for s in back.statements] == [("document", "document")]


def test_a_split_quote_keeps_its_parts_in_the_store(tmp_path: Path) -> None:
    article = fictional_article("Fictional quote: we stay, she said, and we fight.", "a.txt")
    start, end = article.text.index("we stay"), article.text.index("fight") + len("fight")
    parts = [(start, start + len("we stay")), (article.text.index("and we"), end)]
    article.statements = [
        Statement(
            Speaker("A. Person", "she", "person"), "said", "direct", article.text[start:end], start, end, parts=parts
        )
    ]
    with Store(tmp_path / "s.db") as store:
        store.add(article, PROVENANCE)
        [stored] = store.db.execute("SELECT parts FROM statements").fetchall()
        [back] = store.load_articles()
    assert json.loads(stored[0]) == [list(p) for p in parts]
    assert back.statements[0].parts == parts
    assert back.statements[0].words(back.text) == "we stay and we fight"


def test_statements_stored_before_parts_get_their_whole_span(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add(fictional_article("Fictional text about a fictional town.", "a.txt"), PROVENANCE)
        store.db.execute("UPDATE statements SET parts = NULL")
        # what migration 8 does to the rows of a store written before it
        store.db.execute(next(sql for version, _, sql in MIGRATIONS if version == 8).split(";")[1])
        assert [tuple(r) for r in store.db.execute("SELECT parts FROM statements")] == [("[[0,10]]",)]


def test_a_statement_keeps_its_factuality_and_attribution(tmp_path: Path) -> None:
    article = fictional_article("The mayor did not say the bridge would reopen. It reportedly fell.", "a.txt")

    def said(speaker: Speaker, cue: str, words: str, **marks: str) -> Statement:
        start = article.text.index(words)
        return Statement(speaker, cue, "indirect", words, start, start + len(words), **marks)  # type: ignore[arg-type]

    article.statements = [
        said(Speaker("The mayor", "The mayor", "person"), "say", "the bridge would reopen", factuality="negated"),
        said(Speaker("unattributed", "", "unnamed"), "reportedly", "fell", attribution="unattributed"),
    ]
    with Store(tmp_path / "s.db") as store:
        store.add(article, PROVENANCE)
        rows = store.db.execute("SELECT factuality, attribution FROM statements ORDER BY start").fetchall()
        [back] = store.load_articles()
    assert [tuple(r) for r in rows] == [("negated", "sourced"), ("asserted", "unattributed")]
    assert [(s.factuality, s.attribution, s.claimed) for s in back.statements] == [
        ("negated", "sourced", False),
        ("asserted", "unattributed", False),
    ]
