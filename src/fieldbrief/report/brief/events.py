"""The brief's timeline and map: events in date order, and where events and mentioned places lie."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from fieldbrief.model import Article, Corpus, Event
from fieldbrief.report.brief.views import EvidenceIndex, TimelineRow, one_line, outlet_name, plural
from fieldbrief.report.worldmap import Marker

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_CELL = 0.25  # degrees: mentions closer than this are one place on the map


def timeline_rows(corpus: Corpus, index: EvidenceIndex, claims: dict[str, str]) -> list[TimelineRow]:
    rows = []
    for article in corpus.articles:
        for event in article.events:
            rows.append((_date_key(event, article), _timeline_row(article, event, index, claims)))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _date_key(event: Event, article: Article) -> tuple[str, int, str, int]:
    when = event.date.date_start if event.date and event.date.date_start else "9999"
    precision = PRECISION_RANK.get(event.date.precision or "", 9) if event.date else 9
    return when, precision, article.published or "", event.start


def _timeline_row(article: Article, event: Event, index: EvidenceIndex, claims: dict[str, str]) -> TimelineRow:
    return TimelineRow(
        anchor=_event_anchor(article, event, index.prefix),
        date=_date_label(event, article),
        precision=(event.date.precision if event.date and event.date.date_start else None) or "unknown",
        event=_event_label(event),
        actors=_actors_label(event),
        place=place_name(event) or "",
        status=_status_label(event),
        outlet=outlet_name(article),
        claim=claims.get(event.id) if event.id else None,
        quote=one_line(event.evidence),
        cite=index.cite(article.id, event.start, event.end),
    )


def _event_anchor(article: Article, event: Event, prefix: str = "") -> str:
    return prefix + (f"e-{event.id}" if event.id else f"e-{article.id}-{event.start}-{event.end}")


def _date_label(event: Event, article: Article) -> str:
    if not event.date or not event.date.date_start:
        reported = f", reported {article.published}" if article.published else ""
        written = f' ("{event.date.text}")' if event.date and event.date.text else ""
        return f"date unknown{written}{reported}"
    start, end, precision = event.date.date_start, event.date.date_end or event.date.date_start, event.date.precision
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        return start
    if precision == "year":
        return str(first.year)
    if precision == "month":
        return first.strftime("%B %Y")
    if precision == "week" or first != last:
        return f"{first.day} {first:%b} to {last.day} {last:%b %Y}"
    return f"{first.day} {first:%B %Y}"


def event_kind(event: Event) -> str:
    return event.acled.event_type if event.acled else event.type


def _event_label(event: Event) -> str:
    label = event.type + (f" ({event.mode})" if event.mode else "")
    if event.acled:
        label += f" · {event.acled.event_type}: {event.acled.sub_event_type}"
    if event.fatalities is not None:
        label += f" · {plural(event.fatalities, 'fatality', 'fatalities')}"
    return label


def _actors_label(event: Event) -> str:
    actor = event.actor.name if event.actor else "unknown actor"
    return f"{actor} → {event.target.name}" if event.target else actor


def _status_label(event: Event) -> str:
    by = f" by {event.according_to}" if event.according_to else ""
    return f"{event.status}{by}"


def place_name(event: Event) -> str | None:
    return (event.place.canonical or event.place.name) if event.place else None


def event_markers(corpus: Corpus, index: EvidenceIndex) -> tuple[list[Marker], str]:
    """Event locations, and the places the reports mention (fainter), which keep the map useful without events."""
    events: dict[tuple[float, float], list[tuple[Article, Event]]] = defaultdict(list)
    for article in corpus.articles:
        for event in article.events:
            if event.place and event.place.lat is not None and event.place.lon is not None:
                events[(round(event.place.lat, 3), round(event.place.lon, 3))].append((article, event))
    markers = [_event_marker(point, found, index.prefix) for point, found in events.items()]
    cells = {cell(lat, lon) for lat, lon in events}
    mentions = [g for g in place_groups(corpus) if cell(g.lat, g.lon) not in cells]
    for group in mentions:
        cite = index.cite(*group.spans[0])
        title = f"{group.name}: mentioned {plural(len(group.spans), 'time')} (no event located here)"
        markers.append(Marker(group.lat, group.lon, group.name, title, f"#{cite.anchor}", "place", len(group.spans)))
    located = sum(len(v) for v in events.values())
    total = sum(len(a.events) for a in corpus.articles)
    note = (
        f"{plural(located, 'event')} of {total} located at {plural(len(events), 'place')} (filled circles); "
        f"{plural(len(mentions), 'other place')} mentioned in the reports (open circles)."
    )
    return markers, note


def _event_marker(point: tuple[float, float], found: list[tuple[Article, Event]], prefix: str = "") -> Marker:
    article, first = found[0]
    name = place_name(first) or ""
    kinds = Counter(e.type for _, e in found)
    title = f"{name}: {plural(len(found), 'event')} — " + ", ".join(f"{t} ×{n}" for t, n in kinds.most_common())
    precise = bool(first.place and first.place.feature != "country")
    href = f"#{_event_anchor(article, first, prefix)}"
    return Marker(point[0], point[1], name, title, href, "event", len(found), precise)


@dataclass
class PlaceGroup:
    """Mentions of one location (within one grid cell), under the name it is most often given."""

    lat: float
    lon: float
    names: Counter[str]
    spans: list[tuple[str, int, int]]  # article id, start, end

    @property
    def name(self) -> str:
        # a proper name beats a reference like "the valley"
        return max(self.names.items(), key=lambda kv: (kv[0][:1].isupper(), kv[1], -len(kv[0])))[0]


def place_groups(corpus: Corpus) -> list[PlaceGroup]:
    """Located, sub-country place mentions grouped by grid cell (a country has only a centroid, not a place)."""
    groups: dict[tuple[int, int], PlaceGroup] = {}
    for article in corpus.articles:
        for place in article.places:
            if place.lat is None or place.lon is None or place.feature == "country":
                continue
            group = groups.setdefault(cell(place.lat, place.lon), PlaceGroup(place.lat, place.lon, Counter(), []))
            group.names[place.canonical or place.name] += 1
            group.spans.append((article.id, place.start, place.end))
    return list(groups.values())


def cell(lat: float, lon: float) -> tuple[int, int]:
    return round(lat / PLACE_CELL), round(lon / PLACE_CELL)
