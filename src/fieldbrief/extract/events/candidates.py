"""A candidate event: an event record before duplicates collapse, with the token that triggered it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fieldbrief.extract.events.counting import Count
from fieldbrief.extract.events.syntax import lemma
from fieldbrief.model import ActorRef, Event

VIOLENT_TYPES = frozenset({"ASSAULT"})


@dataclass
class Found:
    """An event before duplicates collapse, with the token that triggered it."""

    event: Event
    token: Token
    casualty: str | None = None
    victims: ActorRef | None = None
    victim_count: Count | None = None
    acled_hint: str | None = None  # the trigger's forced ACLED key or a mode cue's ("Grenade")
    reciprocal: bool = False

    @property
    def word(self) -> str:
        return lemma(self.token)
