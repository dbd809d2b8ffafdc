"""Finding actor names in a parsed article: dictionary aliases (one PhraseMatcher-like index over every alias,
case-aware), and NER entities where no alias matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.strings import get_string_id as hash_string  # the hash spaCy stores for a string
from spacy.tokens import Doc

from fieldbrief.lexicon.actors import FUZZY_MIN_CHARS, ActorDictionary
from fieldbrief.nlp import doc_text
from fieldbrief.nlp.columns import columns, entities

ALIAS_INDEX = "extract.actors:alias-index"
FIRST_HASHES = "extract.actors:alias-first-hashes"
NER_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# prefixes that turn a name into its opposite: an "anti-Taliban fighter" is no Taliban fighter
OPPOSING_PREFIXES = frozenset({"anti", "counter"})
OPPOSING_HASHES = frozenset(hash_string(p) for p in OPPOSING_PREFIXES)
OPPOSING_JOINED_HASHES = frozenset(hash_string(f"{p}-") for p in OPPOSING_PREFIXES)  # "anti-" as one token
HYPHEN_HASH = hash_string("-")


@dataclass(frozen=True)
class AliasPattern:
    """An alias as a token sequence; `case` per token: 'exact' (acronyms), 'title' (names) or 'any'."""

    tokens: tuple[str, ...]
    case: tuple[str, ...]
    code: str
    context: bool = False  # a context alias: only valid where the actor is named in the article
    metonym: bool = False  # a capital standing for its government: an actor only as a subject


# ------------------------------------------------------------------------------------------- the alias index
@lru_cache(maxsize=1)
def _alias_tokenizer() -> Any:
    return spacy.blank("en").tokenizer


def _case_of(token: str) -> str:
    if len(token) >= 2 and token.isupper():
        return "exact"
    if token[:1].isupper():
        return "title"
    return "any"


def _pattern(alias: str, code: str, *, context: bool = False, metonym: bool = False) -> AliasPattern | None:
    toks = [t.text for t in _alias_tokenizer()(alias)]
    if not toks:
        return None
    if toks[0].lower() == "the" and len(toks) > 1 and not context:  # "the" is optional before names
        toks = toks[1:]
    return AliasPattern(tuple(t.lower() for t in toks), tuple(_case_of(t) for t in toks), code, context, metonym)


@dataclass(frozen=True)
class AliasIndex:
    """Every alias of the dictionary as a token sequence, by its first token (lower case), longest first; and the
    same keyed by the hash spaCy gives that token's lower-case form (its LOWER attribute), each with the hashes
    of all its tokens: matching reads one array from the doc instead of a Token per word."""

    patterns: dict[str, list[AliasPattern]]
    by_hash: dict[int, list[tuple[AliasPattern, tuple[int, ...]]]]


def alias_index(dictionary: ActorDictionary) -> AliasIndex:
    """The dictionary's aliases tokenised as spaCy tokenises text; built once per dictionary."""
    index = dictionary.derived.get(ALIAS_INDEX)
    if index is None:
        patterns: dict[str, list[AliasPattern]] = {}
        for alias in dictionary.aliases:
            p = _pattern(alias.text, alias.code, context=alias.context, metonym=alias.metonym)
            if p is not None:
                patterns.setdefault(p.tokens[0], []).append(p)
        for plist in patterns.values():
            plist.sort(key=lambda p: -len(p.tokens))
        by_hash = {
            hash_string(first): [(p, tuple(hash_string(t) for t in p.tokens)) for p in plist]
            for first, plist in patterns.items()
        }
        index = dictionary.derived[ALIAS_INDEX] = AliasIndex(patterns, by_hash)
    assert isinstance(index, AliasIndex)
    return index


def _first_hashes(dictionary: ActorDictionary) -> np.ndarray:
    """The hashes of the words that start some alias, as the doc's LOWER column holds them (one array per
    dictionary: a doc's alias starts are found in one numpy call)."""
    found = dictionary.derived.get(FIRST_HASHES)
    if found is None:
        found = dictionary.derived[FIRST_HASHES] = np.array(sorted(alias_index(dictionary).by_hash), dtype=np.uint64)
    assert isinstance(found, np.ndarray)
    return found


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens that names an actor: a dictionary alias or, failing that, an NER entity."""

    start: int  # token indices, end exclusive
    end: int
    code: str | None
    context: bool = False
    metonym: bool = False
    label: str = ""  # NER label for unknown actors


def _case_fits(text: str, case: str) -> bool:
    if case == "exact":
        return text.isupper()
    if case == "title":
        return text[:1].isupper()
    return True


def find_mentions(doc: Doc, dictionary: ActorDictionary) -> list[Mention]:
    """Dictionary aliases in the text (longest first, no overlaps), then NER entities no alias covers."""
    lowers: list[int] = columns(doc).lower.tolist() if len(doc) else []  # lower-case hashes, no Token objects
    out = _alias_mentions(doc, dictionary, lowers)
    covered = {t for m in out for t in range(m.start, m.end)}
    text = doc_text(doc)
    for ent in entities(doc):
        label = ent.label_
        if (
            label in NER_ACTOR_LABELS
            and not any(t in covered for t in range(ent.start, ent.end))
            and not _opposed(lowers, ent.start)
        ):
            name = text[ent.start_char : ent.end_char]  # ent.text, without joining its tokens again
            entry = dictionary.lookup(name) if len(name) >= FUZZY_MIN_CHARS else None
            out.append(Mention(ent.start, ent.end, entry.code if entry else None, label=label))
    out.sort(key=lambda m: m.start)
    return out


def _alias_mentions(doc: Doc, dictionary: ActorDictionary, lowers: list[int]) -> list[Mention]:
    """Aliases found by token hashes: only words that start some alias are looked at (creating spaCy Token objects
    for every word was most of the actors' cost)."""
    if not lowers:
        return []
    orths = columns(doc).orth
    strings = doc.vocab.strings
    by_hash = alias_index(dictionary).by_hash
    n = len(lowers)
    out: list[Mention] = []
    free = 0  # first token not inside an alias already found
    starts = np.flatnonzero(np.isin(columns(doc).lower, _first_hashes(dictionary))).tolist()
    for i in starts:
        if i < free:
            continue
        for pat, hashes in by_hash[lowers[i]]:
            k = len(hashes)
            if (
                i + k <= n
                and (k == 1 or lowers[i + 1] == hashes[1])  # most aliases differ at their second word already
                and lowers[i : i + k] == list(hashes)
                and all(_case_fits(strings[int(orths[i + j])], pat.case[j]) for j in range(k))
            ):
                if not _opposed(lowers, i):
                    out.append(Mention(i, i + k, pat.code, pat.context, pat.metonym))
                free = i + k
                break
    return out


def _opposed(lowers: Sequence[int], start: int) -> bool:
    """'anti-Taliban': the name is what the phrase opposes, not who it is (`lowers`: the doc's LOWER hashes)."""
    if start >= 2 and lowers[start - 1] == HYPHEN_HASH and lowers[start - 2] in OPPOSING_HASHES:
        return True
    return start >= 1 and lowers[start - 1] in OPPOSING_JOINED_HASHES
