"""Read queries over the store for exploring a corpus: events filtered, on a map, on a timeline, page by page.

Every function takes an open `sqlite3.Connection` (rows as `sqlite3.Row`) and filters, aggregates and paginates
in SQL, so the answer stays small and fast however many articles the store holds. Events are read from
`event_facets`, the read model that migration 3 keeps in step with `events` by triggers: an event's `day` is its
own date, or the article's publication date with precision `reported`.

    f = EventFilter(date_from="2021-08-01", types=("Battles",))
    markers(db, f); timeline(db, f); events_page(db, f, limit=50, offset=0); facets(db)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from fieldbrief.report.exports import codes

# A claim's status by strength: an event or statement in several claims shows the strongest.
CLAIM_RANK = {"contested": 0, "corroborated": 1, "single-source": 2}
CLAIM_STATUSES = ("contested", "corroborated", "single-source")
UNCLAIMED = "none"  # claim-status filter value: events that no claim holds
OTHER_TYPE = "Other"  # PLOVER events without an ACLED type (consultations, accusations, ...)
EVENT_STATUSES = ("asserted", "claimed", "denied", "planned", "hedged")
Bucket = Literal["day", "week", "month", "year"]
# Buckets: the finest unit that keeps the timeline under about this many bars.
MAX_BUCKETS = 120
TOP_ACTORS = 300


@dataclass(frozen=True)
class EventFilter:
    """What the map, the timeline and the event list show. Empty tuples mean no restriction."""

    date_from: str | None = None  # ISO dates, inclusive; events without any date are left out when either is set
    date_to: str | None = None
    types: tuple[str, ...] = ()  # ACLED event types, PLOVER types, or "Other" (no ACLED type)
    statuses: tuple[str, ...] = ()  # asserted|claimed|denied|planned|hedged
    claim_statuses: tuple[str, ...] = ()  # contested|corroborated|single-source|none
    actors: tuple[str, ...] = ()  # actor codes (exact) or names (case-insensitive), as actor or target
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    at: tuple[float, float] | None = None  # one marker's location
    article_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `event_facets f` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.date_from:
            clauses.append("f.day_end >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("f.day <= ?")
            params.append(self.date_to)
        if self.types:
            acled = [t for t in self.types if t != OTHER_TYPE]
            parts = []
            if acled:
                marks = _marks(acled)
                parts.append(f"f.acled_type IN ({marks}) OR f.type IN ({marks})")
                params += acled + acled
            if OTHER_TYPE in self.types:
                parts.append("f.acled_type IS NULL")
            clauses.append("(" + " OR ".join(parts) + ")")
        if self.statuses:
            clauses.append(f"f.status IN ({_marks(self.statuses)})")
            params += list(self.statuses)
        if self.actors:
            marks = _marks(self.actors)  # codes match exactly; names case-insensitively (NOCASE columns)
            clauses.append(
                f"(f.actor_code IN ({marks}) OR f.target_code IN ({marks})"
                f" OR f.actor_name IN ({marks}) OR f.target_name IN ({marks}))"
            )
            params += list(self.actors) * 4
        if self.claim_statuses:
            clauses.append(_claim_clause(self.claim_statuses, params))
        if self.bbox:
            south, west, north, east = self.bbox
            clauses.append("f.lat BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                clauses.append("f.lon BETWEEN ? AND ?")
                params += [west, east]
            else:  # the view crosses the antimeridian
                clauses.append("(f.lon >= ? OR f.lon <= ?)")
                params += [west, east]
        if self.at:
            clauses.append("f.lat = ? AND f.lon = ?")
            params += list(self.at)
        if self.article_id:
            clauses.append("f.article_id = ?")
            params.append(self.article_id)
        return (" AND ".join(clauses) or "1"), params

    def undated(self) -> EventFilter:
        """The same filter without its dates (the timeline counts what a date range would leave out)."""
        return EventFilter(None, None, self.types, self.statuses, self.claim_statuses, self.actors, self.bbox, self.at)


def _marks(values: Any) -> str:
    return ",".join("?" * len(values))


def _claim_clause(statuses: tuple[str, ...], params: list[Any]) -> str:
    held = [s for s in statuses if s != UNCLAIMED]
    parts = []
    if held:
        parts.append(
            "EXISTS (SELECT 1 FROM claim_members m JOIN claims c ON c.id = m.claim_id"
            f" WHERE m.record_id = f.event_id AND c.status IN ({_marks(held)}))"
        )
        params += held
    if UNCLAIMED in statuses:
        parts.append("NOT EXISTS (SELECT 1 FROM claim_members m WHERE m.record_id = f.event_id)")
    return "(" + " OR ".join(parts) + ")"


def geo_precision(feature: str | None) -> int:
    """ACLED's geo_precision for a gazetteer feature: 1 a town, 2 an area near one, 3 a province or wider."""
    table = codes()
    return int(table.geo_precision.get(feature or "", table.default_geo_precision))


