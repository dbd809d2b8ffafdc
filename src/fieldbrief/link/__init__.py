"""Across articles: copies collapse into origins, names into entities, what sentences assert into claim frames, frames
into incidents, and incidents into claims that are corroborated, single-source or contested.

corpus = link_corpus(articles)                 # Corpus(articles, origins, entities, claims)
corpus = link_corpus(articles, actors=path)    # with a user actor dictionary (as `--actors FILE`)

Steps (a module each): origins.py (copies at paragraph level, wire credits -> Origin), entities.py (actor dictionary +
rapidfuzz with context -> Entity), claims/frames.py (the records of each sentence as slot frames, with the incident
each sentence reports), claims/incidents.py (scenes of one happening across articles), claims/disputes.py,
claims/conflicts.py (the conflict test of each slot) and claims/facts.py (typed disputes and agreements within an
incident), claims/assembly.py (Claims with sources and
status). Word lists: data/link.toml.
"""

from __future__ import annotations

from pathlib import Path

from fieldbrief.lexicon.actors import load_dictionary
from fieldbrief.link.claims import build_claims
from fieldbrief.link.claims.frames import article_frames
from fieldbrief.link.claims.records import Frame, Scene
from fieldbrief.link.entities import resolve
from fieldbrief.link.lexicon import lexicon
from fieldbrief.link.origins import find_origins
from fieldbrief.model import Article, Corpus

# Bump when linking changes what it produces: stored links from another version are recomputed.
LINK_VERSION = "2.2"


def link_corpus(articles: list[Article], actors: Path | None = None) -> Corpus:
    """Origins, entities and claims over a set of analysed articles (`actors`: a user actor dictionary)."""
    lex = lexicon()
    dictionary = load_dictionary(actors)
    origins = find_origins(articles, lex)
    entities, mentions = resolve(articles, actors)
    by_id = {e.id: e for e in entities}
    frames: list[Frame] = []
    scenes: list[Scene] = []
    for article in articles:
        article_frames_, article_scenes = article_frames(
            article, origins, mentions.get(article.id, []), by_id, dictionary, lex
        )
        frames += article_frames_
        scenes += article_scenes
    claims = build_claims(articles, frames, scenes, {e.id: e.name for e in entities}, lex)
    unparsed = [a.id for a in articles if a.text.strip() and not a.sentences]
    return Corpus(articles, origins.origins, entities, claims, unparsed)


__all__ = ["LINK_VERSION", "link_corpus"]
