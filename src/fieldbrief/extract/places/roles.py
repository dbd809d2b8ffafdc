"""Literal or associative: whether a place mention names the place itself or stands for its people or
government ("Moscow said", "Russia's foreign ministry", "the California governor").

Demonyms are associative ("Russian forces"), except as modifiers of a place noun ("the Syrian border"). A place
becomes associative when the parse shows it acting or owning like an institution:
- a country, first-level division or national capital as the subject of a speech, belief or decision verb
  ("Washington warned", "China imposed tariffs"), as the agent of a passive ("approved by Russia"), or as the
  partner of a relation ("talks with Moscow", "relations between Kyiv and Warsaw");
- any place as the possessor or modifier of a person, office or institution ("Britain's defence ministry",
  "US officials", "Louisville police").
Everything else stays literal: "Russia's east", "the U.S. border", "fighting in Kharkiv".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from fieldbrief.extract.gazetteer import GazetteerEntry
from fieldbrief.extract.places.rules import PlaceRules
from fieldbrief.model import Place

GOVERNED = frozenset({"country", "province"})  # features that have a government to stand for
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
NOUNS = frozenset({"NOUN", "PROPN"})


def _governing(token: Token) -> Token:
    """The token whose dependency says how the name is used ("China and Russia, which ...": China's)."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    return token


def _modifies(token: Token, heads: frozenset[str]) -> bool:
    return token.dep_ in MODIFIER_DEPS and token.head.pos_ in NOUNS and token.head.lemma_.lower() in heads


def _acts_as_government(token: Token, rules: PlaceRules) -> bool:
    head = token.head
    if token.dep_ == "nsubj":
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in rules.agent_verbs
    if token.dep_ != "pobj":
        return False
    prep = head.lower_
    if prep == "agent" or (prep == "by" and head.dep_ == "agent"):
        return True
    return prep in rules.relation_prepositions and head.head.lemma_.lower() in rules.relation_heads


def _role(place: Place, entry: GazetteerEntry, token: Token, rules: PlaceRules) -> str:
    token = _governing(token)
    if place.role == "associative":  # a demonym or an organisation's place: literal only as a place noun's
        # modifier ("the Syrian border")
        return "literal" if _modifies(token, rules.place_heads) else "associative"
    if _modifies(token, rules.agent_heads):
        return "associative"
    if (entry.feature in GOVERNED or entry.capital) and _acts_as_government(token, rules):
        return "associative"
    return "literal"


def mark_associative(doc: Doc, resolved: Sequence[tuple[Place, GazetteerEntry]], rules: PlaceRules) -> None:
    """Set each place's `role` from how the sentence uses it (in place)."""
    for place, entry in resolved:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            place.role = _role(place, entry, span.root, rules)
