"""Trigger words: the reading of plover.toml a token takes (verbs, event nouns, adjectives; multi-word phrases,
object classes, excluded modifiers), with the later readings kept as fallbacks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from fieldbrief.extract.actors import ActorDictionary
from fieldbrief.extract.events.lexicon import Lexicon, Phrase, Trigger
from fieldbrief.extract.events.syntax import (
    MODIFIER_DEPS,
    children,
    head_lemmas,
    lemma,
    object_of,
    prep_objects,
)
from fieldbrief.nlp.columns import columns

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# endings the small model's lemmatiser leaves on verbs it does not know well ("raped" -> "rap", "staged" -> "stag")
INFLECTIONS = ("ies", "ied", "ing", "ed", "es", "s", "d")
# the parts of speech _table_for reads
TRIGGER_POS = np.array((VERB, AUX, NOUN, PROPN, ADJ), dtype=np.uint64)


@dataclass
class Match:
    token: Token
    trigger: Trigger
    pos: str  # verb | noun | adj
    fallbacks: tuple[Trigger, ...] = ()  # later readings, tried when this one's argument conditions fail


def _near_words(token: Token) -> set[str]:
    """The lemmas and forms of a verb's own dependents and theirs, where a phrase's extra words stand."""
    near = set()
    for c in token.children:
        if c.dep_ in {"ccomp", "xcomp", "advcl", "conj", "nsubj", "nsubjpass", "punct", "cc"}:
            continue
        near.update({lemma(c), c.lower_})
        for g in c.children:
            if g.dep_ in {"pobj", "compound", "amod", "dobj", "prt", "prep"}:
                near.update({lemma(g), g.lower_})
    return near


def _noun_extras_hold(token: Token, extras: tuple[str, ...]) -> bool:
    if not extras:
        return True
    start = token.i - len(extras)
    if start < 0:
        return False
    before = token.doc[token.i - 1]  # the word before, tested first: it turns most readings down
    if extras[-1] not in {lemma(before), before.lower_} or start < token.sent.start:
        return False
    words = token.doc[start : token.i]
    return all(e in {lemma(w), w.lower_} for e, w in zip(extras, words, strict=True))


def _object_holds(token: Token, trig: Trigger, lex: Lexicon, dictionary: ActorDictionary) -> bool:
    obj = object_of(token)
    if trig.no_object:
        return obj is None or obj.i == token.head.i
    if trig.objects is None:
        return True
    candidates = [obj] if obj is not None else []
    candidates += prep_objects(token, frozenset({"of", "to", "over", "into", "from", "up", "off", "on"}))
    for prt in children(token, {"prt"}):
        candidates += children(prt, {"pobj"})
    if trig.named_places and any(c.ent_type_ in PLACE_ENTS for c in candidates):  # "retook Kitshanga"
        return True
    return any(head_lemmas(c, dictionary.partitives) & trig.objects for c in candidates)


def _modifier_words(token: Token) -> set[str]:
    """The lemmas of a trigger word's modifiers and the forms of all its dependents ("former", "no")."""
    mods = {lemma(c) for c in token.children if c.dep_ in MODIFIER_DEPS | {"poss", "nummod"}}
    mods |= {c.lower_ for c in token.children}
    return mods


def _excluded(token: Token, trig: Trigger, pos: str, mods: set[str]) -> bool:
    """`mods`: the token's `_modifier_words`."""
    if mods & trig.modifiers_exclude:
        return True
    if pos == "noun":  # "the September 11 attacks": a past event named by its date, not an event here
        return any(c.ent_type_ == "DATE" and c.dep_ in MODIFIER_DEPS | {"nummod"} for c in token.children)
    return False


def match_token(token: Token, lex: Lexicon, dictionary: ActorDictionary) -> Match | None:
    """The first reading (in file order) of this token whose conditions hold, with the later ones as fallbacks."""
    pos, table = _table_for(token, lex)
    if table is None or (pos == "noun" and token.dep_ == "compound"):  # "riot police", "attack helicopter"
        return None
    phrases = _phrases_for(token, pos, table)
    if not phrases:
        return None
    readings = []
    near: set[str] | None = None  # what the readings test of the token's dependents, read once per token
    mods: set[str] | None = None
    for phrase in sorted(phrases, key=lambda p: p.trigger.index):
        trig = phrase.trigger
        if pos == "verb" and phrase.extras:
            near = _near_words(token) if near is None else near
            extras_ok = all(e in near for e in phrase.extras)
        else:
            extras_ok = pos == "verb" or _noun_extras_hold(token, phrase.extras)
        if not extras_ok:
            continue
        mods = _modifier_words(token) if mods is None else mods
        if _excluded(token, trig, pos, mods):
            continue
        if pos == "verb" and not _object_holds(token, trig, lex, dictionary):
            continue
        if pos == "noun" and trig.preps and not prep_objects(token, trig.preps):
            continue
        if trig not in readings:
            readings.append(trig)
    return Match(token, readings[0], pos, tuple(readings[1:])) if readings else None


def trigger_positions(doc: Doc, lex: Lexicon) -> list[int]:
    """The tokens `match_token` can read, in order (it decides; most words of an article it would only turn
    down): a verb, noun or adjective whose lemma or form heads a phrase of plover.toml or inflects one, or that
    follows a hyphen ("sit - in")."""
    cols = columns(doc)
    heads, verbs = lex.heads, lex.verbs

    def can_head(word: str) -> bool:
        word = word.lower()
        return word in heads or any(b in verbs for b in verb_bases(word))

    named = cols.words_in(cols.lemma, can_head, lex.head_hashes) | cols.words_in(cols.lower, can_head, lex.head_hashes)
    after_hyphen = np.zeros(len(doc), dtype=bool)
    after_hyphen[1:] = cols.orth[:-1] == cols.code("-")
    wanted = np.isin(cols.pos, TRIGGER_POS) & (named | after_hyphen)
    positions: list[int] = np.flatnonzero(wanted).tolist()
    return positions


def _phrases_for(token: Token, pos: str, table: dict[str, list[Phrase]]) -> list[Phrase]:
    """Readings by lemma, surface form, hyphenated compound ("sit-in") or a repaired verb lemma."""
    found = table.get(lemma(token)) or table.get(token.lower_)
    if found:
        return found
    hyphenated = hyphen_word(token)
    if hyphenated and hyphenated in table:
        return table[hyphenated]
    if pos == "verb" and token.tag_ in {"VBD", "VBN", "VBG", "VBZ"}:
        return next((table[b] for b in verb_bases(token.lower_) if b in table), [])
    return []


def hyphen_word(token: Token) -> str | None:
    """ "sit - in" as one word when the parser split a hyphenated noun and kept the last part as the head."""
    i = token.i
    doc = token.doc
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{token.lower_}"
    return None


def verb_bases(word: str) -> list[str]:
    """Candidate base forms of an inflected verb ("raped" -> "rape", "kidnapped" -> "kidnap")."""
    out = []
    for ending in INFLECTIONS:
        if not word.endswith(ending) or len(word) - len(ending) < 2:
            continue
        stem = word[: -len(ending)]
        if ending in {"ies", "ied"}:
            out.append(stem + "y")
            continue
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:  # doubled consonant: "kidnapped"
            out.append(stem[:-1])
    return out


def _table_for(token: Token, lex: Lexicon) -> tuple[str, dict[str, list[Phrase]] | None]:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"}):
        return "verb", lex.verbs
    if token.pos_ in {"NOUN", "PROPN"}:
        return "noun", lex.nouns
    if token.pos_ == "ADJ":
        return "adj", lex.adjectives
    return "", None
