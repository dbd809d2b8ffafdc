"""The places stage: find place names in an article and resolve each to a point in the offline gazetteer.

Mentions come from spaCy's entities (GPE, LOC, FAC; and ORG, NORP or PERSON spans that are exactly the
name of an important place: the small model tags "Tajikistan" as NORP and "Panjshir" as ORG) and from
matching the gazetteer's names on capitalised tokens outside other entities. Demonyms ("Afghan") are
evidence of the article's focus, never places; places inside organisation names ("National Resistance
Front of Afghanistan") are not places.

Resolution scores each gazetteer candidate on a log-population scale: its prior (feature type, population,
national capital), how the name relates to it (main name, spelling variant, other alternate), the article's
country focus (countries, demonyms and unambiguous places it mentions), cue words ("X province", "the city
of X") and nearness to places that resolved without doubt. A weak winner (small, or found by an alternate
name) in a country the article never mentions, while the article has a focus, is left unresolved: a wrong
point misleads more than a missing one. The rules and weights live in data/places.toml.
"""

from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.gazetteer import GEONAMES_SOURCE, NAME_MAIN, Gazetteer, GazetteerEntry, name_key, read_tsv
from fieldbrief.lexicon.datelines import dateline_places
from fieldbrief.model import Article, Place
from fieldbrief.stage import Context, Stage

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# labels the small model puts on places too ("Tajikistan" NORP, "Panjshir" ORG, "Vuhledar" PRODUCT): such an
# entity is a place when it is exactly the name of one that phrase matching would accept
EXACT_NAME_LABELS = frozenset({"ORG", "NORP", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})
# labels of entities that are no names: the small model sometimes puts them on a capitalised place name
# ("Zinda Jan district" DATE), so gazetteer phrase matching looks inside them
NON_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
EARTH_DIAMETER_KM = 12742.0

SAME_PLACE_KM = 20  # two gazetteer rows this close, in one country, under one name: one place


@dataclass(frozen=True)
class PlaceRules:
    """data/places.toml and data/demonyms.tsv, parsed once per process."""

    cue_features: dict[str, frozenset[str]]  # cue word -> feature types it points to
    back_reference: dict[str, str]  # "valley" -> feature
    back_reference_chars: int
    direction_words: frozenset[str]
    exact_label_min_population: int
    connectors: frozenset[str]
    org_heads: frozenset[str]
    never_alone: frozenset[str]  # name keys
    demonyms: dict[str, str]  # lower-case demonym -> ISO2
    scoring: dict[str, float]
    feature_prior: dict[str, float]
    name_kind_penalty: dict[int, float]  # gazetteer name kind -> penalty
    foreign: dict[str, float]  # when a winner in a country outside the article's focus is trusted
    locatives: frozenset[str]  # prepositions of a place-like context ("in", "at", "near")
    person_major_population: int
    common_words: frozenset[str]  # name keys of towns that are mostly ordinary words
    landmarks: dict[str, tuple[str, str]]  # name key -> (city name key, ISO2)


@dataclass
class Mention:
    """A place name found in the text, before resolution."""

    start: int  # token index
    end: int
    key: str
    cues: frozenset[str]  # feature types suggested by neighbouring cue words
    cue_end: int  # token end including a trailing cue word ("Kandahar province")
    weak: bool = False  # found on a non-place entity: a small town needs the article's focus on its country
    label: str = ""  # the NER label it was found on ("" for gazetteer phrase matching)
    locative: bool = False  # follows "in", "at", "near" ...: the context says place
    person: bool = False  # a name this article uses for a person more than for a place
    modifier: bool = False  # a one-word name modifying a common noun ("Epsom salts", "Bush holdover")
    country: str | None = None  # candidates restricted to this country (landmarks: "White House" -> Washington)


