"""How well do estimators of a division's point from its populated places agree with GeoNames' own points?
Not shipped. Reference: GeoNames ADM1/PCLI points quoted in public GeoNames API responses (the admin codes and
points below are GeoNames', not any dev set's). Run: .venv/bin/python dev/geo/division_points.py"""

from __future__ import annotations

import math
import statistics
import sys

from fieldbrief.extract.gazetteer import sources
from fieldbrief.extract.gazetteer.divisions import centre, division_members

# (country, admin1 code or "" for the whole country) -> GeoNames point, as GeoNames' API returns it.
REFERENCE = {
    ("CA", "08"): (49.25014, -84.49983),  # Ontario, 6093943
    ("US", "TX"): (31.25044, -99.25061),  # Texas, 4736286
    ("BR", "01"): (-9.0, -70.0),  # Acre, 3665474
    ("CA", ""): (60.10867, -113.64258),  # Canada, 6251999
    ("US", ""): (39.76, -98.5),  # United States, 6252001
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def estimators(points: list[tuple[float, float]], weights: list[int]) -> dict[str, tuple[float, float]]:
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    w = [max(1, x) for x in weights]
    return {
        "extent middle 1-99% (current)": centre(points),
        "extent middle 0-100%": ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2),
        "mean": (statistics.fmean(lats), statistics.fmean(lons)),
        "median": (statistics.median(lats), statistics.median(lons)),
        "population-weighted mean": (
            sum(a * b for a, b in zip(lats, w, strict=True)) / sum(w),
            sum(a * b for a, b in zip(lons, w, strict=True)) / sum(w),
        ),
    }


def main() -> None:
    cities = sources.geonames_json("cities500.json")
    admin = sources.admin_names()
    members = division_members(cities, admin.codes)
    pops: dict[tuple[str, ...], list[int]] = {}
    for city in cities.values():
        key = (str(city["countrycode"]), sources.admin1_code(city, admin.codes))
        pops.setdefault(key, []).append(int(city.get("population") or 0))
        pops.setdefault((key[0], ""), []).append(int(city.get("population") or 0))
    country_points: dict[str, list[tuple[float, float]]] = {}
    for key, pts in members.points.items():
        if len(key) == 2:
            country_points.setdefault(key[0], []).extend(pts)
    totals: dict[str, list[float]] = {}
    for key, ref in REFERENCE.items():
        points = members.points[key] if key[1] else country_points[key[0]]
        weights = pops[key] if key[1] else pops[(key[0], "")]
        if len(weights) != len(points):  # members order differs from pops; weights only for the weighted mean
            weights = [1] * len(points)
        for name, point in estimators(points, weights).items():
            d = km(point, ref)
            totals.setdefault(name, []).append(d)
            print(f"{key!s:14} {name:30} {point[0]:8.2f} {point[1]:9.2f} {d:7.0f} km", file=sys.stdout)
    for name, ds in totals.items():
        print(f"{name:30} median {statistics.median(ds):6.0f} km, mean {statistics.fmean(ds):6.0f} km over {len(ds)}")


if __name__ == "__main__":
    main()
