"""Propositions to compare across articles: one unit per sentence, enriched by the statements and events in it.

A unit knows its evidence span, who says it (statement speaker, event source, or a named actor next to a
reporting word), its content stems, entities and places, the happenings it asserts or disputes (topics with
polarity), the casualty counts it gives, and where it says a named person is.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from fieldbrief.link.entities import Mention
from fieldbrief.link.text import Lexicon, Token, sentences, tokens
from fieldbrief.model import ActorRef, Article, Entity, Event, Place, Statement, TimeRef

Polarity = str  # "affirms" | "disputes" | "modal"
Window = tuple[dt.date, dt.date]
ATTRIBUTION_GAP = 4  # characters between a name and its reporting word: ", ", " ", "'s "
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Count:
    """A casualty count as a range: "12" is 12-12, "at least 500" 500-inf, "between 100 and 300", "dozens" 24-99."""

    cls: str  # killed | wounded
    low: float
    high: float
    shown: str  # as written, for summaries

    def overlaps(self, other: Count) -> bool:
        return self.low <= other.high and other.low <= self.high


@dataclass
class Unit:
    article_id: str
    origin_id: str
    outlet: str | None
    published: str | None
    start: int  # evidence span: the statement content when the sentence carries one, else the sentence
    end: int
    text: str
    kind: str  # statement | event | sentence
    record_id: str | None
    speaker: str | None
    tokens: list[Token]
    content: frozenset[str]  # content stems
    salient: frozenset[str]  # content stems outside entity names and places: what is said about them
    entities: frozenset[str]  # entity ids
    places: list[Place]
    place_keys: frozenset[str]  # below country level: "af/panjshir"
    countries: frozenset[str]
    scene: frozenset[str] = frozenset()
    place_names: tuple[str, ...] = ()  # names written for places the gazetteer missed (see link.placenames)
    topics: dict[str, Polarity] = field(default_factory=dict)
    numbers: list[tuple[str, int]] = field(default_factory=list)  # (class, count)
    counts: list[Count] = field(default_factory=list)  # the same counts as ranges, with their qualifiers
    updates_count: bool = False  # "the toll rose to ..." : not comparable with an earlier count
    whereabouts: list[tuple[str, str, Place | None]] = field(default_factory=list)  # (entity id, kind, place)
    event_type: str | None = None
    when: Window | None = None  # dates the text gives for what it reports (an event date, "in 2001")
    actor_name: str | None = None  # the event's actor as written for people ("the Taliban"), for summaries
    target: str | None = None  # the event's target's actor code, when the unit is an event

    @property
    def features(self) -> frozenset[str]:
        return self.content | {"E:" + e for e in self.entities} | {"P:" + p for p in self.place_keys}

    @property
    def voice(self) -> str:
        """Who is speaking: the named speaker, else the outlet of the origin (its own reporting)."""
        return (self.speaker or f"outlet:{self.origin_id}").lower()


def place_key(place: Place) -> str | None:
    """Places below country level, keyed so that "Panjshir", "the valley" and "Panjshir Valley" agree."""
    if place.feature == "country" or not place.country:
        return None
    core = place.admin1 or place.canonical or place.name
    return f"{place.country}/{core}".lower()


def build_units(
    article: Article,
    origin_of: dict[tuple[int, int], str] | str,
    mentions: list[tuple[Mention, str]],
    entities: dict[str, Entity],
    lex: Lexicon,
) -> list[Unit]:
    """One unit per sentence of the article (origin_of: the article's origin, or per copied-paragraph span)."""
    out = []
    keys = Counter(k for p in article.places if (k := place_key(p)))
    main = frozenset(k for k, _ in keys.most_common(1))
    for s, e in sentences(article.text):
        origin = _origin_at(origin_of, s)
        unit = _unit(article, s, e, origin, mentions, entities, lex)
        unit.scene = unit.place_keys or main  # a sentence naming no place happens where the article does
        out.append(unit)
    return out


def _origin_at(origin_of: dict[tuple[int, int], str] | str, pos: int) -> str:
    if isinstance(origin_of, str):
        return origin_of
    default = origin_of.get((-1, -1), "")
    return next((o for (s, e), o in origin_of.items() if s <= pos < e), default)


def _unit(
    article: Article,
    s: int,
    e: int,
    origin: str,
    mentions: list[tuple[Mention, str]],
    entities: dict[str, Entity],
    lex: Lexicon,
) -> Unit:
    toks = tokens(article.text[s:e], lex, offset=s)
    inside = [(m, eid) for m, eid in mentions if s <= m.start < e]
    statement = _statement_in(article.statements, s, e)
    event = _event_in(article.events, s, e)
    places = [p for p in article.places if s <= p.start < e]
    names = [(m.start, m.end) for m, _ in inside] + [(p.start, p.end) for p in places]
    start, end, kind, record = s, e, "sentence", None
    if statement is not None:
        start, end, kind, record = statement.start, statement.end, "statement", statement.id
    elif event is not None:
        kind, record = "event", event.id
    unit = Unit(
        article_id=article.id,
        origin_id=origin,
        outlet=article.outlet,
        published=article.published,
        start=start,
        end=end,
        text=article.text[start:end],
        kind=kind,
        record_id=record,
        speaker=_speaker(statement, event, toks, inside, entities, lex),
        tokens=toks,
        content=frozenset(t.stem for t in toks if _is_content(t, lex)),
        salient=frozenset(t.stem for t in toks if _is_content(t, lex) and not _inside(t, names)),
        entities=frozenset(eid for _, eid in inside),
        places=places,
        place_keys=frozenset(k for p in places if (k := place_key(p))),
        countries=frozenset(p.country for p in places if p.country),
        event_type=event.type if event else None,
        when=event_window(event) or text_window(article.times, s, e),
        actor_name=display_name(event.actor, lex) if event else None,
        target=party(event.target) if event else None,
    )
    unit.topics = _topics(toks, event, lex)
    unit.counts, unit.updates_count = _numbers(toks, lex)
    unit.numbers = [(c.cls, int(c.low)) for c in unit.counts]
    return unit


def _is_content(t: Token, lex: Lexicon) -> bool:
    return t.text not in lex.stopwords and not t.text.isdigit() and len(t.stem) > 1


def party(ref: ActorRef | None) -> str | None:
    """An event's actor or target as a comparable key: its dictionary code (free-text targets such as "12 people"
    or "the police station" say too little to tell two happenings apart)."""
    if ref is None or ref.type == "place":
        return None
    return ref.actor


def display_name(ref: ActorRef | None, lex: Lexicon) -> str | None:
    """An event actor for a sentence: groups take "the" ("the Taliban"), people and states do not."""
    if ref is None or ref.type == "place" or not ref.name[:1].isupper():
        return None
    groups = lex.section("summaries")["article_types"]
    return f"the {ref.name}" if ref.type in groups else ref.name


def _inside(t: Token, spans: list[tuple[int, int]]) -> bool:
    return any(s <= t.start and t.end <= e for s, e in spans)


def _window(ref: TimeRef | None) -> Window | None:
    if ref is None or not ref.date_start:
        return None
    try:
        start = dt.date.fromisoformat(ref.date_start[:10])
        end = dt.date.fromisoformat((ref.date_end or ref.date_start)[:10])
    except ValueError:
        return None
    return (start, max(start, end))


def event_window(event: Event | None) -> Window | None:
    return _window(event.date) if event is not None else None


def text_window(times: list[TimeRef], s: int, e: int) -> Window | None:
    """The latest resolved date written in text[s:e]: "said on Monday that ... in 2001" reports Monday."""
    windows = [w for t in times if s <= t.start < e and (w := _window(t))]
    return max(windows, key=lambda w: w[1]) if windows else None


def _statement_in(statements: list[Statement], s: int, e: int) -> Statement | None:
    return next((st for st in statements if s <= st.start < e), None)


def _event_in(events: list[Event], s: int, e: int) -> Event | None:
    return next((ev for ev in events if s <= ev.start < e), None)


def _speaker(
    statement: Statement | None,
    event: Event | None,
    toks: list[Token],
    mentions: list[tuple[Mention, str]],
    entities: dict[str, Entity],
    lex: Lexicon,
) -> str | None:
    if statement is not None and statement.speaker.kind != "unnamed":
        return statement.speaker.name
    if event is not None and event.according_to:
        return event.according_to
    cues = [t for t in toks if t.text in lex.attribution_cues]
    # the named actor right beside a reporting word ("..., said Nazary" / "Mujahid claimed that ...")
    near = [
        (gap, eid, m)
        for m, eid in mentions
        for c in cues
        if 0 <= (gap := max(c.start - m.end, m.start - c.end)) <= ATTRIBUTION_GAP
    ]
    if not near:
        return None
    _, eid, mention = min(near, key=lambda x: x[0])
    return entities[eid].name if eid in entities else mention.text


def _topics(toks: list[Token], event: Event | None, lex: Lexicon) -> dict[str, Polarity]:
    found: dict[str, Polarity] = {}
    words = [t.text for t in toks]
    denial_at = next((i for i, w in enumerate(words) if w in lex.denial_verbs), None)
    for i, t in enumerate(toks):
        topic = lex.topics.get(t.stem)
        if topic is None:
            continue
        before = words[max(0, i - lex.polarity_window) : i]
        if any(w in lex.negations for w in before) or (denial_at is not None and denial_at < i):
            polarity = "disputes"
        elif any(w in lex.modals or w in lex.habitual for w in before):
            polarity = "modal"
        else:
            polarity = "affirms"
        found[topic] = _stronger(found.get(topic), polarity)
    for topic in _phrases(words, lex.affirming, lex.max_affirming):
        found[topic] = _stronger(found.get(topic), "affirms")
    for topic in _phrases(words, lex.disputing, lex.max_disputing):
        found[topic] = "disputes"
    if event is not None and (topic := lex.plover_topics.get(event.type)):
        found[topic] = {"denied": "disputes", "planned": "modal", "hedged": "modal"}.get(event.status, "affirms")
    return found


def _phrases(words: list[str], table: dict[tuple[str, ...], str], longest: int) -> set[str]:
    """Topics a phrase settles outright: "the town remains under our control" disputes its capture, "the truce
    held" affirms that the truce holds."""
    found = set()
    for i in range(len(words)):
        for n in range(1, longest + 1):
            topic = table.get(tuple(words[i : i + n]))
            if topic:
                found.add(topic)
    return found


def _stronger(old: Polarity | None, new: Polarity) -> Polarity:
    order = {"disputes": 2, "affirms": 1, "modal": 0}
    return new if old is None or order[new] > order[old] else old


def _numbers(toks: list[Token], lex: Lexicon) -> tuple[list[Count], bool]:
    words = [t.text for t in toks]
    updates = any(w in lex.update_cues for w in words)
    out: list[Count] = []
    skip = -1
    for i, w in enumerate(words):
        value = _count(w, lex)
        vague = lex.number_vague.get(w)
        if i == skip or (value is None and vague is None) or (
            i + 1 < len(words) and words[i + 1] in {"year", "years", "am", "pm", "km", "per"}
        ):
            continue
        upper = _count(words[i + 2], lex) if i + 2 < len(words) and words[i + 1] in {"and", "to"} else None
        ranged = value is not None and upper is not None and i > 0 and words[i - 1] == "between"
        last = i + 2 if ranged else i
        cls = _nearest_class(toks, i, last, lex)
        if cls is None:
            continue
        if vague is not None:
            out.append(Count(cls, vague[0], vague[1], w))
        elif ranged and value is not None and upper is not None:
            out.append(Count(cls, value, upper, f"between {value} and {upper}"))
            skip = last
        elif value is not None:
            out.append(_bounded(cls, value, words[max(0, i - 3) : i], lex))
    return out, updates


def _nearest_class(toks: list[Token], first: int, last: int, lex: Lexicon) -> str | None:
    """What a count counts: the casualty word nearest to it within the window ("12 killed and 40 wounded")."""
    found = [
        (min(abs(j - first), abs(j - last)), j < first, c)
        for j in range(max(0, first - lex.number_window), min(len(toks), last + lex.number_window + 1))
        if (c := lex.number_classes.get(toks[j].stem))
    ]
    return min(found)[2] if found else None


def _bounded(cls: str, value: int, before: list[str], lex: Lexicon) -> Count:
    """The range a qualifier gives a count: "at least 20", "up to 20", "about 20"."""
    for n in (3, 2, 1):
        kind = lex.number_bounds.get(tuple(before[-n:])) if len(before) >= n else None
        if kind == "at_least":
            return Count(cls, value, math.inf, f"{' '.join(before[-n:])} {value}")
        if kind == "at_most":
            return Count(cls, 0, value, f"{' '.join(before[-n:])} {value}")
        if kind == "about":
            return Count(cls, value * 0.8, value * 1.2, f"{' '.join(before[-n:])} {value}")
    return Count(cls, value, value, str(value))


def _count(word: str, lex: Lexicon) -> int | None:
    if DIGITS.match(word):
        value = int(word.replace(",", ""))
        return None if 1900 <= value <= 2100 else value  # a year, not a count
    return lex.number_words.get(word)
