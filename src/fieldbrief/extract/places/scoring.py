"""Scoring a place name's candidates against the article: the prior of each gazetteer row, the country and
division focus the article gives, cue words, the hierarchy the text writes and nearness to places resolved
without doubt (the weights live in data/places.toml)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from fieldbrief.extract.gazetteer import GEONAMES_SOURCE, NAME_MAIN, NAME_QUALIFIER, GazetteerEntry
from fieldbrief.extract.places.mentions import Mention, demonym_target
from fieldbrief.extract.places.rules import PlaceRules

EARTH_DIAMETER_KM = 12742.0
SAME_PLACE_KM = 20  # two gazetteer rows this close, in one country, under one name: one place
POPULATED = frozenset({"city", "village"})
LOCAL = frozenset({"city", "village", "district"})
Division = tuple[str, str]  # (ISO2, admin1 name)


@dataclass
class Context:
    """What the article says about where it is: country and division focus, and points resolved without doubt."""

    evidence: Evidence
    focus: dict[str, float]
    divisions: dict[str, list[tuple[Division, float]]]  # name key -> the divisions its resolution points to
    anchors: list[tuple[str, tuple[float, float]]]  # (name key, point)
    # towns sharing the main name of a country or division, left out as candidates ("Palestine", Texas)
    namesakes: dict[str, tuple[GazetteerEntry, ...]] = field(default_factory=dict)

    def division_focus(self, leave_out: str) -> dict[Division, float]:
        weight: dict[Division, float] = defaultdict(float)
        for key, found in self.divisions.items():
            if key != leave_out:
                for division, value in found:
                    weight[division] += value
        total = sum(weight.values())  # a share: an article about two states is about neither alone
        return {d: w / total for d, w in weight.items()} if total else {}

    def points(self, leave_out: str) -> list[tuple[float, float]]:
        return [point for key, point in self.anchors if key != leave_out]


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, h)))


def is_populated(entry: GazetteerEntry) -> bool:
    return entry.feature in POPULATED


def prior(entry: GazetteerEntry, rules: PlaceRules) -> float:
    """How likely a place is to be meant, before context: log10 of its population, or its feature's value."""
    fp = rules.feature_prior
    if is_populated(entry):
        population = entry.population or fp["curated_population"]
        value = math.log10(max(population, fp["populated_floor"]))
        value += rules.feature_code_prior.get(entry.feature_code, 0.0)
        return value + (fp["capital_bonus"] if entry.capital else 0.0)
    if entry.feature == "region" and not entry.country:
        return fp["supranational"]
    return fp.get(entry.feature, math.log10(fp["populated_floor"]))


Evidence = list[tuple[str | None, str, float]]  # (name key or None for a demonym, country, weight)


def focus_evidence(
    doc: Doc, candidates: dict[str, tuple[GazetteerEntry, ...]], mentions: Iterable[Mention], rules: PlaceRules
) -> Evidence:
    """What tells which countries the article is about: countries, unambiguous places, demonyms."""
    sc = rules.scoring
    evidence: Evidence = []
    for mention in mentions:
        if mention.person or mention.demonym:
            continue
        cands = candidates[mention.key]
        countries = {c.country for c in cands if c.country}
        named_country = _named_country(cands)
        if named_country:  # even on a non-place entity: the small model tags "Burkina Faso" PERSON
            evidence.append((mention.key, named_country, sc["country_mention"]))
        elif mention.weak and not all(c.feature == "district" for c in cands):
            continue  # a non-place entity that happens to be a town's name is no evidence; a county's name
            # is ("the Edgar County Community Foundation")
        elif len(countries) == 1:
            evidence.append((mention.key, next(iter(countries)), sc["unambiguous_place"]))
        else:
            dominant = _dominant_country(cands, rules)
            if dominant:
                evidence.append((mention.key, dominant, sc["dominant_place"]))
    for mention in mentions:
        code = demonym_target(mention.key, rules) if mention.demonym else None
        if code:
            evidence.append((None, code, sc["demonym_mention"]))
    return evidence


def _dominant_country(cands: Sequence[GazetteerEntry], rules: PlaceRules) -> str | None:
    """The country of a name's most likely place when no namesake abroad comes close ("Sacramento", "California"
    beside villages of those names elsewhere): weaker evidence than an unambiguous name."""
    ranked = sorted(
        (
            (prior(c, rules) - rules.name_kind_penalty.get(c.name_kind, 0.0), c.country, c.feature)
            for c in cands
            if c.country
        ),
        reverse=True,
    )  # "Philadelphia" is Amman's historic name: that never makes an article about Jordan
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


def anchors(candidates: dict[str, tuple[GazetteerEntry, ...]]) -> list[tuple[str, tuple[float, float]]]:
    """Points of names with one candidate (countries and divisions excluded: their points say little about
    nearness, and a division named already counts in the division focus)."""
    return [
        (key, (c[0].lat, c[0].lon))
        for key, c in candidates.items()
        if len(c) == 1 and c[0].feature not in ("country", "province", "region")
    ]


def score(
    entry: GazetteerEntry,
    cues: frozenset[str],
    focus: dict[str, float],
    divisions: dict[Division, float],
    anchors: Sequence[tuple[float, float]],
    rules: PlaceRules,
) -> float:
    sc = rules.scoring
    total = prior(entry, rules) + sc["focus_weight"] * focus.get(entry.country or "", 0.0)
    total -= rules.name_kind_penalty.get(entry.name_kind, 0.0)
    if entry.feature in cues:
        total += sc["cue_bonus"]
    return total + min(sc["context_cap"], _local_context(entry, divisions, anchors, rules))