def load_rules() -> PlaceRules:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("places.toml").read_text("utf-8"))
    cue_features: dict[str, set[str]] = {}
    for feature, words in raw["feature_cues"].items():
        for word in words:
            cue_features.setdefault(word.lower(), set()).add(feature)
    words = raw["mentions"]
    scoring = {k: float(v) for k, v in raw["scoring"].items() if not isinstance(v, dict)}
    return PlaceRules(
        cue_features={w: frozenset(f) for w, f in cue_features.items()},
        back_reference=dict(raw["back_reference"]["words"]),
        back_reference_chars=int(raw["back_reference"]["max_chars"]),
        direction_words=frozenset(w.lower() for w in words["direction_words"]),
        exact_label_min_population=int(words["exact_label_min_population"]),
        connectors=frozenset(w.lower() for w in words["name_connectors"]),
        org_heads=frozenset(words["org_heads"]),
        never_alone=frozenset(name_key(w) for w in words["never_alone"]),
        demonyms={row["demonym"].lower(): row["country"] for row in read_tsv("demonyms.tsv")},
        scoring=scoring,
        feature_prior={k: float(v) for k, v in raw["scoring"]["feature_prior"].items()},
        name_kind_penalty={int(k): float(v) for k, v in raw["scoring"]["name_kind_penalty"].items()},
        foreign={k: float(v) for k, v in raw["scoring"]["foreign"].items()},
        locatives=frozenset(w.lower() for w in words["locative_prepositions"]),
        person_major_population=int(words["person_major_population"]),
        common_words=frozenset(name_key(w) for w in words["common_words"]),
        landmarks={name_key(name): _city_country(value) for name, value in raw["landmarks"].items()},
    )


def _city_country(value: str) -> tuple[str, str]:
    city, _, country = value.partition("|")
    return name_key(city), country.strip()


# ---------------------------------------------------------------- finding mentions


def _piece(token: Token) -> str:
    """The token's contribution to a name key ("" for separators such as hyphens)."""
    return name_key(token.text) if token.is_alpha or token.like_num or "." in token.text else ""


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (token.is_alpha or "." in text)


def _span_key(tokens: Sequence[Token] | Span) -> str:
    return " ".join(p for p in (_piece(t) for t in tokens) if p)


def _is_demonym(text: str, rules: PlaceRules) -> bool:
    lower = text.lower()
    return lower in rules.demonyms or (lower.endswith("s") and lower[:-1] in rules.demonyms)


def _cue_after(doc: Doc, end: int, rules: PlaceRules) -> tuple[frozenset[str], int]:
    if end < len(doc):
        features = rules.cue_features.get(doc[end].lower_)
        if features:
            return features, end + 1
    return frozenset(), end


def _cue_before(doc: Doc, start: int, rules: PlaceRules) -> frozenset[str]:
    """ "the city of Mosul", "the province of Kandahar"."""
    if start >= 2 and doc[start - 1].lower_ == "of":
        return rules.cue_features.get(doc[start - 2].lower_, frozenset())
    return frozenset()


