"""The division or country a text writes beside a place: after a comma ("Springfield, Ill.", "Andar district,
Ghazni province"), after a party letter ("Sen. Bob Casey, D-Pa."), or an abbreviation spelled where its period
ends no sentence ("Walker County (Ga.) Sheriff's Office"). Such mentions are qualifiers."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from fieldbrief.extract.gazetteer import NAME_QUALIFIER, Gazetteer
from fieldbrief.extract.places.mentions import (
    Mention,
    capitalised,
    is_capitalised,
    longest_known,
    make_mention,
    piece,
)
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.nlp.columns import Decided, columns

ENDS_WITH_PERIOD = Decided()  # string hash -> whether the word ends in a period (decided once per process)
# features a qualifier after a comma may have: "Springfield, Ill.", "Hyderabad, Pakistan"
QUALIFIER_FEATURES = frozenset({"province", "country"})


def _qualifier_after(
    doc: Doc, mention: Mention, gaz: Gazetteer, rules: PlaceRules, by_start: dict[int, Mention]
) -> Mention | None:
    """The division or country written after a comma: "Springfield, Ill.", "Andar district, Ghazni province"."""
    comma = mention.cue_end
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    start = comma + 1
    known = by_start.get(start)
    if known is not None:
        cands = gaz.candidates(known.key)
        if _continues_list(doc, known.cue_end):
            return None
        return known if any(c.feature in QUALIFIER_FEATURES for c in cands) else None
    if not is_capitalised(doc[start]):
        return None
    hit = longest_known(doc, start, min(len(doc), start + 4), gaz, rules, require_matchable=False)
    if hit is None or not any(c.feature in QUALIFIER_FEATURES for c in gaz.candidates(hit[1])):
        return None
    if _continues_list(doc, hit[0]):
        return None
    qualifier = make_mention(doc, start, hit[0], hit[1], rules, "GPE")
    qualifier.locative = True
    return qualifier


def _continues_list(doc: Doc, end: int) -> bool:
    """ "Paris, Lyon and Nice", "Iraq, Syria, Yemen": a name followed by "and" or by another comma and name."""
    if end >= len(doc):
        return False
    nxt = doc[end]
    if nxt.lower_ in ("and", "or", "&"):
        return True
    return (
        nxt.text == ","
        and end + 1 < len(doc)
        and is_capitalised(doc[end + 1])
        and doc[end + 1].ent_type_ in ("GPE", "LOC")
    )


def qualify(doc: Doc, mentions: list[Mention], gaz: Gazetteer, rules: PlaceRules) -> list[Mention]:
    """Link each place to the division or country the text writes after it; new qualifiers are added."""
    by_start = {m.start: m for m in mentions}
    added: list[Mention] = []
    for mention in mentions:
        if mention.demonym:
            continue
        qualifier = _qualifier_after(doc, mention, gaz, rules, by_start)
        if qualifier is None:
            continue
        qualifier.qualifier = True
        mention.within = qualifier.key
        if qualifier.start not in by_start:
            by_start[qualifier.start] = qualifier
            added.append(qualifier)
    return mentions + added


def abbreviations(doc: Doc, mentions: list[Mention], gaz: Gazetteer, rules: PlaceRules) -> list[Mention]:
    """Divisions written where an abbreviation that is a word alone ("Pa.", "Ill.", "Mass.") names them, besides
    after a place and a comma (`qualify`): after a party letter and a hyphen, a politician's state ("Sen. Bob
    Casey, D-Pa.", "(R-Texas)"); spelled with its period where that period ends no sentence (see
    `_abbreviation_in_place`). Such mentions count as qualifiers."""
    by_start = {m.start: m for m in mentions}
    inside = {t for m in mentions for t in range(m.start + 1, m.end)}  # the "Va." of "W. Va."
    added: list[Mention] = []
    for at in np.flatnonzero(capitalised(doc) & _maybe_abbreviation(doc, rules)).tolist():
        if at in inside:
            continue
        if _after_party_letter(doc, at, rules):
            hit = longest_known(doc, at, min(len(doc), at + 4), gaz, rules, require_matchable=False)
        elif _abbreviation_in_place(doc, at):
            hit = (at + 1, piece(doc[at]))
            if not any(c.name_kind == NAME_QUALIFIER for c in gaz.candidates(hit[1])):
                continue
        else:
            continue
        known = by_start.get(at)
        key = known.key if known is not None else hit[1] if hit is not None else ""
        if not key or not any(c.feature == "province" for c in gaz.candidates(key)):
            continue
        if known is None and hit is not None:
            known = make_mention(doc, at, hit[0], key, rules, "GPE")
            added.append(known)
        if known is not None:
            known.qualifier = True
    return sorted(mentions + added, key=lambda m: m.start)


def _maybe_abbreviation(doc: Doc, rules: PlaceRules) -> np.ndarray:
    """The tokens that can pass `_after_party_letter` or `_abbreviation_in_place` (the rest need not be tried):
    those after a party letter and a hyphen written without spaces, and those that end in a period."""
    cols = columns(doc)
    spaced = cols.whitespace
    out = cols.words_in(cols.orth, lambda text: text.endswith("."), ENDS_WITH_PERIOD)
    party = np.isin(cols.orth[:-2], cols.codes(rules.party_letters)) & ~spaced[:-2]
    hyphen = (cols.orth[1:-1] == cols.code("-")) & ~spaced[1:-1]
    out[2:] |= party & hyphen
    return out


def _after_party_letter(doc: Doc, i: int, rules: PlaceRules) -> bool:
    """ "D-Pa.": a party letter, a hyphen, no spaces."""
    if i < 2:
        return False
    cols = columns(doc)
    texts, spaced = cols.texts, cols.whitespace
    return texts[i - 2] in rules.party_letters and texts[i - 1] == "-" and not spaced[i - 2] and not spaced[i - 1]


def _abbreviation_in_place(doc: Doc, i: int) -> bool:
    """A word spelled with a period ("Ind.", "N.L.") after a comma or in parentheses, or before a comma or a
    lower-case word, where the period ends no sentence: "ST. JOHN'S, N.L. -", "Walker County (Ga.) Sheriff's
    Office", "Vanderburgh, Ind., County", "Missing Ill. man"."""
    texts = columns(doc).texts
    if not texts[i].endswith("."):
        return False
    before = texts[i - 1] if i > 0 else ""
    nxt = texts[i + 1] if i + 1 < len(texts) else None
    if before == "," or (before == "(" and nxt == ")"):
        return True
    return nxt is not None and (nxt == "," or nxt.islower())  # Token.is_lower is str.islower
