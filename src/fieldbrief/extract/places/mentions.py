"""Place mentions (a name in the text with its key, cues and qualifiers) and the token tests their finders share
(finders.py finds them: NER entities, gazetteer phrase matching, datelines, demonyms, and the hierarchy the text
spells out, "Springfield, Ill.", "Andar district, Ghazni province").

Mentions come from spaCy's entities (GPE, LOC, FAC; and ORG, NORP or PERSON spans that are exactly the
name of an important place: the small model tags "Tajikistan" as NORP and "Panjshir" as ORG) and from
matching the gazetteer's names on capitalised tokens outside other entities. Demonyms and national adjectives
("Afghan", "Russian forces") are associative mentions of their country; places inside organisation names
("National Resistance Front of Afghanistan") are not places.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.gazetteer import Gazetteer, name_key
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.nlp import doc_text, kept_with_doc
from fieldbrief.nlp.columns import Decided, columns, entities

APOSTROPHES = re.compile(r"[’'‘ʼ`]")  # "Qal’ah"
CAPITALISED_KEY = "fieldbrief:places-capitalised"
CAPITALISED_LIST_KEY = "fieldbrief:places-capitalised-list"
# string hash -> whether the word is capitalised as a name is (`capitalised_text`), decided once per process
CAPITALISED = Decided()


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
    within: str | None = None  # the key of the division or country the text puts it in ("Springfield, Ill.")
    qualifier: bool = False  # itself the "Ill." of "Springfield, Ill."
    demonym: bool = False  # a demonym or national adjective ("Russian", "Afghans"): associative by nature
    embedded: bool = False  # the leading place of an organisation's name ("U.S. Centers for Disease Control")


# ---------------------------------------------------------------- finding mentions


def piece(token: Token) -> str:
    """The token's contribution to a name key ("" for separators such as hyphens)."""
    text = token.text
    if token.is_alpha or token.like_num or "." in text or APOSTROPHES.sub("", text).isalpha():
        return name_key(text)
    return ""


def capitalised_text(text: str) -> bool:
    """A word written as names are: a capital first, then letters, periods ("St.") or apostrophes ("Qal’ah")."""
    return bool(text) and text[0].isupper() and (text.isalpha() or "." in text or APOSTROPHES.sub("", text).isalpha())


def is_capitalised(token: Token) -> bool:
    return capitalised_text(token.text)


def capitalised(doc: Doc) -> np.ndarray:
    """`is_capitalised` of every token, decided once per doc from its columns: the finders visit only the tokens
    that can start a name instead of making a spaCy Token of every word."""
    return kept_with_doc(doc, CAPITALISED_KEY, _capitalised, np.ndarray)


def capitalised_list(doc: Doc) -> list[bool]:
    """`capitalised` as a list, for the finders that test one token at a time."""
    return kept_with_doc(doc, CAPITALISED_LIST_KEY, lambda d: capitalised(d).tolist(), list)


def _capitalised(doc: Doc) -> np.ndarray:
    cols = columns(doc)
    return cols.words_in(cols.orth, capitalised_text, CAPITALISED)


def span_key(tokens: Sequence[Token] | Span) -> str:
    """The name key of a token span, from its text ("People's Republic" -> "peoples republic")."""
    if len(tokens) == 1:
        return piece(tokens[0])
    return name_key("".join(t.text_with_ws for t in tokens).strip()) if len(tokens) else ""


def is_demonym(text: str, rules: PlaceRules) -> bool:
    lower = text.lower()
    if lower in rules.demonyms or lower in rules.region_demonyms:
        return True
    singular = lower[:-1] if lower.endswith("s") else None  # "Afghans"
    return singular is not None and (singular in rules.demonyms or singular in rules.region_demonyms)


def _cue_after(doc: Doc, end: int, rules: PlaceRules) -> tuple[frozenset[str], int]:
    if end < len(doc):
        features = rules.cue_features.get(columns(doc).lowers[end])
        if features:
            return features, end + 1
    return frozenset(), end


def cue_before(doc: Doc, start: int, rules: PlaceRules) -> frozenset[str]:
    """ "the city of Mosul", "the province of Kandahar"."""
    lowers = columns(doc).lowers
    if start >= 2 and lowers[start - 1] == "of":
        return rules.cue_features.get(lowers[start - 2], frozenset())
    return frozenset()


def _is_locative(doc: Doc, start: int, rules: PlaceRules) -> bool:
    """ "in X", "at the X", "near northern X": a locative preposition before the name."""
    lowers = columns(doc).lowers
    i = start - 1
    while i >= 0 and (lowers[i] == "the" or lowers[i] in rules.direction_words):
        i -= 1
    return i >= 0 and lowers[i] in rules.locatives


