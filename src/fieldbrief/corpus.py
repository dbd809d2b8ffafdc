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
    and reused while no article, no linker and no actor dictionary changed.

    The links are stamped with the digests of the articles they were computed from (read in one snapshot), so
    an article stored while they were being computed leaves them stale for the next run. A read-only store
    gets its links computed and not saved."""
    version = link_version(actors)
    with store.snapshot():  # the articles, their digest and the stored links: one state of the store
        snapshot = store.load_snapshot()
        if store.links_are_current(version, snapshot.digest):
            corpus = store.load_links(snapshot.articles)
            corpus.unparsed = [a.id for a in snapshot.articles if a.text.strip() and not a.sentences]
            return corpus
    corpus = link_corpus(snapshot.articles, actors)
    if store.writable:
        store.save_links(corpus, version, snapshot)
    return corpus


__all__ = ["Claim", "Corpus", "article_from_json", "linked_corpus"]
