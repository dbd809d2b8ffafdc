"""What the exports say about an event's place beyond the contract: its GeoNames id, or the id of the smallest
GeoNames division that contains it, and its second-level division (ACLED's admin2), read from the gazetteer.

A place resolved to a GeoNames record (a town, a country, a first- or second-level division) has its own id.
Curated places GeoNames has no record of in the gazetteer's sources (the Panjshir Valley, the Hindu Kush) take
the id of the division they lie in, and say so (`scope`: "admin2", "admin1" or "country" instead of "place";
a region of no one country, such as "Eastern Europe", the continent of the country nearest its point),
so a user joining on GeoNames ids gets the right area and knows it is wider than the place. Stores written
before divisions carried ids are read the same way, so nothing has to be ingested again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from fieldbrief.extract.gazetteer import Gazetteer, GazetteerEntry, name_key
from fieldbrief.model import Place
from fieldbrief.report.common import country_continent

Scope = Literal["place", "admin2", "admin1", "country", "continent"]
MATCH_DEGREES = 0.05  # a stored place and a gazetteer row of its name are the same place within this distance
CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class PlaceFacts:
    geonameid: int | None  # the place's own GeoNames id, or its containing division's (see scope)
    scope: Scope | None  # what the id denotes: the place itself or the division containing it
    feature_code: str  # the GeoNames feature code of that id's record, where known (PPLA, ADM1, PCLI, ...)
    admin1: str | None
    admin2: str | None


DIVISION_SCOPES: dict[str, Scope] = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country", "CONT": "continent"}
CONTINENTS = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
    "AN": "Antarctica",
}


class PlaceIndex:
    """Place facts from the gazetteer (or, without one, from the place alone), cached per place."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[object, ...], PlaceFacts] = {}

    @classmethod
    def default(cls) -> PlaceIndex:
        """The shipped gazetteer (built first if it is missing or stale)."""
        return cls(Gazetteer.load())

    def facts(self, place: Place) -> PlaceFacts:
        key = (
            place.geonameid,
            place.canonical or place.name,
            place.country,
            place.admin1,
            place.feature,
            place.lat,
            place.lon,
        )
        found = self._cache.get(key)
        if found is None:
            found = self._facts(place)
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _facts(self, place: Place) -> PlaceFacts:
        gaz = self.gazetteer
        if gaz is None:
            own = place.geonameid
            return PlaceFacts(own, "place" if own else None, "", place.admin1, None)
        entry = gaz.by_geonameid(place.geonameid) if place.geonameid else self._same_place(gaz, place)
        admin1 = place.admin1 or (entry.admin1 if entry else None)
        admin2 = entry.admin2 if entry else None
        own = place.geonameid or (entry.geonameid if entry else None)
        if own:
            return PlaceFacts(own, "place", entry.feature_code if entry else "", admin1, admin2)
        division = self._containing(gaz, place.country, admin1, admin2) or self._continent(gaz, place)
        if division is None or division.geonameid is None:
            return PlaceFacts(None, None, "", admin1, admin2)
        return PlaceFacts(
            division.geonameid,
            DIVISION_SCOPES.get(division.feature_code, "admin1"),
            division.feature_code,
            admin1,
            admin2,
        )

    @staticmethod
    def _same_place(gaz: Gazetteer, place: Place) -> GazetteerEntry | None:
        """The gazetteer row a stored place was resolved to: same name, country and feature, at its point."""
        if place.lat is None or place.lon is None:
            return None
        for name in dict.fromkeys(n for n in (place.canonical, place.name) if n):
            for entry in gaz.candidates(name_key(name)):
                if (
                    entry.country == place.country
                    and entry.feature == place.feature
                    and abs(entry.lat - place.lat) <= MATCH_DEGREES
                    and abs(entry.lon - place.lon) <= MATCH_DEGREES
                ):
                    return entry
        return None

    @staticmethod
    def _continent(gaz: Gazetteer, place: Place) -> GazetteerEntry | None:
        """A place in no one country: the continent of the country whose point is nearest."""
        if place.country or place.lat is None or place.lon is None:
            return None
        lat, lon = place.lat, place.lon
        scale = math.cos(math.radians(lat))
        nearest = min(
            gaz.countries(), key=lambda c: (c.lat - lat) ** 2 + ((c.lon - lon + 180) % 360 - 180) ** 2 * scale**2
        )
        name = CONTINENTS.get(country_continent(nearest.country))
        return gaz.continent(name) if name else None

    @staticmethod
    def _containing(
        gaz: Gazetteer, country: str | None, admin1: str | None, admin2: str | None
    ) -> GazetteerEntry | None:
        """The smallest division with a GeoNames id that contains the place: admin2, admin1, then the country."""
        if not country:
            return None
        if admin1 and admin2:
            found = gaz.division(country, admin1, admin2)
            if found is not None and found.geonameid:
                return found
        if admin1:
            found = gaz.division(country, admin1)
            if found is not None and found.geonameid:
                return found
        return gaz.country(country)
