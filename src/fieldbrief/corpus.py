"""The corpus view over a store: articles plus their cross-article links, recomputed only when stale.

with Store("fieldbrief.db") as store:
    corpus = linked_corpus(store)     # origins, entities, claims over every stored article
"""

from __future__ import annotations

from fieldbrief.link import LINK_VERSION, link_corpus
from fieldbrief.model import Claim, Corpus, article_from_json
from fieldbrief.store import Store


def linked_corpus(store: Store) -> Corpus:
    """Every stored article, linked; links are stored, and reused while no article and no linker changed."""
    articles = store.load_articles()
    if store.links_are_current(LINK_VERSION):
        return store.load_links(articles)
    corpus = link_corpus(articles)
    store.save_links(corpus, LINK_VERSION)
    return corpus


__all__ = ["Claim", "Corpus", "article_from_json", "linked_corpus"]
