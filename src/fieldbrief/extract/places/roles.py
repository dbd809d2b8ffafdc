"""Literal or associative: whether a place mention names the place itself or stands for its people or
government ("Moscow said", "Russia's foreign ministry", "the California governor").

Demonyms are associative by nature (the resolver marks them). A resolved country, first-level division or
national capital becomes associative when the parse shows it acting or owning like an institution:
- the subject of a speech, belief or decision verb ("Washington warned", "China imposed tariffs");
- the possessor or modifier of an institution or office ("Britain's defence ministry", "US officials").
Everything else stays literal: "Russia's east", "the U.S. border", "fighting in Kharkiv".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from fieldbrief.extract.gazetteer import GazetteerEntry
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.model import Place

GOVERNED = frozenset({"country", "province"})  # features that have a government to stand for
SUBJECT_DEPS = frozenset({"nsubj"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def _acts_as_agent(token: Token, rules: PlaceRules) -> bool:
    while token.dep_ == "conj" and token.head is not token:  # "China and Russia, which have ..."
        token = token.head
    head = token.head
    if token.dep_ in SUBJECT_DEPS:
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in rules.agent_verbs
    if token.dep_ in MODIFIER_DEPS:
        return head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in rules.agent_heads
    return False


def mark_associative(doc: Doc, resolved: Sequence[tuple[Place, GazetteerEntry]], rules: PlaceRules) -> None:
    """Set `role` to associative on literal places used as agents (in place)."""
    for place, entry in resolved:
        if place.role != "literal" or not (entry.feature in GOVERNED or entry.capital):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and _acts_as_agent(span.root, rules):
            place.role = "associative"
