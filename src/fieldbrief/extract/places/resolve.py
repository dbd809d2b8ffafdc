"""Resolving place mentions to gazetteer rows by the article's context.

Each candidate is scored on a log-population scale: its prior (feature type, population, GeoNames feature code,
national capital), how the name relates to it (main name, spelling variant, other alternate), the article's
country focus (countries, demonyms and unambiguous places it mentions), its first-level division focus
(divisions named, abbreviations, places resolved without doubt), cue words ("X province", "the city of X"),
the hierarchy the text writes ("Springfield, Ill.": only Springfields in Illinois) and nearness to places that
resolved without doubt. Resolution runs twice: the first pass finds the places that resolve without doubt,
the second scores everything against them. A repeated name keeps one sense per article. A weak winner (small,
or found by an alternate name) in a country the article never mentions, while the article has a focus, is left
unresolved: a wrong point misleads more than a missing one. The weights live in data/places.toml.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from spacy.tokens import Doc

from fieldbrief.extract.gazetteer import NAME_MAIN, Gazetteer, GazetteerEntry
from fieldbrief.extract.places.mentions import Mention, demonym_target, is_capitalised, region_of_demonym
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.extract.places.scoring import (
    LOCAL,
    POPULATED,
    SAME_PLACE_KM,
    Context,
    Division,
    anchors,
    apply_hierarchy,
    as_positioned,
    country_focus,
    division_of,
    doubtful_foreigner,
    focus_evidence,
    is_populated,
    km_between,
    margin,
    plausible,
    score,
    trusted_on_weak_mention,
)
from fieldbrief.model import Place
from fieldbrief.nlp.columns import columns

LIST_ITEM_WORDS = 3  # "and twelve in": the words a count list puts before each of its names


def _first_pass(
    mentions: Sequence[Mention], candidates: dict[str, tuple[GazetteerEntry, ...]], context: Context, rules: PlaceRules
) -> None:
    """Resolve without nearness; keep the divisions and points of what resolved without doubt. A name that
    stays in doubt still votes for the divisions of its likely places, in proportion to their likelihood
    ("Columbus" is Ohio's more than Georgia's, and "Grove City" too: "Dublin" beside them is in Ohio)."""
    soft_found: dict[str, list[tuple[Division, float]]] = {}
    for mention in mentions:
        cands = candidates.get(mention.key, ())
        if not cands or mention.demonym or mention.person or mention.key in context.divisions:
            continue
        divisions = context.division_focus(mention.key)
        scored = {c.id: score(c, mention.cues, context.focus, divisions, (), rules) for c in cands}
        best = max(cands, key=lambda c: scored[c.id])
        if mention.weak and best.population < rules.exact_label_min_population and best.feature in POPULATED:
            continue
        sure = mention.within is not None or margin(best, cands, scored) >= rules.scoring["sure_margin"]
        if not sure:
            soft = _soft_divisions(cands, scored, rules)
            if soft and mention.key not in soft_found:
                soft_found[mention.key] = soft
            continue
        context.divisions[mention.key] = division_of(best, rules)
        if best.feature not in ("country", "region", "province"):
            context.anchors.append((mention.key, (best.lat, best.lon)))
    for key, soft in soft_found.items():
        context.divisions.setdefault(key, soft)


def _soft_divisions(
    cands: Sequence[GazetteerEntry], scored: dict[int, float], rules: PlaceRules
) -> list[tuple[Division, float]]:
    """The divisions a doubtful name points to, each weighted by the likelihood of its places there: scores
    are log10 odds, so a place one point ahead of another is ten times as likely."""
    top = max(scored.values())
    odds = {c.id: 10 ** (scored[c.id] - top) for c in cands}
    total = sum(odds.values())
    mass: dict[Division, float] = defaultdict(float)
    for c in cands:
        for division, value in division_of(c, rules):
            mass[division] += value * odds[c.id] / total
    floor = rules.scoring["soft_division_min"]
    return [(division, value) for division, value in mass.items() if value >= floor]


def _coherent_division(
    mentions: Sequence[Mention], candidates: dict[str, tuple[GazetteerEntry, ...]], rules: PlaceRules
) -> Division | None:
    """The division that has a place of the most names of the article ("Columbus", "Dublin", "Grove City" and
    "Franklin County" all have one in Ohio): local news rarely names its own state. It counts only when it
    covers clearly more names than any other division."""
    votes: dict[Division, int] = defaultdict(int)
    for key in {m.key for m in mentions if not (m.demonym or m.person or m.weak)}:
        for country, admin1 in {(c.country, c.admin1) for c in candidates.get(key, ()) if c.feature in LOCAL}:
            if country and admin1:
                votes[(country, admin1)] += 1
    ranked = sorted(votes.values(), reverse=True)
    if not ranked or ranked[0] < rules.scoring["coherence_min_names"]:
        return None
    if len(ranked) > 1 and ranked[0] < rules.scoring["coherence_ratio"] * ranked[1]:
        return None
    return max(votes, key=lambda d: votes[d])


def resolve(
    doc: Doc, mentions: Sequence[Mention], gaz: Gazetteer, rules: PlaceRules
) -> list[tuple[Place, GazetteerEntry]]:
    """Each mention resolved to a place, with the gazetteer row it resolved to (unresolved ones left out)."""
    qualifying = {m.key for m in mentions if m.qualifier}
    candidates = {  # each name once (in the order first mentioned): its candidates depend on the name alone
        key: plausible(as_positioned(gaz.candidates(key), key in qualifying), rules)
        for key in dict.fromkeys(m.key for m in mentions if not m.demonym)
    }
    namesakes = {  # kept as a set: rows compare by value, found by hash instead of field by field against each
        key: tuple(c for c in gaz.candidates(key) if is_populated(c) and c.name_kind == NAME_MAIN and c not in kept)
        for key, kept in ((key, frozenset(kept)) for key, kept in candidates.items())
    }
    apply_hierarchy(mentions, candidates)
    evidence = focus_evidence(doc, candidates, mentions, rules)
    context = Context(evidence, country_focus(evidence), {}, anchors(candidates), namesakes)
    coherent = _coherent_division(mentions, candidates, rules)
    if coherent is not None:
        context.divisions[""] = [(coherent, rules.scoring["division_named"])]
    _first_pass(mentions, candidates, context, rules)
    _second_pass(mentions, candidates, context, rules)
    chosen: dict[tuple[object, ...], GazetteerEntry | None] = {}
    for mention in mentions:
        if not mention.demonym and candidates[mention.key]:
            choice_key = _choice_key(mention)
            if choice_key not in chosen:
                chosen[choice_key] = _choose(mention, candidates[mention.key], context, rules)
    picks = _as_listed(doc, mentions, {m.start: chosen.get(_choice_key(m)) for m in mentions}, candidates)
    places: list[tuple[Place, GazetteerEntry]] = []
    for mention in mentions:
        if mention.demonym:
            code = demonym_target(mention.key, rules)
            region = _region(gaz, region_of_demonym(mention.key, rules), code)
            target = region or (gaz.country(code) if code else None)
            if target is not None:  # "Russian", "Afghans", "Chechen": their country or region, associative
                places.append((replace(_place(doc, mention.start, mention.end, target), role="associative"), target))
            continue
        entry = picks.get(mention.start)
        if entry is not None:
            # a capitalised cue word is part of the name ("Helmand Province"), a lower-case one is not
            cue_named = (
                mention.cue_end > mention.end and entry.feature in mention.cues and doc[mention.end].text[:1].isupper()
            )
            end = mention.cue_end if cue_named else mention.end
            place = _place(doc, mention.start, end, entry)
            place.role = "associative" if mention.embedded else "literal"
            places.append((place, entry))
    return places


def _as_listed(
    doc: Doc,
    mentions: Sequence[Mention],
    picks: dict[int, GazetteerEntry | None],
    candidates: dict[str, tuple[GazetteerEntry, ...]],
) -> dict[int, GazetteerEntry | None]:
    """A name listed between first-level divisions of one country ("cases in Washington, Pennsylvania and
    California", "twelve in Ontario, eight in Alberta") is that country's division of the name, not a city
    of it elsewhere: the items of a list are of one kind. Every neighbour it is listed with must be such a
    division by its own name, not the qualifier of a place ("Arlington, Va., and Washington"), nor a town
    ("Siaya, Kisumu, Bondo" lists towns and counties alike)."""
    ordered = [m for m in mentions if not m.demonym and m.start in picks]
    fixed = dict(picks)
    for i, mention in enumerate(ordered):
        entry = picks[mention.start]
        if entry is None or entry.feature == "province" or mention.within or mention.cues:
            continue
        divisions = {
            c.country: c
            for c in candidates.get(mention.key, ())
            if c.feature == "province" and c.name_kind == NAME_MAIN
        }
        around = [ordered[j] for j in (i - 1, i + 1) if 0 <= j < len(ordered)]
        listed = [picks[n.start] for n in around if _listed_together(doc, mention, n) and not n.qualifier]
        countries = {other.country if other and other.feature == "province" else None for other in listed}
        if len(countries) == 1 and (country := countries.pop()) in divisions:
            fixed[mention.start] = divisions[country]
    return fixed


def _listed_together(doc: Doc, a: Mention, b: Mention) -> bool:
    """Two names with only list punctuation and conjunctions between them, or one short count phrase ("fifteen
    in British Columbia, fourteen in Nova Scotia")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = doc[first.cue_end : second.start]
    if not len(between) or between[0].text not in (",", ";"):
        return len(between) == 1 and between[0].lower_ in ("and", "or")
    rest = [t for t in between[1:] if t.lower_ not in ("and", "or")]
    return not rest or (
        len(rest) <= LIST_ITEM_WORDS and rest[-1].lower_ == "in" and all(t.like_num or t.lower_ == "in" for t in rest)
    )


def _choice_key(mention: Mention) -> tuple[object, ...]:
    """What a mention's choice depends on besides its name's context: mentions alike share one choice."""
    return (
        mention.key,
        mention.cues,
        mention.weak,
        mention.label,
        mention.locative,
        mention.person,
        mention.modifier,
        mention.country,
    )


def _second_pass(
    mentions: Sequence[Mention], candidates: dict[str, tuple[GazetteerEntry, ...]], context: Context, rules: PlaceRules
) -> None:
    """Choose every name once with the first pass's context, then let each choice stand for its name's division:
    the names of a local story agree on their state ("Montgomery" beside Rochester, Watertown and Scott County
    in Minnesota is Minnesota's), where the first pass only had the few names resolved without doubt."""
    found: dict[str, list[tuple[Division, float]]] = {}
    done: set[tuple[object, ...]] = set()
    for mention in mentions:
        choice_key = _choice_key(mention)
        if mention.demonym or mention.person or choice_key in done or not candidates.get(mention.key):
            continue
        done.add(choice_key)
        entry = _choose(mention, candidates[mention.key], context, rules)
        if entry is not None and mention.key not in found:
            found[mention.key] = division_of(entry, rules)
    context.divisions.update(found)


def _region(gaz: Gazetteer, key: str | None, country: str | None) -> GazetteerEntry | None:
    """The region or division a demonym names: "Europe" for "European" (a region of no country), "Chechnya"
    for "Chechen" and "Texas" for "Texan" (in the demonym's country)."""
    if not key:
        return None
    regions = [
        c
        for c in gaz.candidates(key)
        if c.feature in ("region", "province") and c.name_kind == NAME_MAIN and c.country == (country or None)
    ]
    # a GeoNames record (with its id) before a curated row of the same name, then the most populous
    return max(regions, key=lambda c: (c.geonameid is not None, c.population)) if regions else None


def _span_chars(doc: Doc, start: int, end: int) -> tuple[int, str]:
    """The start offset and text of a token span, without leading punctuation ("-Damascus" of
    "Baghdad-Damascus"). Only the span's text is built: `doc.text` joins the whole article."""
    text = doc[start:end].text
    skip = 0
    while skip < len(text) and not text[skip].isalnum():
        skip += 1
    return doc[start].idx + skip, text[skip:]


def _choose(
    mention: Mention, cands: Sequence[GazetteerEntry], context: Context, rules: PlaceRules
) -> GazetteerEntry | None:
    """The best candidate for a mention, or None when it is too doubtful to report."""
    if mention.country:
        cands = [c for c in cands if c.country == mention.country]
        return max(cands, key=lambda e: e.population) if cands else None
    cued = [c for c in cands if c.feature in mention.cues]
    cands = cued or cands  # "the Kharkiv oblast" is no city, whatever its context
    divisions = context.division_focus(mention.key)
    points = context.points(mention.key)
    # what the rest of the article says: a name must not vouch for itself ("Paris", likeliest in France, makes
    # no French story of one about Edgar County, Illinois)
    rest = country_focus(context.evidence, leave_out=mention.key)
    best = _as_named(max(cands, key=lambda e: score(e, mention.cues, rest, divisions, points, rules)), cands)
    local = _local_namesake(mention, best, context.namesakes.get(mention.key, ()), divisions, rest, rules)
    if local is not None:
        return local
    # its own name, found in one country only: no namesake abroad to mistake it for
    one_country = best.name_kind == NAME_MAIN and len({c.country for c in cands}) == 1
    if (
        mention.within is None
        and not mention.qualifier
        and not one_country
        and doubtful_foreigner(best, rest, mention.cues, rules)
    ):
        return None
    if mention.weak and not (trusted_on_weak_mention(best, rest, rules) or _said_to_be_a_place(mention, best)):
        return None
    if mention.person and not (mention.locative and _is_major(best, rules)):
        return None
    if mention.key in rules.common_words and not _is_major(best, rules) and not _word_context(mention, best, rest):
        return None
    return best


def _local_namesake(
    mention: Mention,
    best: GazetteerEntry,
    namesakes: Sequence[GazetteerEntry],
    divisions: dict[Division, float],
    rest: dict[str, float],
    rules: PlaceRules,
) -> GazetteerEntry | None:
    """ "Palestine" in a story about Anderson County, Texas, that never mentions the Middle East: the town of that
    name in the division the rest of the article is about, rather than the country or division the name
    usually means. Only when nothing else in the article points to that country."""
    if best.feature not in ("country", "province") or rest.get(best.country or "", 0.0) > 0.0:
        return None
    share = rules.scoring["namesake_division_share"]
    local = [
        c
        for c in namesakes
        if divisions.get((c.country or "", c.admin1 or ""), 0.0) >= share
        and rest.get(c.country or "", 0.0) > 0.0
        and (not mention.cues or c.feature in mention.cues)  # "the Palestine city council"; not "X province"
    ]
    return max(local, key=lambda c: c.population) if local else None


def _as_named(best: GazetteerEntry, cands: Sequence[GazetteerEntry]) -> GazetteerEntry:
    """A spelling variant whose place also has this very name as a main name (a curated row for the same
    town: "Khan Younis" beside GeoNames' "Khān Yūnis") is trusted as the place's own name."""
    if best.name_kind == NAME_MAIN:
        return best
    same = any(
        c.name_kind == NAME_MAIN
        and c.country == best.country
        and km_between((c.lat, c.lon), (best.lat, best.lon)) <= SAME_PLACE_KM
        for c in cands
    )
    return replace(best, name_kind=NAME_MAIN) if same else best


def _said_to_be_a_place(mention: Mention, entry: GazetteerEntry) -> bool:
    """ "in Khan Younis", "the city of Kherson": the context says place, and the name is the place's own."""
    return (mention.locative or entry.feature in mention.cues) and entry.name_kind == NAME_MAIN


def _is_major(entry: GazetteerEntry, rules: PlaceRules) -> bool:
    """A place famous enough to be named after a person's name: country, province, capital, big city."""
    return (
        entry.feature in ("country", "province") or entry.capital or entry.population >= rules.person_major_population
    )


def _word_context(mention: Mention, entry: GazetteerEntry, focus: dict[str, float]) -> bool:
    """Whether the text around a name that is also an ordinary word ("Spring", "Westlake", "Pacific") says
    place: NER GPE/LOC or "in X", not a modifier ("Epsom salts", "Pacific halibut"), and for a town the
    article's focus on its country.
    """
    if mention.modifier or not (mention.locative or mention.label in ("GPE", "LOC")):
        return False
    return not is_populated(entry) or not focus or focus.get(entry.country or "", 0.0) > 0.0


def _place(doc: Doc, start: int, end: int, entry: GazetteerEntry) -> Place:
    """The place a token span names, as written, with the gazetteer row's facts."""
    start_char, name = _span_chars(doc, start, end)
    return Place(
        name=name,
        start=start_char,
        end=start_char + len(name),
        lat=entry.lat,
        lon=entry.lon,
        feature=entry.feature,
        country=entry.country,
        admin1=entry.admin1,
        geonameid=entry.geonameid,
        canonical=entry.name,
    )


def back_references(doc: Doc, places: Sequence[Place], rules: PlaceRules) -> list[Place]:
    """ "the valley" / "the province": the last place of that feature named shortly before."""
    found: list[Place] = []
    if len(doc) < 2:
        return found
    cols = columns(doc)
    after_the = np.zeros(len(doc), dtype=bool)
    after_the[1:] = cols.lower[:-1] == cols.code("the")
    words = after_the & np.isin(cols.lower, cols.codes(rules.back_reference))  # "the valley": only those visited
    for at in np.flatnonzero(words).tolist():
        token = doc[at]
        feature = rules.back_reference.get(token.lower_)
        if not feature:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ == "of" or is_capitalised(nxt)):
            continue  # "the valley of ...", "the province Kandahar": a name follows, not a back-reference
        start = doc[token.i - 1].idx
        before = [
            p for p in places if p.feature == feature and p.end <= start and start - p.end <= rules.back_reference_chars
        ]
        if before:
            last = max(before, key=lambda p: p.end)
            end = token.idx + len(token)
            found.append(
                Place(
                    name=doc[token.i - 1 : token.i + 1].text,
                    start=start,
                    end=end,
                    lat=last.lat,
                    lon=last.lon,
                    feature=last.feature,
                    country=last.country,
                    admin1=last.admin1,
                    geonameid=last.geonameid,
                    canonical=last.canonical,
                )
            )
    return found
