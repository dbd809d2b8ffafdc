"""The store's read queries for the app, checked against the same figures computed in Python from the stored
records, on a synthetic store of fictional articles; the event facets kept by triggers; the indexes the queries use."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldbrief.model import Article, Corpus, Origin
from fieldbrief.store import Store, queries
from fieldbrief.store.migrations import MIGRATIONS
from fieldbrief.store.queries import EventFilter
from fieldbrief.web.synthetic import PROVENANCE, make_article, world
from web.web_helpers import copy_store


@pytest.fixture
def store(synthetic_db: Path, tmp_path: Path) -> Iterator[Store]:
    with Store(copy_store(synthetic_db, tmp_path)) as opened:
        yield opened


def stored_events(store: Store) -> list[tuple[Article, Any]]:
    return [(a, e) for a in store.load_articles() for e in a.events]


def test_markers_match_the_records(store: Store) -> None:
    events = stored_events(store)
    expected: dict[tuple[float, float], dict[str, Any]] = defaultdict(
        lambda: {"types": Counter(), "articles": set(), "deaths": {}}
    )
    for article, event in events:
        assert event.place and event.date
        m = expected[(event.place.lat, event.place.lon)]
        m["types"][event.acled.event_type if event.acled else "Other"] += 1
        m["articles"].add(article.id)  # every synthetic article is its own origin
        if event.fatalities is not None:
            key = (event.date.date_start, event.type)
            m["deaths"][key] = max(m["deaths"].get(key, 0), event.fatalities)
    found = {(m.lat, m.lon): m for m in queries.markers(store.db, EventFilter())}
    assert set(found) == set(expected)
    for key, m in expected.items():
        assert found[key].types == dict(m["types"])
        assert found[key].origins == len(m["articles"])
        assert found[key].fatalities == sum(m["deaths"].values())
        assert found[key].type == max(m["types"].items(), key=lambda kv: (kv[1], kv[0]))[0]


@pytest.mark.parametrize(
    ("f", "keep"),
    [
        (EventFilter(types=("Battles",)), lambda a, e: e.acled and e.acled.event_type == "Battles"),
        (
            EventFilter(types=("CONSULT", "Protests")),
            lambda a, e: e.type == "CONSULT" or (e.acled and e.acled.event_type == "Protests"),
        ),
        (EventFilter(types=("Other",)), lambda a, e: e.acled is None),
        (EventFilter(statuses=("denied", "hedged")), lambda a, e: e.status in ("denied", "hedged")),
        (EventFilter(actors=("FIC-007",)), lambda a, e: "FIC-007" in (e.actor.actor, e.target.actor)),
        (EventFilter(actors=("northern front 7",)), lambda a, e: "Northern Front 7" in (e.actor.name, e.target.name)),
        (
            EventFilter(date_from="2023-06-01", date_to="2023-06-30"),
            lambda a, e: "2023-06-01" <= e.date.date_start <= "2023-06-30",
        ),
        (EventFilter(bbox=(10.0, 25.0, 15.0, 30.0)), lambda a, e: 10 <= e.place.lat <= 15 and 25 <= e.place.lon <= 30),
        (EventFilter(bbox=(8.0, 30.0, 22.0, 25.0)), lambda a, e: e.place.lon >= 30 or e.place.lon <= 25),  # wraps
    ],
)
def test_filters_match_the_records(store: Store, f: EventFilter, keep: Any) -> None:
    expected = sum(1 for a, e in stored_events(store) if keep(a, e))
    assert expected > 0
    assert queries.events_page(store.db, f, 10, 0)["total"] == expected
    assert sum(m.events for m in queries.markers(store.db, f)) == expected
    assert queries.timeline(store.db, f)["total"] == expected


def test_claim_status_filter(store: Store) -> None:
    members = store.db.execute(
        "SELECT m.record_id, c.status FROM claim_members m JOIN claims c ON c.id = m.claim_id"
    ).fetchall()
    contested = {r[0] for r in members if r[1] == "contested"}
    claimed = {r[0] for r in members}
    total = store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert contested and claimed
    assert queries.events_page(store.db, EventFilter(claim_statuses=("contested",)), 5, 0)["total"] == len(contested)
    assert queries.events_page(store.db, EventFilter(claim_statuses=("none",)), 5, 0)["total"] == total - len(claimed)
    page = queries.events_page(store.db, EventFilter(claim_statuses=("contested",)), 50, 0)
    assert all(e["claim_status"] == "contested" and e["claim_id"] for e in page["items"])


def test_pages_cover_everything_once(store: Store) -> None:
    f = EventFilter(types=("Battles",))
    total = queries.events_page(store.db, f, 1, 0)["total"]
    seen = [e["id"] for offset in range(0, total, 40) for e in queries.events_page(store.db, f, 40, offset)["items"]]
    assert len(seen) == len(set(seen)) == total
    days = [e["day"] for e in queries.events_page(store.db, f, 100, 0, "date")["items"]]
    assert days == sorted(days, reverse=True)


def test_timeline_buckets(store: Store) -> None:
    weekly = queries.timeline(store.db, EventFilter())
    assert weekly["unit"] == "week"  # two years of fictional reports: about a hundred weeks
    assert all(b["start"] <= b["end"] for b in weekly["buckets"])
    assert {queries.dt.date.fromisoformat(b["start"]).weekday() for b in weekly["buckets"]} == {0}
    daily = queries.timeline(store.db, EventFilter(), "day")
    assert daily["total"] == weekly["total"] == sum(b["total"] for b in daily["buckets"])
    coarse = sum(1 for _, e in stored_events(store) if e.date.precision in ("week", "month", "year"))
    assert sum(b["coarse"] for b in daily["buckets"]) == coarse
    assert queries.choose_bucket("2021-01-01", "2021-02-01") == "day"
    assert queries.choose_bucket("2001-01-01", "2021-01-01") == "year"
    assert queries.bucket_end("2024-02-01", "month") == "2024-02-29"


def test_actor_choices_and_facets(store: Store) -> None:
    facets = queries.facets(store.db)
    top = facets["actors"][0]
    assert top["value"].startswith("FIC-") and top["label"].startswith("Northern Front")
    total = store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert sum(c["events"] for c in facets["statuses"]) == total


def query_plan(db: sqlite3.Connection, sql: str, params: list[Any]) -> str:
    return " | ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_queries_use_indexes(store: Store) -> None:
    """No timing here (that is `make bench-web`): only that the selective filters are answered from indexes."""
    for f, index in [
        (EventFilter(date_from="2023-06-01", date_to="2023-06-07"), "event_facets_day"),
        (EventFilter(at=(12.0, 30.0)), "event_facets_place"),
    ]:
        where, params = f.where()
        assert index in query_plan(store.db, f"SELECT COUNT(*) FROM event_facets f WHERE {where}", params)
    plan = query_plan(store.db, "SELECT claim_id FROM claim_members WHERE record_id = ?", ["x"])
    assert "claim_members_record" in plan
    plan = query_plan(store.db, "SELECT DISTINCT article_id FROM event_facets WHERE actor_name = ?", ["x"])
    assert "event_facets_actor_name" in plan


def test_facets_follow_the_events(tmp_path: Path) -> None:
    rng = random.Random(3)
    w = world(rng, towns=5)
    article = make_article(rng, w, 1)
    with Store(tmp_path / "s.db") as store:
        store.add(article, PROVENANCE)
        rows = store.db.execute("SELECT event_id, day, precision, feature FROM event_facets ORDER BY seq").fetchall()
        assert [r["event_id"] for r in rows] == [e.id for e in article.events]
        assert all(r["feature"] == e.place.feature for r, e in zip(rows, article.events, strict=True))
        article.events = article.events[:1]
        article.events[0].date = None
        article.published = "2024-05-05"
        store.add(article, {"synthetic": "2"})  # updated: records replaced, facets follow
        rows = store.db.execute("SELECT day, precision FROM event_facets").fetchall()
        assert [tuple(r) for r in rows] == [("2024-05-05", "reported")]  # no date of its own: the report's date
        store.db.execute("INSERT INTO origins VALUES (?, 'other', 0.9)", (article.id,))
        assert store.db.execute("SELECT origin_id FROM event_facets").fetchone()[0] == "other"
        store.db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        assert store.db.execute("SELECT COUNT(*) FROM event_facets").fetchone()[0] == 0


def test_migration_fills_facets_of_an_older_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    article = make_article(rng, world(rng, towns=5), 2)
    path = tmp_path / "old.db"
    web = next(v for v, _, sql in MIGRATIONS if "CREATE TABLE event_facets" in sql)
    with monkeypatch.context() as patch:  # a store from before the web app: every migration but its own
        patch.setattr("fieldbrief.store.sqlite.MIGRATIONS", tuple(m for m in MIGRATIONS if m[0] != web))
        with Store(path) as store:
            store.add(article, PROVENANCE)
            store.save_links(Corpus([article], [Origin(article.id, [article.id], 1.0)]), "1.0")
            assert "event_facets" not in {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    with Store(path) as store:
        facets = store.db.execute("SELECT event_id, feature, origin_id FROM event_facets ORDER BY seq").fetchall()
        assert [r[0] for r in facets] == [e.id for e in article.events]
        assert {r[1] for r in facets} == {e.place.feature for e in article.events if e.place}
        assert {r[2] for r in facets} == {article.id}
        # the links were computed for this very article: it is not pending (for the linker version that made them)
        assert [tuple(r) for r in store.db.execute("SELECT version FROM link_articles")] == [("1.0",)]
