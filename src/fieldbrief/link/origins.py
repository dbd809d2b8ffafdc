"""Origins: copies and rewrites collapse into one independent source; wire credits name whose reporting it is.

Paragraphs are compared by their content lemmas (from the sentences stage: no function words, numbers or
punctuation, every word in its dictionary form), so a copy survives re-inflection, reordered clauses and swapped
function words. Candidates come from MinHash LSH over each paragraph's set of content lemmas (blocking: the cost
grows with the corpus, not with its pairs); each candidate pair is verified:

- a *copied* paragraph holds at least `min_containment` of the other's lemma shingles;
- a *reworded* paragraph holds at least `min_lemma_containment` of the other's content lemmas, at least half the
  copy threshold of its shingles, and every name of the smaller one; a rewrite may leave a number out ("a 24-hour
  silence" -> "a day of silence") but never write another one (13 dead is no rewrite of 12 dead).

An article whose copied and reworded paragraphs cover `article_share` of its content lemmas is a copy of the other
article: they form one Origin (the earliest article names it). A copied paragraph inside an otherwise original
article (a wire paragraph in a local story, an outlet repeating its own background paragraph) keeps the origin of its
earliest copy. Wire credits ("(AP)", "- Reuters", "The Associated Press contributed to this report") say whose
reporting an article is, whatever outlet printed it.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from fieldbrief.lexicon.wires import wire_aliases
from fieldbrief.link.lexicon import Lexicon, lexicon
from fieldbrief.model import Article, Origin

MERSENNE = (1 << 61) - 1
BAND_ROWS = 3
WINDOW = 3  # inside an LSH bucket, each paragraph is paired with this many next members (in a shuffled order)
MAX_PARTNERS = 12  # candidate partners verified per paragraph, those sharing most bands first


@dataclass(frozen=True)
class CopyParams:
    shingle: int
    num_perm: int
    min_containment: float
    min_lemma_containment: float
    min_lemmas: int
    article_share: float


def params(lex: Lexicon | None = None) -> CopyParams:
    c = (lex or lexicon()).section("copies")
    return CopyParams(
        int(c["shingle_lemmas"]),
        int(c["num_perm"]),
        float(c["min_containment"]),
        float(c["min_lemma_containment"]),
        int(c["min_paragraph_lemmas"]),
        float(c["article_share"]),
    )


# ------------------------------------------------------------------------------------------- paragraphs
@dataclass
class Paragraph:
    article_id: str
    start: int
    end: int
    size: int  # how many content lemmas
    numbers: frozenset[str]
    names: frozenset[str]
    shingles: frozenset[int] = field(default_factory=frozenset)  # runs of `shingle` content lemmas, hashed
    bag: frozenset[str] = field(default_factory=frozenset)  # the content lemmas as a set


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: blocks between line breaks (the cleaner keeps one paragraph per line)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def content_lemmas(lemmas: Iterable[str], lex: Lexicon, firsts: int = 0) -> tuple[list[str], set[str], set[str]]:
    """(content lemmas, numbers, names) of a run of lemmas; the first `firsts` are sentence-initial (a capital there
    makes no name), and words in capitals are a headline's, not names."""
    words, numbers, names = [], set(), set()
    for n, lemma in enumerate(lemmas):
        low = sys.intern(lemma.lower())  # one string per lemma however often it recurs
        if not low.isalpha():
            if any(ch.isdigit() for ch in low):
                numbers.add(low.replace(",", ""))
                continue
            if not any(ch.isalpha() for ch in low):
                continue
        if low in lex.stopwords or len(low) < 2:
            continue
        words.append(low)
        if lemma[:1].isupper() and not lemma.isupper() and n >= firsts:
            names.add(low)
    return words, numbers, names


def paragraphs(article: Article, lex: Lexicon, p: CopyParams) -> list[Paragraph]:
    out = []
    sentences = sorted(article.sentences, key=lambda s: s.start)
    for start, end in paragraph_spans(article.text):
        inside = [s for s in sentences if start <= s.start < end]
        words, numbers, names = [], set(), set()
        for sentence in inside:
            w, n, m = content_lemmas(sentence.lemmas.split(), lex, firsts=1)
            words += w
            numbers |= n
            names |= m
        para = Paragraph(article.id, start, end, len(words), frozenset(numbers), frozenset(names), bag=frozenset(words))
        para.shingles = frozenset(
            hash(tuple(words[i : i + p.shingle])) for i in range(max(1, len(words) - p.shingle + 1))
        )
        out.append(para)
    return out