def _is_locative(doc: Doc, start: int, rules: PlaceRules) -> bool:
    """ "in X", "at the X", "near northern X": a locative preposition before the name."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ == "the" or doc[i].lower_ in rules.direction_words):
        i -= 1
    return i >= 0 and doc[i].lower_ in rules.locatives


def _is_modifier(doc: Doc, start: int, end: int) -> bool:
    """A one-word name used as a modifier of a common noun: "Epsom salts", "Bush holdover"."""
    token = doc[start]
    return (end - start == 1 and token.dep_ in ("compound", "amod") and token.head.i == end
            and token.head.pos_ == "NOUN" and token.head.is_lower)


def _make_mention(doc: Doc, start: int, end: int, key: str, rules: PlaceRules, label: str = "") -> Mention:
    after, cue_end = _cue_after(doc, end, rules)
    modifier = _is_modifier(doc, start, end)  # "to Epsom salts": the preposition governs the noun, not the name
    return Mention(start, end, key, after | _cue_before(doc, start, rules), cue_end, label=label,
                   locative=_is_locative(doc, start, rules) and not modifier, modifier=modifier)


def _landmark_mention(doc: Doc, start: int, end: int, key: str, rules: PlaceRules) -> Mention | None:
    """ "at the White House" points at Washington; "the White House said" is the institution, no place."""
    city, country = rules.landmarks[key]
    if not _is_locative(doc, start, rules):
        return None
    mention = _make_mention(doc, start, end, city, rules)
    mention.weak, mention.country = True, country
    return mention


def _longest_known(doc: Doc, start: int, limit: int, gaz: Gazetteer, rules: PlaceRules,
                   require_matchable: bool) -> tuple[int, str] | None:
    """The longest gazetteer name starting at token `start` (ending before `limit`), as (end, key)."""
    best: tuple[int, str] | None = None
    pieces: list[str] = []
    for end in range(start + 1, min(limit, start + 3 * gaz.max_words) + 1):
        token = doc[end - 1]
        piece = _piece(token)
        if piece:
            pieces.append(piece)
        key = " ".join(pieces)
        ends_well = _is_capitalised(token) or token.lower_ in rules.cue_features
        if ends_well and key and (key in gaz.matchable or (not require_matchable and gaz.candidates(key))):
            best = (end, key)
        if end < limit:
            nxt = doc[end]
            if not (_is_capitalised(nxt) or nxt.lower_ in rules.connectors or nxt.lower_ in rules.cue_features):
                break
            if require_matchable and key and key not in gaz.prefixes and key not in gaz.matchable:
                break
    return best


def _exact_person_names(doc: Doc) -> frozenset[str]:
    """Single words that are part of a longer person name in this article ("Saleh" of "Amrullah Saleh")."""
    return frozenset(t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent)


def _person_names(doc: Doc, gaz: Gazetteer) -> frozenset[str]:
    """Name keys this article uses for persons more often than for places (one sense per article).

    A PERSON entity of two words or more ("Elizabeth Warren", "Liu He") votes for its whole name and each of
    its words; a GPE or LOC entity for its name. A one-word PERSON entity does not vote: the small model
    tags many places that way ("Goma", "Jordan"), and the weak-mention rules judge those. So "Jordan" stays
    a place, while "Warren" in an article about Elizabeth Warren does not. A whole entity that is itself a
    gazetteer name ("Khan Younis", "Wad Madani", tagged PERSON by the small model) does not vote for that name.
    """
    person: dict[str, int] = defaultdict(int)
    place: dict[str, int] = defaultdict(int)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            whole = _span_key(ent)
            keys = {_piece(t) for t in ent} | {whole}
            if whole in gaz.matchable:
                keys.discard(whole)
            for key in keys:
                person[key] += 1
        elif ent.label_ in ("GPE", "LOC"):
            place[_span_key(ent)] += 1
    return frozenset(key for key, votes in person.items() if key and votes >= place.get(key, 0))


def _strip_the(span: Span) -> tuple[int, int]:
    start = span.start + 1 if span[0].lower_ == "the" and len(span) > 1 else span.start
    return start, span.end


def _entity_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules, person_words: frozenset[str]) -> list[Mention]:
    found: list[Mention] = []
    for ent in doc.ents:
        start, end = _strip_the(ent)
        key = _span_key(doc[start:end])
        if not key or _is_demonym(ent.text, rules) or _is_demonym(doc[start:end].text, rules):
            continue
        if key in rules.direction_words:
            continue  # "the West", "the South": no place to point at
        if key in rules.landmarks:
            landmark = _landmark_mention(doc, start, end, key, rules)
            found.extend([landmark] if landmark else [])
            continue
        if ent.label_ in EXACT_NAME_LABELS:
            if key in gaz.matchable and key not in rules.never_alone:
                mention = _make_mention(doc, start, end, key, rules, ent.label_)
                mention.weak = True
                found.append(mention)
            continue
        if ent.label_ not in PLACE_LABELS:
            continue
        if gaz.candidates(key):
            found.append(_make_mention(doc, start, end, key, rules, ent.label_))
            continue
        if any(t.text in rules.org_heads for t in doc[start:end]):
            continue  # an organisation tagged as a place ("the Feinstein Center for Human Rights")
        while start < end and doc[start].lower_ in rules.direction_words | {"the"}:
            start += 1
        i = start
        while i < end:  # the important names inside the entity, longest first from the left
            hit = _longest_known(doc, i, end, gaz, rules, require_matchable=True)
            if hit:
                found.append(_make_mention(doc, i, hit[0], hit[1], rules, ent.label_))
                i = hit[0]
            else:
                i += 1
    return found


def _phrase_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules, taken: set[int],
                     person_words: frozenset[str]) -> list[Mention]:
    """Gazetteer names on capitalised tokens that no entity covers."""
    found: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        if i in taken or _in_name_entity(token) or not _is_capitalised(token):
            i += 1
            continue
        limit = i
        while limit < n and limit not in taken and not _in_name_entity(doc[limit]):
            limit += 1
        landmark = _longest_landmark(doc, i, limit, rules)
        if landmark:
            mention = _landmark_mention(doc, i, landmark[0], landmark[1], rules)
            found.extend([mention] if mention else [])
            i = landmark[0]
            continue
        hit = _longest_known(doc, i, limit, gaz, rules, require_matchable=True)
        if hit and hit[1] not in person_words and _accept_bare(doc, i, hit[0], hit[1], rules):
            found.append(_make_mention(doc, i, hit[0], hit[1], rules))
            i = hit[0]
        else:
            i += 1
    return found


def _in_name_entity(token: Token) -> bool:
    return bool(token.ent_type_) and token.ent_type_ not in NON_NAME_LABELS


def _longest_landmark(doc: Doc, start: int, limit: int, rules: PlaceRules) -> tuple[int, str] | None:
    for end in range(min(limit, start + 5), start, -1):
        key = _span_key(doc[start:end])
        if key in rules.landmarks:
            return end, key
    return None


def _accept_bare(doc: Doc, start: int, end: int, key: str, rules: PlaceRules) -> bool:
    """A gazetteer match that NER did not see: multi-word names pass; a single word must look like a name
    of its own, not the tail of a longer one ("Arab Spring", "Elizabeth Warren")."""
    if end - start > 1:
        return True
    token = doc[start]
    if key in rules.never_alone or token.pos_ != "PROPN" or _is_demonym(token.text, rules):
        return False
    if token.is_sent_start:
        return False
    before = doc[start - 1]
    return not (_is_capitalised(before) and not before.is_sent_start and before.pos_ in ("PROPN", "ADJ"))


def _inside_org_name(doc: Doc, mention: Mention, rules: PlaceRules) -> bool:
    """ "Front of Afghanistan", "State of Iraq and the Levant": the place belongs to an organisation's name."""
    i = mention.start
    while i >= 2 and doc[i - 1].lower_ in {"and", "the"}:
        i -= 1
    if i < 2 or doc[i - 1].lower_ != "of":
        return False
    head = doc[i - 2]
    return head.text in rules.org_heads or head.ent_type_ == "ORG"