# -- map -----------------------------------------------------------------------------------------------------


@dataclass
class Marker:
    lat: float
    lon: float
    place: str
    feature: str | None
    country: str | None
    geo_precision: int
    events: int = 0
    origins: int = 0
    fatalities: int = 0
    types: dict[str, int] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return max(self.types.items(), key=lambda kv: (kv[1], kv[0]))[0] if self.types else OTHER_TYPE

    def to_json(self) -> dict[str, Any]:
        return {
            "lat": self.lat,
            "lon": self.lon,
            "place": self.place,
            "feature": self.feature,
            "country": self.country,
            "geo_precision": self.geo_precision,
            "events": self.events,
            "origins": self.origins,
            "fatalities": self.fatalities,
            "type": self.type,
            "types": self.types,
        }


def markers(db: sqlite3.Connection, f: EventFilter) -> list[Marker]:
    """Located events grouped by location: counts per type, independent origins, reported deaths.

    Deaths: the highest figure any report gives for one happening (same place, day and type), summed over the
    happenings there, so two outlets reporting one toll do not double it. One statement: the filter is evaluated
    once (a materialised selection), then aggregated three ways.
    """
    where, params = f.where()
    rows = db.execute(
        # `+f.lat`: a scan in table order beats walking the location index and fetching every row from it
        "WITH sel AS MATERIALIZED (SELECT f.lat, f.lon, COALESCE(f.acled_type, ?) AS kind, f.day, f.type,"
        " f.fatalities, COALESCE(f.origin_id, f.article_id) AS origin, f.place_name, f.feature, f.country"
        f" FROM event_facets f WHERE {where} AND +f.lat IS NOT NULL AND +f.lon IS NOT NULL)"
        " SELECT lat, lon, kind, COUNT(*) AS n, MAX(place_name) AS place, MAX(feature) AS feature,"
        "  MAX(country) AS country FROM sel GROUP BY lat, lon, kind"
        " UNION ALL SELECT lat, lon, ?, COUNT(DISTINCT origin), NULL, NULL, NULL FROM sel GROUP BY lat, lon"
        " UNION ALL SELECT lat, lon, ?, SUM(deaths), NULL, NULL, NULL FROM (SELECT lat, lon, MAX(fatalities) AS deaths"
        "  FROM sel WHERE fatalities IS NOT NULL GROUP BY lat, lon, day, type) GROUP BY lat, lon",
        [OTHER_TYPE, *params, _ORIGINS, _DEATHS],
    ).fetchall()
    found: dict[tuple[float, float], Marker] = {}
    for row in rows:
        if row["kind"] in (_ORIGINS, _DEATHS):
            continue
        key = (row["lat"], row["lon"])
        marker = found.get(key)
        if marker is None:
            feature = row["feature"]
            marker = found[key] = Marker(
                row["lat"], row["lon"], row["place"] or "", feature, row["country"], geo_precision(feature)
            )
        marker.types[row["kind"]] = row["n"]
        marker.events += row["n"]
    for row in rows:
        if row["kind"] == _ORIGINS:
            found[(row["lat"], row["lon"])].origins = row["n"]
        elif row["kind"] == _DEATHS:
            found[(row["lat"], row["lon"])].fatalities = int(row["n"] or 0)
    return sorted(found.values(), key=lambda m: (-m.events, m.lat, m.lon))


