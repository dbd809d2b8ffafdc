"""Read-only access to the built gazetteer file: which names to match, and the candidates for a name.

Opening it reads only the set of names eligible for phrase matching (well under a second); candidates for a
name are looked up by index and cached per instance, so the table itself never sits in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fieldbrief.extract.gazetteer.build import MATCHABLE_META, PREFIXES_META, build_gazetteer, fingerprint
from fieldbrief.extract.gazetteer.keys import NAME_MAIN

DB_NAME = "gazetteer.sqlite"
CACHE_LIMIT = 20_000  # names whose candidates stay cached (bounded, for long batch runs)


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
    name_kind: int = NAME_MAIN  # how the looked-up name relates to the place (NAME_MAIN, ... NAME_QUALIFIER)
    feature_code: str = ""  # GeoNames feature code where known (PPLC, PPLA, PPLX, ADM1, ADM2, PCLI, CONT)
    admin2: str | None = None  # the second-level division of a populated place, where known


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


def _entry(row: sqlite3.Row) -> GazetteerEntry:
    keys = row.keys()
    return GazetteerEntry(
        row["id"],
        row["name"],
        row["feature"],
        row["country"],
        row["admin1"],
        row["lat"],
        row["lon"],
        row["population"],
        row["geonameid"],
        row["source"],
        bool(row["capital"]),
        row["kind"] if "kind" in keys else NAME_MAIN,
        row["feature_code"],
        row["admin2"],
    )


class Gazetteer:
    """Read-only access to the built gazetteer: which names to match, and the candidates for a name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
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
        if _stored_fingerprint(target) != fingerprint():
            build_gazetteer(target)
        return cls(target)

    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[GazetteerEntry]:
        return [_entry(row) for row in self._conn.execute(sql, params)]

    def _named(self, key: str) -> tuple[GazetteerEntry, ...]:
        return tuple(
            self._query("SELECT p.*, n.kind FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,))
        )

    def candidates(self, key: str) -> tuple[GazetteerEntry, ...]:
        """Every place that has `key` (see `name_key`) as a name; failing that, written without spaces."""
        found = self._cache.get(key)
        if found is None:
            found = self._named(key)
            if not found and " " in key:
                found = self._named(key.replace(" ", ""))
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found

    def country(self, iso2: str) -> GazetteerEntry | None:
        return self._countries.get(iso2)

    def countries(self) -> list[GazetteerEntry]:
        return list(self._countries.values())

    def continent(self, name: str) -> GazetteerEntry | None:
        found = self._query("SELECT * FROM places WHERE feature_code = 'CONT' AND name = ? LIMIT 1", (name,))
        return found[0] if found else None

    def by_geonameid(self, geonameid: int) -> GazetteerEntry | None:
        """The place with this GeoNames id (the most populous where GeoNames ids repeat)."""
        found = self._query("SELECT * FROM places WHERE geonameid = ? ORDER BY population DESC LIMIT 1", (geonameid,))
        return found[0] if found else None

    def division(self, country: str, admin1: str, admin2: str | None = None) -> GazetteerEntry | None:
        """The first-level division `admin1` of a country, or its second-level division `admin2` in it."""
        if admin2:
            sql = "SELECT * FROM places WHERE country = ? AND feature_code = 'ADM2' AND admin1 = ? AND admin2 = ?"
            params: tuple[str, ...] = (country, admin1, admin2)
        else:
            sql = "SELECT * FROM places WHERE country = ? AND feature_code = 'ADM1' AND admin1 = ?"
            params = (country, admin1)
        found = self._query(sql + " ORDER BY geonameid IS NULL, population DESC LIMIT 1", params)
        return found[0] if found else None

    def close(self) -> None:
        self._conn.close()
