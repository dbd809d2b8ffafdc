"""The learned tagger's hashed features (tagger.py): the parse of an article as arrays, the cue model's features of
every token, the content model's features of (cue, candidate span) pairs. All computed with numpy over whole
articles, never token by token: the tagger adds little to the cost of the parse.

Feature hashing is stable across processes: spaCy's string hashes, mixed with FNV-1a arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from spacy.strings import get_string_id as hash_string  # the hash spaCy stores for a string
from spacy.tokens import Doc

from fieldbrief.extract.statements.quotes import Quote
from fieldbrief.nlp.columns import Tree, columns

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1

# children whose presence (as a bit mask) tells a reporting verb from another: "said (that) ...", "told X"
CHILD_DEPS = (
    "nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "advcl", "parataxis", "neg", "aux", "auxpass",
    "dative", "agent", "mark", "acomp", "attr", "poss",
)  # fmt: skip
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# the content model's rows per (cue, span) pair, and per way the span was found ("kind"): see `content_hashes`
PAIR_ROWS = 17
KIND_ROWS = 12
# a length or distance in tokens is read in buckets: 0, 1, 2, 3, then 4-6, 7-11, 12-19, 20-34, 35 and more
BUCKET_BOUNDS = np.array([7, 12, 20, 35], dtype=np.int64)


def mix(*parts: int) -> int:
    """FNV-1a over 64-bit integers: a stable hash of a feature template and its values."""
    h = FNV_OFFSET
    for p in parts:
        h = ((h ^ (p & MASK64)) * FNV_PRIME) & MASK64
    return h


def mix_arrays(*parts: NDArray[np.generic] | int) -> NDArray[np.uint64]:
    """`mix` over arrays, element-wise (uint64 arithmetic wraps as the integer version masks)."""
    h: NDArray[np.uint64] | np.uint64 = np.uint64(FNV_OFFSET)
    with np.errstate(over="ignore"):
        for p in parts:
            h = (h ^ np.asarray(p & MASK64 if isinstance(p, int) else p, dtype=np.uint64)) * np.uint64(FNV_PRIME)
    return np.asarray(h, dtype=np.uint64)


def bucket(n: NDArray[np.int64]) -> NDArray[np.int64]:
    """Token counts in buckets (see BUCKET_BOUNDS)."""
    return np.where(n < 4, n, 4 + np.searchsorted(BUCKET_BOUNDS, n, side="right"))


# ------------------------------------------------------------------------------------------ the parse as arrays
@dataclass
class ParseArrays:
    """Token attributes of a whole article as arrays (spaCy hashes), computed once per article."""

    lower: NDArray[np.uint64]
    lemma: NDArray[np.uint64]
    tag: NDArray[np.uint64]
    dep: NDArray[np.uint64]
    pos: NDArray[np.uint64]
    head: NDArray[np.int64]
    child_mask: NDArray[np.uint64]
    subject_lemma: NDArray[np.uint64]
    subject_pos: NDArray[np.uint64]
    in_quote: NDArray[np.uint64]
    sentence_start: NDArray[np.uint64]
    subject: NDArray[np.int64]  # each token's first subject child (nsubj, nsubjpass), -1 without
    tree: Tree

    @classmethod
    def of(cls, doc: Doc, quotes: Iterable[Quote]) -> ParseArrays:
        cols = columns(doc)  # the columns the earlier stages read, kept with the doc
        n = len(doc)
        positions = np.arange(n, dtype=np.int64)
        head, dep = cols.head, cols.dep
        child_mask = np.zeros(n, dtype=np.uint64)
        not_root = head != positions
        for bit, name in enumerate(CHILD_DEPS):
            rows = (dep == np.uint64(hash_string(name))) & not_root
            child_mask[head[rows]] |= np.uint64(1 << bit)
        subject_lemma = np.zeros(n, dtype=np.uint64)
        subject_pos = np.zeros(n, dtype=np.uint64)
        subj = np.isin(dep, np.array([hash_string(d) for d in SUBJECT_DEPS], dtype=np.uint64)) & not_root
        subject_lemma[head[subj]] = cols.lemma[subj]
        subject_pos[head[subj]] = cols.pos[subj]
        first_subject = np.full(n, n, dtype=np.int64)
        np.minimum.at(first_subject, head[subj], positions[subj])
        first_subject[first_subject == n] = -1
        in_quote = np.zeros(n, dtype=np.uint64)
        for q in quotes:
            in_quote[(cols.idx >= q.start) & (cols.idx < q.end)] = 1
        sentence_start = (cols.sent_start == 1).astype(np.uint64)
        if n:
            sentence_start[0] = 1

        def hashes(column: np.ndarray) -> NDArray[np.uint64]:
            return np.asarray(column, dtype=np.uint64)

        return cls(hashes(cols.lower), hashes(cols.lemma), hashes(cols.tag), hashes(dep), hashes(cols.pos), head,
                   child_mask, subject_lemma, subject_pos, in_quote, sentence_start, first_subject,
                   cols.tree)  # fmt: skip


def _shift(values: NDArray[np.uint64], by: int) -> NDArray[np.uint64]:
    """values[i + by], 0 past either end."""
    out = np.zeros_like(values)
    if by > 0:
        out[:-by] = values[by:]
    else:
        out[-by:] = values[:by]
    return out


def cue_feature_ids(p: ParseArrays) -> NDArray[np.uint64]:
    """(tokens x templates) hashed feature ids of the cue model."""
    head_lemma, head_dep, head_tag = p.lemma[p.head], p.dep[p.head], p.tag[p.head]
    prev_lower, next_lower = _shift(p.lower, -1), _shift(p.lower, 1)
    columns = [
        mix_arrays(1, p.lemma),
        mix_arrays(2, p.lower),
        mix_arrays(3, p.tag),
        mix_arrays(4, p.dep),
        mix_arrays(5, p.lemma, p.dep),
        mix_arrays(6, p.lemma, p.tag),
        mix_arrays(7, head_lemma),
        mix_arrays(8, p.dep, head_lemma),
        mix_arrays(9, p.child_mask),
        mix_arrays(10, p.lemma, p.child_mask),
        mix_arrays(11, p.subject_lemma),
        mix_arrays(12, p.subject_pos, p.tag),
        mix_arrays(13, p.lemma, p.subject_pos),
        mix_arrays(14, prev_lower),
        mix_arrays(15, next_lower),
        mix_arrays(16, p.lemma, next_lower),
        mix_arrays(17, p.in_quote, p.pos),
        mix_arrays(18, p.lemma, p.in_quote),
        mix_arrays(19, p.dep, head_tag),
        mix_arrays(20, p.pos, p.sentence_start),
        mix_arrays(21, p.lemma, head_dep),
        mix_arrays(22, p.lemma, p.subject_lemma),
        mix_arrays(23, p.lower, prev_lower),
    ]
    return np.stack(columns, axis=1)


# ------------------------------------------------------------------------------------------ content features
@dataclass(frozen=True)
class Pairs:
    """(cue, candidate span) pairs of one article as arrays: the cue token, the span of tokens [start, end), the
    bounds of the cue's sentence [sentence_start, sentence_end), and the ways each span was found."""

    cue: NDArray[np.int64]
    start: NDArray[np.int64]
    end: NDArray[np.int64]
    sentence_start: NDArray[np.int64]
    sentence_end: NDArray[np.int64]
    kinds: Sequence[Sequence[str]]

    @classmethod
    def of(cls, rows: Sequence[tuple[int, int, int, int, int]], kinds: Sequence[Sequence[str]]) -> Pairs:
        """From rows (cue, start, end, sentence_start, sentence_end) and each row's kinds."""
        table = np.array(rows, dtype=np.int64).reshape(-1, 5)
        return cls(table[:, 0], table[:, 1], table[:, 2], table[:, 3], table[:, 4], kinds)

    @property
    def spans(self) -> NDArray[np.int64]:
        """Rows (cue, start, end)."""
        return np.stack([self.cue, self.start, self.end], axis=1)


