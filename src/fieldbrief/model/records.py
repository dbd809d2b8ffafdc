"""The records of one article: the article itself and what the stages find in it (statements, places, times,
events, sentences, figures), with removals, notes and rejections."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from fieldbrief.lexicon.admin1 import ocha_admin1

RemovalKind = Literal["duplicate", "boilerplate", "caption"]
SpeakerKind = Literal["person", "organisation", "outlet", "unnamed", "document"]
StatementKind = Literal["direct", "indirect", "mixed"]
# what a statement reports: something said, believed, intended, or what a document (poll, report) shows
StatementMode = Literal["speech", "belief", "intention", "document"]
# whether the speaker is said to have said it (PARC's factuality of an attribution): "asserted", or "negated" ("did
# not say that ...", "never claimed that ..."), or "hypothetical" ("would claim that ...", "may confirm that ...")
Factuality = Literal["asserted", "negated", "hypothetical"]
# where the text gives the statement a source: "sourced" (a speaker, named or not); "unattributed", the text names
# none ("reportedly fled with ...", "calls to establish a commission"); "unresolved", the text has a source the
# parse did not give us (the speaker is then "unresolved": read the evidence sentence)
Attribution = Literal["sourced", "unattributed", "unresolved"]
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
        return {
            "name": self.name,
            "mention": self.mention,
            "actor": self.actor,
            "kind": self.kind,
            "outlet": self.outlet,
            "publisher": self.publisher,
        }


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
    # the spans of the speaker's own words inside [start, end], in order: one for a continuous content, more
    # where the quote is split by its attribution ('"We will fight," he said, "until the end."': the content
    # runs from "We" to "end" and holds ', he said, '; the parts leave it out). Empty given: [(start, end)].
    parts: list[tuple[int, int]] = field(default_factory=list)
    factuality: Factuality = "asserted"
    attribution: Attribution = "sourced"

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [(self.start, self.end)]

    @property
    def claimed(self) -> bool:
        """Someone (named or not) is said to have said it: a claim of theirs, which linking may match with others."""
        return self.factuality == "asserted" and self.attribution == "sourced"

    def marked(self, how: str) -> str:
        """How it was said (a cue, a channel) as a reader must see it: "say, negated", "claim, hypothetical"."""
        return how if self.factuality == "asserted" else f"{how}, {self.factuality}"

    def words(self, text: str) -> str:
        """The speaker's own words: the parts of the content, joined by a space."""
        return " ".join(text[start:end] for start, end in self.parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_json(),
            "cue": self.cue,
            "channel": self.channel,
            "kind": self.kind,
            "mode": self.mode,
            "factuality": self.factuality,
            "attribution": self.attribution,
            "content": self.content,
            "start": self.start,
            "end": self.end,
            "parts": [[start, end] for start, end in self.parts],
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
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
    admin1: str | None = None  # GeoNames name; the JSON adds `admin1_ocha`, derived from country and admin1
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
            "admin1_ocha": ocha_admin1(self.country, self.admin1),
            "geonameid": self.geonameid,
            "canonical": self.canonical,
            "role": self.role,
        }

    def to_event_json(self) -> dict[str, Any]:
        """The contract's event place (`name` is the gazetteer's), plus what reading it back needs: the name as
        written (`mention`), its span, admin1 and GeoNames id."""
        return {
            "name": self.canonical or self.name,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "country": self.country,
            "mention": self.name,
            "start": self.start,
            "end": self.end,
            "admin1": self.admin1,
            "admin1_ocha": ocha_admin1(self.country, self.admin1),
            "geonameid": self.geonameid,
            "canonical": self.canonical,
            "role": self.role,
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
        """The contract's event date (`start`/`end` are dates), plus the time expression's span (`span`)."""
        return {
            "start": self.date_start,
            "end": self.date_end,
            "precision": self.precision,
            "text": self.text,
            "span": [self.start, self.end],
        }


@dataclass
class ActorRef:
    """An actor as it takes part in an event: the name in the text and, if known, its dictionary code."""

    name: str
    actor: str | None = None  # code, e.g. "TAL"
    type: str | None = None  # government|rebel group|militia|military|official|civilians|outlet|...
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "actor": self.actor, "type": self.type, "country": self.country}


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


Span = tuple[int, int]


@dataclass
class Sentence:
    """A sentence as the parser split it, with what linking across articles reads of its parse: the lemmas of its
    words (proper nouns keep their capitals: "Russian force capture Soledar"), and its main clause."""

    start: int
    end: int
    lemmas: str  # one lemma per word token, space-separated; no punctuation
    offsets: list[int] = field(default_factory=list)  # where each of those words starts, from `start`
    predicate: str | None = None  # lemma of the main clause's verb ("retake")
    subject: Span | None = None  # span of its subject phrase ("The resistance")
    object: Span | None = None  # span of its object phrase ("three districts of Baghlan province")
    negated: bool = False  # the main verb is negated ("did not attack")

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "lemmas": self.lemmas,
            "offsets": self.offsets,
            "predicate": self.predicate,
            "subject": list(self.subject) if self.subject else None,
            "object": list(self.object) if self.object else None,
            "negated": self.negated,
        }


FigureKind = Literal["killed", "injured", "captured", "missing", "attackers"]
Qualifier = Literal["exact", "at_least", "at_most", "about", "between", "vague"]


@dataclass
class Figure:
    """A count the text gives of people harmed or taking part, read from the parse: what it counts, the number as
    stated (with its qualifier: "at least 50", "between 100 and 300", "dozens"), and who gives it."""

    kind: FigureKind
    low: int | None  # the number; for `between` and `vague` the lower end, for `at_most` None
    high: int | None  # for `between` and `vague` the upper end, for `exact` and `about` the number, else None
    qualifier: Qualifier
    text: str  # as written, == article.text[start:end] ("at least 50")
    start: int
    end: int
    counted: str | None = None  # lemma of the noun counted ("civilian", "soldier"); None: people in general
    source: str | None = None  # who gives this figure within its sentence ("the civil defence"), as written
    source_span: Span | None = None
    update: bool = False  # a revised count ("the toll rose to 35")
    cumulative: bool = False  # a running total ("have been killed since the war began")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "counted": self.counted,
            "source": self.source,
            "source_span": list(self.source_span) if self.source_span else None,
            "update": self.update,
            "cumulative": self.cumulative,
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
    sentences: list[Sentence] = field(default_factory=list)  # the parse linking reads (stage `sentences`)
    figures: list[Figure] = field(default_factory=list)  # counts of people harmed (stage `figures`)
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
            "sentences": [x.to_json() for x in self.sentences],
            "figures": [f.to_json() for f in self.figures],
            "notes": [n.to_json() for n in self.notes],
        }
