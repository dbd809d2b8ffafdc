"""How many people an event killed or detained, read from the noun phrase that names them.

"killing two insurgents" = 2, "seventeen insurgents", "1,200 people", "at least 12 civilians" = 12, "more than
30" = 31 (the least number the words allow), "a Taliban leader ... was killed" = 1, "killing him" = 1, "the
death of Hemat" = 1, "all four" = 4, "the senior leader along with three of his associates" = 4. Vague
quantities ("several insurgents", "dozens of people", "up to 30") give no count: the phrase is kept so an
analyst sees what was said. A plural without a number ("the insurgents") gives no count either. Number words
live in data/numbers.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fieldbrief.lexicon.numbers import NumberWords, number_words

SINGULAR_PRONOUNS = frozenset({"he", "him", "she", "her", "himself", "herself"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
# Conjoined phrases that add people ("a leader and two fighters", "the leader along with three associates");
# "including" names part of those already counted.
ADDING_PREPOSITIONS = frozenset({"with"})  # "along with", "together with"
ADDING_LEADS = frozenset({"along", "together"})
MAX_PHRASE_TOKENS = 12


@dataclass(frozen=True)
class Count:
    value: int | None  # None: vague ("several") or not given ("the insurgents")
    text: str  # the phrase as written


def count_people(victim: Token | None, verb: Token | None = None) -> Count | None:
    """The count the noun phrase headed by `victim` gives, with the phrase; None without a phrase. `verb`, the
    word that reports the harm or detention, may carry an "along with" phrase of its own."""
    if victim is None:
        return None
    numbers = number_words()
    victim = _partitive_head(victim, numbers)
    value = _own_count(victim, numbers)
    after = [t for t in _along_with(verb) if t.i > victim.i] if verb is not None else []
    for extra in [*_added(victim), *after]:
        more = _own_count(extra, numbers)
        value = None if value is None or more is None else value + more
    return Count(value, _phrase(victim))


def _partitive_head(victim: Token, numbers: NumberWords) -> Token:
    """ "all four of the insurgents": the number that heads the partitive counts them."""
    of = victim.head
    if victim.dep_ == "pobj" and of.lower_ == "of" and of.head != of:
        quantity = of.head
        if quantity.like_num or numbers.is_number_word(quantity.lower_):
            return quantity
    return victim


def _own_count(head: Token, numbers: NumberWords) -> int | None:
    if head.like_num or numbers.is_number_word(head.lower_):
        return _number_of(head, numbers)
    if head.lower_ in numbers.vague or _vague_modifier(head, numbers):
        return None
    for child in head.children:
        if child.dep_ == "nummod" or (child.dep_ == "amod" and child.like_num):
            return _number_of(child, numbers)
    partitive = _partitive_number(head, numbers)
    if partitive is not None:
        return partitive
    if head.lower_ in SINGULAR_PRONOUNS:
        return 1
    if head.tag_ in SINGULAR_TAGS and head.pos_ in ("NOUN", "PROPN"):
        return 1
    return None


def _number_of(token: Token, numbers: NumberWords) -> int | None:
    """The number a token writes, with the words that make it up ("twenty-five", "two hundred") and its bound
    ("at least 12" is 12; "up to 30" says only what it was not more than)."""
    words = [t for t in token.subtree if t.dep_ in ("compound", "quantmod", "nummod") or t == token]
    bound = _bound(token, numbers)
    if bound == "at_most":
        return None
    numeric = [t for t in words if t.like_num or numbers.is_number_word(t.lower_) or t.lower_ in numbers.indefinite]
    value = numbers.value(" ".join(t.text for t in sorted(numeric, key=lambda t: t.i)))
    value = value if value is not None else numbers.value(token.text)
    return value + 1 if value is not None and bound == "above" else value


def _bound(token: Token, numbers: NumberWords) -> str | None:
    """ "at least", "more than", "up to", "about" before the number (the parser puts some inside its phrase)."""
    doc = token.doc
    start = token.i
    while start > 0 and (
        doc[start - 1].like_num or numbers.is_number_word(doc[start - 1].lower_) or doc[start - 1].text == "-"
    ):
        start -= 1  # "at least twenty-five": the bound comes before the whole number
    for width in (4, 3, 2, 1):
        if start - width < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[start - width : start])
        if phrase in numbers.bounds:
            return numbers.bounds[phrase]
    return None


def _vague_modifier(head: Token, numbers: NumberWords) -> bool:
    """ "several insurgents", "a few civilians", "numerous suspects"."""
    for child in head.children:
        if child.dep_ in ("amod", "det", "nummod", "quantmod") and child.lower_ in numbers.vague:
            return True
        if child.dep_ == "amod" and child.i > 0:
            pair = f"{head.doc[child.i - 1].lower_} {child.lower_}"
            if pair in numbers.vague:
                return True
    return False


def _partitive_number(head: Token, numbers: NumberWords) -> int | None:
    """ "three of his associates", "two of the insurgents": the number heads the phrase."""
    if not (head.like_num or numbers.is_number_word(head.lower_)):
        return None
    return _number_of(head, numbers)


def _added(head: Token) -> list[Token]:
    """Phrases that add people to the head's: its conjuncts (also those the parser hangs on an apposition: "Jan
    Nowak, 62, a farmer, and Piotr Lis were killed"), and "along with" / "together with" objects."""
    appositions = [c for c in head.children if c.dep_ == "appos"]
    conjuncts = [c for h in (head, *appositions) for c in h.children if c.dep_ == "conj"]
    return conjuncts + _along_with(head)


def _along_with(token: Token) -> list[Token]:
    """The objects of "along with" / "together with" (or of "along", the parser's other reading) under a token."""
    out = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ADDING_PREPOSITIONS | ADDING_LEADS:
            continue
        lead = prep.doc[prep.i - 1] if prep.i > 0 else None
        if prep.lower_ in ADDING_LEADS or (lead is not None and lead.lower_ in ADDING_LEADS):
            out += [g for p in (prep, *prep.children) for g in p.children if g.dep_ == "pobj"]
    return out


def _phrase(head: Token) -> str:
    """The counted phrase as written: the head with its numbers and modifiers, not its clauses."""
    kept = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "punct") and not _in_clause(t, head)]
    if not kept:
        return head.text
    start, end = min(t.i for t in kept), max(t.i for t in kept) + 1
    end = min(end, start + MAX_PHRASE_TOKENS)
    return head.doc[start:end].text


def _in_clause(token: Token, head: Token) -> bool:
    node = token
    while node != head and node.head != node:
        if node.dep_ in ("relcl", "acl", "appos", "prep") and node.head == head and node.lower_ != "of":
            return True
        node = node.head
    return False
