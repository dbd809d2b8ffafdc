"""Rows for the store's tables, as column -> value mappings: every INSERT names its columns (one home for
which value goes in which column, instead of positional tuples that silently shift when a column is added)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from fieldbrief.model import Article, Claim, Entity, Event, Figure, Origin, Place, Statement, TimeRef

Row = dict[str, Any]

# Which stage fills which record table; the store records that stage's name and version on every row.
RECORD_STAGES = {
    "statements": "statements",
    "places": "places",
    "times": "times",
    "events": "events",
    "sentences": "sentences",
    "figures": "figures",
}


def insert_sql(table: str, columns: Sequence[str], verb: str = "INSERT") -> str:
    """`INSERT INTO table (a, "end") VALUES (:a, :end)` for rows given as mappings."""
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f":{c}" for c in columns)
    return f"{verb} INTO {table} ({names}) VALUES ({values})"


def article_row(article: Article) -> Row:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_from": article.published_from,
        "published_evidence": json.dumps([e.to_json() for e in article.published_evidence], ensure_ascii=False),
        "language": article.language,
        "text": article.text,
    }


def record_rows(article: Article, record: Mapping[str, Any], provenance: Mapping[str, str]) -> dict[str, list[Row]]:
    """Every child row of one article, by table."""
    aid = article.id

    def stage(table: str) -> Row:
        name = RECORD_STAGES[table]
        return {"stage": name, "stage_version": provenance.get(name, "unknown")}

    def records(table: str) -> list[Any]:
        return list(record[table])

    return {
        "removals": [
            {"article_id": aid, "seq": i, "kind": r.kind, "reason": r.reason, "text": r.text}
            for i, r in enumerate(article.removed)
        ],
        "statements": [
            {**_statement(s), "article_id": aid, "seq": i, **stage("statements"), "record": json.dumps(j)}
            for i, (s, j) in enumerate(zip(article.statements, records("statements"), strict=True))
        ],
        "places": [
            {**_place(p), "article_id": aid, "seq": i, **stage("places"), "record": json.dumps(j)}
            for i, (p, j) in enumerate(zip(article.places, records("places"), strict=True))
        ],
        "times": [
            {**_time(t), "article_id": aid, "seq": i, **stage("times"), "record": json.dumps(j)}
            for i, (t, j) in enumerate(zip(article.times, records("times"), strict=True))
        ],
        "events": [
            {**_event(e), "article_id": aid, "seq": i, **stage("events"), "record": json.dumps(j)}
            for i, (e, j) in enumerate(zip(article.events, records("events"), strict=True))
        ],
        "sentences": [
            {"article_id": aid, "seq": i, "start": x.start, "end": x.end, **stage("sentences"), "record": json.dumps(j)}
            for i, (x, j) in enumerate(zip(article.sentences, records("sentences"), strict=True))
        ],
        "figures": [
            {**_figure(f), "article_id": aid, "seq": i, **stage("figures"), "record": json.dumps(j)}
            for i, (f, j) in enumerate(zip(article.figures, records("figures"), strict=True))
        ],
        "stage_errors": [
            {"article_id": aid, "seq": i, "stage": e.stage, "error": e.error} for i, e in enumerate(article.errors)
        ],
        "article_notes": [
            {"article_id": aid, "seq": i, "code": n.code, "detail": n.detail} for i, n in enumerate(article.notes)
        ],
    }


def _statement(s: Statement) -> Row:
    return {
        "id": s.id,
        "speaker_name": s.speaker.name,
        "speaker_mention": s.speaker.mention,
        "speaker_kind": s.speaker.kind,
        "speaker_actor": s.speaker.actor,
        "cue": s.cue,
        "channel": s.channel,
        "kind": s.kind,
        "mode": s.mode,
        "factuality": s.factuality,
        "attribution": s.attribution,
        "content": s.content,
        "start": s.start,
        "end": s.end,
        "parts": json.dumps([[start, end] for start, end in s.parts], separators=(",", ":")),
    }


def _place(p: Place) -> Row:
    return {
        "name": p.name,
        "start": p.start,
        "end": p.end,
        "lat": p.lat,
        "lon": p.lon,
        "feature": p.feature,
        "country": p.country,
        "admin1": p.admin1,
        "geonameid": p.geonameid,
    }


def _time(t: TimeRef) -> Row:
    return {
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "date_start": t.date_start,
        "date_end": t.date_end,
        "precision": t.precision,
    }


def _figure(f: Figure) -> Row:
    return {
        "kind": f.kind,
        "low": f.low,
        "high": f.high,
        "qualifier": f.qualifier,
        "start": f.start,
        "end": f.end,
        "source": f.source,
    }


def _event(e: Event) -> Row:
    return {
        "id": e.id,
        "type": e.type,
        "mode": e.mode,
        "acled_event_type": e.acled.event_type if e.acled else None,
        "acled_sub_event_type": e.acled.sub_event_type if e.acled else None,
        "actor_name": e.actor.name if e.actor else None,
        "actor_code": e.actor.actor if e.actor else None,
        "target_name": e.target.name if e.target else None,
        "target_code": e.target.actor if e.target else None,
        "place_name": (e.place.canonical or e.place.name) if e.place else None,
        "lat": e.place.lat if e.place else None,
        "lon": e.place.lon if e.place else None,
        "date_start": e.date.date_start if e.date else None,
        "date_end": e.date.date_end if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "status": e.status,
        "according_to": e.according_to,
        "fatalities": e.fatalities,
        "captured": e.captured,
        "start": e.start,
        "end": e.end,
        "evidence": e.evidence,
    }


# -- links ------------------------------------------------------------------------------------------------------


def claim_row(c: Claim) -> Row:
    return {
        "id": c.id,
        "summary": c.summary,
        "kind": c.kind,
        "status": c.status,
        "event_type": c.event_type,
        "why": c.why,
        "origin_count": len(c.origins),
        "record": json.dumps(c.to_json()),
    }


def claim_member_rows(c: Claim) -> list[Row]:
    return [
        {
            "claim_id": c.id,
            "seq": i,
            "article_id": m.article_id,
            "origin_id": m.origin_id,
            "kind": m.kind,
            "record_id": m.record_id,
            "side": m.side,
            "speaker": m.speaker,
            "value": m.value,
            "text": m.text,
            "start": m.start,
            "end": m.end,
        }
        for i, m in enumerate(c.members)
    ]


def origin_rows(o: Origin) -> list[Row]:
    return [{"article_id": aid, "origin_id": o.id, "similarity": o.similarity} for aid in o.article_ids]


def entity_row(e: Entity, record: dict[str, Any] | None = None) -> Row:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "actor": e.actor,
        "record": json.dumps(record if record is not None else e.to_json()),
    }
