"""The embedded SQLite store: idempotent (content-hash ids, upserts), migrated in order, searchable (FTS5).

store = Store("fieldbrief.db")
store.add(article, provenance)   # -> "added" | "updated" | "unchanged"
store.get(article_id)            # the article as the JSON Lines contract, or None
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from fieldbrief.errors import FieldbriefError
from fieldbrief.model import (
    Article,
    Corpus,
    Origin,
    Rejection,
    article_from_json,
    claim_from_json,
    entity_from_json,
)
from fieldbrief.store.migrations import MIGRATIONS

AddResult = Literal["added", "updated", "unchanged"]
# Which stage fills which record table; the store records that stage's name and version on every row.
RECORD_STAGES = {
    "statements": "statements",
    "places": "places",
    "times": "times",
    "events": "events",
    "sentences": "sentences",
    "figures": "figures",
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # Autocommit mode: transactions are explicit (see _transaction), so DDL is transactional too.
            self.db = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise FieldbriefError("store-open", f"cannot open the store {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations this file has not seen yet, in order; returns their numbers."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
        done = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            record = "INSERT INTO schema_migrations VALUES ({}, '{}', '{}');".format(
                version, name.replace("'", "''"), _now()
            )
            try:  # one script, one transaction: a migration applies whole or not at all
                self.db.executescript(f"BEGIN;\n{sql}\n{record}\nCOMMIT;")
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise FieldbriefError("store-migrate", f"migration {version} failed: {exc}") from exc
            applied.append(version)
        return applied

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------------------------
    def add(self, article: Article, provenance: Mapping[str, str]) -> AddResult:
        """Upsert one article and its records. `provenance` maps stage name -> version."""
        record = article.to_json()
        # Where it was read from is not content: copies from other sources are noted in article_sources.
        content = {k: v for k, v in record.items() if k != "source"}
        digest = _digest({"article": content, "stages": dict(sorted(provenance.items()))})
        with self._transaction():
            row = self.db.execute("SELECT digest FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is not None:
                self._add_source(article)
            if row is not None and row["digest"] == digest:
                return "unchanged"
            if row is not None:
                self._delete_records(article.id)
                self.db.execute(
                    "UPDATE articles SET url=?, outlet=?, title=?, published=?, published_from=?,"
                    " published_evidence=?, language=?, text=?, digest=? WHERE id=?",
                    (*_article_columns(article)[1:], digest, article.id),
                )
            else:
                self.db.execute(
                    "INSERT INTO articles(source, url, outlet, title, published, published_from,"
                    " published_evidence, language, text, digest, ingested_at, id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*_article_columns(article), digest, _now(), article.id),
                )
                self._add_source(article)
            self._insert_records(article, record, provenance)
        return "updated" if row is not None else "added"

    def _add_source(self, article: Article) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO article_sources(article_id, source) VALUES (?, ?)",
            (article.id, article.source),
        )

    def add_rejection(self, rejection: Rejection) -> None:
        with self._transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO rejections(source, code, reason, first_seen) VALUES (?, ?, ?, ?)",
                (rejection.source, rejection.code, rejection.reason, _now()),
            )

    def _delete_records(self, article_id: str) -> None:
        for table in ("removals", "statements", "places", "times", "events", "stage_errors", "sentences", "figures"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _insert_records(self, article: Article, record: dict[str, Any], provenance: Mapping[str, str]) -> None:
        aid = article.id
        self.db.executemany(
            "INSERT INTO removals VALUES (?, ?, ?, ?, ?)",
            [(aid, i, r.kind, r.reason, r.text) for i, r in enumerate(article.removed)],
        )
        stage = {table: (name, provenance.get(name, "unknown")) for table, name in RECORD_STAGES.items()}
        self.db.executemany(
            "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    s.id,
                    aid,
                    i,
                    s.speaker.name,
                    s.speaker.mention,
                    s.speaker.kind,
                    s.speaker.actor,
                    s.cue,
                    s.channel,
                    s.kind,
                    s.content,
                    s.start,
                    s.end,
                    *stage["statements"],
                    json.dumps(j),
                    s.mode,
                )
                for i, (s, j) in enumerate(zip(article.statements, record["statements"], strict=True))
            ],
        )
        self.db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    aid,
                    i,
                    p.name,
                    p.start,
                    p.end,
                    p.lat,
                    p.lon,
                    p.feature,
                    p.country,
                    p.admin1,
                    p.geonameid,
                    *stage["places"],
                    json.dumps(j),
                )
                for i, (p, j) in enumerate(zip(article.places, record["places"], strict=True))
            ],
        )
        self.db.executemany(
            "INSERT INTO times VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    aid,
                    i,
                    t.text,
                    t.start,
                    t.end,
                    t.date_start,
                    t.date_end,
                    t.precision,
                    *stage["times"],
                    json.dumps(j),
                )
                for i, (t, j) in enumerate(zip(article.times, record["times"], strict=True))
            ],
        )
        self.db.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                _event_row(aid, i, e, j, stage["events"])
                for i, (e, j) in enumerate(zip(article.events, record["events"], strict=True))
            ],
        )
        sentences = [
            (aid, i, x.start, x.end, *stage["sentences"], json.dumps(j))
            for i, (x, j) in enumerate(zip(article.sentences, record["sentences"], strict=True))
        ]
        if sentences:  # (a store opened with fewer migrations, as tests of older stores do, has no such table)
            self.db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?)", sentences)
        figures = [
            (aid, i, f.kind, f.low, f.high, f.qualifier, f.start, f.end, f.source, *stage["figures"], json.dumps(j))
            for i, (f, j) in enumerate(zip(article.figures, record["figures"], strict=True))
        ]
        if figures:
            self.db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", figures)
        self.db.executemany(
            "INSERT INTO stage_errors VALUES (?, ?, ?, ?)",
            [(aid, i, e.stage, e.error) for i, e in enumerate(article.errors)],
        )

    # -- reading ------------------------------------------------------------------------------------------
    def get(self, article_id: str) -> dict[str, Any] | None:
        """One article as the JSON Lines contract (plus its `sources`); a unique id prefix is enough."""
        rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)).fetchall()
        if len(rows) != 1:
            return None
        return self._assemble(rows[0])

    def articles(self) -> Iterator[dict[str, Any]]:
        for row in self.db.execute("SELECT * FROM articles ORDER BY published, id").fetchall():
            yield self._assemble(row)

    def _assemble(self, row: sqlite3.Row) -> dict[str, Any]:
        aid = row["id"]

        def records(table: str) -> list[dict[str, Any]]:
            rows = self.db.execute(f"SELECT record FROM {table} WHERE article_id = ? ORDER BY seq", (aid,))
            return [json.loads(r[0]) for r in rows]

        return {
            "id": aid,
            "source": row["source"],
            "outlet": row["outlet"],
            "title": row["title"],
            "published": row["published"],
            "published_from": row["published_from"],
            "published_evidence": json.loads(row["published_evidence"] or "[]"),
            "language": row["language"],
            "url": row["url"],
            "text": row["text"],
            "removed": [
                {"kind": r["kind"], "text": r["text"], "reason": r["reason"]}
                for r in self.db.execute("SELECT * FROM removals WHERE article_id = ? ORDER BY seq", (aid,))
            ],
            "statements": records("statements"),
            "places": records("places"),
            "times": records("times"),
            "events": records("events"),
            "errors": [
                {"stage": r["stage"], "error": r["error"]}
                for r in self.db.execute("SELECT * FROM stage_errors WHERE article_id = ? ORDER BY seq", (aid,))
            ],
            "sentences": records("sentences"),
            "figures": records("figures"),
            "sources": [
                r[0]
                for r in self.db.execute(
                    "SELECT source FROM article_sources WHERE article_id = ? ORDER BY source", (aid,)
                )
            ],
        }

    def load_articles(self) -> list[Article]:
        """Every stored article as a typed Article, oldest first."""
        return [article_from_json(record) for record in self.articles()]

    def articles_digest(self) -> str:
        """Changes whenever any stored article changes: links computed for another digest are stale."""
        rows = self.db.execute("SELECT id, digest FROM articles ORDER BY id").fetchall()
        return _digest([tuple(r) for r in rows])

    def save_links(self, corpus: Corpus, stage_version: str) -> None:
        """Replace the stored origins, entities and claims with those of `corpus` (derived data: recomputed whole)."""
        with self._transaction():
            for table in ("claim_members", "claims", "entities", "origins", "link_runs"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                "INSERT INTO origins VALUES (?, ?, ?)",
                [(aid, o.id, o.similarity) for o in corpus.origins for aid in o.article_ids],
            )
            self.db.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?)",
                [(e.id, e.name, e.kind, e.actor, json.dumps(e.to_json())) for e in corpus.entities],
            )
            self.db.executemany(
                "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, c.summary, c.kind, c.status, c.event_type, c.why, len(c.origins), json.dumps(c.to_json()))
                    for c in corpus.claims
                ],
            )
            self.db.executemany(
                "INSERT INTO claim_members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.id,
                        i,
                        m.article_id,
                        m.origin_id,
                        m.kind,
                        m.record_id,
                        m.side,
                        m.speaker,
                        m.value,
                        m.text,
                        m.start,
                        m.end,
                    )
                    for c in corpus.claims
                    for i, m in enumerate(c.members)
                ],
            )
            self.db.execute("INSERT INTO link_runs VALUES (1, ?, ?)", (stage_version, self.articles_digest()))

    def load_links(self, articles: list[Article]) -> Corpus:
        """The stored origins, entities and claims around the given articles."""
        groups: dict[str, list[tuple[str, float]]] = {}
        for row in self.db.execute("SELECT article_id, origin_id, similarity FROM origins ORDER BY article_id"):
            groups.setdefault(row["origin_id"], []).append((row["article_id"], row["similarity"]))
        origins = [
            Origin(oid, [aid for aid, _ in members], min(sim for _, sim in members)) for oid, members in groups.items()
        ]
        entities = [entity_from_json(json.loads(r[0])) for r in self.db.execute("SELECT record FROM entities")]
        claims = [claim_from_json(json.loads(r[0])) for r in self.db.execute("SELECT record FROM claims ORDER BY id")]
        return Corpus(articles, origins, entities, claims)

    def links_are_current(self, stage_version: str) -> bool:
        row = self.db.execute("SELECT stage_version, articles_digest FROM link_runs WHERE id = 1").fetchone()
        return row is not None and tuple(row) == (stage_version, self.articles_digest())

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (FTS5 query syntax), best first, with a snippet."""
        try:
            rows = self.db.execute(
                "SELECT a.id, a.title, a.outlet, a.published,"
                " snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet"
                " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise FieldbriefError("bad-query", f"not a valid search query {query!r}: {exc}") from exc
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        tables = (
            "articles",
            "article_sources",
            "removals",
            "statements",
            "places",
            "times",
            "events",
            "stage_errors",
            "rejections",
            "origins",
            "entities",
            "claims",
            "claim_members",
        )
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def rejections(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM rejections ORDER BY source")]


def _article_columns(a: Article) -> tuple[Any, ...]:
    evidence = json.dumps([e.to_json() for e in a.published_evidence], ensure_ascii=False)
    return (a.source, a.url, a.outlet, a.title, a.published, a.published_from, evidence, a.language, a.text)


def _event_row(aid: str, seq: int, e: Any, record: dict[str, Any], stage: tuple[str, str]) -> tuple[Any, ...]:
    return (
        e.id,
        aid,
        seq,
        e.type,
        e.mode,
        e.acled.event_type if e.acled else None,
        e.acled.sub_event_type if e.acled else None,
        e.actor.name if e.actor else None,
        e.actor.actor if e.actor else None,
        e.target.name if e.target else None,
        e.target.actor if e.target else None,
        (e.place.canonical or e.place.name) if e.place else None,
        e.place.lat if e.place else None,
        e.place.lon if e.place else None,
        e.date.date_start if e.date else None,
        e.date.date_end if e.date else None,
        e.date.precision if e.date else None,
        e.status,
        e.according_to,
        e.fatalities,
        e.start,
        e.end,
        e.evidence,
        *stage,
        json.dumps(record),
        e.captured,
    )


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