# ------------------------------------------------------------------------------------------- minhash
class MinHasher:
    """MinHash signatures with numpy (one vector operation per paragraph) and LSH band keys over them."""

    def __init__(self, num_perm: int, seed: int = 7) -> None:
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, MERSENNE, size=num_perm, dtype=np.uint64)
        self.b = rng.integers(0, MERSENNE, size=num_perm, dtype=np.uint64)
        self.bands = num_perm // BAND_ROWS
        self.mix = rng.integers(1, 1 << 62, size=BAND_ROWS + 1, dtype=np.uint64) | np.uint64(1)

    def signature(self, items: frozenset[str]) -> np.ndarray:
        hashes = np.fromiter((_stable_hash(x) for x in items), dtype=np.uint64, count=len(items))
        values = (np.outer(self.a, hashes) + self.b[:, None]) % np.uint64(MERSENNE)
        result: np.ndarray = values.min(axis=1)
        return result

    def keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's rows mixed (wrapping arithmetic), and the band's number."""
        rows = signature[: self.bands * BAND_ROWS].reshape(self.bands, BAND_ROWS)
        with np.errstate(over="ignore"):
            key = np.arange(self.bands, dtype=np.uint64) * self.mix[BAND_ROWS]
            for r in range(BAND_ROWS):
                key = (key ^ rows[:, r]) * self.mix[r]
        return key


@lru_cache(maxsize=1 << 18)
def _stable_hash(text: str) -> int:
    value = 1469598103934665603
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFF  # FNV-1a, 60 bits: fits the arithmetic
    return value


def candidate_pairs(items: list[Paragraph], p: CopyParams, per_paragraph: int = MAX_PARTNERS) -> list[tuple[int, int]]:
    """Pairs of paragraphs of different articles whose lemma sets share an LSH band.

    Inside a bucket each paragraph is paired with the next WINDOW members, in an order shuffled anew for every
    band, so a paragraph copied a hundred times meets a different few of its copies in each band rather than all of
    them in all; then each paragraph keeps the `per_paragraph` partners it met in most bands. Its copy group forms
    through its nearest copies, and pairs (and memory) grow with the corpus, not with its pairs."""
    if len(items) < 2:
        return []
    hasher = MinHasher(p.num_perm)
    keys = np.concatenate([hasher.keys(hasher.signature(para.bag)) for para in items])
    owner = np.repeat(np.arange(len(items), dtype=np.int32), hasher.bands)
    with np.errstate(over="ignore"):
        band = np.tile(np.arange(hasher.bands, dtype=np.uint64), len(items))
        shuffle = (owner.astype(np.uint64) * hasher.mix[0] + band * hasher.mix[1]) * hasher.mix[2]
    order = np.lexsort((shuffle, keys))
    del band, shuffle
    keys, owner = keys[order], owner[order]
    del order
    article = np.unique([para.article_id for para in items], return_inverse=True)[1].astype(np.int32)
    n = np.int64(len(items))
    codes = []
    for step in range(1, WINDOW + 1):
        same = np.flatnonzero(keys[:-step] == keys[step:])
        a, b = owner[same], owner[same + step]
        apart = article[a] != article[b]
        a, b = a[apart], b[apart]
        codes.append(np.unique(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)))
    del keys, owner
    pairs, shared = np.unique(np.concatenate(codes), return_counts=True)
    del codes
    i, j = (pairs // n).astype(np.int32), (pairs % n).astype(np.int32)
    # each paragraph's nearest partners: both directions, most shared bands first, the first `per_paragraph` kept
    src, dst, count = np.concatenate((i, j)), np.concatenate((j, i)), np.concatenate((shared, shared))
    ranked = np.lexsort((dst, -count, src))
    src, dst = src[ranked], dst[ranked]
    first = np.searchsorted(src, src, side="left")
    near = np.arange(len(src)) - first < per_paragraph
    kept = np.unique(np.minimum(src[near], dst[near]).astype(np.int64) * n + np.maximum(src[near], dst[near]))
    return [(int(c // n), int(c % n)) for c in kept]


def containment(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Shared items over those of the smaller side: 1.0 for a copy, and for a truncated copy too."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def verify(a: Paragraph, b: Paragraph, p: CopyParams) -> str | None:
    """ "copied", "reworded" or None for a candidate pair."""
    shingled = containment(a.shingles, b.shingles)
    if shingled >= p.min_containment:
        return "copied"
    small, large = (a, b) if len(a.bag) <= len(b.bag) else (b, a)
    if (
        containment(a.bag, b.bag) >= p.min_lemma_containment
        and shingled >= p.min_containment / 2
        and not (a.numbers - b.numbers and b.numbers - a.numbers)
        and small.names <= large.names
    ):
        return "reworded"
    return None


# ------------------------------------------------------------------------------------------- origins
class _Groups:
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


def age_key(article: Article) -> tuple[str, str]:
    """Earliest first; undated articles after dated ones; then the smallest id."""
    return (article.published or "9999", article.id)


@dataclass
class Origins:
    """What origins.py found: copy groups, the origin of each copied paragraph, and wire credits."""

    origins: list[Origin]
    origin_of: dict[str, str]  # article id -> origin id
    paragraph_origin: dict[str, list[tuple[int, int, str]]]  # article id -> (start, end, origin id) of copies
    wire_of: dict[str, str]  # article id -> the wire it is credited to

    def origin_at(self, article_id: str, pos: int) -> str:
        for start, end, origin in self.paragraph_origin.get(article_id, ()):
            if start <= pos < end:
                return origin
        return self.origin_of[article_id]


def find_origins(articles: list[Article], lex: Lexicon | None = None) -> Origins:
    lex = lex or lexicon()
    p = params(lex)
    by_id = {a.id: a for a in articles}
    paras = [x for a in articles for x in paragraphs(a, lex, p)]
    items = [x for x in paras if len(x.bag) >= p.min_lemmas]
    matches: list[tuple[Paragraph, Paragraph, str, float]] = []
    for i, j in candidate_pairs(items, p):
        kind = verify(items[i], items[j], p)
        if kind:
            matches.append((items[i], items[j], kind, containment(items[i].bag, items[j].bag)))
    groups = _Groups(by_id)
    covered: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for a, b, _, _ in matches:
        covered[(a.article_id, b.article_id)].add((a.start, a.end))
        covered[(b.article_id, a.article_id)].add((b.start, b.end))
    size: dict[str, int] = defaultdict(int)
    for x in paras:
        size[x.article_id] += x.size
    lemmas_in = {(x.article_id, x.start, x.end): x.size for x in paras}
    for (aid, other), spans in covered.items():
        share = sum(lemmas_in[(aid, s, e)] for s, e in spans) / max(size[aid], 1)
        if share >= p.article_share:
            groups.join(other, aid, min(share, 1.0))
    origins = []
    origin_of: dict[str, str] = {}
    for root, members in groups.groups().items():
        ordered = sorted(members, key=lambda i: age_key(by_id[i]))
        sim = groups.low.get(root, 1.0) if len(members) > 1 else 1.0
        origins.append(Origin(ordered[0], ordered, sim))
        origin_of.update({m: ordered[0] for m in members})
    paragraph_origin = _paragraph_origins(matches, origin_of, by_id)
    return Origins(
        sorted(origins, key=lambda o: o.id),
        origin_of,
        paragraph_origin,
        {a.id: w for a in articles if (w := article_wire(a, lex))},
    )


def _paragraph_origins(
    matches: list[tuple[Paragraph, Paragraph, str, float]], origin_of: dict[str, str], by_id: dict[str, Article]
) -> dict[str, list[tuple[int, int, str]]]:
    """Copied paragraphs between different origins take the origin of their earliest copy."""
    groups = _Groups({f"{x.article_id}:{x.start}" for a, b, _, _ in matches for x in (a, b)})
    spans = {f"{x.article_id}:{x.start}": x for a, b, _, _ in matches for x in (a, b)}
    for a, b, kind, sim in matches:
        if kind == "copied" and origin_of[a.article_id] != origin_of[b.article_id]:
            groups.join(f"{a.article_id}:{a.start}", f"{b.article_id}:{b.start}", sim)
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for members in groups.groups().values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda k: age_key(by_id[spans[k].article_id]))
        source = origin_of[spans[first].article_id]
        for k in members:
            para = spans[k]
            if origin_of[para.article_id] != source:
                out[para.article_id].append((para.start, para.end, source))
    return dict(out)


# ------------------------------------------------------------------------------------------- wires
@dataclass(frozen=True)
class WirePatterns:
    article: tuple[re.Pattern[str], ...]
    sentence: tuple[re.Pattern[str], ...]
    name_of: dict[str, str]  # alias -> wire
    any_name: re.Pattern[str]  # some wire named at all: most texts name none, and need no further look


@lru_cache(maxsize=1)
def wire_patterns() -> WirePatterns:
    lex = lexicon()
    name_of = wire_aliases()
    alias = "(?P<wire>" + "|".join(re.escape(a) for a in sorted(name_of, key=len, reverse=True)) + ")"

    def compile_forms(forms: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(r"(?<!\w)" + re.escape(f).replace(re.escape("{wire}"), alias).replace(r"\ ", r"\s+") + r"(?!\w)")
            for f in forms
        )

    any_name = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(name_of, key=len, reverse=True)) + r")(?!\w)"
    )
    return WirePatterns(
        compile_forms(lex.section("credits")["article"]),
        compile_forms(lex.section("credits")["sentence"]),
        name_of,
        any_name,
    )


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    if not wire_patterns().any_name.search(text):
        return None
    found = [m for p in patterns if (m := p.search(text))]
    if not found:
        return None
    return min(found, key=lambda m: m.start()).group("wire")


def article_wire(article: Article, lex: Lexicon) -> str | None:
    """The wire an article is credited to: its outlet, a credit line, or a dateline credit."""
    pats = wire_patterns()
    if article.outlet in pats.name_of:
        return pats.name_of[article.outlet]
    if not pats.any_name.search(article.text):
        return None
    for line in article.text.splitlines():
        stripped = line.strip()
        if stripped in pats.name_of:  # a credit standing alone ("AFP")
            return pats.name_of[stripped]
    wire = _first(pats.article, article.text)
    return pats.name_of[wire] if wire else None


def cited_wire(text: str) -> str | None:
    """The wire a sentence cites for what it says ("AFP reported", "told Reuters")."""
    pats = wire_patterns()
    wire = _first(pats.sentence, text)
    return pats.name_of[wire] if wire else None
