"""Build src/fieldbrief/data/world_outline.json: simplified country outlines for the brief's static map.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as shipped inside the geopandas 0.14.4 wheel on
PyPI (geopandas/datasets/naturalearth_lowres/, BSD-3-Clause packaging; the shapes are Natural Earth's).
Run once, by hand, and commit the result with its provenance file (world_outline.PROVENANCE.md):

    pip download --no-deps -d /tmp/ne geopandas==0.14.4
    unzip -q -o /tmp/ne/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/naturalearth_lowres/*' -d /tmp/ne
    python3 scripts/build_world_outline.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres

Only the standard library is used: a minimal reader for the shapefile's polygons and the dBase attribute table,
Douglas-Peucker simplification, and coordinates rounded to tenths of a degree stored as integers.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path
from typing import Any

POLYGON = 5
SCALE = 10  # coordinates stored as round(degrees * SCALE)
TOLERANCE = 0.12  # degrees: Douglas-Peucker tolerance (the map never shows detail finer than this)
OUT = Path(__file__).resolve().parents[1] / "src" / "fieldbrief" / "data" / "world_outline.json"

Point = tuple[float, float]


def read_polygons(shp: Path) -> list[list[list[Point]]]:
    """Each record's rings (outer rings and holes alike; the map fills with even-odd, so holes stay holes)."""
    data = shp.read_bytes()
    offset = 100  # past the file header
    records: list[list[list[Point]]] = []
    while offset < len(data):
        _, words = struct.unpack(">ii", data[offset : offset + 8])
        content = data[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type != POLYGON:
            records.append([])
            continue
        parts_n, points_n = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", content[44 : 44 + 4 * parts_n]))
        base = 44 + 4 * parts_n
        coords = struct.unpack(f"<{2 * points_n}d", content[base : base + 16 * points_n])
        points = list(zip(coords[0::2], coords[1::2], strict=True))
        bounds = [*parts, points_n]
        records.append([points[bounds[i] : bounds[i + 1]] for i in range(parts_n)])
    return records


def read_attributes(dbf: Path) -> list[dict[str, str]]:
    data = dbf.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        record = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        cursor, row = 1, {}  # byte 0 is the deletion flag
        for name, width in fields:
            row[name] = record[cursor : cursor + width].decode("utf-8", "replace").strip()
            cursor += width
        rows.append(row)
    return rows


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings can be long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            dist = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if dist > worst:
                worst, index = dist, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def encode_ring(ring: list[Point]) -> list[int]:
    """Flat [x0, y0, x1, y1, ...] in tenths of a degree, consecutive duplicates dropped."""
    flat: list[int] = []
    for lon, lat in simplify(ring, TOLERANCE):
        x, y = round(lon * SCALE), round(lat * SCALE)
        if flat[-2:] != [x, y]:
            flat += [x, y]
    return flat


def build(stem: Path) -> dict[str, Any]:
    polygons = read_polygons(stem.with_suffix(".shp"))
    attributes = read_attributes(stem.with_suffix(".dbf"))
    countries = []
    for rings, row in zip(polygons, attributes, strict=True):
        encoded = [r for r in (encode_ring(ring) for ring in rings) if len(r) >= 8]  # at least 4 points
        if not encoded:
            continue
        xs = [v for r in encoded for v in r[0::2]]
        ys = [v for r in encoded for v in r[1::2]]
        bbox = [min(xs), min(ys), max(xs), max(ys)]
        countries.append({"iso_a3": row["iso_a3"], "name": row["name"], "bbox": bbox, "rings": encoded})
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4 naturalearth_lowres",
        "scale": SCALE,
        "countries": countries,
    }


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    outline = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(outline, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in outline["countries"] for r in c["rings"])
    print(f"wrote {OUT}: {len(outline['countries'])} countries, {points} points, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
