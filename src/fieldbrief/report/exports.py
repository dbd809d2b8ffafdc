"""Standard exports of a linked corpus: ACLED CSV (report/acled.py), PLOVER JSON, GeoJSON of events, JSON Lines
of articles, and Datasette metadata for the store (report/datasette.py).

Every event record carries fieldbrief's own fields too (status, according_to, evidence span, claim status), so
it can always be traced back to its sentence. The PLOVER records are described by the JSON Schema in
data/plover-export.schema.json; the GeoJSON follows RFC 7946 (longitude first, WGS 84, no `crs` member, flat
properties).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from fieldbrief.model import ActorRef, Article, Corpus, Event
from fieldbrief.report.acled import ACLED_COLUMNS, COLUMNS, acled_country, export_acled_csv
from fieldbrief.report.common import (
    claim_status_by_record,
    codes,
    country_iso3,
    event_date,
    event_id,
    events_of,
    evidence_ref,
)
from fieldbrief.report.places import PlaceFacts, PlaceIndex

__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "PLOVER_SCHEMA",
    "PLOVER_VERSION",
    "claim_status_by_record",
    "codes",
    "export_acled_csv",
    "export_geojson",
    "export_jsonl",
    "export_plover_json",
    "geojson_feature",
    "plover_record",
]

PLOVER_VERSION = "fieldbrief-plover-2"
PLOVER_SCHEMA = "plover-export.schema.json"  # in fieldbrief.data


def _plover_actor(ref: ActorRef | None) -> list[dict[str, str]]:
    if ref is None or not ref.name:
        return []
    actor = {"actorText": ref.name}
    if ref.actor:
        actor["code"] = ref.actor
    return [actor]


def _geolocation(event: Event, facts: PlaceFacts | None) -> dict[str, Any] | None:
    place = event.place
    if place is None:
        return None
    return {
        "placeName": place.canonical or place.name,
        "lat": place.lat,
        "lon": place.lon,
        "featureType": place.feature,
        "country": country_iso3(place.country) or None,
        "admin1": (facts.admin1 if facts else place.admin1) or None,
        "admin2": (facts.admin2 if facts else None) or None,
        "geonamesID": facts.geonameid if facts else place.geonameid,
        "geonamesScope": facts.scope if facts else ("place" if place.geonameid else None),
        "geonamesFeatureCode": (facts.feature_code if facts else "") or None,
    }


def plover_record(
    article: Article, event: Event, claim_status: str = "", places: PlaceIndex | None = None
) -> dict[str, Any]:
    """One event in the PLOVER JSON field names (as in the PLOVER gold-standard records), with `enddate` of the
    PLOVER manual, a GeoNames-keyed `geolocation` and fieldbrief's provenance."""
    when = event_date(article, event)
    facts = places.facts(event.place) if places is not None and event.place is not None else None
    evidence = " ".join(event.evidence.split())
    return {
        "id": event_id(article, event),
        "date": when.start,
        "enddate": when.end,
        "dateResolution": when.precision,
        "source": _plover_actor(event.actor),
        "target": _plover_actor(event.target),
        "event": event.type,
        "mode": event.mode or "",
        "context": "",
        "quadClass": codes().quad.get(event.type, ""),
        "eventText": evidence,
        "text": evidence,
        "dead": event.fatalities,
        "geolocation": _geolocation(event, facts),
        "language": article.language,
        "publication": article.outlet,
        "publicationDate": article.published,
        "url": article.url,
        "version": PLOVER_VERSION,
        "acled": event.acled.to_json() if event.acled else None,
        "fieldbrief": {
            "status": event.status,
            "according_to": event.according_to,
            "claim_status": claim_status or None,
            "captured": event.captured,
            "date_text": event.date.text if event.date and event.date.text else None,
            "article_id": article.id,
            "start": event.start,
            "end": event.end,
        },
    }


def export_plover_json(corpus: Corpus, out: TextIO, *, places: PlaceIndex | None = None) -> None:
    """A JSON array of PLOVER event records (schema: data/plover-export.schema.json)."""
    index = places or PlaceIndex.default()
    claims = claim_status_by_record(corpus.claims)
    records = [plover_record(a, e, claims.get(e.id, ""), index) for a, e in events_of(corpus)]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")


def geojson_feature(
    article: Article, event: Event, claim_status: str | None, places: PlaceIndex | None
) -> dict[str, Any] | None:
    """A Point feature for an event with coordinates; its properties are flat (strings, numbers or null) and of
    one type each across features, as GIS tools (GDAL/OGR, so QGIS and geopandas) expect."""
    place = event.place
    if place is None or place.lat is None or place.lon is None:
        return None
    facts = places.facts(place) if places is not None else None
    when = event_date(article, event)
    ident = event_id(article, event)
    properties: dict[str, Any] = {
        "event_id": ident,
        "article_id": article.id,
        "plover_type": event.type,
        "mode": event.mode,
        "event_type": event.acled.event_type if event.acled else None,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "status": event.status,
        "according_to": event.according_to,
        "claim_status": claim_status,
        "actor": event.actor.name if event.actor else None,
        "actor_code": event.actor.actor if event.actor else None,
        "target": event.target.name if event.target else None,
        "target_code": event.target.actor if event.target else None,
        "date": when.start,
        "date_end": when.end,
        "date_precision": when.precision,
        "place": place.canonical or place.name,
        "feature": place.feature,
        "country": place.country,
        "country_name": acled_country(place.country) or None,
        "admin1": (facts.admin1 if facts else place.admin1) or None,
        "admin2": (facts.admin2 if facts else None) or None,
        "geonameid": facts.geonameid if facts else place.geonameid,
        "geonames_scope": facts.scope if facts else None,
        "fatalities": event.fatalities,
        "captured": event.captured,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "evidence": " ".join(event.evidence.split()),
        "evidence_ref": evidence_ref(article, event),
    }
    return {
        "type": "Feature",
        "id": ident,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def export_geojson(corpus: Corpus, out: TextIO, *, places: PlaceIndex | None = None) -> None:
    """An RFC 7946 FeatureCollection of the events that have coordinates (Point geometries, [lon, lat])."""
    index = places or PlaceIndex.default()
    claims = claim_status_by_record(corpus.claims)
    features = [
        feature
        for article, event in events_of(corpus)
        if (feature := geojson_feature(article, event, claims.get(event.id), index)) is not None
    ]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def export_jsonl(corpus: Corpus, out: TextIO) -> None:
    """The articles in the JSON Lines contract, each with its origin (wire-copy group) added."""
    for article in corpus.articles:
        record = article.to_json()
        record["origin"] = corpus.origin_of(article.id)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