_ORIGINS, _DEATHS = "\x00origins", "\x00deaths"  # row kinds of the map query that are not event types


def unlocated_count(db: sqlite3.Connection, f: EventFilter) -> int:
    where, params = f.where()
    return int(db.execute(f"SELECT COUNT(*) FROM event_facets f WHERE {where} AND f.lat IS NULL", params).fetchone()[0])


# -- timeline ------------------------------------------------------------------------------------------------


def choose_bucket(first: str, last: str) -> Bucket:
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
    if days <= MAX_BUCKETS:
        return "day"
    if days <= MAX_BUCKETS * 7:
        return "week"
    if days <= MAX_BUCKETS * 31:
        return "month"
    return "year"


BUCKET_SQL: dict[str, str] = {
    "day": "f.day",
    "week": "date(f.day, '-6 days', 'weekday 1')",  # the Monday on or before the day
    "month": "substr(f.day, 1, 7) || '-01'",
    "year": "substr(f.day, 1, 4) || '-01-01'",
}


def bucket_end(start: str, unit: Bucket) -> str:
    day = dt.date.fromisoformat(start)
    if unit == "day":
        end = day
    elif unit == "week":
        end = day + dt.timedelta(days=6)
    elif unit == "month":
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end = following - dt.timedelta(days=1)
    else:
        end = day.replace(month=12, day=31)
    return end.isoformat()


def timeline(db: sqlite3.Connection, f: EventFilter, unit: Bucket | None = None) -> dict[str, Any]:
    """Events per period and type. Periods are days, weeks, months or years, whichever keeps the bars few.

    `coarse` counts the events in a bar whose own date is only known to the week, month or year (placed at its
    start); `undated` the events the same filter matches that have no date at all.
    """
    where, params = f.where()
    dated = f"{where} AND f.day IS NOT NULL"
    first, last = db.execute(f"SELECT MIN(f.day), MAX(f.day) FROM event_facets f WHERE {dated}", params).fetchone()
    undated_where, undated_params = f.undated().where()
    undated = db.execute(
        f"SELECT COUNT(*) FROM event_facets f WHERE {undated_where} AND f.day IS NULL", undated_params
    ).fetchone()[0]
    if first is None:
        return {"unit": unit or "day", "from": None, "to": None, "buckets": [], "undated": undated, "total": 0}
    unit = unit or choose_bucket(_valid_day(first), _valid_day(last))
    bucket = BUCKET_SQL[unit]
    rows = db.execute(
        f"SELECT {bucket} AS start, COALESCE(f.acled_type, ?) AS kind, COUNT(*) AS n,"
        " SUM(f.precision IN ('week', 'month', 'year')) AS coarse"
        f" FROM event_facets f WHERE {dated} GROUP BY start, kind ORDER BY start",
        [OTHER_TYPE, *params],
    )
    buckets: dict[str, dict[str, Any]] = {}
    total = 0
    for row in rows:
        if row["start"] is None:  # a malformed date in the store: counted nowhere rather than misplaced
            continue
        b = buckets.setdefault(
            row["start"],
            {"start": row["start"], "end": bucket_end(row["start"], unit), "total": 0, "coarse": 0, "types": {}},
        )
        b["types"][row["kind"]] = row["n"]
        b["total"] += row["n"]
        b["coarse"] += row["coarse"] or 0
        total += row["n"]
    return {
        "unit": unit,
        "from": first,
        "to": last,
        "buckets": list(buckets.values()),
        "undated": undated,
        "total": total,
    }


