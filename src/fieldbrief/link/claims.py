"""Claims: units from different articles that assert the same thing, and where sources disagree.

- corroboration: the same proposition in different origins, found by idf-weighted lexical similarity over
  content stems (paraphrase groups folded), entities and places; candidate pairs come from an inverted index
  on rare features (blocking), never from all pairs; clusters grow by average linkage, so they do not chain.
- contradictions: the same happening asserted and disputed ("attack repelled" vs "no fighting yet"), different
  casualty counts for the same happening, a named person placed in two places at once ("fled the country" vs
  "is in Panjshir"). Each side is a set of members with evidence spans; `why` says what they disagree on.
- events of the same type, actors and place within a time window form event claims; statements that nobody
  else repeats are single-source claims.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from fieldbrief.link.text import Lexicon, lexicon
from fieldbrief.link.units import Unit, place_key
from fieldbrief.model import Claim, ClaimMember, ClaimStatus, Event, Place, Side, content_id

SINGLETON_DF = 8
Said = tuple[Unit, Side, str | None]  # a unit, the side it takes, the value it gives (a count, a place)
MemberKind = Literal["statement", "event", "sentence"]


def _side(affirms: bool) -> Side:
    return "affirms" if affirms else "disputes"


@dataclass(frozen=True)
class ClaimParams:
    min_similarity: float
    min_shared: int
    entity_weight: float
    max_block_share: float
    min_block_df: int
    event_window_days: int
    max_days_apart: int
    same_place_km: float
    min_salient: int


def params(lex: Lexicon) -> ClaimParams:
    c, w = lex.section("claims"), lex.section("whereabouts")
    return ClaimParams(
        float(c["min_similarity"]),
        int(c["min_shared"]),
        float(c["entity_weight"]),
        float(c["max_block_share"]),
        int(c["min_block_df"]),
        int(c["event_window_days"]),
        int(w["max_days_apart"]),
        float(w["same_place_km"]),
        int(c["min_salient"]),
    )


def build_claims(
    units: list[Unit], events: list[tuple[Unit, Event]], names: dict[str, str] | None = None
) -> list[Claim]:
    """Claims over the units of a corpus; `names`: entity id -> display name, for whereabouts questions."""
    lex = lexicon()
    p = params(lex)
    weights = _idf(units)
    claims = _corroborations(units, weights, p)
    claims += _assertion_vs_denial(units, p)
    claims += _number_disputes(units, weights, p)
    claims += _whereabouts_disputes(units, p, names or {})
    claims += _responsibility_disputes(events, p)
    claims += _event_claims(events, p)
    by_span = {(u.article_id, u.start, u.end): u for u in [*units, *(u for u, _ in events)]}
    claims = _merge_contested(claims, by_span, p)
    claims += _single_statements(units, claims)
    claims = [_settle(c) for c in claims]
    ranked = sorted(claims, key=lambda c: ({"contested": 0, "corroborated": 1}.get(c.status, 2), c.id))
    return list({c.id: c for c in reversed(ranked)}.values())[::-1]  # one claim per id, the strongest status


# ------------------------------------------------------------------------------------------- similarity
def _idf(units: list[Unit]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for u in units:
        for f in u.features:
            df[f] += 1
    n = max(len(units), 1)
    # A feature no other unit has cannot match anything; it says "more detail", not "different claim", so it
    # weighs like a feature of middling rarity instead of the rarest.
    single = math.log(1 + n / SINGLETON_DF)
    return {f: math.log(1 + n / d) if d > 1 else single for f, d in df.items()}


def _weight(feature: str, weights: dict[str, float], p: ClaimParams) -> float:
    w = weights.get(feature, 1.0)
    return w * p.entity_weight if feature.startswith(("E:", "P:")) else w


def similarity(a: Unit, b: Unit, weights: dict[str, float], p: ClaimParams) -> float:
    """Weighted cosine over features; 0 unless enough is shared, and a content word among it."""
    fa, fb = a.features, b.features
    shared = fa & fb
    if len(shared) < p.min_shared or len(a.salient & b.salient) < p.min_salient:
        return 0.0  # sharing names is not saying the same thing about them
    dot = sum(_weight(f, weights, p) ** 2 for f in shared)
    na = math.sqrt(sum(_weight(f, weights, p) ** 2 for f in fa))
    nb = math.sqrt(sum(_weight(f, weights, p) ** 2 for f in fb))
    return dot / (na * nb) if na and nb else 0.0


def candidate_pairs(units: list[Unit], p: ClaimParams) -> set[tuple[int, int]]:
    """Pairs of units from different origins sharing at least two blocking features (rare enough to index)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for f in u.features:
            index[f].append(i)
    limit = max(p.min_block_df, int(p.max_block_share * len(units)))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for posting in index.values():
        if len(posting) > limit:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                i, j = posting[x], posting[y]
                if units[i].origin_id != units[j].origin_id:
                    counts[(i, j)] += 1
    return {pair for pair, n in counts.items() if n >= 2}


