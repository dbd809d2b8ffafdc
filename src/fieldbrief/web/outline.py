"""The world outline shipped with the package (data/world_outline.json), as GeoJSON for the map."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def outline_geojson() -> bytes:
    """Country polygons in degrees; the shipped file keeps tenths of a degree as integers, rings flattened."""
    raw: dict[str, Any] = json.loads(
        resources.files("fieldbrief.data").joinpath("world_outline.json").read_text("utf-8")
    )
    scale = float(raw.get("scale", 10))
    features = []
    for country in raw["countries"]:
        rings = [
            [[x / scale, y / scale] for x, y in zip(ring[0::2], ring[1::2], strict=True)] for ring in country["rings"]
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": country["name"], "iso_a3": country["iso_a3"]},
                # all of a country's rings in one polygon, filled even-odd (Leaflet's default): the shipped outline
                # does not say which rings are islands and which are holes, and even-odd draws both right
                "geometry": {"type": "Polygon", "coordinates": rings},
            }
        )
    collection = {"type": "FeatureCollection", "source": raw.get("source", ""), "features": features}
    return json.dumps(collection, separators=(",", ":")).encode("utf-8")
