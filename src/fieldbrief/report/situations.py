"""Situations: a brief covers one. A corpus of several conflicts is split by country and period (month), or narrowed
to what a reader asks for (a country, a date range, words).

    for situation in situations(narrow(corpus, Selection(country="UA", since="2023-01-01"))):
        ...situation.corpus...        # a Corpus of that situation's articles, origins, entities and claims
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from fieldbrief.model import Article, Claim, Corpus

UNKNOWN = "unknown place"


@dataclass(frozen=True)
class Selection:
    """What a reader narrows a corpus to: an ISO country code, publication dates (inclusive), words."""

    country: str | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None

    def keeps(self, article: Article) -> bool:
        if self.country and country_of(article) != self.country.upper():
            return False
        day = (article.published or "")[:10]
        if self.since and (not day or day < self.since):
            return False
        if self.until and (not day or day > self.until):
            return False
        if self.query:
            text = f"{article.title or ''}\n{article.text}".lower()
            return all(word in text for word in re.findall(r"\w+", self.query.lower()))
        return True


@dataclass
class Situation:
    key: str  # "UA-2023-01"
    country: str | None
    period: str | None  # "2023-01"
    corpus: Corpus

    @property
    def title(self) -> str:
        where = self.country or UNKNOWN
        when = self.period or "undated"
        return f"{where}, {when}"


def country_of(article: Article) -> str | None:
    """The country an article reports from: where most of its places below country level lie, else the country it
    names most."""
    below = Counter(p.country for p in article.places if p.country and p.feature != "country")
    if below:
        return below.most_common(1)[0][0]
    named = Counter(p.country for p in article.places if p.country)
    return named.most_common(1)[0][0] if named else None


def narrow(corpus: Corpus, selection: Selection | None) -> Corpus:
    """The part of a corpus a selection keeps: its articles, their origins and entities, and the claims all of whose
    members are among them."""
    if selection is None or selection == Selection():
        return corpus
    return _sub_corpus(corpus, [a for a in corpus.articles if selection.keeps(a)])


def situations(corpus: Corpus) -> list[Situation]:
    """One situation per country and month of publication, largest first; a corpus of one situation is one."""
    groups: dict[tuple[str | None, str | None], list[Article]] = defaultdict(list)
    for article in corpus.articles:
        groups[(country_of(article), (article.published or "")[:7] or None)].append(article)
    if len(groups) <= 1:
        country, period = next(iter(groups)) if groups else (None, None)
        return [Situation(_key(country, period), country, period, corpus)]
    home = {a.id: key for key, articles in groups.items() for a in articles}
    claims_of: dict[tuple[str | None, str | None], list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        # a claim whose reports straddle two situations goes to the one most of its members belong to
        votes = Counter(home[m.article_id] for m in claim.members if m.article_id in home)
        if votes:
            claims_of[max(votes, key=lambda k: (votes[k], str(k)))].append(claim)
    by_id = {a.id: a for a in corpus.articles}
    out = []
    for (country, period), articles in groups.items():
        claims = claims_of[(country, period)]
        cited = {m.article_id for c in claims for m in c.members} - {a.id for a in articles}
        sub = _sub_corpus(corpus, articles + [by_id[i] for i in sorted(cited) if i in by_id])
        sub.claims = claims
        out.append(Situation(_key(country, period), country, period, sub))
    return sorted(out, key=lambda s: (-len(s.corpus.articles), s.key))


def _key(country: str | None, period: str | None) -> str:
    return f"{country or 'XX'}-{period or 'undated'}"


def _sub_corpus(corpus: Corpus, articles: list[Article]) -> Corpus:
    ids = {a.id for a in articles}
    origins = [o for o in corpus.origins if any(a in ids for a in o.article_ids)]
    entities = [e for e in corpus.entities if any(a in ids for a in e.article_ids)]
    claims = [c for c in corpus.claims if c.members and all(m.article_id in ids for m in c.members)]
    return Corpus(articles, origins, entities, claims, [a for a in corpus.unparsed if a in ids])