def _is_modifier(doc: Doc, start: int, end: int) -> bool:
    """A one-word name used as a modifier of a common noun: "Epsom salts", "Bush holdover"."""
    if end - start != 1:
        return False
    token = doc[start]
    return (
        token.dep_ in ("compound", "amod") and token.head.i == end and token.head.pos_ == "NOUN" and token.head.is_lower
    )


def make_mention(doc: Doc, start: int, end: int, key: str, rules: PlaceRules, label: str = "") -> Mention:
    after, cue_end = _cue_after(doc, end, rules)
    modifier = _is_modifier(doc, start, end)  # "to Epsom salts": the preposition governs the noun, not the name
    return Mention(
        start,
        end,
        key,
        after | cue_before(doc, start, rules),
        cue_end,
        label=label,
        locative=_is_locative(doc, start, rules) and not modifier,
        modifier=modifier,
    )


def landmark_mention(doc: Doc, start: int, end: int, key: str, rules: PlaceRules) -> Mention | None:
    """ "at the White House" points at Washington; "the White House said" is the institution, no place."""
    city, country = rules.landmarks[key]
    if not _is_locative(doc, start, rules):
        return None
    mention = make_mention(doc, start, end, city, rules)
    mention.weak, mention.country = True, country
    return mention


def longest_known(
    doc: Doc, start: int, limit: int, gaz: Gazetteer, rules: PlaceRules, require_matchable: bool
) -> tuple[int, str] | None:
    """The longest gazetteer name starting at token `start` (ending before `limit`), as (end, key)."""
    best: tuple[int, str] | None = None
    cols = columns(doc)
    cap, text, lowers, starts = capitalised_list(doc), doc_text(doc), cols.lowers, cols.char_starts
    first = starts[start] if start < len(doc) else 0
    for end in range(start + 1, min(limit, start + 3 * gaz.max_words) + 1):
        last = end - 1
        # span_key of doc[start:end], its text cut from the doc's instead of joined token by token
        key = piece(doc[last]) if end - start == 1 else name_key(text[first : cols.char_end(last)].strip())
        ends_well = cap[last] or lowers[last] in rules.cue_features
        if ends_well and key and (key in gaz.matchable or (not require_matchable and gaz.candidates(key))):
            best = (end, key)
        if end < limit:
            if not (cap[end] or (nxt := lowers[end]) in rules.connectors or nxt in rules.cue_features):
                break
            if require_matchable and key and key not in gaz.prefixes and key not in gaz.matchable:
                break
    return best


def _persons(doc: Doc, facility_words: frozenset[str]) -> list[Span]:
    """PERSON entities of two words or more, less those that end in a facility noun: the small model tags
    "Randwick Racecourse" PERSON, and its "Randwick" is the suburb, not a surname."""
    return [
        ent for ent in entities(doc) if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ not in facility_words
    ]


def exact_person_names(doc: Doc, facility_words: frozenset[str]) -> frozenset[str]:
    """Single words that are part of a longer person name in this article ("Saleh" of "Amrullah Saleh")."""
    return frozenset(t.lower_ for ent in _persons(doc, facility_words) for t in ent)


def person_names(doc: Doc, gaz: Gazetteer, facility_words: frozenset[str]) -> frozenset[str]:
    """Name keys this article uses for persons more often than for places (one sense per article).

    A PERSON entity of two words or more ("Elizabeth Warren", "Liu He") votes for its whole name and each of
    its words; a GPE or LOC entity for its name. A one-word PERSON entity does not vote: the small model
    tags many places that way ("Goma", "Jordan"), and the weak-mention rules judge those. So "Jordan" stays
    a place, while "Warren" in an article about Elizabeth Warren does not. A whole entity that is itself a
    gazetteer name ("Khan Younis", "Wad Madani", tagged PERSON by the small model) does not vote for that name.
    """
    person: dict[str, int] = defaultdict(int)
    place: dict[str, int] = defaultdict(int)
    for ent in _persons(doc, facility_words):
        whole = span_key(ent)
        keys = {piece(t) for t in ent} | {whole}
        if whole in gaz.matchable:
            keys.discard(whole)
        for key in keys:
            person[key] += 1
    for ent in entities(doc):
        if ent.label_ in ("GPE", "LOC"):
            place[span_key(ent)] += 1
    return frozenset(key for key, votes in person.items() if key and votes > place.get(key, 0))


def region_of_demonym(key: str, rules: PlaceRules) -> str | None:
    """The name key of the region a demonym points to ("europeans" -> "europe")."""
    table = rules.region_demonyms
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


def demonym_target(key: str, rules: PlaceRules) -> str | None:
    """The country code a demonym mention points to ("afghans" -> "AF")."""
    return rules.demonyms.get(key) or (rules.demonyms.get(key[:-1]) if key.endswith("s") else None)