def _polarity_conflict(a: Unit, b: Unit) -> bool:
    return any(b.topics.get(t) not in (None, "modal", pol) for t, pol in a.topics.items() if pol != "modal")


def _corroborations(units: list[Unit], weights: dict[str, float], p: ClaimParams) -> list[Claim]:
    def compatible(i: int, j: int) -> bool:
        # an assertion and its denial are not the same claim; nor are things years apart
        return not _polarity_conflict(units[i], units[j]) and same_time(units[i], units[j], p)

    sims: dict[tuple[int, int], float] = {}
    for i, j in candidate_pairs(units, p):
        if compatible(i, j) and (sim := similarity(units[i], units[j], weights, p)) >= p.min_similarity:
            sims[(i, j)] = sim
    clusters = _average_linkage(sims, p.min_similarity, compatible)
    claims = []
    for members in clusters:
        group = [units[i] for i in sorted(members)]
        origins = sorted({u.origin_id for u in group})
        if len(origins) < 2:
            continue
        central = max(members, key=lambda i: sum(sims.get(_key(i, j), 0.0) for j in members))
        kind = "statement" if any(u.kind == "statement" for u in group) else "fact"
        claims.append(_claim(_short(units[central].text), kind, "corroborated", [(u, "affirms", None) for u in group]))
    return claims


