"""The corpus view over a store: articles plus their cross-article links, recomputed only when stale.

with Store("fieldbrief.db") as store:
    corpus = linked_corpus(store)     # origins, entities, claims over every stored article
"""

from __future__ import annotations

from fieldbrief.link import LINK_VERSION, link_corpus
from fieldbrief.model import Claim, Corpus, article_from_json
from fieldbrief.store import Store


def linked_corpus(store: Store) -> Corpus:
    """Every stored article, linked; links are stored, and reused while no article and no linker changed.

    The links are stamped with the digests of the articles they were computed from (read in one snapshot), so
    an article stored while they were being computed leaves them stale for the next run. A read-only store
    gets its links computed and not saved."""
    with store.snapshot():  # the articles, their digest and the stored links: one state of the store
        snapshot = store.load_snapshot()
        if store.links_are_current(LINK_VERSION, snapshot.digest):
            return store.load_links(snapshot.articles)
    corpus = link_corpus(snapshot.articles)
    if store.writable:
        store.save_links(corpus, LINK_VERSION, snapshot)
    return corpus


__all__ = ["Claim", "Corpus", "article_from_json", "linked_corpus"]
