"""The web app at scale: a synthetic store of fictional articles, then the time each API call takes to answer.

    .venv/bin/python scripts/bench_web.py --articles 10000      # or: make bench-web

Builds the store once (kept as out/bench-web-N.db), then asks the app (through FastAPI's TestClient, so routing,
validation and JSON encoding are counted) for the map, the timeline, an event page and the other lists, with and
without filters, several times each, and prints the slowest and median answer of each in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from fieldbrief.store import Store
from fieldbrief.web import create_app
from fieldbrief.web.synthetic import fill_store

CALLS = (
    ("map", "/api/map"),
    ("map, one type and a date range", "/api/map?type=Battles&date_from=2023-06-01&date_to=2023-09-30"),
    ("map, contested claims", "/api/map?claim_status=contested"),
    ("map, one actor", "/api/map?actor=FIC-007"),
    ("timeline", "/api/timeline"),
    ("timeline, filtered", "/api/timeline?type=Battles&status=asserted&claim_status=corroborated"),
    ("events, first page", "/api/events?limit=25"),
    ("events, page 100, filtered", "/api/events?limit=25&offset=2500&type=Battles"),
    ("events in a map view", "/api/events?limit=25&bbox=10,25,15,30"),
    ("facets", "/api/facets"),
    ("claims, contested", "/api/claims?status=contested"),
    ("claims, search", "/api/claims?q=Kessora-12"),
    ("articles, search", "/api/articles?q=Kessora"),
    ("actors", "/api/actors"),
    ("places", "/api/places"),
    ("summary", "/api/summary"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = Path("out") / f"bench-web-{args.articles}.db"
    if not db.exists():
        db.parent.mkdir(exist_ok=True)
        started = time.perf_counter()
        with Store(db) as store:
            fill_store(store, args.articles)
        print(f"built {db} in {time.perf_counter() - started:.1f} s")
    with Store(db) as store:
        counts = store.counts()
    print(
        f"{counts['articles']} articles, {counts['events']} events, {counts['claims']} claims, "
        f"{counts['places']} place mentions"
    )
    app = create_app(db, link_on_start=False)
    with TestClient(app) as client:
        print(f"{'call':<36} {'median ms':>10} {'max ms':>8}  answer")
        for name, path in CALLS:
            seconds = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(path)
                seconds.append(time.perf_counter() - started)
                response.raise_for_status()
            size = len(response.content)
            print(f"{name:<36} {statistics.median(seconds) * 1000:>10.0f} {max(seconds) * 1000:>8.0f}  {size:,} bytes")


if __name__ == "__main__":
    main()
