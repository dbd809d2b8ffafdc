"""The places stage: find place names in an article, resolve each to a point of the offline world gazetteer
by the article's context, and tell literal places from associative ones.

- `mentions`: NER entities, gazetteer phrase matching, datelines, demonyms, "Town, State" hierarchy;
- `resolve`: candidates scored by priors and context (country and division focus, cues, hierarchy, nearness),
  one sense per article, doubtful foreign matches left unresolved;
- `roles`: `role: associative` for demonyms and for places acting as their government ("Moscow said").
The rules and weights live in data/places.toml.
"""

from __future__ import annotations

from spacy.tokens import Doc

from fieldbrief.extract.gazetteer import Gazetteer
from fieldbrief.extract.places.finders import find_mentions
from fieldbrief.extract.places.resolve import back_references, resolve
from fieldbrief.extract.places.roles import mark_associative
from fieldbrief.extract.places.rules import PlaceRules, load_rules
from fieldbrief.model import Article
from fieldbrief.stage import Context, Stage


def run(doc: Doc, article: Article, ctx: Context) -> None:
    rules: PlaceRules = ctx.resource("places.rules", load_rules)
    gaz: Gazetteer = ctx.resource("places.gazetteer", Gazetteer.load)
    resolved = resolve(doc, find_mentions(doc, gaz, rules, article.text), gaz, rules)
    mark_associative(doc, resolved, rules)
    places = [place for place, _ in resolved]
    places += back_references(doc, places, rules)
    article.places = sorted(places, key=lambda p: p.start)


STAGE = Stage("places", "2", run)
