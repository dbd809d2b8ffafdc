"""The typed records that flow through fieldbrief: one home for every type in the output contract.

Offsets (`start`, `end`) are always character offsets into `Article.text` (end exclusive).
Each record knows how to serialise itself to the JSON Lines contract in DESIGN.md (`to_json`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

RemovalKind = Literal["duplicate", "boilerplate", "caption"]
SpeakerKind = Literal["person", "organisation", "outlet", "unnamed", "document"]
StatementKind = Literal["direct", "indirect", "mixed"]
# what a statement reports: something said, believed, intended, or what a document (poll, report) shows
StatementMode = Literal["speech", "belief", "intention", "document"]
EventStatus = Literal["asserted", "claimed", "denied", "planned", "hedged"]
# "reported": no expression dates the event; it happened on or before the publication date.
Precision = Literal["day", "week", "month", "year", "reported"]
PublishedFrom = Literal["input", "metadata", "dateline", "inferred"]
EvidenceField = Literal["input", "metadata", "title", "text", "warc"]


def content_id(*parts: str, length: int = 16) -> str:
    """A stable short id: sha256 over the parts, whitespace-normalised."""
    joined = "\x1f".join(re.sub(r"\s+", " ", p).strip() for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Removal:
    """Something the cleaner took out of the body text, kept so nothing disappears silently."""

    kind: RemovalKind
    text: str
    reason: str = ""  # which rule fired, e.g. "pattern:comment-box" or "repeated-paragraph"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class Speaker:
    name: str  # resolved, e.g. "Sergei Lavrov"
    mention: str  # as written, e.g. "he"
    kind: SpeakerKind
    actor: str | None = None  # actor code from the actor dictionary, e.g. "RUS-GOV"
    outlet: str | None = None  # for unnamed sources: the outlet they spoke to
    publisher: str | None = None  # for documents: who published the poll, report or study, where the text says

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "mention": self.mention,
            "actor": self.actor,
            "kind": self.kind,
        }
        if self.outlet:
            out["outlet"] = self.outlet
        if self.publisher:
            out["publisher"] = self.publisher
        return out


@dataclass
class Statement:
    speaker: Speaker
    cue: str  # the reporting verb as written ("told", "said", "according to")
    kind: StatementKind
    content: str  # == article.text[start:end]
    start: int
    end: int
    channel: str | None = None  # press conference|tweet|interview|statement|briefing|state television
    sentence_start: int | None = None  # span of the whole attribution sentence(s), for evidence
    sentence_end: int | None = None
    id: str = ""
    mode: StatementMode = "speech"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_json(),
            "cue": self.cue,
            "channel": self.channel,
            "kind": self.kind,
            "mode": self.mode,
            "content": self.content,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Place:
    name: str  # as written in the text
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # village|city|district|province|valley|mountains|river|region|country
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    geonameid: int | None = None
    canonical: str | None = None  # gazetteer name, e.g. "Panjshir Valley" for "the valley"
    # literal: the place itself; associative: a demonym or a place standing for its people or government
    # ("Russian forces", "Moscow said"): never where an event happened
    role: str = "literal"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "country": self.country,
            "admin1": self.admin1,
            "geonameid": self.geonameid,
            "role": self.role,
        }

    def to_event_json(self) -> dict[str, Any]:
        return {
            "name": self.canonical or self.name,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "country": self.country,
            "admin1": self.admin1,
            "geonameid": self.geonameid,
        }


@dataclass
class TimeRef:
    """A time expression and, where resolvable against the publication date, the dates it denotes."""

    text: str
    start: int
    end: int
    date_start: str | None = None  # ISO date, None when unresolved
    date_end: str | None = None
    precision: Precision | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "precision": self.precision,
        }

    def to_event_json(self) -> dict[str, Any]:
        return {
            "start": self.date_start,
            "end": self.date_end,
            "precision": self.precision,
            "text": self.text,
        }


@dataclass
class ActorRef:
    """An actor as it takes part in an event: the name in the text and, if known, its dictionary code."""

    name: str
    actor: str | None = None  # code, e.g. "TAL"
    type: str | None = None  # government|rebel group|militia|military|official|civilians|outlet|...
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "actor": self.actor}


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str

    def to_json(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@dataclass
class Event:
    type: str  # PLOVER event type
    status: EventStatus
    start: int  # evidence span in text
    end: int
    evidence: str
    mode: str | None = None
    acled: AcledType | None = None
    actor: ActorRef | None = None
    target: ActorRef | None = None
    place: Place | None = None
    date: TimeRef | None = None
    according_to: str | None = None
    fatalities: int | None = None  # killed; None when no count is given or only a vague one ("several")
    captured: int | None = None  # detained, arrested, captured
    fatalities_text: str | None = None  # the phrase the count was read from ("two insurgents", "several")
    captured_text: str | None = None
    id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "acled": self.acled.to_json() if self.acled else None,
            "actor": self.actor.to_json() if self.actor else None,
            "target": self.target.to_json() if self.target else None,
            "place": self.place.to_event_json() if self.place else None,
            "date": self.date.to_event_json() if self.date else None,
            "status": self.status,
            "according_to": self.according_to,
            "fatalities": self.fatalities,
            "captured": self.captured,
            "fatalities_text": self.fatalities_text,
            "captured_text": self.captured_text,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
        }


@dataclass
class Rejection:
    """Why an input could not become an article. A normal, recorded outcome, never an exception.

    Codes are listed, with what the user can do, in data/rejections.toml and the README's troubleshooting.
    """

    source: str  # the file, or the record inside a container file ("f.jsonl:3", "f.json#2", a WARC record's URL)
    code: str  # e.g. "empty", "binary", "undecodable", "invalid-json", "unsupported-type", "too-large"
    reason: str
    container: str | None = None  # for a record inside a file (JSON Lines, JSON array, feed, WARC): that file
    index: int | None = None  # the record's position inside `container`, from 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "code": self.code, "reason": self.reason}
        if self.container is not None:
            out["container"] = self.container
            out["index"] = self.index
        return out


@dataclass(frozen=True)
class Note:
    """Something done to an input on its way in that a reader of the output should know (a repaired encoding,
    replaced lone surrogates, a dropped malformed URL, a parse in windows)."""

    code: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail}


@dataclass(frozen=True)
class StageError:
    """A stage that failed on one article: the article is kept, with what the other stages found."""

    stage: str
    error: str

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "error": self.error}


@dataclass(frozen=True)
class DateEvidence:
    """Where a publication date was read: a span of the text or title, or a value given with the input."""

    field: EvidenceField
    text: str  # == article.text[start:end] (or title[start:end]) for "text" ("title") evidence
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "text": self.text, "start": self.start, "end": self.end}


@dataclass
class RawDocument:
    """What a reader produces: text or HTML plus whatever metadata the container gave."""

    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    published_from: PublishedFrom | None = None  # "metadata" when read from the page; None: given with the input
    fetched: str | None = None  # when a crawler fetched the page (a WARC record's date): completes a dateline's year
    container: str | None = None  # a record inside a container file: that file, and its position from 0
    index: int | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass
class Article:
    source: str
    text: str
    id: str = ""
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    published_from: PublishedFrom | None = None  # input|metadata|dateline|inferred; None when no date is known
    published_evidence: list[DateEvidence] = field(default_factory=list)  # the date first, then what completed it
    language: str = "en"
    url: str | None = None
    removed: list[Removal] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # repairs made on the way in (see Note)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "published_from": self.published_from,
            "published_evidence": [e.to_json() for e in self.published_evidence],
            "language": self.language,
            "url": self.url,
            "text": self.text,
            "removed": [r.to_json() for r in self.removed],
            "statements": [s.to_json() for s in self.statements],
            "places": [p.to_json() for p in self.places],
            "times": [t.to_json() for t in self.times],
            "events": [e.to_json() for e in self.events],
            "errors": [e.to_json() for e in self.errors],
            "notes": [n.to_json() for n in self.notes],
        }


# -- corpus level: origins and claims --------------------------------------------------------------------

ClaimStatus = Literal["corroborated", "single-source", "contested"]
Side = Literal["affirms", "disputes"]


@dataclass
class Origin:
    """Articles that are copies or light rewrites of one another (wire copy, mirrors): one independent source."""

    id: str  # the id of the group's earliest (then smallest-id) article
    article_ids: list[str]
    similarity: float  # lowest verified similarity inside the group (1.0 for a single article)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "article_ids": self.article_ids, "similarity": round(self.similarity, 3)}


@dataclass
class ClaimMember:
    """One article's statement, event or sentence that takes part in a claim, with its evidence span."""

    article_id: str
    origin_id: str
    outlet: str | None
    kind: Literal["statement", "event", "sentence"]
    record_id: str | None  # the statement or event id; None for a plain sentence
    text: str  # the evidence, == article.text[start:end]
    start: int
    end: int
    side: Side = "affirms"
    speaker: str | None = None  # who says it (statement speaker / event according_to); None: the outlet
    value: str | None = None  # what differs between sides when it is a number or a place ("30", "Panjshir")

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "origin_id": self.origin_id,
            "outlet": self.outlet,
            "kind": self.kind,
            "record_id": self.record_id,
            "speaker": self.speaker,
            "side": self.side,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Claim:
    """Statements, events and sentences from one or more articles that assert (or dispute) the same thing."""

    id: str
    summary: str  # a readable one-line statement of the claim
    kind: Literal["event", "statement", "fact", "number", "whereabouts"]
    status: ClaimStatus
    members: list[ClaimMember]
    origins: list[str]  # independent origin ids (after wire-copy collapse) among the members
    why: str | None = None  # for contested claims: what the sides disagree on
    event_type: str | None = None

    def side(self, side: Side) -> list[ClaimMember]:
        return [m for m in self.members if m.side == side]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "summary": self.summary,
            "kind": self.kind,
            "event_type": self.event_type,
            "status": self.status,
            "origins": self.origins,
            "members": [m.to_json() for m in self.members],
        }
        if self.status == "contested":
            out["why"] = self.why
            out["sides"] = {s: [m.to_json() for m in self.side(s)] for s in ("affirms", "disputes")}
        return out


