"""Corpus-level records: origins (copies of one another), entities, claims with their members, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from fieldbrief.model.records import Article

ClaimStatus = Literal["corroborated", "single-source", "contested"]
ClaimKind = Literal["event", "statement", "fact", "number", "whereabouts"]
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
    value: str | None = None  # the member's value of the disputed slot ("30", "Hezbollah", "in Damascus")
    source: str | None = None  # the independent source it counts under: a cited body, a wire, or the outlet

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "origin_id": self.origin_id,
            "outlet": self.outlet,
            "kind": self.kind,
            "record_id": self.record_id,
            "speaker": self.speaker,
            "source": self.source,
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
    kind: ClaimKind
    status: ClaimStatus
    members: list[ClaimMember]
    origins: list[str]  # independent origin ids (after wire-copy collapse) among the members
    why: str | None = None  # for contested claims: what the sides disagree on
    event_type: str | None = None
    dispute: str | None = None  # the disputed slot: toll|attackers|weapon|perpetrator|victims|control|...
    sources: list[str] = field(default_factory=list)  # independent sources: by origin and by cited source
    incident: str | None = None  # the incident the claim is about (one id per incident in the corpus)
    country: str | None = None  # ISO code of the incident's country, when known
    date: str | None = None  # ISO date of the incident (its start), when known
    place: str | None = None  # the incident's place as written

    def side(self, side: Side) -> list[ClaimMember]:
        return [m for m in self.members if m.side == side]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "summary": self.summary,
            "kind": self.kind,
            "event_type": self.event_type,
            "status": self.status,
            "dispute": self.dispute,
            "origins": self.origins,
            "sources": self.sources,
            "incident": self.incident,
            "country": self.country,
            "date": self.date,
            "place": self.place,
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
    unparsed: list[str] = field(default_factory=list)  # articles without sentence records: linked by their records only

    def origin_of(self, article_id: str) -> str:
        for origin in self.origins:
            if article_id in origin.article_ids:
                return origin.id
        return article_id

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)
