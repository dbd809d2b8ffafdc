"""Origins: copies and rewrites collapse into one independent source; wire credits name whose reporting it is.

Paragraphs are compared by their content lemmas (from the sentences stage: no function words, numbers or
punctuation, every word in its dictionary form), so a copy survives re-inflection, reordered clauses and swapped
function words. Candidates come from MinHash LSH over each paragraph's set of content lemmas (blocking: the cost
grows with the corpus, not with its pairs); each candidate pair is verified:

- a *copied* paragraph holds at least `min_containment` of the other's lemma shingles;
- a *reworded* paragraph holds at least `min_lemma_containment` of the other's content lemmas, at least half the
  copy threshold of its shingles, and every number and name of the smaller one.

An article whose copied and reworded paragraphs cover `article_share` of its content lemmas is a copy of the other
article: they form one Origin (the earliest article names it). A copied paragraph inside an otherwise original
article (a wire paragraph in a local story, an outlet repeating its own background paragraph) keeps the origin of its
earliest copy. Wire credits ("(AP)", "- Reuters", "The Associated Press contributed to this report") say whose
reporting an article is, whatever outlet printed it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from fieldbrief.link.lexicon import Lexicon, lexicon
from fieldbrief.model import Article, Origin

MERSENNE = (1 << 61) - 1
BAND_ROWS = 3
MAX_BUCKET = 64  # a bucket this full is boilerplate: its paragraphs are compared with its first few only


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
    lemmas: list[str]  # content lemmas, in order
    numbers: frozenset[str]
    names: frozenset[str]
    shingles: frozenset[str] = field(default_factory=frozenset)
    bag: frozenset[str] = field(default_factory=frozenset)  # the content lemmas as a set


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: blocks between line breaks (the cleaner keeps one paragraph per line)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def content_lemmas(lemmas: Iterable[str], lex: Lexicon, firsts: int = 0) -> tuple[list[str], set[str], set[str]]:
    """(content lemmas, numbers, names) of a run of lemmas; the first `firsts` are sentence-initial (a capital there
    makes no name), and words in capitals are a headline's, not names."""
    words, numbers, names = [], set(), set()
    for n, lemma in enumerate(lemmas):
        low = lemma.lower()
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
        para = Paragraph(article.id, start, end, words, frozenset(numbers), frozenset(names), bag=frozenset(words))
        para.shingles = frozenset(" ".join(words[i : i + p.shingle]) for i in range(max(1, len(words) - p.shingle + 1)))
        out.append(para)
    return out


# ------------------------------------------------------------------------------------------- minhash
class MinHasher:
    """MinHash signatures with numpy (one vector operation per paragraph) and LSH bands over them."""

    def __init__(self, num_perm: int, seed: int = 7) -> None:
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, MERSENNE, size=num_perm, dtype=np.uint64)
        self.b = rng.integers(0, MERSENNE, size=num_perm, dtype=np.uint64)
        self.bands = num_perm // BAND_ROWS

    def signature(self, items: frozenset[str]) -> np.ndarray:
        hashes = np.fromiter((_stable_hash(x) for x in items), dtype=np.uint64, count=len(items))
        values = (np.outer(self.a, hashes) + self.b[:, None]) % np.uint64(MERSENNE)
        result: np.ndarray = values.min(axis=1)
        return result

    def keys(self, signature: np.ndarray) -> list[bytes]:
        return [
            bytes([band]) + signature[band * BAND_ROWS : (band + 1) * BAND_ROWS].tobytes() for band in range(self.bands)
        ]


@lru_cache(maxsize=1 << 18)
def _stable_hash(text: str) -> int:
    value = 1469598103934665603
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFF  # FNV-1a, 60 bits: fits the arithmetic
    return value


def candidate_pairs(items: list[Paragraph], p: CopyParams) -> set[tuple[int, int]]:
    """Pairs of paragraphs of different articles whose lemma sets share an LSH band."""
    hasher = MinHasher(p.num_perm)
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for i, para in enumerate(items):
        for key in hasher.keys(hasher.signature(para.bag)):
            buckets[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        anchors = members if len(members) <= MAX_BUCKET else members[:4]
        for x, i in enumerate(anchors):
            for j in members[x + 1 :]:
                if items[i].article_id != items[j].article_id:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def containment(a: frozenset[str], b: frozenset[str]) -> float:
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
        and small.numbers <= large.numbers
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
        size[x.article_id] += len(x.lemmas)
    lemmas_in = {(x.article_id, x.start, x.end): len(x.lemmas) for x in paras}
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
    name_of = {alias: wire for wire, aliases in lex.section("wires").items() for alias in aliases}
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
