"""Events and places on the two seed articles against ../shared/gold/seeds.json, with the issue's floors.

Matching follows ../shared/tools/score.py exactly: same PLOVER type, actor name match (any actor where the gold
actor is null), evidence token F1 > 0.2; places by name within 50 km.
"""

from __future__ import annotations

from typing import Any

from fieldbrief.model import Article, Event
from scoring import f1, km, name_match, token_f1

EVENTS_F1_FLOOR = 0.8
PLACES_KM = 50


def _matches(gold: dict[str, Any], event: Event) -> bool:
    actor = event.actor.name if event.actor else None
    return (
        event.type == gold["type"]
        and (gold["actor"] is None or name_match(gold["actor"], actor))
        and token_f1(gold["evidence"], event.evidence) > 0.2
    )


def test_events_f1_on_the_seeds(seed_articles: dict[str, Article], seeds_gold: dict[str, Any]) -> None:
    hits = predicted = expected = 0
    for name, gold in seeds_gold.items():
        events = seed_articles[name].events
        hits += sum(any(_matches(g, e) for e in events) for g in gold["events"])
        predicted += len(events)
        expected += len(gold["events"])
    assert f1(hits, predicted, expected) >= EVENTS_F1_FLOOR, (hits, predicted, expected)


def test_claimed_attack_and_its_denial(seed_articles: dict[str, Article], seeds_gold: dict[str, Any]) -> None:
    """The seed's contested pair: one side claims an attack was repelled, the other denies any fighting."""
    for name, gold in seeds_gold.items():
        pair = [g for g in gold["events"] if g["type"] == "ASSAULT" and g.get("according_to")]
        for g in pair:
            found = [e for e in seed_articles[name].events if _matches(g, e)]
            assert found, g["evidence"]
            assert {e.status for e in found} == {g["status"]}, (g["evidence"], [e.status for e in found])
            assert any(name_match(g["according_to"], e.according_to) for e in found)
    statuses = sorted(
        g["status"]
        for gold in seeds_gold.values()
        for g in gold["events"]
        if g["type"] == "ASSAULT" and g.get("according_to")
    )
    assert statuses == ["claimed", "denied"]


def test_event_places_and_dates_come_from_the_article(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for event in article.events:
            assert article.text[event.start : event.end] == event.evidence
            if event.date is not None:
                assert event.date in article.times
            if event.place is not None:
                assert event.place in article.places


def test_places_resolved_within_50_km(seed_articles: dict[str, Article], seeds_gold: dict[str, Any]) -> None:
    hits = total = 0
    for name, gold in seeds_gold.items():
        places = [p for p in seed_articles[name].places if p.lat is not None and p.lon is not None]
        for g in gold["places"]:
            total += 1
            hits += any(
                name_match(g["name"], p.name) and km((g["lat"], g["lon"]), (p.lat, p.lon)) <= PLACES_KM
                for p in places
                if p.lat is not None and p.lon is not None
            )
    assert hits == total == 8
