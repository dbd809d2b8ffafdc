"""The event lexicon: data/plover.toml parsed once per process (trigger words and their readings, modes, status
cues, word classes, the PLOVER -> ACLED rules; the file's header documents every key)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from fieldbrief.model import AcledType
from fieldbrief.nlp.columns import Decided
from fieldbrief.stage import Context

LEXICON_FILE = "plover.toml"


@dataclass(frozen=True)
class Trigger:
    """One reading of some words (a [[trigger]] table of plover.toml)."""

    index: int
    type: str
    mode: str | None = None
    default_mode: str | None = None
    acled: str | None = None
    objects: frozenset[str] | None = None
    no_object: bool = False
    subject: str | None = None
    modifiers_exclude: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    casualty: str | None = None
    recipient: bool = False
    swallow: bool = False
    defer: bool = False
    defer_to: frozenset[str] = frozenset()
    reciprocal: bool = False
    dyadic: bool = False
    counts: str | None = None  # "captured": the object's number is a detention count
    promised: str | None = None
    named_places: bool = False


@dataclass(frozen=True)
class Phrase:
    """A trigger word with the other words it needs: ("call", ("for",)) or noun ("strike", ("air",))."""

    trigger: Trigger
    extras: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    denial_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    future_aux: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    falsity: frozenset[str]
    threat_verbs: frozenset[str]
    light_verbs: frozenset[str]
    target_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    actor_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    patient_verbs: frozenset[str]
    time_nouns: frozenset[str]


@dataclass(frozen=True)
class AcledRule:
    conditions: dict[str, Any]
    result: AcledType
    # the conditions compiled once: (fact, the values it may take or None, the truth it must have otherwise)
    checks: tuple[tuple[str, frozenset[Any] | None, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        checks = tuple(
            (key, frozenset(wanted), False) if isinstance(wanted, list) else (key, None, bool(wanted))
            for key, wanted in self.conditions.items()
        )
        object.__setattr__(self, "checks", checks)

    def holds(self, facts: dict[str, Any]) -> bool:
        """Whether every condition holds of an event's facts: a list names the values a fact may take, any other
        value whether the fact must be true or false."""
        for key, allowed, truth in self.checks:
            fact = facts[key]
            if (fact not in allowed) if allowed is not None else (bool(fact) != truth):
                return False
        return True


@dataclass
class Lexicon:
    verbs: dict[str, list[Phrase]]
    nouns: dict[str, list[Phrase]]
    adjectives: dict[str, list[Phrase]]
    classes: dict[str, frozenset[str]]
    modes: dict[tuple[str, ...], str]  # cue lemmas -> mode
    mode_acled: dict[tuple[str, ...], str]
    cues: Cues
    acled_rules: list[AcledRule]
    reporting_verbs: frozenset[str] = frozenset()
    acled_event_types: dict[str, str] = field(default_factory=dict)  # sub-event type -> event type
    acled_plover: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sub-event -> PLOVER types carrying it

    @cached_property
    def event_nouns(self) -> frozenset[str]:
        """Nouns that are events on their own ("attack", not the "convoy" of "aid convoy")."""
        return frozenset(head for head, phrases in self.nouns.items() if any(not p.extras for p in phrases))

    @cached_property
    def heads(self) -> frozenset[str]:
        """Every word that heads a trigger phrase, verb, noun or adjective."""
        return frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.adjectives)

    @cached_property
    def head_hashes(self) -> Decided:
        """Whether the string of a hash can be a trigger word (see triggers.trigger_positions), decided once."""
        return Decided()


def _words(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in value)


def _read_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("fieldbrief.data").joinpath(name).read_text(encoding="utf-8"))


def _trigger(index: int, row: dict[str, Any], classes: dict[str, frozenset[str]]) -> Trigger:
    objects = row.get("objects")
    return Trigger(
        index=index,
        type=row["type"],
        mode=row.get("mode"),
        default_mode=row.get("default_mode"),
        acled=row.get("acled"),
        objects=classes[objects] if isinstance(objects, str) else _words(objects) if objects else None,
        no_object=bool(row.get("no_object", False)),
        subject=row.get("subject"),
        modifiers_exclude=_words(row.get("modifiers_exclude", ())),
        preps=_words(row.get("preps", ())),
        casualty=row.get("casualty"),
        recipient=bool(row.get("recipient", False)),
        swallow=bool(row.get("swallow", False)),
        defer=bool(row.get("defer", False)),
        defer_to=frozenset(row.get("defer_to", ())),
        reciprocal=bool(row.get("reciprocal", False)),
        dyadic=bool(row.get("dyadic", False)),
        counts=row.get("counts"),
        promised=row.get("promised"),
        named_places=bool(row.get("named_places", False)),
    )


def _index_phrases(target: dict[str, list[Phrase]], trigger: Trigger, phrases: Iterable[str], head_last: bool) -> None:
    for phrase in phrases:
        words = phrase.lower().split()
        head, extras = (words[-1], tuple(words[:-1])) if head_last else (words[0], tuple(words[1:]))
        target.setdefault(head, []).append(Phrase(trigger, extras))


def load_lexicon() -> Lexicon:
    """data/plover.toml (and the reporting verbs of data/cues.toml), parsed once per process."""
    raw = _read_data(LEXICON_FILE)
    classes = {name: _words(words) for name, words in raw.get("objects", {}).items()}
    verbs: dict[str, list[Phrase]] = {}
    nouns: dict[str, list[Phrase]] = {}
    adjectives: dict[str, list[Phrase]] = {}
    for i, row in enumerate(raw.get("trigger", [])):
        trig = _trigger(i, row, classes)
        _index_phrases(verbs, trig, row.get("verbs", ()), head_last=False)
        _index_phrases(nouns, trig, row.get("nouns", ()), head_last=True)
        _index_phrases(adjectives, trig, row.get("adjectives", ()), head_last=True)
    c = raw["cues"]
    cues = Cues(**{name: _words(c.get(name, ())) for name in Cues.__dataclass_fields__})
    rules = [
        AcledRule(
            {k: v for k, v in row.items() if k not in {"event_type", "sub_event_type"}},
            AcledType(row["event_type"], row["sub_event_type"]),
        )
        for row in raw.get("acled", [])
    ]
    reporting = _words(_read_data("cues.toml").get("verbs", {}).get("clause", ()))
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        classes=classes,
        modes={tuple(k.lower().split()): v for k, v in raw.get("modes", {}).items()},
        mode_acled={tuple(k.lower().split()): v for k, v in raw.get("mode_acled", {}).items()},
        cues=cues,
        acled_rules=rules,
        reporting_verbs=reporting,
        acled_event_types=dict(raw.get("acled_event_types", {})),
        acled_plover={sub: tuple(types) for sub, types in raw.get("acled_plover", {}).items()},
    )


def lexicon_for(ctx: Context) -> Lexicon:
    lexicon: Lexicon = ctx.resource("events:lexicon", load_lexicon)
    return lexicon
