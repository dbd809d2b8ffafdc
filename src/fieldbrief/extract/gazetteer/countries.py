"""Gazetteer rows for countries (GeoNames records with curated points and English aliases) and continents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fieldbrief.extract.gazetteer import sources
from fieldbrief.extract.gazetteer.keys import name_key, read_tsv
from fieldbrief.extract.gazetteer.rows import GEONAMES_SOURCE, LATIN_NAME, MAX_ALIAS_CHARS, Row


def latin_aliases(names: Iterable[str]) -> Iterator[str]:
    """GeoNames alternate names worth matching: Latin-script names, not codes or very long forms."""
    for alt in names:
        if len(alt) > MAX_ALIAS_CHARS or alt.isupper() or not any(ch.islower() for ch in alt):
            continue
        if LATIN_NAME.fullmatch(name_key(alt)):
            yield alt


def country_rows(cities: dict[str, dict[str, Any]]) -> list[Row]:
    countries = sources.geonames_json("countries.json")
    points = {row["iso2"]: row for row in read_tsv("country_points.tsv")}
    capitals = {(str(c["countrycode"]), str(c["name"])): c for c in cities.values()}
    rows = []
    for iso, country in countries.items():
        point = points.get(iso)
        if point:
            lat, lon, source = float(point["lat"]), float(point["lon"]), f"{GEONAMES_SOURCE}+curated point"
        elif (iso, country.get("capital")) in capitals:
            capital = capitals[(iso, country["capital"])]
            lat, lon = float(capital["latitude"]), float(capital["longitude"])
            source = f"{GEONAMES_SOURCE}; point of the capital"
        else:
            continue
        row = Row(
            country["name"],
            "country",
            iso,
            None,
            lat,
            lon,
            int(country.get("population") or 0),
            int(country["geonameid"]),
            source,
            feature_code="PCLI",
        )
        row.add_name(country["name"], True)
        for alias in (point or {}).get("aliases", "").split(";"):
            if alias.strip():
                row.add_name(alias, True)
        rows.append(row)
    return rows


def continent_rows() -> list[Row]:
    """GeoNames continent records: "Africa", "Europe", "North America" with GeoNames' points and ids."""
    rows = []
    for record in sources.geonames_json("continents.json").values():
        name = str(record.get("toponymName") or record.get("name"))
        row = Row(
            name,
            "region",
            None,
            None,
            float(record["lat"]),
            float(record["lng"]),
            int(record.get("population") or 0),
            int(record["geonameId"]),
            f"{GEONAMES_SOURCE} continent",
            feature_code="CONT",
        )
        row.add_name(name, True)
        for alt in record.get("alternateNames", []):
            if alt.get("lang") == "en" and LATIN_NAME.fullmatch(name_key(str(alt["name"]))):
                row.add_name(str(alt["name"]), True)
        rows.append(row)
    return rows
