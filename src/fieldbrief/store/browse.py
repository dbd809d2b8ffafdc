"""Read queries for browsing a stored corpus: articles (with full-text search), claims, actors and places.

Like `fieldbrief.store.queries`, every function takes an open `sqlite3.Connection` and pages in SQL. Places are
keyed by their coordinates (`@35.4,69.85`, the gazetteer's point, so events there match exactly) or, when
unresolved, by their name (`~Foo`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from typing import Any

from fieldbrief.store.queries import CLAIM_RANK, EventFilter, day_counts, events_page, rebucket, timeline
from fieldbrief.store.sqlite import article_record

CONTEXT_CHARS = 160
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"  # FTS5 snippet marks: characters no article text is made of
FTS_WORD = re.compile(r"\w+", re.UNICODE)
STATEMENTS = "Statements"  # the series of an actor's timeline that counts what it said


class BadQuery(ValueError):
    """A search query FTS5 cannot read, even with its words quoted."""


# -- articles ------------------------------------------------------------------------------------------------


def resolve_article_id(db: sqlite3.Connection, article_id: str) -> str | None:
    """The id of the one article whose id starts with `article_id` (hex only), or None."""
    if not re.fullmatch(r"[0-9a-f]{1,64}", article_id):
        return None
    rows = db.execute("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (article_id, article_id + "g"))
    found = [r[0] for r in rows]
    return found[0] if len(found) == 1 else None


def article_view(db: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article as the JSON Lines contract, with its sources, its origin and the claims its records are in."""
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    aid = row["id"]
    origin = db.execute("SELECT origin_id, similarity FROM origins WHERE article_id = ?", (aid,)).fetchone()
    origin_id = origin["origin_id"] if origin else aid
    copies = [
        dict(r)
        for r in db.execute(
            "SELECT a.id, a.title, a.outlet, a.published FROM origins o JOIN articles a ON a.id = o.article_id"
            " WHERE o.origin_id = ? AND o.article_id != ? ORDER BY a.published, a.id",
            (origin_id, aid),
        )
    ]
    members = [
        dict(r)
        for r in db.execute(
            'SELECT m.claim_id, m.record_id, m.kind, m.side, m.start, m."end", c.status, c.summary'
            " FROM claim_members m JOIN claims c ON c.id = m.claim_id WHERE m.article_id = ?"
            " ORDER BY m.start, m.claim_id",
            (aid,),
        )
    ]
    return {
        **article_record(db, row, parse=False),
        "ingested_at": row["ingested_at"],
        "origin": {"id": origin_id, "similarity": origin["similarity"] if origin else 1.0, "copies": copies},
        "claims": members,
    }


