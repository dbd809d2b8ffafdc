"""The embedded SQLite store: idempotent (content-hash ids, upserts), migrated in order, searchable (FTS5),
safe to share: WAL journal, short write transactions with a busy timeout and retries (two ingests, or an ingest
and any number of readers, never fail with "database is locked"), and a kill -9 at any point loses at most the
transaction in flight.

store = Store("fieldbrief.db")
store.add(article, provenance)   # -> "added" | "updated" | "unchanged"
store.get(article_id)            # the article as the JSON Lines contract, or None
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

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
from fieldbrief.store.rows import (
    article_row,
    claim_member_rows,
    claim_row,
    entity_row,
    insert_sql,
    origin_rows,
    record_rows,
)

AddResult = Literal["added", "updated", "unchanged"]
CHILD_TABLES = (
    "removals",
    "statements",
    "places",
    "times",
    "events",
    "sentences",
    "figures",
    "stage_errors",
    "article_notes",
)
BUSY_SECONDS = 60.0  # how long one statement waits for another connection's write lock
RETRIES = 5  # then a transaction that still finds the store locked is retried from the start, this often


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (creating and migrating it, unless `readonly`) the store at `path`."""
        self.path = str(path)
        self.readonly = readonly
        try:
            self.db = _connect(self.path, readonly)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA schema_version").fetchone()  # fails at once on a file that is not SQLite
            if not readonly:
                _retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
                self.db.execute("PRAGMA synchronous = NORMAL")  # WAL: durable across crashes, one fsync per checkpoint
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise FieldbriefError("store-open", f"cannot open the store {self.path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def writable(self) -> bool:
        return not self.readonly

    # -- schema -------------------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations this file has not seen yet, in order; returns their numbers."""
        if not self.pending_migrations():
            return []  # the usual case, and a reader's: no write statement at all
        _retry(
            lambda: self.db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
            )
        )
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in self._applied():
                continue
            record = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({}, '{}', '{}');".format(
                version, name.replace("'", "''"), _now()
            )
            try:  # one script, one transaction: a migration applies whole or not at all
                _retry(
                    lambda sql=sql, record=record: self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\n{record}\nCOMMIT;")
                )
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                if version in self._applied():  # another process applied it meanwhile
                    continue
                raise FieldbriefError("store-migrate", f"migration {version} failed: {exc}") from exc
            applied.append(version)
        return applied

    def _applied(self) -> set[int]:
        return {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}

    def pending_migrations(self) -> list[int]:
        """Migrations a read-only store still lacks (it cannot apply them itself)."""
        try:
            done = self._applied()
        except sqlite3.OperationalError:
            done = set()
        return [version for version, _, _ in MIGRATIONS if version not in done]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """A write transaction, taking the write lock at once (BEGIN IMMEDIATE), waiting for it if need be."""
        _retry(lambda: self.db.execute("BEGIN IMMEDIATE"))
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: everything read inside sees one state of the store (WAL snapshot)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------------------------
    def add(self, article: Article, provenance: Mapping[str, str]) -> AddResult:
        """Upsert one article and its records. `provenance` maps stage name -> version."""
        return self.add_many([article], provenance)[0]

    def add_many(self, outcomes: Iterable[Article | Rejection], provenance: Mapping[str, str]) -> list[AddResult]:
        """Store articles and rejections in one transaction (all or nothing); results for the articles."""
        with self._transaction():
            results = []
            for outcome in outcomes:
                if isinstance(outcome, Rejection):
                    self._insert_rejection(outcome)
                else:
                    results.append(self._upsert(outcome, provenance))
            return results

    def _upsert(self, article: Article, provenance: Mapping[str, str]) -> AddResult:
        record = article.to_json()
        # Where it was read from is not content: copies from other sources are noted in article_sources.
        content = {k: v for k, v in record.items() if k != "source"}
        digest = _digest({"article": content, "stages": dict(sorted(provenance.items()))})
        row = self.db.execute("SELECT digest FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None:
            self._add_source(article)
        if row is not None and row["digest"] == digest:
            return "unchanged"
        values = {**article_row(article), "digest": digest}
        if row is not None:
            self._delete_records(article.id)
            columns = [c for c in values if c not in ("id", "source")]
            self.db.execute(
                f"UPDATE articles SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id",
                values,
            )
        else:
            values["ingested_at"] = _now()
            self.db.execute(insert_sql("articles", list(values)), values)
            self._add_source(article)
        for table, rows in record_rows(article, record, provenance).items():
            if rows:
                self.db.executemany(insert_sql(table, list(rows[0])), rows)
        return "updated" if row is not None else "added"

    def _add_source(self, article: Article) -> None:
        self.db.execute(
            insert_sql("article_sources", ["article_id", "source"], "INSERT OR IGNORE"),
            {"article_id": article.id, "source": article.source},
        )

    def add_rejection(self, rejection: Rejection) -> None:
        with self._transaction():
            self._insert_rejection(rejection)

    def _insert_rejection(self, rejection: Rejection) -> None:
        row = {
            "source": rejection.source,
            "code": rejection.code,
            "reason": rejection.reason,
            "container": rejection.container,
            "record_index": rejection.index,
            "first_seen": _now(),
        }
        self.db.execute(insert_sql("rejections", list(row), "INSERT OR IGNORE"), row)

    def _delete_records(self, article_id: str) -> None:
        for table in CHILD_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    # -- reading ------------------------------------------------------------------------------------------
    def get(self, article_id: str) -> dict[str, Any] | None:
        """One article as the JSON Lines contract (plus its `sources`); a unique id prefix is enough."""
        pattern = article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self.snapshot():
            rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,)).fetchall()
            if len(rows) != 1:
                return None
            return article_record(self.db, rows[0])

    def articles(self) -> Iterator[dict[str, Any]]:
        for row in self.db.execute("SELECT * FROM articles ORDER BY published, id").fetchall():
            yield article_record(self.db, row)

    def load_articles(self) -> list[Article]:
        """Every stored article as a typed Article, oldest first."""
        with self.snapshot():
            return [article_from_json(record) for record in self.articles()]

    def load_snapshot(self) -> Snapshot:
        """Every stored article and the digests of exactly those articles, read in one transaction: links
        computed from them are stamped with these digests, so an article stored meanwhile makes them stale."""
        with self.snapshot():
            rows = self.db.execute("SELECT id, digest FROM articles ORDER BY id").fetchall()
            return Snapshot(self.load_articles(), _digest([tuple(r) for r in rows]), {r[0]: r[1] for r in rows})

    def articles_digest(self) -> str:
        """Changes whenever any stored article changes: links computed for another digest are stale."""
        rows = self.db.execute("SELECT id, digest FROM articles ORDER BY id").fetchall()
        return _digest([tuple(r) for r in rows])

    def save_links(self, corpus: Corpus, stage_version: str, snapshot: Snapshot | None = None) -> None:
        """Replace the stored origins, entities and claims with those of `corpus` (derived data: recomputed whole).

        `snapshot` is what the links were computed from (`load_snapshot`); without it, the articles stored now
        are assumed, which is right only when nothing was stored meanwhile."""
        with self._transaction():
            for table in ("claim_members", "claims", "entities", "origins", "link_runs"):
                self.db.execute(f"DELETE FROM {table}")
            self._insert_many("origins", [row for o in corpus.origins for row in origin_rows(o)])
            self._insert_many("entities", [entity_row(e) for e in corpus.entities])
            self._insert_many("claims", [claim_row(c) for c in corpus.claims])
            self._insert_many("claim_members", [row for c in corpus.claims for row in claim_member_rows(c)])
            digest = snapshot.digest if snapshot is not None else self.articles_digest()
            self.db.execute(
                insert_sql("link_runs", ["id", "stage_version", "articles_digest"]),
                {"id": 1, "stage_version": stage_version, "articles_digest": digest},
            )
            if snapshot is not None:  # a trigger marked every article stored now as linked: only these were
                self.db.execute("DELETE FROM link_articles")
                self._insert_many(
                    "link_articles",
                    [{"article_id": aid, "digest": d, "version": stage_version} for aid, d in snapshot.digests.items()],
                )

    def _insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.db.executemany(insert_sql(table, list(rows[0])), rows)

    def load_links(self, articles: list[Article]) -> Corpus:
        """The stored origins, entities and claims around the given articles."""
        with self.snapshot():
            groups: dict[str, list[tuple[str, float]]] = {}
            for row in self.db.execute("SELECT article_id, origin_id, similarity FROM origins ORDER BY article_id"):
                groups.setdefault(row["origin_id"], []).append((row["article_id"], row["similarity"]))
            entities = [entity_from_json(json.loads(r[0])) for r in self.db.execute("SELECT record FROM entities")]
            claims = [
                claim_from_json(json.loads(r[0])) for r in self.db.execute("SELECT record FROM claims ORDER BY id")
            ]
        origins = [
            Origin(oid, [aid for aid, _ in members], min(sim for _, sim in members)) for oid, members in groups.items()
        ]
        return Corpus(articles, origins, entities, claims)

    def links_are_current(self, stage_version: str, articles_digest: str | None = None) -> bool:
        """Whether the stored links were computed by this linker from these articles (default: those stored)."""
        with self.snapshot():
            row = self.db.execute("SELECT stage_version, articles_digest FROM link_runs WHERE id = 1").fetchone()
            digest = articles_digest if articles_digest is not None else self.articles_digest()
        return row is not None and tuple(row) == (stage_version, digest)

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
            *CHILD_TABLES,
            "rejections",
            "origins",
            "entities",
            "claims",
            "claim_members",
        )
        with self.snapshot():
            return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def rejections(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM rejections ORDER BY source")]


@dataclass(frozen=True)
class Snapshot:
    """The stored articles at one moment, with their digests: what a link run was computed from."""

    articles: list[Article]
    digest: str  # over every (id, digest) pair: links stamped with another are stale
    digests: dict[str, str]  # article id -> its digest


def _connect(path: str, readonly: bool) -> sqlite3.Connection:
    """Autocommit mode (transactions are explicit, so DDL is transactional too) with a busy timeout."""
    if readonly:
        uri = "file:" + quote(os.path.abspath(path)) + "?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, isolation_level=None)
    return sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)