def _dateline_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules) -> list[Mention]:
    """ "KYIV (Reuters) -": the filing place in capitals, looked up title-cased (not as an acronym)."""
    found: list[Mention] = []
    for start_char, end_char in dateline_places(doc.text):
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            continue
        for end in range(span.end, span.start, -1):  # the longest known name from the start
            key = name_key(doc[span.start:end].text.title())
            if key and gaz.candidates(key):
                mention = _make_mention(doc, span.start, end, key, rules, "GPE")
                mention.locative = True
                found.append(mention)
                break
    return found


def find_mentions(doc: Doc, gaz: Gazetteer, rules: PlaceRules) -> list[Mention]:
    person_words = _exact_person_names(doc)
    datelines = _dateline_mentions(doc, gaz, rules)
    in_dateline = {t for m in datelines for t in range(m.start, m.end)}
    mentions = datelines + [m for m in _entity_mentions(doc, gaz, rules, person_words)
                            if not in_dateline.intersection(range(m.start, m.end))]
    persons = _person_names(doc, gaz)
    for mention in mentions:
        mention.person = mention.key in persons
    taken = {t for m in mentions for t in range(m.start, m.cue_end)}
    mentions += _phrase_mentions(doc, gaz, rules, taken, person_words)
    mentions = [m for m in mentions if not _inside_org_name(doc, m, rules)]
    for mention in mentions:
        _absorb_cue_name(doc, mention, gaz)
    return sorted(mentions, key=lambda m: m.start)


