"""The figures stage: counts of people killed, injured, captured or missing, and of attackers, from the parse.

For each number in a sentence (digits, number words, "a dozen", vague counts such as "dozens"), data/figures.toml
decides:

1. what it counts: the kind of the nearest predicate above it within its clause ("30 people were killed",
   "killing four farmers", "died"), or of its noun when the noun says it ("45 dead", "the toll at 300",
   "20 prisoners"); a number counting attackers ("more than 100 fighters stormed the town") counts attackers;
   anything else (years, distances, trucks, "3.40pm") is no figure;
2. the number as stated, with its qualifier: "at least 50", "fewer than 50", "about 60", "between 100 and 300",
   "dozens" (a range), and the noun counted ("civilians", "soldiers");
3. who gives it: the subject of the nearest reporting verb above it, or of a verb by which bodies give counts ("the
   civil defence put the toll at 300", "local officials counted 45 dead"), or an "according to" phrase; so two
   figures in one sentence keep their own sources;
4. whether it revises a count ("the toll rose to 35") or is a running total ("since the war began").
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.sentences import reporting_verbs
from fieldbrief.lexicon.numbers import number_words
from fieldbrief.model import Article, Figure, FigureKind, Qualifier
from fieldbrief.nlp import doc_text
from fieldbrief.nlp.columns import Decided, columns
from fieldbrief.stage import Context, Stage

DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
NUMBER_LINKS = frozenset({"compound", "nummod", "quantmod", "conj", "cc", "punct"})
# links that leave a clause: a count below them belongs to another predicate
CLAUSE_EDGES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"})
MAX_CLIMB = 4
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"})
NUMBER_POS = frozenset({"NUM", "NOUN", "ADJ", "DET", "PRON"})


@dataclass(frozen=True)
class FigureRules:
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, tuple[int, int]]
    qualifiers: dict[tuple[str, ...], Qualifier]
    max_qualifier: int
    kinds: dict[tuple[str, ...], FigureKind]  # lemma sequence -> kind
    attacker_nouns: frozenset[str]
    attack_verbs: dict[str, frozenset[str]]  # verb lemma -> particles/objects it needs ("take" -> {"part"})
    source_verbs: frozenset[str]
    not_sources: frozenset[str]
    update_lemmas: frozenset[str]
    cumulative: tuple[tuple[str, ...], ...]
    not_after: frozenset[str]
    entity_labels: frozenset[str]
    # string hash -> whether the word can be (part of) a number, decided once (see number_positions)
    number_hashes: Decided = field(default_factory=Decided, init=False, repr=False, compare=False)


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


@lru_cache(maxsize=1)
def load_rules() -> FigureRules:
    raw: dict[str, Any] = tomllib.loads(
        resources.files("fieldbrief.data").joinpath("figures.toml").read_text(encoding="utf-8")
    )
    attack_verbs: dict[str, set[str]] = {}
    for entry in raw["attackers"]["verbs"]:
        verb, *rest = entry.split()
        attack_verbs.setdefault(verb, set()).update(rest)
    shared = number_words()
    qualifiers: dict[tuple[str, ...], Qualifier] = {
        _words(p): "at_least" if kind == "above" else kind for p, kind in shared.bounds.items()
    }
    qualifiers.update({_words(p): kind for kind, phrases in raw["qualifiers"].items() for p in phrases})
    return FigureRules(
        numbers={**shared.words, **shared.multipliers, **{k: int(v) for k, v in raw["numbers"].items()}},
        multipliers=dict(shared.multipliers),
        vague={k: v for k, v in shared.vague.items() if " " not in k},
        qualifiers=qualifiers,
        max_qualifier=max(len(k) for k in qualifiers),
        kinds={_words(w): kind for kind, words in raw["kinds"].items() for w in words},
        attacker_nouns=frozenset(raw["attackers"]["nouns"]),
        attack_verbs={k: frozenset(v) for k, v in attack_verbs.items()},
        source_verbs=frozenset(raw["sources"]["verbs"]),
        not_sources=frozenset(raw["sources"]["not_sources"]),
        update_lemmas=frozenset(raw["updates"]["lemmas"]),
        cumulative=tuple(_words(p) for p in raw["cumulative"]["phrases"]),
        not_after=frozenset(w.lower() for w in raw["not_counts"]["after"]),
        entity_labels=frozenset(raw["not_counts"]["entity_labels"]),
    )


def rules_for(ctx: Context) -> FigureRules:
    rules: FigureRules = ctx.resource("figure-rules", load_rules)
    return rules


# ------------------------------------------------------------------------------------------- numbers
def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def word_value(token: Token, rules: FigureRules) -> int | float | None:
    """The value of one number token: digits ("1,200", "1.5"), or a number word."""
    text = token.text.lower()
    if DIGITS.match(text):
        value = float(text.replace(",", ""))
        return int(value) if value.is_integer() else value
    if "-" in text:  # "twenty-two" as one token
        parts = [rules.numbers.get(p) for p in text.split("-")]
        return sum(p for p in parts if p is not None) if all(p is not None for p in parts) else None
    return rules.numbers.get(text, rules.numbers.get(_lemma(token)))


def _is_number(token: Token, rules: FigureRules) -> bool:
    if token.text.lower() in {"single", "lone"}:
        return False  # only as the modifier of an attacker noun (see _single_attacker)
    return token.pos_ in NUMBER_POS and (token.like_num or word_value(token, rules) is not None)


@dataclass
class Number:
    tokens: list[Token]  # the words of the number, in order
    head: Token  # the token the rest of the sentence attaches the number by
    low: int | None
    high: int | None
    qualifier: Qualifier


def _number_at(head: Token, rules: FigureRules) -> Number | None:
    """The whole number a head number token stands for: "Twenty-two", "a dozen", "three hundred", "1.5 million"."""
    parts = sorted(
        [
            head,
            *(
                c
                for c in head.children
                if c.dep_ in {"compound", "nummod", "quantmod"}
                and (_is_number(c, rules) or c.lower_ in {"a", "an", "-"})
            ),
        ],
        key=lambda t: t.i,
    )
    total: float = 0
    current: float = 0
    seen = False
    for token in parts:
        if token.lower_ in {"a", "an"}:
            current = current or 1
            continue
        value = word_value(token, rules)
        if value is None:
            continue
        seen = True
        word = token.lower_
        if word in rules.multipliers and not DIGITS.match(word):
            current = (current or 1) * rules.multipliers[word]
            if rules.multipliers[word] >= 1000:
                total, current = total + current, 0
        else:
            current += value
    if not seen:
        return None
    value = int(total + current)
    return Number(parts, head, value, value, "exact")


def _vague_at(token: Token, rules: FigureRules) -> Number | None:
    word = token.lower_
    if word in rules.vague and token.pos_ in {"NOUN", "NUM", "ADJ"}:
        low, high = rules.vague[word]
        return Number([token], token, low, high, "vague")
    return None


def _qualify(number: Number, sent: Span, rules: FigureRules) -> Number:
    """ "at least 50", "fewer than 50", "about 60", "between 100 and 300": the words before the number."""
    first = number.tokens[0].i
    before = [t.lower_ for t in sent.doc[max(sent.start, first - rules.max_qualifier) : first]]
    for n in range(min(len(before), rules.max_qualifier), 0, -1):
        kind = rules.qualifiers.get(tuple(before[-n:]))
        if kind is None:
            continue
        number.tokens = [*sent.doc[first - n : first], *number.tokens]
        if kind == "at_least":
            number.high = None
        elif kind == "at_most":
            number.low = None
        number.qualifier = kind
        return number
    return number


# ------------------------------------------------------------------------------------------- what is counted
def _kind_of(tokens: list[Token], rules: FigureRules) -> FigureKind | None:
    """The kind a word (or a two-word phrase with its particle or object) says: "kill", "take prisoner"."""
    for token in tokens:
        lemma = _lemma(token)
        for child in token.children:
            if (
                child.dep_ in {"prt", "dobj", "compound", "amod", "oprd", "advmod", "acomp", "xcomp"}
                and (lemma, _lemma(child)) in rules.kinds
            ):
                return rules.kinds[(lemma, _lemma(child))]
            if child.dep_ == "compound" and (_lemma(child), lemma) in rules.kinds:
                return rules.kinds[(_lemma(child), lemma)]
        if (lemma,) in rules.kinds:
            return rules.kinds[(lemma,)]
        if token.lower_ in {"dead", "wounded", "injured", "missing"} and (token.lower_,) in rules.kinds:
            return rules.kinds[(token.lower_,)]
    return None


def _climb(start: Token, sent: Span) -> list[Token]:
    """The heads above a token within its clause (and within the sentence), nearest first."""
    path: list[Token] = []
    node = start
    for _ in range(MAX_CLIMB):
        if node.head == node or not (sent.start <= node.head.i < sent.end) or node.dep_ in CLAUSE_EDGES:
            break
        node = node.head
        path.append(node)
    return path


def _attack_verb(verb: Token, rules: FigureRules) -> bool:
    needs = rules.attack_verbs.get(_lemma(verb))
    if needs is None:
        return False
    return not needs or any(_lemma(c) in needs for c in verb.children if c.dep_ in {"prt", "dobj", "prep"})


def _counted_kind(number: Number, sent: Span, rules: FigureRules) -> tuple[FigureKind | None, Token | None]:
    """What the number counts and the noun it counts (None: a number standing alone, "12 were killed")."""
    head = number.head
    noun = (
        head.head
        if head.dep_ in {"nummod", "quantmod", "amod"} and head.head.pos_ in {"NOUN", "PROPN", "ADV", "ADJ"}
        else None
    )
    anchor = noun if noun is not None else head
    own = _kind_of([anchor], rules) if noun is not None else None
    if noun is not None and own is None:  # "the six people killed in the raid", "20 people wounded"
        own = _kind_of([c for c in noun.children if c.dep_ == "amod" or (c.dep_ == "acl" and c.i > noun.i)], rules)
        if own is not None:
            return own, noun
    path = _climb(anchor, sent)
    # "put the toll at 300", "the toll rose to 35": the number is the object of a verb whose subject or object
    # says what it counts
    for verb in path:
        kind = _kind_of([verb], rules)
        if kind is not None:
            if (
                noun is not None
                and _lemma(noun) in rules.attacker_nouns
                and verb.i > noun.i
                and noun.dep_ in {"nsubj"}
                and _attack_verb(verb, rules)
            ):
                return "attackers", noun
            return kind, (noun if own is None else None)
        around = [
            c
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass", "dobj", "oprd", "acomp"} and c not in path and c is not anchor
        ]
        if verb.pos_ in {"VERB", "AUX"} and (kind := _kind_of(around, rules)) is not None:
            return kind, (noun if own is None else None)
        if verb.pos_ == "VERB":
            break
    if own is not None:
        return own, None
    following = _following_predicate(anchor, sent, rules)
    if following is not None:  # "between 100 and 300 people were killed", the parse attached elsewhere
        return following, noun
    if (
        noun is not None
        and _lemma(noun) in rules.attacker_nouns
        and noun.dep_ == "nsubj"
        and _attack_verb(noun.head, rules)
    ):
        return "attackers", noun
    return None, noun


def _following_predicate(token: Token, sent: Span, rules: FigureRules) -> FigureKind | None:
    """The kind of a passive or intransitive verb right after a phrase ("... people were killed", "... died")."""
    i = token.i + 1
    while i < sent.end and sent.doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        i += 1
    if i >= sent.end or i - token.i > 4:
        return None
    verb = sent.doc[i]
    if verb.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    return _kind_of([verb], rules)


def _single_attacker(token: Token, rules: FigureRules) -> Number | None:
    """ "a single suicide bomber", "a lone gunman" carried out the attack: one attacker."""
    if token.lower_ not in {"single", "lone"} or token.dep_ != "amod":
        return None
    noun = token.head
    if _lemma(noun) not in rules.attacker_nouns and f"{_lemma(noun)}" not in rules.attacker_nouns:
        return None
    if noun.dep_ != "nsubj" or not _attack_verb(noun.head, rules):
        return None
    return Number([token], token, 1, 1, "exact")


# ------------------------------------------------------------------------------------------- who gives it
def _source(number: Number, sent: Span, rules: FigureRules) -> tuple[str, tuple[int, int]] | None:
    """The subject of the nearest reporting (or counting) verb above the number, or an "according to" phrase."""
    node = number.head
    verbs = reporting_verbs() | rules.source_verbs
    while node.head != node and sent.start <= node.head.i < sent.end:
        node = node.head
        if _lemma(node) in verbs and node.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in node.children if c.dep_ in {"nsubj"}), None)
            if subject is not None and subject.lower_ not in PRONOUNS:
                return _span_text(subject)
            if subject is not None:
                return None
    for token in sent:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if obj is not None and _lemma(obj) not in rules.not_sources and obj.lower_ not in PRONOUNS:
                return _span_text(obj)
    return None


def _span_text(token: Token) -> tuple[str, tuple[int, int]]:
    words = [t for t in token.subtree if not t.is_punct]
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return doc_text(token.doc)[start:end], (start, end)


def _flags(number: Number, sent: Span, rules: FigureRules) -> tuple[bool, bool]:
    """(update, cumulative): whether the number's clause revises a count, whether its sentence keeps a total."""
    path = [number.head, *_climb(number.head, sent)]
    around = {_lemma(t) for t in path} | {_lemma(c) for t in path for c in t.children if c.dep_ in {"advmod", "prt"}}
    update = bool(around & rules.update_lemmas)
    words = [t.lower_ for t in sent]
    cumulative = any(
        tuple(words[i : i + len(phrase)]) == phrase for phrase in rules.cumulative for i in range(len(words))
    )
    return update, cumulative