@dataclass
class Entity:
    """One person, group or state across articles, under all the names it was written as."""

    id: str
    name: str  # canonical ("Ahmad Massoud")
    kind: str  # person|organisation|state|outlet|unnamed|other
    actor: str | None = None  # actor dictionary code when known
    mentions: list[str] = field(default_factory=list)  # names as written ("Massoud", "Masood", "Mr Massoud")
    article_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "actor": self.actor,
            "mentions": self.mentions,
            "article_ids": self.article_ids,
        }


@dataclass
class Corpus:
    """What the link stage knows about a set of articles: origins, entities, claims."""

    articles: list[Article]
    origins: list[Origin] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def origin_of(self, article_id: str) -> str:
        for origin in self.origins:
            if article_id in origin.article_ids:
                return origin.id
        return article_id

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)


# -- reading the contract back (the store keeps it as JSON) -------------------------------------------------


def article_from_json(data: dict[str, Any]) -> Article:
    """The typed Article for one JSON Lines record (the inverse of Article.to_json)."""
    article = Article(
        source=data["source"],
        text=data["text"],
        id=data["id"],
        outlet=data.get("outlet"),
        title=data.get("title"),
        published=data.get("published"),
        published_from=data.get("published_from"),
        published_evidence=[DateEvidence(**e) for e in data.get("published_evidence") or []],
        language=data.get("language") or "en",
        url=data.get("url"),
    )
    article.removed = [Removal(r["kind"], r["text"], r.get("reason") or "") for r in data.get("removed", [])]
    article.statements = [_statement_from_json(s) for s in data.get("statements", [])]
    article.places = [_place_from_json(p) for p in data.get("places", [])]
    article.times = [TimeRef(**t) for t in data.get("times", [])]
    article.events = [_event_from_json(e) for e in data.get("events", [])]
    article.errors = [StageError(e["stage"], e["error"]) for e in data.get("errors", [])]
    article.notes = [Note(n["code"], n["detail"]) for n in data.get("notes", [])]
    return article


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
        id=s["id"],
        mode=s.get("mode", "speech"),
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
        role=p.get("role") or "literal",
    )


def _event_from_json(e: dict[str, Any]) -> Event:
    def actor(a: dict[str, Any] | None) -> ActorRef | None:
        return ActorRef(a["name"], a.get("actor")) if a else None

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
        actor=actor(e.get("actor")),
        target=actor(e.get("target")),
        place=Place(
            place["name"],
            -1,
            -1,
            place.get("lat"),
            place.get("lon"),
            place.get("feature"),
            place.get("country"),
            place.get("admin1"),
            place.get("geonameid"),
            canonical=place["name"],
        )
        if place
        else None,
        date=TimeRef(date.get("text") or "", -1, -1, date.get("start"), date.get("end"), date.get("precision"))
        if date
        else None,
        according_to=e.get("according_to"),
        fatalities=e.get("fatalities"),
        captured=e.get("captured"),
        fatalities_text=e.get("fatalities_text"),
        captured_text=e.get("captured_text"),
        id=e.get("id", ""),
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
    )
