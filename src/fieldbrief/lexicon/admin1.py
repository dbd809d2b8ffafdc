"""OCHA COD-AB names of first-level divisions (data/admin1_ocha.tsv), keyed by GeoNames id.

fieldbrief's `admin1` is the GeoNames name of a division ("Paktia"); humanitarian data (OCHA, IPC, REACH) names
it as OCHA's Common Operational Datasets do ("Paktya"). Places and event places carry both: `admin1` and
`admin1_ocha`. Plain lookups, no gazetteer needed, so the output contract can derive the name from a place's
country and admin1 alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ADMIN1_OCHA_FILE = "admin1_ocha.tsv"


@dataclass(frozen=True)
class OchaDivision:
    geonameid: int
    country: str
    geonames_name: str
    ocha_name: str


@lru_cache(maxsize=1)
def ocha_divisions() -> tuple[OchaDivision, ...]:
    text = resources.files("fieldbrief.data").joinpath(ADMIN1_OCHA_FILE).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = [dict(zip(header, (c.strip() for c in ln.split("\t")), strict=True)) for ln in lines[1:]]
    return tuple(OchaDivision(int(r["geonameid"]), r["country"], r["geonames_name"], r["ocha_name"]) for r in rows)


@lru_cache(maxsize=1)
def _by_name() -> dict[tuple[str, str], OchaDivision]:
    return {(d.country, d.geonames_name.casefold()): d for d in ocha_divisions()}


@lru_cache(maxsize=1)
def _by_id() -> dict[int, OchaDivision]:
    return {d.geonameid: d for d in ocha_divisions()}


def ocha_admin1(country: str | None, admin1: str | None) -> str | None:
    """The OCHA COD-AB name of the division a place's `country` and (GeoNames) `admin1` name, or None where the
    table has no such division (a country it does not cover, or no admin1)."""
    if not country or not admin1:
        return None
    found = _by_name().get((country, admin1.casefold()))
    return found.ocha_name if found else None


def ocha_name_of(geonameid: int | None) -> str | None:
    """The OCHA COD-AB name of the first-level division with this GeoNames id, if the table has it."""
    found = _by_id().get(geonameid) if geonameid is not None else None
    return found.ocha_name if found else None