def _absorb_cue_name(doc: Doc, mention: Mention, gaz: Gazetteer) -> None:
    """ "Kharkiv oblast": when the name with its cue word is a gazetteer name of its own, that is the mention."""
    if mention.cue_end > mention.end and not mention.country:
        key = f"{mention.key} {_piece(doc[mention.end])}"
        if gaz.candidates(key):
            mention.key, mention.end = key, mention.cue_end


# ---------------------------------------------------------------- resolution


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, h)))


def _is_populated(entry: GazetteerEntry) -> bool:
    return entry.feature in ("city", "village")


def prior(entry: GazetteerEntry, rules: PlaceRules) -> float:
    """How likely a place is to be meant, before context: log10 of its population, or its feature's value."""
    fp = rules.feature_prior
    if _is_populated(entry):
        population = entry.population or fp["curated_population"]
        value = math.log10(max(population, fp["populated_floor"]))
        return value + (fp["capital_bonus"] if entry.capital else 0.0)
    if entry.feature == "region" and not entry.country:
        return fp["supranational"]
    return fp.get(entry.feature, math.log10(fp["populated_floor"]))


Evidence = list[tuple[str | None, str, float]]  # (name key or None for a demonym, country, weight)


def focus_evidence(doc: Doc, candidates: dict[str, tuple[GazetteerEntry, ...]], mentions: Iterable[Mention],
                   rules: PlaceRules) -> Evidence:
    """What tells which countries the article is about: countries, unambiguous places, demonyms."""
    sc = rules.scoring
    evidence: Evidence = []
    for mention in mentions:
        if mention.person:
            continue
        cands = candidates[mention.key]
        countries = {c.country for c in cands if c.country}
        named_country = _named_country(cands)
        if named_country:  # even on a non-place entity: the small model tags "Burkina Faso" PERSON
            evidence.append((mention.key, named_country, sc["country_mention"]))
        elif mention.weak:
            continue  # a non-place entity that happens to be a town's name is no evidence
        elif len(countries) == 1:
            evidence.append((mention.key, next(iter(countries)), sc["unambiguous_place"]))
        else:
            dominant = _dominant_country(cands, rules)
            if dominant:
                evidence.append((mention.key, dominant, sc["dominant_place"]))
    for token in doc:
        if token.is_title or token.is_upper:
            code = rules.demonyms.get(token.lower_) or (
                rules.demonyms.get(token.lower_[:-1]) if token.lower_.endswith("s") else None)
            if code:
                evidence.append((None, code, sc["demonym_mention"]))
    return evidence


def _dominant_country(cands: Sequence[GazetteerEntry], rules: PlaceRules) -> str | None:
    """The country of a name's most likely place when no namesake abroad comes close ("Sacramento", "California"
    beside villages of those names elsewhere): weaker evidence than an unambiguous name."""
    ranked = sorted(((prior(c, rules), c.country, c.feature) for c in cands if c.country), reverse=True)
    if not ranked or ranked[0][2] == "country":
        return None  # "Georgia" the country or the state: for the context to decide, not to decide it
    best, country, _ = ranked[0]
    rival = max((value for value, other, _ in ranked if other != country), default=None)
    return country if rival is not None and best - rival >= rules.scoring["dominant_margin"] else None


def country_focus(evidence: Evidence, leave_out: str | None = None) -> dict[str, float]:
    """How strongly the article is about each country (0..1), without the evidence of name `leave_out`."""
    weight: dict[str, float] = defaultdict(float)
    for key, country, value in evidence:
        if key is None or key != leave_out:
            weight[country] += value
    top = max(weight.values(), default=0.0)
    return {c: w / top for c, w in weight.items()} if top else {}


def _named_country(cands: Sequence[GazetteerEntry]) -> str | None:
    """The country a name names, when only towns compete with it ("Jordan", "Egypt"; not "Georgia")."""
    countries = [c for c in cands if c.feature == "country" and c.name_kind == NAME_MAIN]
    if len(countries) == 1 and not any(c.feature == "province" for c in cands):
        return countries[0].country
    return None


