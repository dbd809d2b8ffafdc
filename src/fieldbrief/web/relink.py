"""Incremental linking: after articles are added, recompute the claims around them, not the whole corpus.

relink(store)                      # everything that changed since the links were computed
relink(store, ["102d8016f4fc5811"])

The one function the web app calls to keep links current; whatever the linker becomes, it follows here.

For each step of changed articles: their neighbourhood (stored articles sharing a speaker, an actor or a
sub-country place, published nearby: `store.links.related_articles`), plus the articles of every stored claim that
touches it and their copy groups, is linked again with `link_corpus`. The new claims that involve the changed
articles or their neighbours, or that hold evidence of a claim recomputed here, replace the stored claims they
overlap; origins and entities are merged. Claims elsewhere in the store are left as they are. When most of the
store changed (or it was never linked) everything is linked afresh. `fieldbrief claims` still recomputes the whole
corpus when the stored links are not from a full run.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldbrief.link import LINK_VERSION, link_corpus
from fieldbrief.link.lexicon import lexicon
from fieldbrief.model import Article, Claim, Entity, Origin, article_from_json
from fieldbrief.store import Store
from fieldbrief.store.links import (
    LinkDelta,
    changed_articles,
    claims_sharing_members,
    claims_touching,
    member_articles,
    origin_mates,
    related_articles,
    save_link_delta,
)

Progress = Callable[[int, int], None]  # (articles re-linked so far, articles to re-link)


@dataclass(frozen=True)
class RelinkParams:
    max_key_share: float
    min_key_articles: int
    window_days: int
    max_neighbours: int
    max_articles: int
    background_articles: int
    step_articles: int
    full_share: float


def params() -> RelinkParams:
    raw = lexicon().section("incremental")
    return RelinkParams(
        float(raw["max_key_share"]),
        int(raw["min_key_articles"]),
        int(raw["window_days"]),
        int(raw["max_neighbours"]),
        int(raw["max_articles"]),
        int(raw["background_articles"]),
        int(raw["step_articles"]),
        float(raw["full_share"]),
    )


@dataclass
class RelinkReport:
    changed: int = 0  # articles whose links were out of date
    full: bool = False  # the whole store was linked afresh
    neighbours: int = 0  # stored articles linked again beside them
    articles: int = 0  # articles loaded and linked, over all steps
    removed: int = 0  # stored claims replaced
    added: Counter[str] = field(default_factory=Counter)  # new claims by status
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "full": self.full,
            "neighbours": self.neighbours,
            "articles": self.articles,
            "claims_removed": self.removed,
            "claims_added": dict(self.added),
            "seconds": round(self.seconds, 2),
        }


def relink(store: Store, changed: list[str] | None = None, progress: Progress | None = None) -> RelinkReport:
    """Bring the stored links up to date with the stored articles, recomputing only around what changed."""
    started = time.perf_counter()
    todo = changed_articles(store.db, LINK_VERSION) if changed is None else list(dict.fromkeys(changed))
    report = RelinkReport(changed=len(todo))
    if not todo:
        return report
    p = params()
    total = store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    if len(todo) > p.full_share * total:
        snapshot = store.load_snapshot()  # links stamped with the articles they were computed from
        corpus = link_corpus(snapshot.articles)
        store.save_links(corpus, LINK_VERSION, snapshot)
        report.full, report.articles = True, len(corpus.articles)
        report.added.update(c.status for c in corpus.claims)
    else:
        for done in range(0, len(todo), p.step_articles):
            _step(store, todo[done : done + p.step_articles], p, report)
            if progress:
                progress(min(done + p.step_articles, len(todo)), len(todo))
    report.seconds = time.perf_counter() - started
    return report


def _step(store: Store, changed: list[str], p: RelinkParams, report: RelinkReport) -> None:
    db = store.db
    neighbours = related_articles(db, changed, p.max_key_share, p.min_key_articles, p.window_days, p.max_neighbours)
    core = set(changed) | set(neighbours)
    touched = claims_touching(db, core)
    scope = _bounded(core, origin_mates(db, core | member_articles(db, touched)), p.max_articles)
    articles = _load(store, scope | background(db, scope, p.background_articles))
    origins, entities, claims = _claims_around(articles, core, db, touched)
    # a stored claim outside the neighbourhood that holds evidence of a new claim: its articles join, once
    overlapping = claims_sharing_members(db, claims) - touched
    if overlapping:
        touched |= overlapping
        scope = _bounded(core, origin_mates(db, scope | member_articles(db, overlapping)), p.max_articles)
        articles = _load(store, scope | background(db, scope, p.background_articles))
        origins, entities, claims = _claims_around(articles, core, db, touched)
    removed = touched | claims_sharing_members(db, claims)
    save_link_delta(db, LinkDelta(LINK_VERSION, changed, origins, entities, sorted(removed), claims))
    report.neighbours += len(neighbours)
    report.articles += len(articles)
    report.removed += len(removed)
    report.added.update(c.status for c in claims)


def _claims_around(
    articles: list[Article], core: set[str], db: sqlite3.Connection, touched: set[str]
) -> tuple[list[Origin], list[Entity], list[Claim]]:
    """Link the loaded articles; keep the claims that involve the core or recompute a touched claim's evidence."""
    corpus = link_corpus(articles)
    spans = _member_spans(db, touched)
    kept: list[Claim] = [
        c
        for c in corpus.claims
        if any(m.article_id in core or (m.article_id, m.start, m.end) in spans for m in c.members)
    ]
    return corpus.origins, corpus.entities, kept


def _member_spans(db: sqlite3.Connection, claim_ids: set[str]) -> set[tuple[str, int, int]]:
    spans: set[tuple[str, int, int]] = set()
    for cid in sorted(claim_ids):
        spans.update(
            (r[0], r[1], r[2])
            for r in db.execute('SELECT article_id, start, "end" FROM claim_members WHERE claim_id = ?', (cid,))
        )
    return spans


def _bounded(core: set[str], scope: set[str], limit: int) -> set[str]:
    """The core always; then the other articles in id order, up to `limit` in all (a bound on one step's cost)."""
    extra = sorted(scope - core)
    return core | set(extra[: max(0, limit - len(core))])


def background(db: sqlite3.Connection, scope: set[str], size: int) -> set[str]:
    """Other stored articles that pad `scope` up to `size`: the first ids (hashes: a fixed pseudo-random sample)."""
    wanted = size - len(scope)
    if wanted <= 0:
        return set()
    rows = db.execute("SELECT id FROM articles ORDER BY id LIMIT ?", (wanted + len(scope),))
    return {r[0] for r in rows if r[0] not in scope}


def _load(store: Store, ids: set[str]) -> list[Article]:
    records = (store.get(aid) for aid in sorted(ids))
    articles = [article_from_json(r) for r in records if r is not None]
    return sorted(articles, key=lambda a: (a.published or "", a.id))
