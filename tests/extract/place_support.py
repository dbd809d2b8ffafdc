"""The places stage run on one sentence written for a test, and a found place by its name (the place tests share)."""

from __future__ import annotations

from spacy.language import Language

from fieldbrief.extract import places
from fieldbrief.model import Article, Place
from fieldbrief.stage import Context


def run(nlp: Language, ctx: Context, text: str) -> list[Place]:
    """The article's places; every one's span is its name in the text."""
    article = Article(source="test", text=text, published="2021-08-27")
    places.STAGE.run(nlp(text), article, ctx)
    for p in article.places:
        assert text[p.start : p.end] == p.name
    return article.places


def named(found: list[Place], name: str) -> Place:
    matches = [p for p in found if p.name == name]
    assert matches, f"{name!r} not found in {[p.name for p in found]}"
    return matches[0]