def _anchors(candidates: dict[str, tuple[GazetteerEntry, ...]]) -> list[tuple[str, tuple[float, float]]]:
    """Points of names with one candidate (countries excluded: their points say little about nearness)."""
    return [(key, (c[0].lat, c[0].lon)) for key, c in candidates.items()
            if len(c) == 1 and c[0].feature != "country"]


def score(entry: GazetteerEntry, cues: frozenset[str], focus: dict[str, float],
          anchors: Sequence[tuple[float, float]], rules: PlaceRules) -> float:
    sc = rules.scoring
    total = prior(entry, rules) + sc["focus_weight"] * focus.get(entry.country or "", 0.0)
    total -= rules.name_kind_penalty.get(entry.name_kind, 0.0)
    if entry.feature in cues:
        total += sc["cue_bonus"]
    if anchors and entry.feature != "country":
        nearest = min(km_between((entry.lat, entry.lon), a) for a in anchors)
        if nearest <= sc["near_km"]:
            total += sc["near_bonus"]
        elif nearest <= sc["region_km"]:
            total += sc["region_bonus"]
    return total


def _trusted_on_weak_mention(entry: GazetteerEntry, focus: dict[str, float], rules: PlaceRules) -> bool:
    """ "Time" (ORG), "Bush" (PERSON): a small town on a non-place entity needs the article's focus on its
    country, when the article has one; countries, provinces, features, curated rows and big cities pass."""
    return (not focus or focus.get(entry.country or "", 0.0) > 0.0 or not _is_populated(entry)
            or entry.source != GEONAMES_SOURCE or entry.population >= rules.exact_label_min_population)


def _doubtful_foreigner(entry: GazetteerEntry, focus: dict[str, float], cues: frozenset[str],
                       rules: PlaceRules) -> bool:
    """A weak winner in a country the article never mentions, although it mentions others: better unresolved.

    Countries, provinces and physical features are kept; a town or district needs its main name and a big
    population (or a cue word naming its feature) to be trusted outside the article's countries.
    """
    if not focus or focus.get(entry.country or "", 0.0) > 0.0 or entry.feature in cues:
        return False
    if entry.feature not in ("city", "village", "district"):
        return False
    fg = rules.foreign
    return entry.name_kind != NAME_MAIN or (entry.population or 0) < fg["min_population"]


def resolve(doc: Doc, mentions: Sequence[Mention], gaz: Gazetteer, rules: PlaceRules) -> list[Place]:
    text = doc.text
    candidates = {m.key: gaz.candidates(m.key) for m in mentions}
    evidence = focus_evidence(doc, candidates, mentions, rules)
    focus = country_focus(evidence)
    anchors = _anchors(candidates)
    chosen: dict[tuple[object, ...], GazetteerEntry | None] = {}
    places: list[Place] = []
    for mention in mentions:
        cands = candidates[mention.key]
        if not cands:
            continue
        choice_key = (mention.key, mention.cues, mention.weak, mention.label, mention.locative, mention.person,
                      mention.modifier, mention.country)
        if choice_key not in chosen:
            chosen[choice_key] = _choose(mention, cands, focus, evidence, anchors, rules)
        entry = chosen[choice_key]
        if entry is None:
            continue
        end = mention.cue_end if entry.feature in mention.cues else mention.end
        start_char, end_char = doc[mention.start].idx, doc[end - 1].idx + len(doc[end - 1])
        while start_char < end_char and not text[start_char].isalnum():
            start_char += 1  # "-Damascus" of "Baghdad-Damascus"
        places.append(_place(text[start_char:end_char], start_char, end_char, entry))
    return places


