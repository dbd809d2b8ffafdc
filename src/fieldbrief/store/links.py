"""Part of the stored links replaced at once: what an incremental re-link found around the articles that changed.

`Store.save_links` replaces every link (a full run); `save_link_delta` replaces only the claims that touched the
re-linked articles, upserts their origins and merges their entities, in one transaction. `link_articles` records
which version of each article the links now reflect; `changed_articles` is what still needs linking.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from fieldbrief.model import Claim, Entity, Origin
from fieldbrief.store.rows import Row, claim_member_rows, claim_row, entity_row, insert_sql, origin_rows


@dataclass
class LinkDelta:
    version: str  # the linker version that computed it
    linked: list[str]  # the articles whose change it accounts for
    origins: list[Origin] = field(default_factory=list)  # copy groups among the re-linked articles
    entities: list[Entity] = field(default_factory=list)  # merged into the stored ones by id
    removed_claims: list[str] = field(default_factory=list)
    added_claims: list[Claim] = field(default_factory=list)


def changed_articles(db: sqlite3.Connection, version: str) -> list[str]:
    """Articles stored or changed since the links were computed, or linked by another linker version."""
    rows = db.execute(
        "SELECT a.id FROM articles a LEFT JOIN link_articles l ON l.article_id = a.id"
        " WHERE l.article_id IS NULL OR l.digest != a.digest OR l.version != ? ORDER BY a.published, a.id",
        (version,),
    )
    return [r[0] for r in rows]


def claims_touching(db: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    return _first_column_in(db, "SELECT DISTINCT claim_id FROM claim_members WHERE article_id IN ({})", article_ids)


def claims_sharing_members(db: sqlite3.Connection, claims: Iterable[Claim]) -> set[str]:
    """Stored claims holding any of the same evidence spans or records as `claims`."""
    records = {m.record_id for c in claims for m in c.members if m.record_id}
    spans = {(m.article_id, m.start, m.end) for c in claims for m in c.members}
    found = _first_column_in(db, "SELECT claim_id FROM claim_members WHERE record_id IN ({})", records)
    for article_id in sorted({a for a, _, _ in spans}):
        for row in db.execute('SELECT claim_id, start, "end" FROM claim_members WHERE article_id = ?', (article_id,)):
            if (article_id, row[1], row[2]) in spans:
                found.add(row[0])
    return found


def member_articles(db: sqlite3.Connection, claim_ids: Iterable[str]) -> set[str]:
    return _first_column_in(db, "SELECT DISTINCT article_id FROM claim_members WHERE claim_id IN ({})", claim_ids)


def origin_mates(db: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    """The articles sharing a stored origin (copy group) with any of `article_ids`, themselves included."""
    ids = set(article_ids)
    mates = "SELECT article_id FROM origins WHERE origin_id IN (SELECT origin_id FROM origins WHERE article_id IN ({}))"
    return ids | _first_column_in(db, mates, ids)


def save_link_delta(db: sqlite3.Connection, delta: LinkDelta) -> None:
    """Write `delta` in one transaction (the connection must be in autocommit mode, as the Store's is)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        _write(db, delta)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _write(db: sqlite3.Connection, delta: LinkDelta) -> None:
    removed = sorted(set(delta.removed_claims))
    for chunk in _chunks(removed):
        db.execute(f"DELETE FROM claim_members WHERE claim_id IN ({_marks(chunk)})", chunk)
        db.execute(f"DELETE FROM claims WHERE id IN ({_marks(chunk)})", chunk)
    added = list({c.id: c for c in delta.added_claims}.values())
    for chunk in _chunks([c.id for c in added]):  # an id already stored elsewhere is recomputed here
        db.execute(f"DELETE FROM claim_members WHERE claim_id IN ({_marks(chunk)})", chunk)
    _insert(db, "claims", [claim_row(c) for c in added], "INSERT OR REPLACE")
    _insert(db, "claim_members", [row for c in added for row in claim_member_rows(c)])
    _insert(db, "origins", [row for o in delta.origins for row in origin_rows(o)], "INSERT OR REPLACE")
    for entity in delta.entities:
        _merge_entity(db, entity)
    db.executemany(
        "INSERT OR REPLACE INTO link_articles SELECT id, digest, ? FROM articles WHERE id = ?",
        [(delta.version, aid) for aid in delta.linked],
    )


def _merge_entity(db: sqlite3.Connection, entity: Entity) -> None:
    row = db.execute("SELECT record FROM entities WHERE id = ?", (entity.id,)).fetchone()
    record = entity.to_json()
    if row is not None:
        stored = json.loads(row[0])
        record["mentions"] = sorted({*stored.get("mentions", []), *entity.mentions})
        record["article_ids"] = sorted({*stored.get("article_ids", []), *entity.article_ids})
    _insert(db, "entities", [entity_row(entity, record)], "INSERT OR REPLACE")


def _insert(db: sqlite3.Connection, table: str, rows: list[Row], verb: str = "INSERT") -> None:
    """Rows given as column -> value mappings: every insert names its columns."""
    if rows:
        db.executemany(insert_sql(table, list(rows[0]), verb), rows)


def _first_column_in(db: sqlite3.Connection, sql: str, values: Iterable[str]) -> set[str]:
    """The first column of `sql` (one `IN ({})` placeholder) over all `values`, asked in chunks SQLite accepts."""
    found: set[str] = set()
    for chunk in _chunks(sorted(set(values))):
        found.update(r[0] for r in db.execute(sql.format(_marks(chunk)), chunk))
    return found


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def related_articles(
    db: sqlite3.Connection, article_ids: list[str], max_share: float, min_df: int, window_days: int, limit: int
) -> list[str]:
    """Stored articles most related to `article_ids`: sharing speakers, actors or sub-country places, rarer ones
    weighing more, published within `window_days` of one of them; best first, at most `limit`."""
    ids = sorted(set(article_ids))
    if not ids:
        return []
    total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    max_df = max(min_df, int(max_share * total))
    marks = _marks(ids)
    lookups = (
        (
            f"SELECT DISTINCT speaker_name FROM statements WHERE article_id IN ({marks}) AND speaker_kind != 'unnamed'",
            1,
            "SELECT DISTINCT article_id FROM statements WHERE speaker_name = ? LIMIT ?",
        ),
        (
            f"SELECT DISTINCT actor_code FROM event_facets WHERE article_id IN ({marks}) AND actor_code IS NOT NULL"
            f" UNION SELECT DISTINCT target_code FROM event_facets WHERE article_id IN ({marks})"
            " AND target_code IS NOT NULL",
            2,
            "SELECT DISTINCT article_id FROM event_facets WHERE actor_code = ? LIMIT ?",
        ),
        (
            f"SELECT DISTINCT actor_name FROM event_facets WHERE article_id IN ({marks}) AND actor_code IS NULL"
            " AND actor_name IS NOT NULL",
            1,
            "SELECT DISTINCT article_id FROM event_facets WHERE actor_name = ? LIMIT ?",
        ),
    )
    scores: dict[str, float] = {}
    for keys_sql, repeats, posting_sql in lookups:
        for (key,) in db.execute(keys_sql, ids * repeats).fetchall():
            _score(db.execute(posting_sql, (key, max_df + 1)).fetchall(), total, max_df, scores)
    points = db.execute(
        f"SELECT DISTINCT lat, lon FROM places WHERE article_id IN ({marks}) AND lat IS NOT NULL"
        " AND COALESCE(feature, '') != 'country'",
        ids,
    ).fetchall()
    for lat, lon in points:
        rows = db.execute(
            "SELECT DISTINCT article_id FROM places WHERE lat = ? AND lon = ? LIMIT ?", (lat, lon, max_df + 1)
        ).fetchall()
        _score(rows, total, max_df, scores)
    for aid in ids:
        scores.pop(aid, None)
    dated = _published(db, list(scores))
    days = [d for d in _published(db, ids).values() if d]
    if days:
        lo, hi = min(days), max(days)
        scores = {a: s for a, s in scores.items() if _within(dated.get(a), lo, hi, window_days)}
    return [a for a, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def _score(rows: list[sqlite3.Row], total: int, max_df: int, scores: dict[str, float]) -> None:
    if not rows or len(rows) > max_df:
        return
    weight = math.log(1 + total / len(rows))
    for (aid,) in rows:
        scores[aid] = scores.get(aid, 0.0) + weight


def _published(db: sqlite3.Connection, ids: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for chunk in _chunks(sorted(ids)):
        for aid, published in db.execute(f"SELECT id, published FROM articles WHERE id IN ({_marks(chunk)})", chunk):
            out[aid] = published[:10] if published else None
    return out


def _within(day: str | None, lo: str, hi: str, window_days: int) -> bool:
    """Published within the window around [lo, hi]; an undated article is never ruled out by its date."""
    if not day:
        return True
    try:
        when = dt.date.fromisoformat(day)
        first, last = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
    except ValueError:
        return True  # an unreadable date does not rule a neighbour out
    return first - dt.timedelta(days=window_days) <= when <= last + dt.timedelta(days=window_days)