def _retry(action: Any) -> Any:
    """Run `action`, again after a pause while the store stays locked past the busy timeout."""
    for attempt in range(RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == RETRIES - 1:
                raise
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def article_record(db: sqlite3.Connection, row: sqlite3.Row, parse: bool = True) -> dict[str, Any]:
    """A stored article (its `articles` row) as the JSON Lines contract, plus the `sources` it was read from;
    without the parse linking reads (`sentences`, `figures`) when `parse` is false (a page shows neither)."""
    aid = row["id"]

    def records(table: str) -> list[dict[str, Any]]:
        rows = db.execute(f"SELECT record FROM {table} WHERE article_id = ? ORDER BY seq", (aid,))
        return [json.loads(r[0]) for r in rows]

    def children(table: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
        rows = db.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY seq", (aid,))
        return [{c: r[c] for c in columns} for r in rows]

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
        "removed": children("removals", ("kind", "text", "reason")),
        "statements": records("statements"),
        "places": records("places"),
        "times": records("times"),
        "events": records("events"),
        "errors": children("stage_errors", ("stage", "error")),
        **({"sentences": records("sentences"), "figures": records("figures")} if parse else {}),
        "notes": children("article_notes", ("code", "detail")),
        "sources": [
            r[0] for r in db.execute("SELECT source FROM article_sources WHERE article_id = ? ORDER BY source", (aid,))
        ],
    }
