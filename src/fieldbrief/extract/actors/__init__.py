"""Actors: who acts, under one code, from the actor dictionary (`fieldbrief.lexicon.actors`: data/actors.toml,
extendable with --actors).

The dictionary gives named actors (with aliases and, for people, the body they act for), per-country
governments/armies/police, and ACLED-style generic classes ("gunmen", "civilians"). `ActorResolver` turns a
token in a parsed article (the head of an event's subject or object) into an `ActorRef`: dictionary match,
demonym + generic noun ("Israeli troops"), context alias ("the resistance" in an article naming the NRF),
pronoun resolution, or, for unknown actors, the phrase as written with its NER type.

The stage itself fills `speaker.actor` on the article's statements.
"""

from __future__ import annotations

from spacy.tokens import Doc

from fieldbrief.extract.actors.mentions import find_mentions
from fieldbrief.extract.actors.resolver import ActorResolver, main_country
from fieldbrief.lexicon.actors import (
    ARMED_TYPES,
    STATE_ARMED_TYPES,
    ActorDictionary,
    ActorEntry,
    GenericClass,
    given_names_agree,
    load_dictionary,
)
from fieldbrief.model import Article
from fieldbrief.stage import Context, Stage

# names other modules import from here (the dictionary itself lives in fieldbrief.lexicon.actors)
__all__ = [
    "ARMED_TYPES",
    "STATE_ARMED_TYPES",
    "ActorDictionary",
    "ActorEntry",
    "ActorResolver",
    "GenericClass",
    "dictionary_for",
    "find_mentions",
    "given_names_agree",
    "load_dictionary",
    "main_country",
    "speaker_code",
]


def dictionary_for(ctx: Context) -> ActorDictionary:
    """The dictionary for this process's options, loaded once."""
    user = ctx.options.actors_file
    dictionary: ActorDictionary = ctx.resource(f"actors:{user or ''}", lambda: load_dictionary(user))
    return dictionary


def speaker_code(dictionary: ActorDictionary, name: str) -> str | None:
    """The code a speaker acts for: the body for officials (Lavrov -> RUS-GOV), the actor's own otherwise."""
    entry = dictionary.lookup(name)
    if entry is None:
        return None
    return dictionary.acting_code(entry)


def run(doc: Doc, article: Article, ctx: Context) -> None:
    dictionary = dictionary_for(ctx)
    for st in article.statements:
        if st.speaker.actor is None and st.speaker.kind != "unnamed":
            st.speaker.actor = speaker_code(dictionary, st.speaker.name)


STAGE = Stage("actors", "1", run)
