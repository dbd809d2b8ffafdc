"""data/link.toml, compiled once per process: word classes and phrase tables over lemmas.

Linking reads the lemmas the sentences stage recorded, so every phrase is a tuple of lemmas; "*" stands for one word.
A `Phrases` table finds its phrases in a sentence's lemmas and says where.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

WILDCARD = "*"


def lemma_words(phrase: str) -> tuple[str, ...]:
    """A phrase of link.toml as lemmas: lower case, hyphens as their own word (as spaCy splits them)."""
    return tuple(phrase.lower().replace("-", " - ").split())


@dataclass(frozen=True)
class Phrases:
    """Lemma phrases, each with a label (its class), found on word sequences."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    wild_first: tuple[tuple[tuple[str, ...], str], ...]
    firsts: frozenset[str] = frozenset()

    @classmethod
    def build(cls, table: dict[str, Iterable[str]]) -> Phrases:
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        wild: list[tuple[tuple[str, ...], str]] = []
        for label, phrases in table.items():
            for phrase in phrases:
                words = lemma_words(phrase)
                if not words:
                    continue
                if words[0] == WILDCARD:
                    wild.append((words, label))
                else:
                    by_first.setdefault(words[0], []).append((words, label))
        return cls(
            {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in by_first.items()},
            tuple(wild),
            frozenset(by_first),
        )

    def find(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(first word, end word, label) of every phrase found, longest first at each position."""
        out: list[tuple[int, int, str]] = []
        if not self.wild_first and self.firsts.isdisjoint(words):
            return out  # most sentences hold none of a table's first words
        i = 0
        while i < len(words):
            found = next(
                (
                    (phrase, label)
                    for phrase, label in (*self.by_first.get(words[i], ()), *self.wild_first)
                    if _matches(words, i, phrase)
                ),
                None,
            )
            if found is None:
                i += 1
                continue
            out.append((i, i + len(found[0]), found[1]))
            i += len(found[0])  # "suicide bomber" is not also a "bomber"
        return out

    def labels(self, words: list[str]) -> set[str]:
        return {label for _, _, label in self.find(words)}


def _matches(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(words):
        return False
    return all(p == WILDCARD or p == words[i + k] for k, p in enumerate(phrase))


@dataclass(frozen=True)
class Lexicon:
    raw: dict[str, Any]
    stopwords: frozenset[str]
    weapons: Phrases
    weapon_compatible: frozenset[frozenset[str]]
    neutral_weapons: frozenset[str]
    victims: Phrases  # civilians | combatants: nouns a count counts
    victim_phrases: Phrases  # civilians | combatants: what a sentence says of the dead ("were gunmen")
    control: Phrases  # capture | hold | contest
    control_denials: frozenset[str]  # verbs that turn a capture after them into its denial
    accusations: frozenset[str]  # words of a denial that is about who did it ("denied accusations that ...")
    claim_nouns: frozenset[str]  # "X's claims that ...": the blame inside is X's
    hedges: frozenset[str]  # modal words that make a responsibility phrase right after them assert nothing
    responsibility: Phrases  # own | deed | blame | deny | cause
    cause_accounts: dict[str, str]  # a cause phrase (lemmas) -> the account it tells (explosives, interception, ...)
    whereabouts: Phrases  # departure | presence
    departure_verbs: frozenset[str]
    facilities: Phrases  # kinds of target: market | checkpoint | medical | ...
    negations: frozenset[str]
    exclusives: frozenset[str]  # "not ... only": a negation of exclusivity, no denial
    violent_types: frozenset[str]
    families: dict[str, str]  # PLOVER type -> incident family
    topics: Phrases  # happenings named by nouns ("talks")
    truce: Phrases  # holds | broken
    violent_predicates: frozenset[str]
    discourse_types: frozenset[str]
    unasserted_statuses: frozenset[str]
    unasserted_modes: frozenset[str]
    paraphrases: Phrases  # lemma phrases -> their group's first lemma
    ordinary_sources: frozenset[str]
    body_words: frozenset[str]
    generic_source_words: frozenset[str]

    def canonical_words(self, words: list[str]) -> list[str]:
        """Lemmas with paraphrases folded ("hold out" -> "holdout"), for comparing what sentences state."""
        out: list[str] = []
        found = {i: (j, label) for i, j, label in self.paraphrases.find(words)}
        i = 0
        while i < len(words):
            if i in found:
                j, label = found[i]
                out.append(label)
                i = j
            else:
                out.append(words[i])
                i += 1
        return out

    def family(self, event_type: str) -> str:
        return self.families.get(event_type, event_type.lower())

    def section(self, name: str) -> dict[str, Any]:
        value: dict[str, Any] = self.raw.get(name, {})
        return value

    def setting(self, section: str, key: str) -> Any:
        return self.raw[section][key]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("fieldbrief.data").joinpath("link.toml").read_text(encoding="utf-8")
    return build_lexicon(tomllib.loads(text))


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    frames = raw["frames"]
    victims = frames["victims"]
    resp = frames["responsibility"]
    where = frames["whereabouts"]
    return Lexicon(
        raw=raw,
        stopwords=frozenset(STOP_WORDS) - frozenset(raw["paraphrases"]["keep_words"]),
        weapons=Phrases.build(dict(frames["weapons"])),
        weapon_compatible=frozenset(frozenset(p) for p in frames["weapon_compatible"]["pairs"]),
        neutral_weapons=frozenset(frames["weapon_compatible"]["neutral"]),
        victims=Phrases.build({"civilians": victims["civilians"], "combatants": victims["combatants"]}),
        victim_phrases=Phrases.build(
            {"civilians": victims["civilian_phrases"], "combatants": victims["combatant_phrases"]}
        ),
        control=Phrases.build({k: frames["control"][k] for k in ("capture", "hold", "contest")}),
        control_denials=frozenset(frames["control"]["denials"]),
        accusations=frozenset(frames["responsibility_words"]["accusations"]),
        claim_nouns=frozenset(frames["responsibility_words"]["claim_nouns"]),
        hedges=frozenset(frames["responsibility_words"]["hedges"]),
        responsibility=Phrases.build(
            {
                "own": resp["own"],
                "deed": resp["deeds"],
                "blame": resp["blame"],
                "deny": resp["deny"],
                "cause": [phrase for phrases in resp["causes"].values() for phrase in phrases],
            }
        ),
        cause_accounts={
            " ".join(lemma_words(phrase)): account for account, phrases in resp["causes"].items() for phrase in phrases
        },
        whereabouts=Phrases.build({"departure": where["departure"], "presence": where["presence"]}),
        departure_verbs=frozenset(where["departure_verbs"]),
        facilities=Phrases.build(dict(raw["incidents"]["facilities"])),
        negations=frozenset(frames["main"]["negations"]),
        exclusives=frozenset(frames["main"]["exclusives"]),
        violent_types=frozenset(frames["violent"]),
        violent_predicates=frozenset(frames["main"]["violent_predicates"]),
        discourse_types=frozenset(frames["discourse"]),
        unasserted_statuses=frozenset(frames["main"]["unasserted_statuses"]),
        unasserted_modes=frozenset(frames["main"]["unasserted_modes"]),
        families=dict(frames["families"]),
        topics=Phrases.build(dict(frames["topics"])),
        truce=Phrases.build(dict(frames["truce"])),
        paraphrases=Phrases.build({"_".join(lemma_words(g[0])): g for g in raw["paraphrases"]["groups"]}),
        ordinary_sources=frozenset(raw["voices"]["ordinary"]),
        body_words=frozenset(raw["voices"]["body_words"]),
        generic_source_words=frozenset(raw["voices"]["generic"]),
    )