def articles_page(db: sqlite3.Connection, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Articles newest first, or those matching a full-text query best first, with a snippet of the match."""
    counts = (
        " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events,"
        " (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements"
    )
    if not q or not q.strip():
        total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        rows = db.execute(
            f"SELECT a.id, a.title, a.outlet, a.published, a.url, NULL AS snippet, {counts} FROM articles a"
            " ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return {"total": total, "limit": limit, "offset": offset, "query": None, "items": [dict(r) for r in rows]}
    match = fts_query(db, q)
    total = db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0]
    rows = db.execute(
        f"SELECT a.id, a.title, a.outlet, a.published, a.url,"
        f" snippet(articles_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', ' … ', 16) AS snippet, {counts}"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (match, limit, offset),
    )
    return {"total": total, "limit": limit, "offset": offset, "query": match, "items": [dict(r) for r in rows]}


def fts_query(db: sqlite3.Connection, q: str) -> str:
    """The query as FTS5 reads it; a query FTS5 rejects (stray quotes, operators) is retried as its plain words."""
    for candidate in (q, " ".join(f'"{w}"' for w in FTS_WORD.findall(q))):
        if not candidate.strip():
            continue
        try:
            db.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (candidate,)).fetchall()
        except sqlite3.OperationalError:
            continue
        return candidate
    raise BadQuery(f"not a valid search query: {q!r} (FTS5 syntax, e.g. Panjshir AND resistance)")


# -- claims --------------------------------------------------------------------------------------------------


def claims_page(db: sqlite3.Connection, status: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Claims, contested first, then by independent origins; `q` searches summaries and evidence (case-insensitive)."""
    clauses, params = [], []
    if status:
        clauses.append("c.status = ?")
        params.append(status)
    if q and q.strip():
        like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            "(c.summary LIKE ? ESCAPE '\\' OR c.id IN"
            " (SELECT claim_id FROM claim_members WHERE text LIKE ? ESCAPE '\\' OR speaker LIKE ? ESCAPE '\\'))"
        )
        params += [like, like, like]
    where = " AND ".join(clauses) or "1"
    total = db.execute(f"SELECT COUNT(*) FROM claims c WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT c.record FROM claims c WHERE {where}"
        " ORDER BY CASE c.status WHEN 'contested' THEN 0 WHEN 'corroborated' THEN 1 ELSE 2 END,"
        " c.origin_count DESC, c.summary, c.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [json.loads(r[0]) for r in rows]
    _add_titles(db, [m for c in items for m in c["members"]])
    by_status = {r[0]: r[1] for r in db.execute("SELECT status, COUNT(*) FROM claims GROUP BY status")}
    return {"total": total, "limit": limit, "offset": offset, "by_status": by_status, "items": items}


def claim_view(db: sqlite3.Connection, claim_id: str) -> dict[str, Any] | None:
    """One claim with each member's article (title, date, URL) and the words around its evidence."""
    row = db.execute("SELECT record FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    claim: dict[str, Any] = json.loads(row[0])
    members = claim["members"] + [m for side in claim.get("sides", {}).values() for m in side]
    _add_titles(db, members)
    for member in members:
        member["before"], member["after"] = context(db, member["article_id"], member["start"], member["end"])
    return claim


def _add_titles(db: sqlite3.Connection, members: list[dict[str, Any]]) -> None:
    ids = sorted({m["article_id"] for m in members})
    if not ids:
        return
    rows = db.execute(f"SELECT id, title, published, url FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)
    found = {r["id"]: r for r in rows}
    for member in members:
        article = found.get(member["article_id"])
        member["title"] = article["title"] if article else None
        member["published"] = article["published"] if article else None
        member["url"] = article["url"] if article else None


def context(db: sqlite3.Connection, article_id: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a span, up to its sentence's ends (bounded, so a quote stays short)."""
    left_from = max(0, start - CONTEXT_CHARS)
    row = db.execute(
        "SELECT substr(text, ?, ?), substr(text, ?, ?) FROM articles WHERE id = ?",
        (left_from + 1, start - left_from, end + 1, CONTEXT_CHARS, article_id),
    ).fetchone()
    if row is None:
        return "", ""
    left, right = row[0] or "", row[1] or ""
    left = SENTENCE_END.split(left)[-1]
    match = SENTENCE_END.search(right)
    right = right[: match.start()] if match else right
    return " ".join(left.split()) + (" " if left[-1:].isspace() else ""), (
        (" " if right[:1].isspace() else "") + " ".join(right.split())
    )


# -- actors --------------------------------------------------------------------------------------------------


def actors_page(db: sqlite3.Connection, q: str | None, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Entities (people, groups, states) from the stored links, those in the most articles first."""
    clauses, params = [], []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if q and q.strip():
        clauses.append("(name LIKE ? OR record LIKE ? OR actor = ?)")
        params += [f"%{q.strip()}%", f"%{q.strip()}%", q.strip()]
    where = " AND ".join(clauses) or "1"
    total = db.execute(f"SELECT COUNT(*) FROM entities WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        "SELECT id, name, kind, actor, json_array_length(record, '$.article_ids') AS articles,"
        " json_array_length(record, '$.mentions') AS names"
        f" FROM entities WHERE {where} ORDER BY articles DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    kinds = {r[0]: r[1] for r in db.execute("SELECT kind, COUNT(*) FROM entities GROUP BY kind")}
    return {"total": total, "limit": limit, "offset": offset, "kinds": kinds, "items": [dict(r) for r in rows]}


def actor_view(db: sqlite3.Connection, entity_id: str, limit: int) -> dict[str, Any] | None:
    """What one actor said (statements) and did or suffered (events), newest first, and its events over time."""
    row = db.execute("SELECT record FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    entity: dict[str, Any] = json.loads(row[0])
    names = sorted({entity["name"], *entity.get("mentions", [])})
    code = entity.get("actor")
    marks = ",".join("?" * len(names))
    said_where = f"(s.speaker_name IN ({marks})" + (" OR s.speaker_actor = ?)" if code else ")")
    said_params: list[Any] = [*names, *([code] if code else [])]
    said_total = db.execute(f"SELECT COUNT(*) FROM statements s WHERE {said_where}", said_params).fetchone()[0]
    said = [
        dict(r)
        for r in db.execute(
            "SELECT s.id, s.article_id, s.speaker_name AS speaker, s.speaker_mention AS mention, s.cue, s.channel,"
            ' s.kind, s.content, s.start, s."end", a.title, a.outlet, a.published,'
            " (SELECT c.status FROM claim_members m JOIN claims c ON c.id = m.claim_id WHERE m.record_id = s.id"
            "  ORDER BY CASE c.status WHEN 'contested' THEN 0 WHEN 'corroborated' THEN 1 ELSE 2 END LIMIT 1)"
            "  AS claim_status"
            f" FROM statements s JOIN articles a ON a.id = s.article_id WHERE {said_where}"
            " ORDER BY a.published DESC NULLS LAST, s.article_id, s.seq LIMIT ?",
            [*said_params, limit],
        )
    ]
    acts = EventFilter(actors=tuple([*([code] if code else []), *names]))
    # over time: what it did (events by type) and what it said (statements, at their report's date)
    days = day_counts(db, acts)
    for day, n in db.execute(
        "SELECT substr(a.published, 1, 10) AS day, COUNT(*) FROM statements s JOIN articles a ON a.id = s.article_id"
        f" WHERE {said_where} AND a.published IS NOT NULL GROUP BY day",
        said_params,
    ):
        days.setdefault(day, Counter())[STATEMENTS] += n
    events = events_page(db, acts, limit, 0)
    undated_events = timeline(db, acts)["undated"]
    undated_said = db.execute(
        f"SELECT COUNT(*) FROM statements s JOIN articles a ON a.id = s.article_id WHERE {said_where}"
        " AND a.published IS NULL",
        said_params,
    ).fetchone()[0]
    return {
        "entity": entity,
        "names": names,
        "statements": {"total": said_total, "items": said},
        "events": events,
        "timeline": rebucket(days, undated_events + undated_said),
        "filter": {"actors": list(acts.actors)},
    }


# -- places --------------------------------------------------------------------------------------------------


def place_key(lat: float | None, lon: float | None, name: str) -> str:
    return f"@{lat!r},{lon!r}" if lat is not None and lon is not None else f"~{name}"


def parse_place_key(key: str) -> tuple[float, float] | str | None:
    """(lat, lon) for `@lat,lon`, the name for `~name`, None for anything else."""
    if key.startswith("~") and len(key) > 1:
        return key[1:]
    match = re.fullmatch(r"@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)", key)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def places_page(db: sqlite3.Connection, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Places mentioned, grouped by gazetteer point (unresolved ones by name), in the most articles first."""
    where, params = "1", []
    if q and q.strip():
        where = "name LIKE ?"
        params.append(f"%{q.strip()}%")
    # `+lat`: a scan in table order and one sort beat walking the location index row by row
    grouped = (
        "SELECT lat, lon, CASE WHEN lat IS NULL THEN name END AS unresolved, MAX(name) AS name,"
        " MAX(feature) AS feature, MAX(country) AS country, MAX(admin1) AS admin1,"
        " COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles"
        f" FROM places WHERE {where} GROUP BY +lat, +lon, unresolved"
    )
    rows = db.execute(
        f"SELECT *, COUNT(*) OVER () AS total FROM ({grouped})"
        " ORDER BY (lat IS NULL), articles DESC, mentions DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    total = rows[0]["total"] if rows else db.execute(f"SELECT COUNT(*) FROM ({grouped})", params).fetchone()[0]
    items = []
    for r in rows:
        item = dict(r)
        del item["unresolved"], item["total"]
        if r["lat"] is not None:
            item["name"] = _place_name(db, r["lat"], r["lon"]) or r["name"]
            item["events"] = db.execute(
                "SELECT COUNT(*) FROM event_facets WHERE lat = ? AND lon = ?", (r["lat"], r["lon"])
            ).fetchone()[0]
        else:
            item["events"] = 0
        item["key"] = place_key(r["lat"], r["lon"], r["name"])
        items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _place_name(db: sqlite3.Connection, lat: float, lon: float) -> str | None:
    """The name the place is most often given: events carry the gazetteer's name, mentions the text's."""
    row = db.execute(
        "SELECT place_name FROM event_facets WHERE lat = ? AND lon = ? AND place_name IS NOT NULL"
        " GROUP BY place_name ORDER BY COUNT(*) DESC LIMIT 1",
        (lat, lon),
    ).fetchone()
    if row:
        return str(row[0])
    row = db.execute(
        "SELECT name FROM places WHERE lat = ? AND lon = ? GROUP BY name"
        " ORDER BY substr(name, 1, 1) BETWEEN 'A' AND 'Z' DESC, COUNT(*) DESC LIMIT 1",
        (lat, lon),
    ).fetchone()
    return str(row[0]) if row else None


def place_view(db: sqlite3.Connection, key: str, limit: int) -> dict[str, Any] | None:
    """One place: how it was resolved, its mentions in context, the events there and their timeline."""
    parsed = parse_place_key(key)
    if parsed is None:
        return None
    params: list[Any]
    if isinstance(parsed, str):
        where, params = "p.lat IS NULL AND p.name = ?", [parsed]
    else:
        where, params = "p.lat = ? AND p.lon = ?", [parsed[0], parsed[1]]
    total = db.execute(f"SELECT COUNT(*) FROM places p WHERE {where}", params).fetchone()[0]
    if total == 0:
        return None
    rows = db.execute(
        'SELECT p.article_id, p.name, p.start, p."end", p.record, a.title, a.outlet, a.published'
        f" FROM places p JOIN articles a ON a.id = p.article_id WHERE {where}"
        " ORDER BY a.published DESC NULLS LAST, p.article_id, p.seq LIMIT ?",
        [*params, limit],
    )
    mentions = []
    for r in rows:
        before, after = context(db, r["article_id"], r["start"], r["end"])
        mentions.append(
            {
                "article_id": r["article_id"],
                "name": r["name"],
                "start": r["start"],
                "end": r["end"],
                "title": r["title"],
                "outlet": r["outlet"],
                "published": r["published"],
                "before": before,
                "after": after,
                "resolution": json.loads(r["record"]),
            }
        )
    resolution = mentions[0]["resolution"] if mentions else {}
    view: dict[str, Any] = {
        "key": key,
        "name": resolution.get("name") if isinstance(parsed, str) else (_place_name(db, *parsed) or ""),
        "lat": resolution.get("lat"),
        "lon": resolution.get("lon"),
        "feature": resolution.get("feature"),
        "country": resolution.get("country"),
        "admin1": resolution.get("admin1"),
        "geonameid": resolution.get("geonameid"),
        "names": [r[0] for r in db.execute(f"SELECT DISTINCT p.name FROM places p WHERE {where} ORDER BY 1", params)],
        "mentions": {"total": total, "items": mentions},
    }
    if isinstance(parsed, tuple):
        there = EventFilter(at=parsed)
        view["events"] = events_page(db, there, limit, 0)
        view["timeline"] = timeline(db, there)
        view["filter"] = {"at": [parsed[0], parsed[1]]}
    else:
        view["events"] = {"total": 0, "limit": limit, "offset": 0, "items": []}
        view["timeline"] = None
    return view


# -- the whole store ---------------------------------------------------------------------------------------------


def summary(db: sqlite3.Connection) -> dict[str, Any]:
    """How much the store holds, and the span of its dates."""

    def one(sql: str) -> Any:
        return db.execute(sql).fetchone()[0]

    claims = {r[0]: r[1] for r in db.execute("SELECT status, COUNT(*) FROM claims GROUP BY status")}
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "outlets": one("SELECT COUNT(DISTINCT outlet) FROM articles"),
        "origins": one(
            "SELECT COUNT(DISTINCT COALESCE(o.origin_id, a.id)) FROM articles a"
            " LEFT JOIN origins o ON o.article_id = a.id"
        ),
        "events": one("SELECT COUNT(*) FROM events"),
        "statements": one("SELECT COUNT(*) FROM statements"),
        "places": one("SELECT COUNT(*) FROM places"),
        "rejections": one("SELECT COUNT(*) FROM rejections"),
        "claims": {s: claims.get(s, 0) for s in CLAIM_RANK},
        "entities": one("SELECT COUNT(*) FROM entities"),
        "published_from": one("SELECT MIN(published) FROM articles"),
        "published_to": one("SELECT MAX(published) FROM articles"),
    }
