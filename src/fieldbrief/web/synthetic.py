"""A synthetic store of fictional articles, for measuring the web app at scale and for its tests.

fill_store(store, articles=10_000, seed=1)

Everything is invented (towns "Kessora-12", actors "Northern Front 3"...), generated from a seeded random source so
that two runs build the same store. Each article has located and dated events, statements and place mentions whose
offsets point into its own text, like the pipeline's; claims group events of one type, place and day across
articles, some corroborated, some contested. No spaCy, no linking: it fills a store in seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fieldbrief.link import LINK_VERSION
from fieldbrief.model import (
    AcledType,
    ActorRef,
    Article,
    Claim,
    ClaimMember,
    Corpus,
    Entity,
    Event,
    EventStatus,
    Origin,
    Place,
    Precision,
    Speaker,
    Statement,
    TimeRef,
    content_id,
)
from fieldbrief.store import Store

EVENT_KINDS = (
    ("ASSAULT", "firearms", "Battles", "Armed clash", "attacked"),
    ("ASSAULT", "bombing", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
    ("ASSAULT", "assault", "Violence against civilians", "Attack", "raided"),
    ("PROTEST", "demonstrate", "Protests", "Peaceful protest", "marched against"),
    ("MOBILIZE", "troops", "Strategic developments", "Change to group/activity", "deployed against"),
    ("CONSULT", None, None, None, "met"),
)
FEATURES = ("town", "town", "town", "city", "district", "province")
STATUSES: tuple[EventStatus, ...] = ("asserted", "asserted", "asserted", "claimed", "denied", "hedged", "planned")
PRECISIONS: tuple[Precision, ...] = ("day", "day", "day", "day", "week", "month")
PROVENANCE = {"synthetic": "1"}


@dataclass(frozen=True)
class World:
    towns: list[tuple[str, float, float, str]]  # name, lat, lon, feature
    actors: list[tuple[str, str]]  # name, code
    outlets: list[str]
    speakers: list[str]
    first_day: dt.date


def world(rng: random.Random, towns: int = 400) -> World:
    return World(
        towns=[
            (f"Kessora-{i}", round(rng.uniform(8, 22), 3), round(rng.uniform(22, 38), 3), rng.choice(FEATURES))
            for i in range(towns)
        ],
        actors=[(f"Northern Front {i}", f"FIC-{i:03d}") for i in range(60)],
        outlets=[f"Fictional Courier {i}" for i in range(25)],
        speakers=[f"Tomas Vell {i}" for i in range(150)],
        first_day=dt.date(2023, 1, 1),
    )


def make_article(rng: random.Random, w: World, number: int) -> Article:
    """One fictional article: a few event sentences and a quote, records pointing into its text."""
    published = w.first_day + dt.timedelta(days=rng.randrange(730))
    parts: list[str] = [f"Fictional report {number}. "]
    events, places, statements, times = [], [], [], []
    for k in range(rng.randint(2, 12)):
        plover, mode, acled, sub, verb = rng.choice(EVENT_KINDS)
        actor, target = rng.sample(w.actors, 2)
        town, lat, lon, feature = rng.choice(w.towns)
        day = published - dt.timedelta(days=rng.randrange(6))
        deaths = (
            rng.choice((None, None, 0, 1, 2, 3, 5, 8, 12, 30))
            if acled in ("Battles", "Explosions/Remote violence", "Violence against civilians")
            else None
        )
        start = sum(len(p) for p in parts)
        sentence = f"{actor[0]} {verb} {target[0]} in {town} on {day.isoformat()}"
        sentence += f", killing {deaths} people." if deaths else "."
        place = Place(
            town,
            start + sentence.index(town),
            start + sentence.index(town) + len(town),
            lat,
            lon,
            feature,
            "ZZ",
            "Fictional Province",
            canonical=town,
        )
        when_text = day.isoformat()
        when_start = start + sentence.index(when_text)
        precision = rng.choice(PRECISIONS)
        when = TimeRef(when_text, when_start, when_start + len(when_text), day.isoformat(), day.isoformat(), precision)
        events.append(
            Event(
                type=plover,
                status=rng.choice(STATUSES),
                start=start,
                end=start + len(sentence),
                evidence=sentence,
                mode=mode,
                acled=AcledType(acled, sub) if acled and sub else None,
                actor=ActorRef(actor[0], actor[1]),
                target=ActorRef(target[0], target[1]),
                place=place,
                date=when,
                fatalities=deaths,
                id=content_id(str(number), str(k), sentence),
            )
        )
        places.append(place)
        times.append(when)
        parts.append(sentence + " ")
    speaker = rng.choice(w.speakers)
    quote = f"We hold {rng.choice(w.towns)[0]} and will not leave"
    start = sum(len(p) for p in parts) + 1
    parts.append(f"\u201c{quote},\u201d said {speaker}, a fictional spokesman.")
    statements.append(
        Statement(
            Speaker(speaker, speaker, "person"),
            "said",
            "direct",
            quote,
            start,
            start + len(quote),
            id=content_id(str(number), quote),
        )
    )
    article = Article(
        source=f"synthetic:{number}",
        text="".join(parts),
        outlet=rng.choice(w.outlets),
        title=f"Fictional report {number}",
        published=published.isoformat(),
    )
    article.events, article.places, article.statements, article.times = events, places, statements, times
    return article


def claims_over(articles: list[Article], rng: random.Random) -> list[Claim]:
    """Events of one type at one place on one day, across articles: corroborated, some contested (a denial)."""
    groups: dict[tuple[str, str, str], list[tuple[Article, Event]]] = {}
    for article in articles:
        for event in article.events:
            if event.place and event.date:
                groups.setdefault((event.type, event.place.name, event.date.date_start or ""), []).append(
                    (article, event)
                )
    claims = []
    for (plover, place, day), members in groups.items():
        if len({a.id for a, _ in members}) < 2:
            continue
        contested = any(e.status == "denied" for _, e in members)
        claim_members = [
            ClaimMember(
                a.id,
                a.id,
                a.outlet,
                "event",
                e.id,
                e.evidence,
                e.start,
                e.end,
                "disputes" if e.status == "denied" else "affirms",
            )
            for a, e in members
        ]
        claims.append(
            Claim(
                content_id("synthetic-claim", plover, place, day),
                f"{plover} at {place} on {day}",
                "event",
                "contested" if contested else "corroborated",
                claim_members,
                sorted({a.id for a, _ in members}),
                "denied by some" if contested else None,
                plover,
            )
        )
    return claims


def fill_store(store: Store, articles: int, seed: int = 1) -> list[Article]:
    """Add `articles` fictional articles and claims over them to `store`; returns the articles."""
    rng = random.Random(seed)
    w = world(rng)
    made = [make_article(rng, w, n) for n in range(articles)]
    store.db.execute("PRAGMA synchronous = NORMAL")  # fictional data: no need to sync every article to disk
    for article in made:
        store.add(article, PROVENANCE)
    entities = [Entity(content_id("entity", code), name, "organisation", code) for name, code in w.actors]
    corpus = Corpus([], [Origin(a.id, [a.id], 1.0) for a in made], entities, claims_over(made, rng))
    store.save_links(corpus, LINK_VERSION)  # stands in for a link run: the app need not link it again
    return made
