"""Blocking for linking at scale: which articles can share a claim, so that linking partitions.

Linking (fieldbrief.link) binds scenes into incidents only within one country and nearby dates (incidents.py
compares scenes of one country whose dates lie at most BLOCK_DAYS apart, through an index on places, names and
participants), and claims exist only inside an incident; copies (origins.py) share their text, hence their places
and date. So an article's blocking keys are (country, period) for every country where it places something that
happened (literal places and event places; a demonym like "Russian forces" is associative and does not count), with
its publication date cut into periods of `block_days`. Articles that share a key are linked together; an article
with keys in two blocks joins them (connected components), so a cross-border report is linked with both sides.

What a block boundary costs, and is documented in the README: an incident reported on both sides of a period
boundary, or by an undated article and a dated one, is linked as two; an entity's names are resolved within its
block; and where linking depends on unrelated incidents (README), a block's claims can differ from those of the
whole corpus. Within one block the result is exactly `link_corpus` over the block's articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fieldbrief.model import Article

DEFAULT_BLOCK_DAYS = 28
NO_COUNTRY = "-"
UNDATED = "undated"


EPOCH = dt.date(1970, 1, 1)


def period(published: str | None, block_days: int) -> str:
    """The period of a publication date, named by its first day: periods of `block_days` counted from 1970-01-01
    ("undated" without a date)."""
    if not published:
        return UNDATED
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return UNDATED
    return (EPOCH + dt.timedelta(days=(day - EPOCH).days // block_days * block_days)).isoformat()


def countries(article: Article) -> set[str]:
    """The countries where the article places something that happened."""
    found = {p.country for p in article.places if p.country and p.role == "literal"}
    found |= {e.place.country for e in article.events if e.place is not None and e.place.country}
    return found


def blocking_keys(article: Article, block_days: int = DEFAULT_BLOCK_DAYS) -> list[str]:
    """The article's (country, period) keys as "AF|2021-08-12"; an article that places nothing gets ("-", period)."""
    when = period(article.published, block_days)
    return sorted(f"{country}|{when}" for country in countries(article) or {NO_COUNTRY})


def components(keys_of: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """Article id -> its block: the smallest key of the connected component its keys belong to."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[key] != root:  # path compression
            parent[key], key = root, parent[key]
        return root

    articles: list[tuple[str, str]] = []
    for article_id, keys in keys_of:
        first = find(keys[0])
        for key in keys[1:]:
            other = find(key)
            if other != first:
                low, high = sorted((first, other))
                parent[high] = low
                first = low
        articles.append((article_id, keys[0]))
    return {article_id: find(key) for article_id, key in articles}