def _key(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _average_linkage(
    sims: dict[tuple[int, int], float], threshold: float, compatible: Callable[[int, int], bool]
) -> list[set[int]]:
    """Merge clusters along the strongest pairs while the mean similarity across them stays above threshold and
    every pair across them is compatible (a high mean must not carry an incompatible pair into one claim)."""
    cluster_of: dict[int, int] = {}
    clusters: dict[int, set[int]] = {}
    for (i, j), _ in sorted(sims.items(), key=lambda kv: -kv[1]):
        for k in (i, j):
            if k not in cluster_of:
                cluster_of[k] = k
                clusters[k] = {k}
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = clusters[ci], clusters[cj]
        mean = sum(sims.get(_key(x, y), 0.0) for x in a for y in b) / (len(a) * len(b))
        if mean < threshold or not all(compatible(x, y) for x in a for y in b):
            continue
        a |= b
        for k in b:
            cluster_of[k] = ci
        del clusters[cj]
    return list(clusters.values())


# ------------------------------------------------------------------------------------------- contradictions
def _days_apart(a: Unit, b: Unit) -> int:
    if not a.published or not b.published:
        return 0
    try:
        return abs((dt.date.fromisoformat(a.published[:10]) - dt.date.fromisoformat(b.published[:10])).days)
    except ValueError:
        return 0


def _independent(a: Unit, b: Unit) -> bool:
    """Two different voices: different origins, or two different named speakers in one article."""
    named_apart = a.speaker is not None and b.speaker is not None and a.voice != b.voice
    if a.outlet and a.outlet == b.outlet:
        return named_apart  # an outlet revising its own report (a later toll) does not contradict itself
    return a.origin_id != b.origin_id or named_apart


def window(u: Unit, p: ClaimParams) -> tuple[dt.date, dt.date] | None:
    """When what the unit reports happened: its own dates, else the days before its article was published."""
    if u.when:
        return u.when
    if u.published:
        try:
            day = dt.date.fromisoformat(u.published[:10])
        except ValueError:
            return None
        return (day - dt.timedelta(days=p.event_window_days), day)
    return None


def same_time(a: Unit, b: Unit, p: ClaimParams) -> bool:
    """Time windows that overlap (with `event_window_days` of slack): the one time check of every claim path
    (clusters, contradictions, event claims, merges). A date written in one text and no date known for the other
    (no dates, no publication day) is not the same time: "in 2001" is no news of an undated report."""
    wa, wb = window(a, p), window(b, p)
    if wa is None or wb is None:
        return not (a.when or b.when)
    slack = dt.timedelta(days=p.event_window_days)
    return wa[0] - slack <= wb[1] and wb[0] - slack <= wa[1]


def _same_parties(a: Unit, b: Unit) -> bool:
    """Two events against different targets are different happenings (who attacks may well be disputed)."""
    return not (a.target and b.target and a.target != b.target)


def _in_common(a: Unit, b: Unit, ignore: Collection[str]) -> bool:
    """An actor, or a word beyond those ignored ("police" in "police said 12 were killed")."""
    return bool(a.entities & b.entities) or any(w not in ignore for w in a.content & b.content)


def _same_happening(a: Unit, b: Unit, p: ClaimParams, ignore: Collection[str] = (), parties: bool = True) -> bool:
    """Compatible time and targets, and the same place: within one article the article's place stands in for an
    unnamed one; across articles a side naming no place needs the same scene and an actor in common. Without any
    place below country level, at least two shared actors. `parties`: whether targets must agree (not when the
    target is the one blamed)."""
    if not same_time(a, b, p) or (parties and not _same_parties(a, b)):
        return False
    if a.article_id != b.article_id and not (a.place_keys and b.place_keys):
        return bool(a.scene & b.scene) and _in_common(a, b, ignore)
    if a.scene & b.scene:
        return True
    if a.scene or b.scene:
        return False
    return len(a.entities & b.entities) >= 2


def _assertion_vs_denial(units: list[Unit], p: ClaimParams) -> list[Claim]:
    lex = lexicon()
    by_topic: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        for topic in u.topics:
            by_topic[topic].append(u)
    claims = []
    for topic, group in sorted(by_topic.items()):
        affirm = [u for u in group if u.topics[topic] == "affirms"]
        dispute = [u for u in group if u.topics[topic] == "disputes"]
        edges = [
            (a, d)
            for d in dispute
            for a in affirm
            if _independent(a, d) and _same_happening(a, d, p, lex.topics) and _days_apart(a, d) <= p.max_days_apart
        ]
        for component in _components(edges, p):
            sides: list[Said] = [(u, _side(u.topics[topic] == "affirms"), None) for u in component]
            summary = question(topic, _actor(component), _place_name(component))
            why = _why_sides(sides)
            claims.append(_claim(summary, "event", "contested", sides, why=why, event_type=_event_type(component)))
    return claims


def _event_type(component: list[Unit]) -> str | None:
    return next((u.event_type for u in component if u.event_type), None)


def _place_name(component: list[Unit]) -> str | None:
    """The place as the articles write it ("Dara", not the gazetteer's "Dar‘ā"): the one most sides share, not a
    dateline only one article gives."""
    named: Counter[str] = Counter()
    for u in component:
        for p in u.places:
            key = place_key(p)
            if key and p.name[:1].isupper():
                named[p.name] += sum(key in v.scene for v in component)
    if named:
        return named.most_common(1)[0][0]
    written = Counter(n for u in component for n in u.place_names)
    return next((_as_written(u, n) for n, _ in written.most_common(1) for u in component if n in u.place_names), None)


def _as_written(u: Unit, name: str) -> str:
    at = u.text.lower().find(name)
    return u.text[at : at + len(name)] if at >= 0 else name.title()


def _where(component: list[Unit]) -> str:
    name = _place_name(component)
    return f" in {name}" if name else ""


def _actor(component: list[Unit]) -> str | None:
    """The actor the disputed events name most often ("the Taliban"), for the claim's question."""
    names = Counter(u.actor_name for u in component if u.actor_name)
    return names.most_common(1)[0][0] if names else None


def question(topic: str, actor: str | None, place: str | None) -> str:
    """ "Whether the Taliban attacked Panjshir": the topic's question template that the known details fill."""
    templates = lexicon().section("summaries")["questions"].get(topic, {})
    if actor and place and "actor_place" in templates:
        return str(templates["actor_place"]).format(actor=actor, place=place)
    if place and "place" in templates:
        return str(templates["place"]).format(place=place)
    return str(templates.get("none", f"Whether there was {topic}"))


def _why_sides(sides: list[Said]) -> str:
    """Each voice once per side with its own words: 'A (Outlet): “…” vs B (Outlet): “…”'."""
    parts = []
    for side in ("affirms", "disputes"):
        voices: dict[str, Unit] = {}
        for u, s, _ in sides:
            if s == side and (u.voice not in voices or _telling(u) > _telling(voices[u.voice])):
                voices[u.voice] = u
        parts.append("; ".join(f"{_cite(u)}: “{_short(u.text, 120)}”" for u in voices.values()))
    return " vs ".join(p for p in parts if p)


def _telling(u: Unit) -> tuple[bool, bool]:
    """Which of a voice's sentences to quote: its own words first, then the one that names the happening."""
    return (u.kind == "statement", u.event_type is not None)


def _cite(u: Unit) -> str:
    if u.speaker and u.outlet and u.outlet not in u.speaker:
        return f"{u.speaker} ({u.outlet})"
    return u.speaker or u.outlet or "the outlet"


def _components(edges: list[tuple[Unit, Unit]], p: ClaimParams) -> list[list[Unit]]:
    """Connected groups of units (two or more); an edge that would join units of different times is left out, so
    no chain of edges carries two different times into one claim."""
    parent: dict[int, int] = {}
    groups: dict[int, list[Unit]] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        for u in (a, b):
            if id(u) not in parent:
                parent[id(u)] = id(u)
                groups[id(u)] = [u]
        ra, rb = find(id(a)), find(id(b))
        if ra == rb or not all(same_time(x, y, p) for x in groups[ra] for y in groups[rb]):
            continue
        parent[rb] = ra
        groups[ra] += groups.pop(rb)
    return [sorted(g, key=lambda u: (u.article_id, u.start)) for g in groups.values() if len(g) > 1]


def _number_disputes(units: list[Unit], weights: dict[str, float], p: ClaimParams) -> list[Claim]:
    counted = [u for u in units if u.counts and not u.updates_count]
    edges = []
    for x, a in enumerate(counted):
        for b in counted[x + 1 :]:
            clash = _count_clash(a, b)
            if clash and _independent(a, b) and _days_apart(a, b) <= p.max_days_apart and _same_incident(a, b, p):
                edges.append((a, b))
    claims = []
    for component in _components(edges, p):
        cls = component[0].counts[0].cls
        values = [next((c for c in u.counts if c.cls == cls), None) for u in component]
        first = values[0]
        sides: list[Said] = [
            (u, _side(v is not None and first is not None and v.overlaps(first)), v.shown if v else None)
            for u, v in zip(component, values, strict=True)
        ]
        shown = " vs ".join(dict.fromkeys(v.shown for v in values if v is not None))
        summary = f"How many were {cls}{_where(component)}: {shown}"
        why = "; ".join(
            f"{_cite(u)} says {v.shown if v else '?'} {cls}: “{_short(u.text, 120)}”"
            for u, v in zip(component, values, strict=True)
        )
        claims.append(_claim(summary, "number", "contested", sides, why=why, event_type=_event_type(component)))
    return claims


def _count_clash(a: Unit, b: Unit) -> bool:
    """Counts of one class whose ranges cannot both be right; any two counts that agree rule the clash out
    (a sentence giving several counts may share one with the other)."""
    pairs = [(x, y) for x in a.counts for y in b.counts if x.cls == y.cls]
    return bool(pairs) and not any(x.overlaps(y) for x, y in pairs)


def _same_incident(a: Unit, b: Unit, p: ClaimParams) -> bool:
    """Counts of one incident: same place (or same actors) and some shared wording beyond the count itself."""
    lex = lexicon()
    if not _same_happening(a, b, p, lex.number_classes):
        return False
    shared = {f for f in a.content & b.content if f not in lex.number_classes and not f.isdigit()}
    return bool(shared - {k.split("/")[-1] for k in a.place_keys})


# ------------------------------------------------------------------------------------------- responsibility
def responsible_party(unit: Unit, event: Event) -> str | None:
    """Who a sentence says carried out its happening: the actor of an event claimed as one's own ("X claimed
    responsibility", "X said it carried out"), or whom an accusation blames ("the army blamed X for the attack").
    Only named groups and people: "gunmen" or "fighters" name nobody."""
    cues = lexicon().section("responsibility")
    words = " " + " ".join(t.text for t in unit.tokens) + " "
    if event.status in ("denied", "planned", "hedged"):
        return None
    if event.type in cues["blame_events"] and any(f" {c} " in words for c in cues["blame"]):
        ref = event.target
    elif event.type not in cues["blame_events"] and any(f" {c} " in words for c in cues["own"]):
        ref = event.actor
    else:
        return None
    if ref is None or ref.type == "place":
        return None
    name = re.sub(r"^the\s+|['’]s$", "", ref.name.strip(), flags=re.IGNORECASE)
    return name if name[:1].isupper() else None


def _same_party(a: str, b: str) -> bool:
    x, y = a.lower(), b.lower()
    return x in y or y in x


def _responsibility_disputes(events: list[tuple[Unit, Event]], p: ClaimParams) -> list[Claim]:
    """Two voices naming different perpetrators of one happening: rival claims, or a claim against a blame."""
    named = [(u, party_) for u, e in events if (party_ := responsible_party(u, e))]
    edges = [
        (a, b)
        for x, (a, pa) in enumerate(named)
        for b, pb in named[x + 1 :]
        if not _same_party(pa, pb) and _independent(a, b) and _days_apart(a, b) <= p.max_days_apart
        and _same_happening(a, b, p, lexicon().topics, parties=False)
    ]
    party_of = {id(u): party_ for u, party_ in named}
    claims = []
    for component in _components(edges, p):
        first = party_of[id(component[0])]
        sides: list[Said] = [(u, _side(_same_party(party_of[id(u)], first)), party_of[id(u)]) for u in component]
        shown = " or ".join(dict.fromkeys(party_of[id(u)] for u in component))
        summary = f"Who carried out the attack{_where(component)}: {shown}"
        why = "; ".join(f"{_cite(u)} names {party_of[id(u)]}: “{_short(u.text, 120)}”" for u in component)
        claims.append(_claim(summary, "event", "contested", sides, why=why, event_type=_event_type(component)))
    return claims


# ------------------------------------------------------------------------------------------- whereabouts
@dataclass(frozen=True)
class WherePatterns:
    departure: re.Pattern[str]
    presence: re.Pattern[str]


@lru_cache(maxsize=1)
def where_patterns() -> WherePatterns:
    w = lexicon().section("whereabouts")
    verbs = "|".join(re.escape(v) for v in w["departure_verbs"])
    abroad = "|".join(re.escape(a) for a in w["abroad"])
    presence = "|".join(re.escape(v) for v in sorted(w["presence"], key=len, reverse=True))
    return WherePatterns(
        departure=re.compile(rf"\b(?:{verbs})\s+(?:{abroad}|to\b)", re.IGNORECASE),
        presence=re.compile(rf"\b(?:{presence})\s+", re.IGNORECASE),
    )


def locate_people(unit: Unit, persons: list[tuple[int, int, str]], text: str) -> list[tuple[str, str, Place | None]]:
    """(entity id, "abroad"|"at", place) for each person this sentence places somewhere."""
    pats = where_patterns()
    out: list[tuple[str, str, Place | None]] = []
    sentence = (unit.tokens[0].start, unit.tokens[-1].end) if unit.tokens else (unit.start, unit.end)
    for m in pats.departure.finditer(text, *sentence):
        who = _subject_before(persons, m.start(), sentence[0])
        if who:
            dest = next((pl for pl in unit.places if pl.start >= m.end() - 3 and pl.start <= m.end() + 20), None)
            out.append((who, "abroad", dest))
    for m in pats.presence.finditer(text, *sentence):
        who = _subject_before(persons, m.start(), sentence[0])
        place = next((pl for pl in unit.places if m.end() <= pl.start <= m.end() + 5), None)
        if who and place:
            out.append((who, "at", place))
    return out


def _subject_before(persons: list[tuple[int, int, str]], pos: int, floor: int) -> str | None:
    before = [(s, eid) for s, e, eid in persons if floor <= s and e <= pos]
    return max(before)[1] if before else None


def _whereabouts_disputes(units: list[Unit], p: ClaimParams, names: dict[str, str]) -> list[Claim]:
    by_person: dict[str, list[tuple[Unit, str, Place | None]]] = defaultdict(list)
    for u in units:
        for who, kind, place in u.whereabouts:
            by_person[who].append((u, kind, place))
    claims = []
    for _person, seen in sorted(by_person.items()):
        edges = [
            (a[0], b[0])
            for x, a in enumerate(seen)
            for b in seen[x + 1 :]
            if a[0] is not b[0] and _apart(a, b, p) and _independent(a[0], b[0])
            and _days_apart(a[0], b[0]) <= p.max_days_apart and same_time(a[0], b[0], p)
        ]
        for component in _components(edges, p):
            members = {id(u) for u in component}
            values = {id(u): (k, pl) for u, k, pl in seen if id(u) in members}
            first = values[id(component[0])][0]
            sides: list[Said] = [
                (u, _side(values[id(u)][0] == first), _where_value(*values[id(u)])) for u in component
            ]
            who = names.get(_person, "the person")
            summary = f"Where {who} is: " + " or ".join(dict.fromkeys(v or "" for _, _, v in sides))
            why = "; ".join(
                f"{_cite(u)}: {who} {'is ' if (v or '').startswith('in ') else ''}{v} (“{_short(u.text, 120)}”)"
                for u, _, v in sides
            )
            claims.append(_claim(summary, "whereabouts", "contested", sides, why=why))
    return claims


def _where_value(kind: str, place: Place | None) -> str:
    if kind == "abroad":
        return "left the country" + (f" (to {place.canonical or place.name})" if place else "")
    return f"in {place.canonical or place.name}" if place else "in the country"


def _apart(a: tuple[Unit, str, Place | None], b: tuple[Unit, str, Place | None], p: ClaimParams) -> bool:
    (_, ka, pa), (_, kb, pb) = a, b
    if ka == kb == "abroad":
        return False
    if ka == "abroad" or kb == "abroad":
        home = pb if ka == "abroad" else pa
        dest = pa if ka == "abroad" else pb
        return home is not None and (dest is None or dest.country != home.country)
    if pa is None or pb is None or None in (pa.lat, pa.lon, pb.lat, pb.lon):
        return False
    return _km(pa, pb) > p.same_place_km and place_key(pa) != place_key(pb)


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


# ------------------------------------------------------------------------------------------- events, statements
def _event_key(unit: Unit, event: Event) -> tuple[str, str, str]:
    actor = event.actor.actor or event.actor.name.lower() if event.actor else ""
    place = (place_key(event.place) or (event.place.canonical or event.place.name).lower()) if event.place else ""
    return (event.type, actor, place)


def _event_claims(events: list[tuple[Unit, Event]], p: ClaimParams) -> list[Claim]:
    groups: dict[tuple[str, str, str], list[tuple[Unit, Event]]] = defaultdict(list)
    for unit, event in events:
        groups[_event_key(unit, event)].append((unit, event))
    claims = []
    for (etype, _, _), members in sorted(groups.items()):
        for group in _happening_groups(members, p):
            said: list[Said] = [(u, _side(e.status != "denied"), None) for u, e in group]
            summary = _short(group[0][1].evidence)
            claim = _claim(summary, "event", "contested", said, event_type=etype, records=[e.id for _, e in group])
            claims.append(_settle(claim, why="asserted by some sources, denied by others"))
    return claims


def _happening_groups(members: list[tuple[Unit, Event]], p: ClaimParams) -> list[list[tuple[Unit, Event]]]:
    """Split events of one key into groups whose members can all be one happening: compatible times (see
    same_time) and targets. One span is one member, so an event asserted and one denied in the same sentence ("X
    attacked the town but there was no attack on the bridge") go to different groups: a sentence does not
    contest itself, and neither event's record is lost."""
    def start(m: tuple[Unit, Event]) -> dt.date:
        w = window(m[0], p)
        return w[0] if w else dt.date.max

    def fits(m: tuple[Unit, Event], o: tuple[Unit, Event]) -> bool:
        (u, e), (v, f) = m, o
        same_span = (u.article_id, u.start, u.end) == (v.article_id, v.start, v.end)
        return same_time(u, v, p) and _same_parties(u, v) and not (same_span and e.status != f.status)

    groups: list[list[tuple[Unit, Event]]] = []
    for m in sorted(members, key=start):
        host = next((g for g in groups if all(fits(m, o) for o in g)), None)
        if host is None:
            groups.append([m])
        else:
            host.append(m)
    return groups


def _single_statements(units: list[Unit], claims: list[Claim]) -> list[Claim]:
    taken = {(m.article_id, m.start) for c in claims for m in c.members}
    return [
        _claim(_short(u.text), "statement", "single-source", [(u, "affirms", None)])
        for u in units
        if u.kind == "statement" and (u.article_id, u.start) not in taken
    ]


# ------------------------------------------------------------------------------------------- assembling
def _claim(
    summary: str,
    kind: str,
    status: ClaimStatus,
    sides: Iterable[Said],
    *,
    why: str | None = None,
    event_type: str | None = None,
    records: list[str] | None = None,
) -> Claim:
    members = []
    seen = set()
    for n, (u, side, value) in enumerate(sides):
        key = (u.article_id, u.start, u.end)
        if key in seen:
            continue
        seen.add(key)
        record = records[n] if records else u.record_id
        members.append(
            ClaimMember(u.article_id, u.origin_id, u.outlet, _member_kind(u, records), record, u.text, u.start, u.end,
                        side, u.speaker, value)
        )
    members.sort(key=lambda m: (m.side, m.article_id, m.start))
    # the records too: an event asserted and one denied in one sentence are two claims on one span
    cid = content_id(kind, *(f"{m.article_id}:{m.start}:{m.end}" for m in members), *(records or ()))
    origins = sorted({m.origin_id for m in members})
    return Claim(cid, summary, kind, status, members, origins, why, event_type)  # type: ignore[arg-type]


def _settle(claim: Claim, why: str | None = None) -> Claim:
    """The status the members bear out: contested only with a member on each side, else corroborated by two or
    more independent origins, else single-source. `why` explains a contest when the claim has none yet."""
    if claim.side("affirms") and claim.side("disputes"):
        claim.status, claim.why = "contested", claim.why or why
    else:
        claim.status, claim.why = ("corroborated" if len(claim.origins) >= 2 else "single-source"), None
    return claim


def _member_kind(u: Unit, records: list[str] | None) -> MemberKind:
    if records or u.kind == "event":
        return "event"
    return "statement" if u.kind == "statement" else "sentence"


def _who(u: Unit) -> str:
    return u.speaker or u.outlet or "the outlet"


def _short(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


Spans = dict[tuple[str, int, int], Unit]


def _merge_contested(claims: list[Claim], by_span: Spans, p: ClaimParams) -> list[Claim]:
    """Claims that share evidence with a contested claim (the same denial found as an event) fold into it, but
    only at compatible times; other claims only when everything they report can be the same happening (times,
    targets and places agree). Statuses are settled afterwards from the sides the members take."""
    contested = [c for c in claims if c.status == "contested"]
    rest = [c for c in claims if c.status != "contested"]
    merged: list[Claim] = []
    for claim in contested:
        host = next((c for c in merged if _share_evidence(c, claim) and _same_times(c, claim, by_span, p)), None)
        if host is None:
            merged.append(claim)
        else:
            _absorb(host, claim)
    kept = []
    for claim in rest:
        host = next(
            (c for c in merged if claim.kind == "event" and _share_evidence(c, claim)
             and _fits(c, claim, by_span, p)),
            None,
        )
        if host is None:
            kept.append(claim)
        else:
            _absorb(host, claim)
    return merged + kept


def _units(claim: Claim, by_span: Spans) -> list[Unit]:
    return [u for m in claim.members if (u := by_span.get((m.article_id, m.start, m.end)))]


def _same_times(host: Claim, other: Claim, by_span: Spans, p: ClaimParams) -> bool:
    return all(same_time(a, b, p) for a in _units(other, by_span) for b in _units(host, by_span))


def _fits(host: Claim, other: Claim, by_span: Spans, p: ClaimParams) -> bool:
    """Every member of `other` can report the same happening as every member of `host`."""
    return _same_times(host, other, by_span, p) and all(
        _same_parties(a, b) and not (a.place_keys and b.place_keys and not a.place_keys & b.place_keys)
        for a in _units(other, by_span) for b in _units(host, by_span)
    )


def _overlap(a: ClaimMember, b: ClaimMember) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _share_evidence(a: Claim, b: Claim) -> bool:
    return any(_overlap(x, y) for x in a.members for y in b.members)


def _absorb(host: Claim, other: Claim) -> None:
    host.members.extend(m for m in other.members if not any(_overlap(m, h) for h in host.members))
    host.origins = sorted({m.origin_id for m in host.members})
    host.event_type = host.event_type or other.event_type