def day_counts(db: sqlite3.Connection, f: EventFilter) -> dict[str, Counter[str]]:
    """Events per day and type (day-level rows to merge with another series, e.g. statements)."""
    where, params = f.where()
    out: dict[str, Counter[str]] = {}
    for row in db.execute(
        f"SELECT f.day, COALESCE(f.acled_type, ?) AS kind, COUNT(*) FROM event_facets f WHERE {where}"
        " AND f.day IS NOT NULL GROUP BY f.day, kind",
        [OTHER_TYPE, *params],
    ):
        out.setdefault(row[0], Counter())[row[1]] += row[2]
    return out


def rebucket(days: dict[str, Counter[str]], undated: int = 0) -> dict[str, Any]:
    """Day-level counts per series as a timeline (the shape `timeline` answers), periods chosen by the span."""
    valid = sorted(d for d in days if _valid_day(d) == d)
    if not valid:
        return {"unit": "day", "from": None, "to": None, "buckets": [], "undated": undated, "total": 0}
    unit = choose_bucket(valid[0], valid[-1])
    buckets: dict[str, dict[str, Any]] = {}
    for day in valid:
        start = _bucket_start(day, unit)
        b = buckets.setdefault(
            start, {"start": start, "end": bucket_end(start, unit), "total": 0, "coarse": 0, "types": {}}
        )
        for kind, n in days[day].items():
            b["types"][kind] = b["types"].get(kind, 0) + n
            b["total"] += n
    ordered = [buckets[k] for k in sorted(buckets)]
    return {
        "unit": unit,
        "from": valid[0],
        "to": valid[-1],
        "buckets": ordered,
        "undated": undated,
        "total": sum(b["total"] for b in ordered),
    }


def _bucket_start(day: str, unit: Bucket) -> str:
    date = dt.date.fromisoformat(day)
    if unit == "week":
        date -= dt.timedelta(days=date.weekday())
    elif unit == "month":
        date = date.replace(day=1)
    elif unit == "year":
        date = date.replace(month=1, day=1)
    return date.isoformat()


def _valid_day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return "1970-01-01"


# -- the event list --------------------------------------------------------------------------------------------


EVENT_SORTS = {
    "date": "f.day DESC NULLS LAST, f.article_id, f.seq",
    "date-asc": "f.day ASC NULLS LAST, f.article_id, f.seq",
    "fatalities": "f.fatalities DESC NULLS LAST, f.day DESC, f.article_id, f.seq",
}


def events_page(db: sqlite3.Connection, f: EventFilter, limit: int, offset: int, sort: str = "date") -> dict[str, Any]:
    """One page of events with their article, evidence and strongest claim; `total` counts them all."""
    where, params = f.where()
    total = db.execute(f"SELECT COUNT(*) FROM event_facets f WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        'SELECT f.*, e.evidence, e.start, e."end", e.mode, e.captured, e.acled_sub_event_type AS sub_type,'
        " e.according_to,"
        " e.actor_name AS actor, e.target_name AS target, a.title, a.outlet, a.published,"
        " COALESCE(f.origin_id, f.article_id) AS origin_id,"
        " (SELECT c.status FROM claim_members m JOIN claims c ON c.id = m.claim_id WHERE m.record_id = f.event_id"
        "  ORDER BY CASE c.status WHEN 'contested' THEN 0 WHEN 'corroborated' THEN 1 ELSE 2 END LIMIT 1)"
        "  AS claim_status,"
        " (SELECT m.claim_id FROM claim_members m JOIN claims c ON c.id = m.claim_id WHERE m.record_id = f.event_id"
        "  ORDER BY CASE c.status WHEN 'contested' THEN 0 WHEN 'corroborated' THEN 1 ELSE 2 END LIMIT 1)"
        "  AS claim_id"
        " FROM event_facets f JOIN events e ON e.article_id = f.article_id AND e.seq = f.seq"
        " JOIN articles a ON a.id = f.article_id"
        f" WHERE {where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": [_event_item(r) for r in rows]}


