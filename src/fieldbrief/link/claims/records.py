"""Claim frames' records: the voice an assertion is from, the scene (an incident as one article reports it), the
frame (one slot filled by one sentence), the view (one sentence with its records), and small readers they share."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from fieldbrief.lexicon import pronouns
from fieldbrief.lexicon.actors import ActorDictionary
from fieldbrief.link.entities import Mention
from fieldbrief.model import Event, Figure, Place, Statement, TimeRef

Window = tuple[dt.date, dt.date]
INF = math.inf
PRONOUNS = frozenset({"he", "she", "him", "her"})
LOCATIVES = frozenset({"in", "of", "near", "outside", "at", "around", "into", "on", "to", "from", "toward", "towards"})
POSSESSIVES = frozenset({"its", "his", "her", "their", "our"})
ARTICLES = frozenset({"a", "an", "the"})
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "claim", "add", "announce", "accord", "state"})


def place_key(place: Place) -> str | None:
    """Places below country level, keyed so that "Panjshir", "the valley" and "Panjshir Valley" agree."""
    if place.feature == "country" or not place.country:
        return None
    core = place.admin1 if place.feature in {"province", "region"} else (place.canonical or place.name)
    return f"{place.country}/{core}".lower()


_MULTIWORD: dict[int, dict[str, str]] = {}


def multiword_generics(dictionary: ActorDictionary) -> dict[str, str]:
    """Generic terms of several words as lemmas join them ("anti regime forces" -> "anti-regime forces")."""
    if id(dictionary) not in _MULTIWORD:
        _MULTIWORD[id(dictionary)] = {t.replace("-", " "): t for t in dictionary.generics if " " in t or "-" in t}
    return _MULTIWORD[id(dictionary)]


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def unnamed_name(name: str) -> str:
    """ "unnamed official (Reuters)" -> "an unnamed official": the outlet it spoke to is the origin's business."""
    return name.split(" (", 1)[0].strip()


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Voice:
    """Who a frame's assertion is from: a cited body, or the outlet (or wire) reporting on its own."""

    key: str  # sources with one key are one source
    shown: str  # as readers know it ("the health ministry", "Reuters", "Borea News")
    cited: bool


@dataclass(slots=True)
class Scene:
    """An incident as one article reports it: what kind of happening, where, when, who, what was hit."""

    id: str
    article_id: str
    published: dt.date | None
    family: str | None = None  # "violence" (PLOVER ASSAULT, COERCE) or None (unknown)
    country: str | None = None
    places: set[str] = field(default_factory=set)  # place keys below country level
    points: list[tuple[float, float]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # place names as written, lower case (resolved or not)
    regions: set[str] = field(default_factory=set)  # the provinces its places lie in, keyed as place_key keys them
    window: Window | None = None  # the dates the text gives for the happening
    participants: set[str] = field(default_factory=set)  # sides taking part
    facilities: set[str] = field(default_factory=set)  # what was hit ("market", "checkpoint")
    place_shown: str | None = None  # the place as the article writes it
    incident: str | None = None  # the corpus-level incident it joins (incidents.py)
    background: bool = False  # a past happening the article recalls


@dataclass(slots=True)
class Frame:
    slot: str
    key: str  # what within the slot ("killed"; a place for control; a person for whereabouts)
    value: Any
    shown: str  # the value as written
    article_id: str
    origin_id: str
    outlet: str | None
    published: str | None
    wire: str | None
    start: int
    end: int
    text: str
    member_kind: str  # statement | event | sentence
    record_id: str | None
    voice: Voice
    scene: Scene
    actor: str | None = None  # sides, for roles
    target: str | None = None
    update: bool = False  # a toll that revises an earlier one ("rose to 35")
    stance: str | None = None  # capture | hold | contest (control); truce
    weak: bool = False  # a perpetrator only named as an event's actor, not claimed or blamed
    victims: str | None = None  # civilians | combatants, for a toll whose noun says which
    counted: str | None = None  # the noun a toll counts ("soldier"); None: people in general
    vague: bool = False  # a toll given as a vague quantity ("dozens"), which bounds it only from below
    cause: str | None = None  # the cause a perpetrator frame was read from ("secondary explosion"), as lemmas
    negation: str | None = None  # the word that negates a weapon ("not" rocket fire, "no" aircraft)
    words: frozenset[str] = frozenset()  # content lemmas
    proper: frozenset[str] = frozenset()  # those of them that are proper nouns
    names: frozenset[str] = frozenset()  # entity ids
    speaker: str | None = None
    actor_shown: str | None = None  # the actor as written, for a happening's one-line question
    evidence: tuple[int, int] | None = None  # the record's own span (a statement's content), else the sentence


@dataclass
class View:
    """One sentence and the records inside it."""

    start: int
    end: int
    words: list[str]  # lemmas, lower case
    names: list[str]  # lemmas as recorded (proper nouns capitalised)
    offsets: list[int]  # absolute character offset of each word
    paragraph: int
    events: list[Event]
    statements: list[Statement]
    figures: list[Figure]
    places: list[Place]
    times: list[TimeRef]
    mentions: list[tuple[Mention, str]]
    subject: tuple[int, int] | None = None
    predicate: str | None = None
    negated: bool = False
    # the contents of what someone did not say or only might say ("X did not say that ...", "would claim that ..."):
    # nobody asserts them, so no frame is read from them
    unsaid: list[tuple[int, int]] = field(default_factory=list)
    scene: Scene | None = None
    wire: str | None = None  # "" once looked up and none found
    text: str = ""  # the article's text (the lemmas drop the possessive "'s", which only the text still shows)

    def unsaid_at(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.unsaid)

    def word_at(self, offset: int) -> int:
        """The index of the word at (or after) a character offset."""
        for i, o in enumerate(self.offsets):
            if o >= offset:
                return i
        return len(self.offsets)

    def written(self, k: int) -> str:
        """Word k as the text writes it, with what follows it up to the next word ("Russia's ", "claims, ")."""
        if not 0 <= k < len(self.offsets) or not self.text:
            return ""
        end = self.offsets[k + 1] if k + 1 < len(self.offsets) else self.end
        return self.text[self.offsets[k] : end]

    def is_possessor(self, k: int) -> bool:
        """Whether word k is written as a possessor ("Russia's", "Moscow’s"): the sentence's lemmas drop the
        "'s" (sentences.py), so the text between word k and the next one tells."""
        return self.written(k).rstrip().endswith(pronouns.POSSESSIVE_ENDINGS)


_COUNTRY_NAMES: dict[int, dict[str, str]] = {}


def country_names(dictionary: ActorDictionary) -> dict[str, str]:
    """Lower-case one-word country names -> ISO2 ("russia" -> "RU"), from the dictionary's generated governments."""
    key = id(dictionary)
    if key not in _COUNTRY_NAMES:
        names: dict[str, str] = {}
        for iso2, iso3 in dictionary.country_codes.items():
            entry = dictionary.entries.get(f"{iso3}-GOV")
            if entry is None:
                continue
            for alias in (entry.name.removeprefix("Government of "), *entry.aliases):
                if " " not in alias.strip():
                    names.setdefault(alias.strip().lower(), iso2)
        _COUNTRY_NAMES[key] = names
    return _COUNTRY_NAMES[key]