def _local_context(
    entry: GazetteerEntry, divisions: dict[Division, float], anchors: Sequence[tuple[float, float]], rules: PlaceRules
) -> float:
    """Bonus for lying in the article's division and near its places that resolved without doubt. It is capped,
    so that a village beside them never outranks a division or country of the same name ("California")."""
    sc = rules.scoring
    bonus = 0.0
    if entry.country and entry.admin1 and entry.feature != "province":
        bonus += sc["division_weight"] * divisions.get((entry.country, entry.admin1), 0.0)
    if anchors and entry.feature not in ("country", "region"):
        nearest = min(km_between((entry.lat, entry.lon), a) for a in anchors)
        if nearest <= sc["local_km"]:
            bonus += sc["local_bonus"]
        elif nearest <= sc["near_km"]:
            bonus += sc["near_bonus"]
        elif nearest <= sc["region_km"]:
            bonus += sc["region_bonus"]
    return bonus


def trusted_on_weak_mention(entry: GazetteerEntry, focus: dict[str, float], rules: PlaceRules) -> bool:
    """ "Time" (ORG), "Bush" (PERSON): a small town on a non-place entity needs the article's focus on its
    country, when the article has one; countries, provinces, features, curated rows and big cities pass."""
    return (
        not focus
        or focus.get(entry.country or "", 0.0) > 0.0
        or not is_populated(entry)
        or entry.source != GEONAMES_SOURCE
        or entry.population >= rules.exact_label_min_population
    )


def doubtful_foreigner(entry: GazetteerEntry, focus: dict[str, float], cues: frozenset[str], rules: PlaceRules) -> bool:
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


def as_positioned(cands: tuple[GazetteerEntry, ...], qualifying: bool) -> tuple[GazetteerEntry, ...]:
    """The candidates a name may mean where the text writes it: a division it abbreviates only after a place and
    a comma ("Springfield, Pa.") is one of them only in that position; elsewhere "Pa" is a word or a town."""
    return cands if qualifying else tuple(c for c in cands if c.name_kind != NAME_QUALIFIER)


def plausible(cands: tuple[GazetteerEntry, ...], rules: PlaceRules) -> tuple[GazetteerEntry, ...]:
    """A name that is the main name of a country or division means it, not a town that has it only as a
    translation or historic name ("Mexico" is not Mexico City, "China" no village in Japan), nor a small
    namesake town ("California" is no village in Missouri); a big city keeps its chance ("New York")."""
    if not any(c.name_kind == NAME_MAIN and c.feature in ("country", "province") for c in cands):
        return cands
    floor = rules.scoring["division_namesake_min_population"]
    return tuple(c for c in cands if c.name_kind == NAME_MAIN and (not is_populated(c) or c.population >= floor))


def _inside(entry: GazetteerEntry, container: GazetteerEntry) -> bool:
    if container.feature == "country":
        return entry.country == container.country and entry.feature != "country"
    return (
        entry.country == container.country
        and entry.admin1 == container.admin1
        and entry.feature not in ("province", "country")
    )


def apply_hierarchy(mentions: Sequence[Mention], candidates: dict[str, tuple[GazetteerEntry, ...]]) -> None:
    """ "Springfield, Ill.": keep the Springfields inside a candidate of the qualifier, and the qualifier's
    candidates that contain one; every mention of that name in the article keeps the same sense. A name that is
    itself a country or division ("Texas, Oklahoma") is a list, not a hierarchy. A name with no place inside
    the qualifier ("Stroud, Ontario", where the gazetteer knows only England's Stroud) is left unresolved: the
    text says where it lies, and none of its namesakes is there."""
    narrowed: dict[str, tuple[GazetteerEntry, ...]] = {}
    for mention in mentions:
        if mention.within is None or mention.within not in candidates:
            continue
        own = candidates.get(mention.key, ())
        containers = [c for c in candidates[mention.within] if c.feature in ("province", "country")]
        inner = tuple(c for c in own if any(_inside(c, box) for box in containers))
        if any(c.feature in ("province", "country") and c.name_kind == NAME_MAIN for c in own):
            mention.within = None
            continue
        if not inner:  # "Stroud, Ontario" where the gazetteer has only England's Stroud: the text rules it out
            narrowed.setdefault(mention.key, ())
            continue
        narrowed.setdefault(mention.key, inner)
        outer = tuple(box for box in containers if any(_inside(c, box) for c in inner))
        narrowed.setdefault(mention.within, outer)
    candidates.update(narrowed)


def division_of(entry: GazetteerEntry, rules: PlaceRules) -> list[tuple[Division, float]]:
    """What a resolved place says about the article's first-level division."""
    if not entry.country or not entry.admin1 or entry.feature in ("country", "region"):
        return []
    value = rules.scoring["division_named" if entry.feature == "province" else "division_place"]
    return [((entry.country, entry.admin1), value)]


def margin(best: GazetteerEntry, cands: Sequence[GazetteerEntry], scored: dict[int, float]) -> float:
    """How far the best candidate leads the best one that is another place (abroad or over 100 km away)."""
    rivals = [
        scored[c.id]
        for c in cands
        if c.country != best.country or km_between((c.lat, c.lon), (best.lat, best.lon)) > 100
    ]
    return scored[best.id] - max(rivals) if rivals else math.inf
