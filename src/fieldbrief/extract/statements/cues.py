"""Cue data for the statements stage: reporting verbs, attribution phrases, speaker nouns, outlets and
channels, read once per process from data/cues.toml and data/outlets.toml."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from fieldbrief.extract.events.lexicon import load_lexicon  # the event words tell deeds from sayings
from fieldbrief.nlp.columns import Decided
from fieldbrief.stage import Context

CUES_FILE = "cues.toml"
OUTLETS_FILE = "outlets.toml"


@dataclass(frozen=True)
class Cues:
    """data/cues.toml, parsed once per process."""

    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    object_heads: dict[str, frozenset[str]]
    prep_objects: dict[str, frozenset[str]]
    gerund_verbs: frozenset[str]
    directive_verbs: frozenset[str]  # "urged X to ...": the infinitive is what was asked of the object
    inference_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    implicative_verbs: frozenset[str]  # "forced X to admit": X admitted
    restricted_object_verbs: frozenset[str]
    event_nouns: frozenset[str]
    act_verbs: frozenset[str]  # verbs of deeds ([verbs.acts]): a proposed cue among them needs a clause content
    judging_verbs: frozenset[str]  # ... or, for those that also name a verbal attack, a judgement of its object
    judgement_preps: frozenset[str]  # ("attacked X as a fraud", "for her vote")
    attribution: tuple[tuple[str, ...], ...]
    quoted_passive: frozenset[str]
    non_speakers: frozenset[str]
    furniture_labels: frozenset[str]  # "UPDATE:", "CORRECTION:": labels that open no transcript turn
    person_nouns: frozenset[str]
    role_nouns: frozenset[str]  # person nouns that name a role ("mayor", "minister"): not generic_person_nouns
    source_nouns: frozenset[str]
    group_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    titles: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    female_first_names: frozenset[str]
    female_endings: tuple[str, ...]
    male_endings: tuple[str, ...]
    outlet_names: dict[str, str]  # lower-case name -> display name
    outlet_words: frozenset[str]
    channels: tuple[tuple[re.Pattern[str], str], ...]
    belief_mode: frozenset[str]  # cue lemmas of statements of mode "belief"
    intention_mode: frozenset[str]  # ... of mode "intention"
    refusal_verbs: frozenset[str]  # "declined to ...": speech where what was declined is speaking
    speaking_verbs: frozenset[str]  # ... besides the reporting verbs ("refused to discuss")
    document_nouns: frozenset[str]  # sources that are documents: mode "document"
    channel_nouns: frozenset[str]  # documents that are only the channel of a source named with them
    hearsay_nouns: frozenset[str]  # documents only with a publisher or a determiner
    quantifiers: frozenset[str]  # "some say", "many believe": an unnamed group
    # which strings of a doc's columns are reporting verbs' lemmas, or start an attribution phrase (frames.py
    # visits only those tokens); remembered by string hash for the life of the process
    reporting_lemmas: Decided = field(default_factory=Decided, init=False, repr=False, compare=False)
    phrase_words: Decided = field(default_factory=Decided, init=False, repr=False, compare=False)

    @cached_property
    def reporting_verbs(self) -> frozenset[str]:
        """The reporting verbs the rules frame: those of a clause and those of an object."""
        return self.clause_verbs | self.object_verbs


def _lower_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _read_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("fieldbrief.data").joinpath(name).read_text(encoding="utf-8"))


def load_cues() -> Cues:
    data = _read_data(CUES_FILE)
    verbs, speakers, gender, outlets = data["verbs"], data["speakers"], data["gender"], data["outlets"]
    outlet_names = {n.lower(): n for n in outlets.get("names", ())}
    for row in _read_data(OUTLETS_FILE).get("outlet", []):
        for name in (row["name"], *row.get("names", ())):
            outlet_names.setdefault(name.lower(), name)
    return Cues(
        clause_verbs=_lower_set(verbs["clause"]) | _lower_set(verbs.get("belief", ())),
        object_verbs=_lower_set(verbs["object"]),
        object_heads={k: _lower_set(v) for k, v in verbs.get("object_heads", {}).items()},
        prep_objects={k: _lower_set(v) for k, v in verbs.get("prep_objects", {}).items()},
        gerund_verbs=_lower_set(verbs.get("gerund", {}).get("lemmas", ())),
        directive_verbs=_lower_set(verbs.get("directive", {}).get("lemmas", ())),
        inference_verbs=_lower_set(verbs.get("inference", ())),
        belief_verbs=_lower_set(verbs.get("belief", ())),
        quote_only_verbs=_lower_set(verbs.get("quote_only", ())),
        implicative_verbs=_lower_set(verbs["implicative"]),
        restricted_object_verbs=_lower_set(verbs.get("propositional_object", {}).get("verbs", ())),
        event_nouns=_lower_set(verbs.get("propositional_object", {}).get("nouns", ())),
        act_verbs=_act_verbs(verbs.get("acts", {})) - _lower_set(verbs["clause"]) - _lower_set(verbs["object"]),
        judging_verbs=_lower_set(verbs.get("acts", {}).get("judging_verbs", ())),
        judgement_preps=_lower_set(verbs.get("acts", {}).get("judgement_preps", ())),
        attribution=tuple(tuple(p.lower().split()) for p in data["phrases"]["attribution"]),
        quoted_passive=_lower_set(data["phrases"].get("quoted_passive", ())),
        non_speakers=_lower_set(speakers["non_speakers"]),
        furniture_labels=_lower_set(speakers["furniture_labels"]),
        person_nouns=_lower_set(speakers["person_nouns"]),
        role_nouns=_lower_set(speakers["person_nouns"]) - _lower_set(speakers["generic_person_nouns"]),
        source_nouns=_lower_set(speakers["source_nouns"]),
        group_nouns=_lower_set(speakers["group_nouns"]),
        institution_nouns=_lower_set(speakers.get("institution_nouns", ())),
        titles=_lower_set(t.rstrip(".") for t in speakers["titles"]),
        female_words=_lower_set(gender["female_words"]),
        male_words=_lower_set(gender["male_words"]),
        female_first_names=_lower_set(gender["female_first_names"]),
        female_endings=tuple(gender["female_surname_endings"]),
        male_endings=tuple(gender["male_surname_endings"]),
        outlet_names=outlet_names,
        outlet_words=_lower_set(outlets["words"]),
        channels=tuple((re.compile(c["pattern"], re.IGNORECASE), c["label"]) for c in data["channels"]),
        belief_mode=_lower_set(data["modes"]["belief"]),
        intention_mode=_lower_set(data["modes"]["intention"]),
        refusal_verbs=_lower_set(data["modes"]["refusals"]),
        speaking_verbs=_lower_set(data["modes"]["speaking"]),
        document_nouns=_lower_set(speakers["document_nouns"]),
        channel_nouns=_lower_set(speakers["channel_nouns"]),
        hearsay_nouns=_lower_set(speakers["hearsay_nouns"]),
        quantifiers=_lower_set(speakers["quantifiers"]),
    )


def _act_verbs(acts: dict[str, list[str]]) -> frozenset[str]:
    """Trigger verbs of plover.toml's deeds (`event_types`) that no verbal type (`verbal_types`) shares, as the
    events stage's lexicon reads them (a phrase's first word is its verb)."""
    deeds: set[str] = set()
    for verb, phrases in load_lexicon().verbs.items():
        types = {phrase.trigger.type for phrase in phrases}
        if types & set(acts.get("event_types", ())) and not types & set(acts.get("verbal_types", ())):
            deeds.add(verb)
    return frozenset(deeds)


def cues_for(ctx: Context) -> Cues:
    cues: Cues = ctx.resource("statements.cues", load_cues)
    return cues