# ------------------------------------------------------------------------------------------- the stage
def number_positions(doc: Doc, rules: FigureRules) -> list[int]:
    """The tokens `_numbers` can make a number of, in order (it decides; most words it would only pass over):
    numbers in digits or words, vague amounts ("dozens"), "single" and "lone"."""
    cols = columns(doc)

    def can_count(word: str) -> bool:
        word = word.lower()
        return (
            word in rules.numbers
            or word in rules.vague
            or word in {"single", "lone"}
            or "-" in word
            or DIGITS.match(word) is not None
        )

    wanted = cols.like_num | cols.words_in(cols.lower, can_count, rules.number_hashes)
    wanted |= cols.words_in(cols.lemma, can_count, rules.number_hashes)
    positions: list[int] = np.flatnonzero(wanted).tolist()
    return positions


def _numbers(sent: Span, rules: FigureRules, positions: list[int]) -> list[Number]:
    """The numbers of a sentence; `positions`: the doc's tokens that can be one (number_positions)."""
    found: list[Number] = []
    taken: set[int] = set()
    doc = sent.doc
    for i in positions[bisect_left(positions, sent.start) : bisect_left(positions, sent.end)]:
        token = doc[i]
        if token.i in taken or (token.ent_type_ in rules.entity_labels and not _counts_a_noun(token)):
            continue  # a date, a time, a sum ("May 2"); but "At least 500 people" the tagger ran into a dateline
        number = _single_attacker(token, rules) or _vague_at(token, rules)
        if number is None and _is_number(token, rules):
            if token.head is not token and token.dep_ in {"compound", "quantmod"} and _is_number(token.head, rules):
                continue  # part of the number its head stands for
            number = _number_at(token, rules)
        if number is None:
            continue
        after = sent.doc[number.tokens[-1].i + 1] if number.tokens[-1].i + 1 < sent.end else None
        if after is not None and after.lower_ in rules.not_after:
            continue
        taken.update(t.i for t in number.tokens)
        found.append(number)
    return _ranges(found, sent)