def _choose(mention: Mention, cands: Sequence[GazetteerEntry], focus: dict[str, float], evidence: Evidence,
            anchors: Sequence[tuple[str, tuple[float, float]]], rules: PlaceRules) -> GazetteerEntry | None:
    """The best candidate for a mention, or None when it is too doubtful to report."""
    if mention.country:
        cands = [c for c in cands if c.country == mention.country]
        return max(cands, key=lambda e: e.population) if cands else None
    others = [point for key, point in anchors if key != mention.key]
    best = _as_named(max(cands, key=lambda e: score(e, mention.cues, focus, others, rules)), cands)
    # the checks ask what the rest of the article says: a name must not vouch for itself
    rest = country_focus(evidence, leave_out=mention.key)
    if _doubtful_foreigner(best, rest, mention.cues, rules):
        return None
    if mention.weak and not (_trusted_on_weak_mention(best, rest, rules) or _said_to_be_a_place(mention, best)):
        return None
    if mention.person and not (mention.locative and _is_major(best, rules)):
        return None
    if mention.key in rules.common_words and not _is_major(best, rules) and not _word_context(mention, best, rest):
        return None
    return best


def _as_named(best: GazetteerEntry, cands: Sequence[GazetteerEntry]) -> GazetteerEntry:
    """A spelling variant whose place also has this very name as a main name (a curated row for the same
    town: "Khan Younis" beside GeoNames' "Khān Yūnis") is trusted as the place's own name."""
    if best.name_kind == NAME_MAIN:
        return best
    same = any(c.name_kind == NAME_MAIN and c.country == best.country
               and km_between((c.lat, c.lon), (best.lat, best.lon)) <= SAME_PLACE_KM for c in cands)
    return replace(best, name_kind=NAME_MAIN) if same else best


def _said_to_be_a_place(mention: Mention, entry: GazetteerEntry) -> bool:
    """ "in Khan Younis", "the city of Kherson": the context says place, and the name is the place's own."""
    return (mention.locative or entry.feature in mention.cues) and entry.name_kind == NAME_MAIN


def _is_major(entry: GazetteerEntry, rules: PlaceRules) -> bool:
    """A place famous enough to be named after a person's name: country, province, capital, big city."""
    return (entry.feature in ("country", "province") or entry.capital
            or entry.population >= rules.person_major_population)


def _word_context(mention: Mention, entry: GazetteerEntry, focus: dict[str, float]) -> bool:
    """Whether the text around a name that is also an ordinary word ("Spring", "Westlake", "Pacific") says
    place: NER GPE/LOC or "in X", not a modifier ("Epsom salts", "Pacific halibut"), and for a town the
    article's focus on its country.
    """
    if mention.modifier or not (mention.locative or mention.label in ("GPE", "LOC")):
        return False
    return not _is_populated(entry) or not focus or focus.get(entry.country or "", 0.0) > 0.0


def _place(name: str, start: int, end: int, entry: GazetteerEntry) -> Place:
    return Place(name=name, start=start, end=end, lat=entry.lat, lon=entry.lon, feature=entry.feature,
                 country=entry.country, admin1=entry.admin1, geonameid=entry.geonameid, canonical=entry.name)


def back_references(doc: Doc, places: Sequence[Place], rules: PlaceRules) -> list[Place]:
    """ "the valley" / "the province": the last place of that feature named shortly before."""
    found: list[Place] = []
    for token in doc[1:]:
        feature = rules.back_reference.get(token.lower_)
        if not feature or doc[token.i - 1].lower_ != "the":
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ == "of" or _is_capitalised(nxt)):
            continue  # "the valley of ...", "the province Kandahar": a name follows, not a back-reference
        start = doc[token.i - 1].idx
        before = [p for p in places if p.feature == feature and p.end <= start
                  and start - p.end <= rules.back_reference_chars]
        if before:
            last = max(before, key=lambda p: p.end)
            end = token.idx + len(token)
            found.append(Place(name=doc.text[start:end], start=start, end=end, lat=last.lat, lon=last.lon,
                               feature=last.feature, country=last.country, admin1=last.admin1,
                               geonameid=last.geonameid, canonical=last.canonical))
    return found


def run(doc: Doc, article: Article, ctx: Context) -> None:
    rules: PlaceRules = ctx.resource("places.rules", load_rules)
    gaz: Gazetteer = ctx.resource("places.gazetteer", Gazetteer.load)
    places = resolve(doc, find_mentions(doc, gaz, rules), gaz, rules)
    places += back_references(doc, places, rules)
    article.places = sorted(places, key=lambda p: p.start)


STAGE = Stage("places", "1", run)
