"""Near-duplicates: articles (and paragraphs) that are copies or light rewrites of one another form one origin.

Candidates come from MinHash LSH over word shingles (datasketch), so the cost stays near-linear in the corpus;
every candidate pair is then verified by the real containment of shingles before it is grouped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from fieldbrief.link.text import lexicon, paragraphs, words
from fieldbrief.model import Article, Origin


@dataclass(frozen=True)
class CopyParams:
    shingle_words: int
    num_perm: int
    lsh_threshold: float
    min_containment: float
    min_paragraph_words: int


def params() -> CopyParams:
    c = lexicon().section("copies")
    return CopyParams(
        int(c["shingle_words"]),
        int(c["num_perm"]),
        float(c["lsh_threshold"]),
        float(c["min_containment"]),
        int(c["min_paragraph_words"]),
    )


def shingles(text: str, n: int) -> set[str]:
    toks = [w for w, _, _ in words(text)]
    if len(toks) < n:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Shared shingles over those of the smaller side: 1.0 for a copy, and for a truncated copy too."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _minhash(sh: set[str], num_perm: int) -> MinHash:
    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


def similar_pairs(items: dict[str, set[str]], p: CopyParams) -> list[tuple[str, str, float]]:
    """Verified near-duplicate pairs among keyed shingle sets: LSH candidates, then real containment."""
    lsh = MinHashLSH(threshold=p.lsh_threshold, num_perm=p.num_perm)
    hashes = {key: _minhash(sh, p.num_perm) for key, sh in items.items() if sh}
    pairs: list[tuple[str, str, float]] = []
    for key, mh in hashes.items():
        for other in lsh.query(mh):
            sim = containment(items[key], items[other])
            if sim >= p.min_containment:
                pairs.append((other, key, sim))
        lsh.insert(key, mh)
    return pairs


class _Groups:
    """Union-find over keys, remembering the lowest verified similarity inside each group."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}
        self.low: dict[str, float] = {}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str, sim: float) -> None:
        ra, rb = self.find(a), self.find(b)
        low = min(sim, self.low.get(ra, 1.0), self.low.get(rb, 1.0))
        if ra != rb:
            self.parent[rb] = ra
        self.low[ra] = low

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for k in self.parent:
            out.setdefault(self.find(k), []).append(k)
        return out


def _age_key(article: Article) -> tuple[str, str]:
    # earliest first; undated articles after dated ones; then the smallest id
    return (article.published or "9999", article.id)


def find_origins(articles: list[Article]) -> list[Origin]:
    """One Origin per group of copies (every article belongs to exactly one; most are alone)."""
    p = params()
    by_id = {a.id: a for a in articles}
    items = {a.id: shingles(a.text, p.shingle_words) for a in articles}
    groups = _Groups(by_id)
    for a, b, sim in similar_pairs(items, p):
        groups.join(a, b, sim)
    origins = []
    for root, members in groups.groups().items():
        ordered = sorted(members, key=lambda i: _age_key(by_id[i]))
        sim = groups.low.get(root, 1.0) if len(members) > 1 else 1.0
        origins.append(Origin(ordered[0], ordered, sim))
    return sorted(origins, key=lambda o: o.id)


@dataclass(frozen=True)
class CopiedParagraph:
    article_id: str
    start: int
    end: int
    origin_id: str  # the article whose copy of the paragraph is the earliest: the paragraph's real source


def copied_paragraphs(articles: list[Article], origins: list[Origin]) -> list[CopiedParagraph]:
    """Paragraphs copied between articles of different origins (a wire paragraph inside a local story)."""
    p = params()
    origin_of = {aid: o.id for o in origins for aid in o.article_ids}
    by_id = {a.id: a for a in articles}
    items: dict[str, set[str]] = {}
    spans: dict[str, tuple[str, int, int]] = {}
    for a in articles:
        for i, (s, e) in enumerate(paragraphs(a.text)):
            chunk = a.text[s:e]
            if len(words(chunk)) < p.min_paragraph_words:
                continue
            key = f"{a.id}:{i}"
            items[key] = shingles(chunk, p.shingle_words)
            spans[key] = (a.id, s, e)
    groups = _Groups(items)
    for k1, k2, sim in similar_pairs(items, p):
        if origin_of[spans[k1][0]] != origin_of[spans[k2][0]]:
            groups.join(k1, k2, sim)
    out = []
    for members in groups.groups().values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda k: _age_key(by_id[spans[k][0]]))
        source = origin_of[spans[first][0]]
        for k in members:
            aid, s, e = spans[k]
            if origin_of[aid] != source:
                out.append(CopiedParagraph(aid, s, e, source))
    return out