def _counts_a_noun(token: Token) -> bool:
    """A number that counts people or things ("500 people"), whatever entity label the tagger gave it."""
    return token.dep_ == "nummod" and token.head.pos_ == "NOUN" and token.head.ent_type_ not in {"DATE", "TIME"}


def _ranges(numbers: list[Number], sent: Span) -> list[Number]:
    """ "between 100 and 300": one number, the range."""
    out: list[Number] = []
    skip: set[int] = set()
    for x, number in enumerate(numbers):
        if x in skip:
            continue
        first = number.tokens[0].i
        nxt = numbers[x + 1] if x + 1 < len(numbers) else None
        if (
            first > sent.start
            and sent.doc[first - 1].lower_ == "between"
            and nxt is not None
            and nxt.tokens[0].i == number.tokens[-1].i + 2
            and sent.doc[nxt.tokens[0].i - 1].lower_ == "and"
        ):
            head = number.head if number.head.dep_ == "nummod" else nxt.head  # "between 100 and 300 people"
            out.append(
                Number(
                    [sent.doc[first - 1], *number.tokens, sent.doc[nxt.tokens[0].i - 1], *nxt.tokens],
                    head,
                    number.low,
                    nxt.high,
                    "between",
                )
            )
            skip.add(x + 1)
            continue
        out.append(number)
    return out


