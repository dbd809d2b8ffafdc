"""Reading the contract back (the store keeps it as JSON): the exact inverses of the records' to_json."""

from __future__ import annotations

from typing import Any

from fieldbrief.model.corpus import Claim, ClaimMember, Entity
from fieldbrief.model.records import (
    AcledType,
    ActorRef,
    Article,
    DateEvidence,
    Event,
    Figure,
    Note,
    Place,
    Removal,
    Sentence,
    Span,
    Speaker,
    StageError,
    Statement,
    TimeRef,
)


def article_from_json(data: dict[str, Any]) -> Article:
    """The typed Article for one JSON Lines record: the exact inverse of Article.to_json (tested as a property)."""
    article = Article(
        source=data["source"],
        text=data["text"],
        id=data["id"],
        outlet=data.get("outlet"),
        title=data.get("title"),
        published=data.get("published"),
        published_from=data.get("published_from"),
        published_evidence=[DateEvidence(**e) for e in data.get("published_evidence") or []],
        language=data.get("language", "en"),
        url=data.get("url"),
    )
    article.removed = [Removal(r["kind"], r["text"], r.get("reason") or "") for r in data.get("removed", [])]
    article.statements = [_statement_from_json(s) for s in data.get("statements", [])]
    article.places = [_place_from_json(p) for p in data.get("places", [])]
    article.times = [_time_from_json(t) for t in data.get("times", [])]
    article.events = [_event_from_json(e) for e in data.get("events", [])]
    article.errors = [StageError(e["stage"], e["error"]) for e in data.get("errors", [])]
    article.sentences = [_sentence_from_json(x) for x in data.get("sentences", [])]
    article.figures = [_figure_from_json(f) for f in data.get("figures", [])]
    article.notes = [Note(n["code"], n["detail"]) for n in data.get("notes", [])]
    return article


def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value else None


def _statement_from_json(s: dict[str, Any]) -> Statement:
    sp = s["speaker"]
    speaker = Speaker(sp["name"], sp["mention"], sp["kind"], sp.get("actor"), sp.get("outlet"), sp.get("publisher"))
    return Statement(
        speaker,
        s["cue"],
        s["kind"],
        s["content"],
        s["start"],
        s["end"],
        s.get("channel"),
        s.get("sentence_start"),
        s.get("sentence_end"),
        id=s["id"],
        mode=s.get("mode", "speech"),
        parts=[(start, end) for start, end in s.get("parts") or []],
        factuality=s.get("factuality", "asserted"),
        attribution=s.get("attribution", "sourced"),
    )


def _place_from_json(p: dict[str, Any]) -> Place:
    return Place(
        p["name"],
        p["start"],
        p["end"],
        p.get("lat"),
        p.get("lon"),
        p.get("feature"),
        p.get("country"),
        p.get("admin1"),
        p.get("geonameid"),
        p.get("canonical"),
        role=p.get("role", "literal"),
    )


def _time_from_json(t: dict[str, Any]) -> TimeRef:
    return TimeRef(t["text"], t["start"], t["end"], t.get("date_start"), t.get("date_end"), t.get("precision"))


def _event_place_from_json(place: dict[str, Any]) -> Place:
    if "mention" not in place:  # a record written before event places kept their mention: name is all there is
        return Place(
            place["name"],
            -1,
            -1,
            place.get("lat"),
            place.get("lon"),
            place.get("feature"),
            place.get("country"),
            canonical=place["name"],
        )
    return Place(
        place["mention"],
        place.get("start", -1),
        place.get("end", -1),
        place.get("lat"),
        place.get("lon"),
        place.get("feature"),
        place.get("country"),
        place.get("admin1"),
        place.get("geonameid"),
        place.get("canonical"),
        role=place.get("role", "literal"),
    )


def _event_date_from_json(date: dict[str, Any]) -> TimeRef:
    span = _span(date.get("span")) or (-1, -1)
    return TimeRef(date.get("text") or "", span[0], span[1], date.get("start"), date.get("end"), date.get("precision"))


def _actor_from_json(a: dict[str, Any] | None) -> ActorRef | None:
    return ActorRef(a["name"], a.get("actor"), a.get("type"), a.get("country")) if a else None


def _event_from_json(e: dict[str, Any]) -> Event:
    place = e.get("place")
    date = e.get("date")
    acled = e.get("acled")
    return Event(
        type=e["type"],
        status=e["status"],
        start=e["start"],
        end=e["end"],
        evidence=e["evidence"],
        mode=e.get("mode"),
        acled=AcledType(acled["event_type"], acled["sub_event_type"]) if acled else None,
        actor=_actor_from_json(e.get("actor")),
        target=_actor_from_json(e.get("target")),
        place=_event_place_from_json(place) if place else None,
        date=_event_date_from_json(date) if date else None,
        according_to=e.get("according_to"),
        fatalities=e.get("fatalities"),
        captured=e.get("captured"),
        fatalities_text=e.get("fatalities_text"),
        captured_text=e.get("captured_text"),
        id=e.get("id", ""),
    )


def _sentence_from_json(x: dict[str, Any]) -> Sentence:
    return Sentence(
        x["start"],
        x["end"],
        x["lemmas"],
        list(x.get("offsets", [])),
        x.get("predicate"),
        _span(x.get("subject")),
        _span(x.get("object")),
        bool(x.get("negated")),
    )


def _figure_from_json(f: dict[str, Any]) -> Figure:
    return Figure(
        f["kind"],
        f.get("low"),
        f.get("high"),
        f["qualifier"],
        f["text"],
        f["start"],
        f["end"],
        f.get("counted"),
        f.get("source"),
        _span(f.get("source_span")),
        bool(f.get("update")),
        bool(f.get("cumulative")),
    )


def entity_from_json(data: dict[str, Any]) -> Entity:
    return Entity(
        data["id"], data["name"], data["kind"], data.get("actor"), data.get("mentions", []), data.get("article_ids", [])
    )


def claim_from_json(data: dict[str, Any]) -> Claim:
    members = [ClaimMember(**m) for m in data["members"]]
    return Claim(
        data["id"],
        data["summary"],
        data["kind"],
        data["status"],
        members,
        data["origins"],
        data.get("why"),
        data.get("event_type"),
        data.get("dispute"),
        list(data.get("sources", [])),
        data.get("incident"),
        data.get("country"),
        data.get("date"),
        data.get("place"),
    )
