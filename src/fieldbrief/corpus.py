"""The corpus view over a store: articles plus their cross-article links, recomputed only when stale.

with Store("fieldbrief.db") as store:
    corpus = linked_corpus(store)     # origins, entities, claims over every stored article
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fieldbrief.link import LINK_VERSION, link_corpus
from fieldbrief.model import Claim, Corpus, article_from_json
from fieldbrief.store import Store


def link_version(actors: Path | None = None) -> str:
    """The linker's version, and the user actor dictionary it linked with: links made with another are stale."""
    if actors is None:
        return LINK_VERSION
    return f"{LINK_VERSION}+actors:{hashlib.sha256(actors.read_bytes()).hexdigest()[:12]}"


def linked_corpus(store: Store, actors: Path | None = None) -> Corpus:
    """Every stored article, linked (with the user actor dictionary `actors`, as `--actors FILE`); links are stored,
    and reused while no article, no linker and no actor dictionary changed."""
    articles = store.load_articles()
    version = link_version(actors)
    if store.links_are_current(version):
        corpus = store.load_links(articles)
        corpus.unparsed = [a.id for a in articles if a.text.strip() and not a.sentences]
        return corpus
    corpus = link_corpus(articles, actors)
    store.save_links(corpus, version)
    return corpus


__all__ = ["Claim", "Corpus", "article_from_json", "linked_corpus"]