def find_figures(doc: Doc, rules: FigureRules) -> list[Figure]:
    figures: list[Figure] = []
    positions = number_positions(doc, rules)
    for sent in doc.sents:
        for number in _numbers(sent, rules, positions):
            if number.qualifier not in {"between", "vague"}:
                number = _qualify(number, sent, rules)
            kind, noun = _counted_kind(number, sent, rules)
            if kind is None:
                continue
            if number.tokens[0].lower_ in {"single", "lone"} and kind != "attackers":
                continue
            start = number.tokens[0].idx
            end = number.tokens[-1].idx + len(number.tokens[-1])
            source = _source(number, sent, rules)
            update, cumulative = _flags(number, sent, rules)
            counted = _lemma(noun) if noun is not None and _kind_of([noun], rules) is None else None
            figures.append(
                Figure(
                    kind=kind,
                    low=number.low,
                    high=number.high,
                    qualifier=number.qualifier,
                    text=doc_text(doc)[start:end],
                    start=start,
                    end=end,
                    counted=counted,
                    source=source[0] if source else None,
                    source_span=source[1] if source else None,
                    update=update,
                    cumulative=cumulative,
                )
            )
    return figures


def run(doc: Doc, article: Article, ctx: Context) -> None:
    article.figures = find_figures(doc, rules_for(ctx))


STAGE = Stage("figures", "1", run)