def content_hashes(p: ParseArrays, pairs: Pairs) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
    """The hashed features of every pair, each pair's rows in a row (PAIR_ROWS, then KIND_ROWS per kind, in
    the order of its kinds), and where each pair's rows begin (for `np.add.reduceat`)."""
    cue, start, end = pairs.cue, pairs.start, pairs.end
    root = p.tree.span_roots(start, end)
    head_dep, head_pos, head_tag = p.dep[root], p.pos[root], p.tag[root]
    first_lower, last_lower, first_tag = p.lower[start], p.lower[end - 1], p.tag[start]
    length = bucket(end - start)
    side = np.where(end <= cue, 0, np.where(start > cue, 1, 2))  # before the cue, after it, around it
    gap = bucket(np.where(side == 1, start - cue - 1, np.where(side == 0, cue - end, 0)))
    lemma, dep, tag, mask, subj = p.lemma[cue], p.dep[cue], p.tag[cue], p.child_mask[cue], p.subject_pos[cue]
    subject_lemma = p.subject_lemma[cue]
    quoted = p.in_quote[start] * np.uint64(2) + p.in_quote[end - 1]
    # where the span lies against the cue's sentence: inside, from its start, to its end, beyond it
    first, last = pairs.sentence_start, pairs.sentence_end
    place = ((start >= first) & (end <= last)) * 1 + (start == first) * 2 + (end >= last - 1) * 4
    place += ((start >= last) | (end <= first)) * 8
    subject = p.subject[cue]
    subject_inside = ((start <= subject) & (subject < end)).astype(np.int64)
    counts = np.array([len(k) for k in pairs.kinds], dtype=np.int64)
    fixed = np.stack(
        [
            mix_arrays(111, place, 0, 0),
            mix_arrays(112, place, side, 0),
            mix_arrays(113, subject_inside, 0, 0),
            mix_arrays(114, lemma, place, 0),
            mix_arrays(115, subject_lemma, 0, 0),
            mix_arrays(116, subject_lemma, side, 0),
            mix_arrays(100, length, 0, 0),
            mix_arrays(101, side, gap, 0),
            mix_arrays(102, first_lower, 0, 0),
            mix_arrays(103, last_lower, 0, 0),
            mix_arrays(104, head_dep, head_pos, 0),
            mix_arrays(105, quoted, 0, 0),
            mix_arrays(106, lemma, side, 0),
            mix_arrays(107, quoted, side, length),
            mix_arrays(108, head_tag, 0, 0),
            mix_arrays(109, first_tag, side, 0),
            mix_arrays(110, counts, 0, 0),
        ],
        axis=1,
    )
    # one row per (pair, kind): the pair's values repeated
    of = np.repeat(np.arange(len(cue)), counts)
    k = np.array([_kind_hash(kind) for kinds in pairs.kinds for kind in kinds], dtype=np.uint64)
    by_kind = np.stack(
        [
            mix_arrays(200, k, 0, 0),
            mix_arrays(201, k, lemma[of], 0),
            mix_arrays(202, k, dep[of], 0),
            mix_arrays(203, k, tag[of], 0),
            mix_arrays(204, k, length[of], 0),
            mix_arrays(205, k, mask[of], 0),
            mix_arrays(206, k, subj[of], 0),
            mix_arrays(207, k, quoted[of], 0),
            mix_arrays(208, k, head_tag[of], 0),
            mix_arrays(209, k, first_lower[of], 0),
            mix_arrays(210, k, place[of], 0),
            mix_arrays(211, k, subject_inside[of], 0),
        ],
        axis=1,
    )
    rows = PAIR_ROWS + KIND_ROWS * counts
    begins = np.cumsum(rows) - rows
    flat = np.empty(int(rows.sum()), dtype=np.uint64)
    flat[(begins[:, None] + np.arange(PAIR_ROWS)).ravel()] = fixed.ravel()
    nth = np.arange(len(k)) - np.repeat(np.cumsum(counts) - counts, counts)  # the kind's place among its pair's
    kind_begins = begins[of] + PAIR_ROWS + KIND_ROWS * nth
    flat[(kind_begins[:, None] + np.arange(KIND_ROWS)).ravel()] = by_kind.ravel()
    return flat, begins


_KIND_HASHES: dict[str, int] = {}


def _kind_hash(kind: str) -> int:
    """hash_string of a kind ("child:ccomp", "prep:about", "quote:after", ...), remembered: a few dozen exist."""
    found = _KIND_HASHES.get(kind)
    if found is None:
        found = _KIND_HASHES[kind] = hash_string(kind)
    return found
