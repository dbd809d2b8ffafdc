"""Small places that NER did not tag and that are too small to be matched alone anywhere ("the Pirbright
laboratory", "Kenya's overcrowded Dadaab camps"): found only inside a country the article names as a place."""

from __future__ import annotations

import numpy as np
from spacy.symbols import PROPN
from spacy.tokens import Doc

from fieldbrief.extract.gazetteer import NAME_MAIN, NAME_QUALIFIER, Gazetteer
from fieldbrief.extract.places.mentions import (
    Mention,
    capitalised,
    is_capitalised,
    is_demonym,
    longest_known,
    make_mention,
)
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.extract.places.scoring import SAME_PLACE_KM, km_between
from fieldbrief.nlp.columns import columns, entities

# features of a small place looked up this way: towns, villages, counties and districts; never a first-level
# division or a region (those are matched alone anyway)
LOCAL_FEATURES = frozenset({"village", "city", "district"})
# NER labels that say the word is no name: a month ("August"), a number. Its other labels are not trusted on
# names it does not know: the small model tags such towns ORG, NORP or PERSON alike ("Pirbright", "Dadaab").
OTHER_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
MIN_LOCAL_CHARS = 4  # shorter capitalised words are initials, acronyms or syllables more often than towns


def named_countries(mentions: list[Mention], gaz: Gazetteer) -> frozenset[str]:
    """Countries the article names by a name of their own ("Kenya", "UK"), not through a demonym."""
    return frozenset(
        c.country
        for m in mentions
        if not m.demonym and m.key in gaz.matchable
        for c in gaz.candidates(m.key)
        if c.feature == "country" and c.country and c.name_kind == NAME_MAIN
    )


def local_mentions(
    doc: Doc, gaz: Gazetteer, rules: PlaceRules, mentions: list[Mention], person_words: frozenset[str]
) -> list[Mention]:
    """Capitalised proper nouns inside a sentence, outside every other mention and every person's name, that
    the gazetteer knows only as a town or village of a country the article names: kept as weak mentions
    restricted to that country, so that a namesake abroad is never chosen on such thin evidence. The name must
    be one place there (a town and its district of that name count as one), not a common name shared by several
    of its towns."""
    countries = named_countries(mentions, gaz)
    if not countries:
        return []
    taken = {t for m in mentions for t in range(m.start, m.cue_end)}
    found: list[Mention] = []
    cols = columns(doc)
    cap = capitalised(doc)
    # the capitalised proper nouns inside a sentence, of no date or number entity, after an uncapitalised word (the
    # word before the first is the last, as doc[-1] is): the rest can start no name
    proper = (
        cap
        & (cols.pos == PROPN)
        & (cols.sent_start != 1)
        & ~np.isin(cols.ent_type, cols.codes(OTHER_NAME_LABELS))
        & ~np.roll(cap, 1)
    )
    texts = cols.texts
    i = 0
    for start in np.flatnonzero(proper).tolist():
        if start < i:
            continue  # inside the name found last
        i = start
        if i in taken or is_demonym(texts[i], rules):
            i += 1
            continue
        hit = longest_known(doc, i, min(len(doc), i + 4), gaz, rules, require_matchable=False)
        if not hit or hit[1] in gaz.matchable or hit[1] in person_words or hit[1] in rules.never_alone:
            i += 1
            continue
        end, key = hit
        if (
            len(key) < MIN_LOCAL_CHARS
            or any(t in taken for t in range(i, end))
            or is_demonym(doc[i:end].text, rules)
            or (end < len(doc) and is_capitalised(doc[end]))  # the head of a longer name: "Vanderbilt University"
            or key in rules.landmarks
            or _part_of_longer_entity(doc, i, end, rules.generic_words)
            or _speaks(doc, i, end, rules)
        ):
            i += 1
            continue
        local = [
            c
            for c in gaz.candidates(key)
            if c.feature in LOCAL_FEATURES and c.country in countries and _own_name(c.name_kind, end - i)
        ]
        if local and all(km_between((c.lat, c.lon), (local[0].lat, local[0].lon)) <= SAME_PLACE_KM for c in local):
            mention = make_mention(doc, i, end, key, rules)
            mention.weak = True
            mention.country = local[0].country
            found.append(mention)
            i = end
        else:
            i += 1
    return found


def _part_of_longer_entity(doc: Doc, start: int, end: int, facility_words: frozenset[str]) -> bool:
    """Inside a longer name NER found: a person's ("Michelle Crisp"), an organisation's ("the Bureau of Animal
    Industry"). An entity that is just this name may be the town, whatever its label, and so may one that
    lists names ("Cattai and Wilberforce") or names a facility after it ("Pulkovo Airport")."""
    return any(
        ent.start <= start < ent.end
        and len(ent) > end - start
        and ent[-1].lower_ not in facility_words  # "Pulkovo Airport" is named after its place
        and not any(t.lower_ in ("and", "or", ",") for t in ent)
        for ent in entities(doc)
    )


def _own_name(name_kind: int, words: int) -> bool:
    """The place's main name, or an alternate of two words or more ("Beni Suef" of Banī Suwayf): one-word
    alternates ("Google", "Bureau") are too often other things."""
    return name_kind == NAME_MAIN or (name_kind != NAME_QUALIFIER and words > 1)


def _speaks(doc: Doc, start: int, end: int, rules: PlaceRules) -> bool:
    """The subject of a verb of speech or decision ("said Clifford", "Saha told UPI"): on a name this weak, a
    person or an organisation speaking, not a village."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in rules.agent_verbs for t in doc[start:end])
