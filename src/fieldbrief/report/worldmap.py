"""A static map for the brief: country outlines shipped with the package, drawn as an inline SVG (no tiles, no JS).

Equirectangular projection in tenths of a degree: x = lon * 10, y = -lat * 10, so zooming to the events is only a
matter of the SVG viewBox. The outlines (Natural Earth 1:110m, public domain) are in data/world_outline.json; see
world_outline.PROVENANCE.md beside it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

OUTLINE_FILE = "world_outline.json"
WORLD = (-1800.0, -900.0, 3600.0, 1800.0)  # x, y, width, height of the whole world in map units
MIN_SPAN = 160.0  # map units (16°): never zoom closer than this, so a single marker keeps its surroundings
MARGIN = 0.35  # fraction of the markers' extent added on each side
ASPECT = 1.8  # width / height of the map frame

MarkerKind = Literal["event", "place"]


@dataclass(frozen=True)
class Marker:
    """One point on the map: the events (or mentions) at one location."""

    lat: float
    lon: float
    label: str  # place name
    title: str  # tooltip: what happened there
    href: str  # anchor in the brief (timeline row or evidence)
    kind: MarkerKind
    count: int = 1
    precise: bool = True  # False for a country's centroid: shown, but the map does not zoom out for it


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    label: str
    title: str
    href: str
    kind: MarkerKind
    labelled: bool = True  # False where the label would overlap a more important one


@dataclass(frozen=True)
class MapView:
    view_box: str
    paths: tuple[str, ...]  # SVG path data, one per country shown
    circles: tuple[Circle, ...]
    font_size: float
    label_dx: float

    @property
    def event_markers(self) -> int:
        return sum(1 for c in self.circles if c.kind == "event")


@lru_cache(maxsize=1)
def load_outline() -> tuple[tuple[tuple[float, float, float, float], str], ...]:
    """(bbox, path data) per country, read once per process."""
    raw: dict[str, Any] = json.loads(resources.files("fieldbrief.data").joinpath(OUTLINE_FILE).read_text("utf-8"))
    return tuple((_flip_bbox(country["bbox"]), _path_data(country["rings"])) for country in raw["countries"])


def _flip_bbox(bbox: list[int]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bbox
    return float(x0), float(-y1), float(x1), float(-y0)


def _path_data(rings: list[list[int]]) -> str:
    parts = []
    for ring in rings:
        coords = " ".join(f"{x} {-y}" for x, y in zip(ring[0::2], ring[1::2], strict=True))
        parts.append(f"M{coords}Z")
    return "".join(parts)


def build_map(markers: list[Marker]) -> MapView:
    """The map zoomed to the markers' extent (events first; the whole world when there is nothing to show)."""
    frame = _frame(markers)
    x, y, width, height = frame
    paths = tuple(path for bbox, path in load_outline() if _intersects(bbox, frame))
    unit = width / 100.0
    font_size, label_dx = round(unit * 1.6, 2), round(unit * 1.2, 2)
    labelled = _labelled(markers, font_size, label_dx)
    circles = tuple(
        Circle(
            cx=round(m.lon * 10, 1),
            cy=round(-m.lat * 10, 1),
            r=round(unit * (0.7 if m.kind == "event" else 0.45) * (1 + math.log2(max(m.count, 1)) / 2), 2),
            label=m.label,
            title=m.title,
            href=m.href,
            kind=m.kind,
            labelled=id(m) in labelled,
        )
        # places behind events, so an event marker is never hidden under a mention
        for m in sorted(markers, key=lambda m: m.kind != "place")
    )
    view_box = " ".join(f"{v:.1f}" for v in (x, y, width, height))
    return MapView(view_box, paths, circles, font_size=font_size, label_dx=label_dx)


def _labelled(markers: list[Marker], font_size: float, label_dx: float) -> set[int]:
    """Markers whose label is drawn: events first, then by count; a label that would overlap one already placed
    is left to the marker's tooltip."""
    placed: list[tuple[float, float, float, float]] = []
    chosen = set()
    for m in sorted(markers, key=lambda m: (m.kind != "event", -m.count, m.label)):
        x0 = m.lon * 10 + label_dx
        box = (x0, -m.lat * 10 - font_size * 0.6, x0 + len(m.label) * font_size * 0.55, -m.lat * 10 + font_size * 0.6)
        if any(box[0] < p[2] and p[0] < box[2] and box[1] < p[3] and p[1] < box[3] for p in placed):
            continue
        placed.append(box)
        chosen.add(id(m))
    return chosen


def _frame(markers: list[Marker]) -> tuple[float, float, float, float]:
    events = [m for m in markers if m.kind == "event"]
    focus = [m for m in events if m.precise] or events or [m for m in markers if m.precise] or markers
    if not focus:
        return WORLD
    xs = [m.lon * 10 for m in focus]
    ys = [-m.lat * 10 for m in focus]
    width = max(max(xs) - min(xs), MIN_SPAN) * (1 + 2 * MARGIN)
    height = max(max(ys) - min(ys), MIN_SPAN / ASPECT) * (1 + 2 * MARGIN)
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    width, height = min(width, WORLD[2]), min(height, WORLD[3])
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, WORLD[0]), WORLD[0] + WORLD[2] - width)
    y = min(max(cy - height / 2, WORLD[1]), WORLD[1] + WORLD[3] - height)
    return x, y, width, height


def _intersects(bbox: tuple[float, float, float, float], frame: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = bbox
    fx, fy, fw, fh = frame
    return x0 <= fx + fw and x1 >= fx and y0 <= fy + fh and y1 >= fy