def _event_item(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": r["event_id"],
        "article_id": r["article_id"],
        "type": r["type"],
        "mode": r["mode"],
        "acled_type": r["acled_type"],
        "acled_sub_type": r["sub_type"],
        "status": r["status"],
        "according_to": r["according_to"],
        "actor": r["actor"],
        "actor_code": r["actor_code"],
        "target": r["target"],
        "target_code": r["target_code"],
        "place": r["place_name"],
        "lat": r["lat"],
        "lon": r["lon"],
        "feature": r["feature"],
        "geo_precision": geo_precision(r["feature"]) if r["lat"] is not None else None,
        "day": r["day"],
        "day_end": r["day_end"],
        "precision": r["precision"],
        "fatalities": r["fatalities"],
        "captured": r["captured"],
        "evidence": r["evidence"],
        "start": r["start"],
        "end": r["end"],
        "title": r["title"],
        "outlet": r["outlet"],
        "published": r["published"],
        "origin_id": r["origin_id"],
        "claim_status": r["claim_status"],
        "claim_id": r["claim_id"],
    }


# -- what there is to filter on ----------------------------------------------------------------------------------


def facets(db: sqlite3.Connection) -> dict[str, Any]:
    """The values each filter can take, with how many events have them, and the span of dates."""

    def counts(sql: str, *params: Any) -> list[dict[str, Any]]:
        return [{"value": r[0], "events": r[1]} for r in db.execute(sql, params)]

    first, last = db.execute("SELECT MIN(day), MAX(day) FROM event_facets WHERE day IS NOT NULL").fetchone()
    claim_counts = Counter(
        {
            r[0]: r[1]
            for r in db.execute(
                "SELECT c.status, COUNT(DISTINCT m.record_id) FROM claims c JOIN claim_members m ON m.claim_id = c.id"
                " WHERE m.kind = 'event' GROUP BY c.status"
            )
        }
    )
    return {
        "from": first,
        "to": last,
        "event_types": counts(
            "SELECT COALESCE(acled_type, ?) AS t, COUNT(*) FROM event_facets GROUP BY t ORDER BY 2 DESC", OTHER_TYPE
        ),
        "plover_types": counts("SELECT type, COUNT(*) FROM event_facets GROUP BY type ORDER BY 2 DESC"),
        "statuses": counts("SELECT status, COUNT(*) FROM event_facets GROUP BY status ORDER BY 2 DESC"),
        "claim_statuses": [{"value": s, "events": claim_counts.get(s, 0)} for s in CLAIM_STATUSES],
        "actors": actor_choices(db),
    }


def actor_choices(db: sqlite3.Connection, limit: int = TOP_ACTORS) -> list[dict[str, Any]]:
    """Actors and targets of events, most frequent first: a code where the dictionary knows one, else the name."""
    rows = db.execute(
        "SELECT key, MAX(label) AS label, SUM(n) AS n FROM ("
        " SELECT COALESCE(actor_code, actor_name) AS key, actor_name AS label, COUNT(*) AS n"
        "  FROM event_facets WHERE actor_name IS NOT NULL GROUP BY key"
        " UNION ALL"
        " SELECT COALESCE(target_code, target_name), target_name, COUNT(*)"
        "  FROM event_facets WHERE target_name IS NOT NULL GROUP BY 1"
        ") GROUP BY key ORDER BY n DESC, key LIMIT ?",
        (limit,),
    )
    names = {r[0]: r[1] for r in db.execute("SELECT actor, name FROM entities WHERE actor IS NOT NULL")}
    return [{"value": r["key"], "label": names.get(r["key"]) or r["label"], "events": r["n"]} for r in rows]
