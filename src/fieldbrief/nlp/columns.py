"""The token attributes the extraction stages scan, read once per doc as numpy columns.

Reading `token.pos_`, `token.lower_` or `token.lemma_` builds a Token and looks a string up for every word; a stage
that only wants the few words that can start what it looks for (a trigger word, a number, a date) pays that for
every word of every article. `Doc.to_array` reads the same attributes as integers in one call; `words_in` tells which
tokens carry a string that passes a test, deciding each distinct string once (per process, for the hash of a string
is the same in every doc), so that a stage visits only the tokens that can matter to it, in order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from functools import cached_property

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span

from fieldbrief.nlp import kept_with_doc

COLUMNS_KEY = "fieldbrief:columns"
ENTITIES_KEY = "fieldbrief:entities"
ATTRIBUTES = (POS, TAG, DEP, LOWER, LEMMA, ORTH, ENT_TYPE, IDX, IS_PUNCT, IS_SPACE, SENT_START, HEAD, LIKE_NUM, ENT_IOB)
# answers remembered per test before they are forgotten: a stream of any size keeps memory bounded
MAX_DECIDED = 200_000
# tokens of all spans whose roots are found at once (Tree.span_roots): the flat arrays of a batch take about 60
# bytes a token, so a sentence of thousands of cue words ("THE ARMY SAID THE ARMY SAID ...", whose candidate
# spans each run the whole sentence) costs a bounded 60 MB instead of gigabytes
MAX_SPAN_TOKENS = 1_000_000


class Decided:
    """One test's answers by string hash, kept sorted so that a doc's words are looked up in a few numpy calls
    (the strings of a new doc are mostly known already); forgotten past MAX_DECIDED, so memory stays bounded."""

    def __init__(self) -> None:
        self.hashes = np.zeros(0, dtype=np.uint64)
        self.passed = np.zeros(0, dtype=bool)

    def answers(self, hashes: np.ndarray, test: Callable[[int], bool]) -> np.ndarray:
        """The answer for each of `hashes` (sorted, distinct): remembered, or `test` asked and remembered."""
        out = np.zeros(len(hashes), dtype=bool)
        if len(self.hashes):
            at = np.minimum(np.searchsorted(self.hashes, hashes), len(self.hashes) - 1)
            known = self.hashes[at] == hashes
            out[known] = self.passed[at[known]]
        else:
            known = np.zeros(len(hashes), dtype=bool)
        if known.all():
            return out
        new = hashes[~known]
        answered = np.array([test(value) for value in new.tolist()], dtype=bool)
        out[~known] = answered
        if len(self.hashes) + len(new) > MAX_DECIDED:
            self.hashes, self.passed = new, answered
        else:
            merged = np.concatenate([self.hashes, new])
            order = np.argsort(merged, kind="stable")
            self.hashes, self.passed = merged[order], np.concatenate([self.passed, answered])[order]
        return out


class Columns:
    """One doc's token attributes: `pos` holds spaCy's part-of-speech ids (spacy.symbols), the string attributes
    the hashes of their strings (`doc.vocab.strings` turns one back), `idx` where each token starts."""

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array(list(ATTRIBUTES))
        self.doc = doc
        self.pos, self.tag, self.dep, self.lower, self.lemma, self.orth, self.ent_type = (table[:, k] for k in range(7))
        self.idx = table[:, 7].astype(np.int64)
        self.is_punct = table[:, 8].astype(bool)
        self.is_space = table[:, 9].astype(bool)
        self.sent_start = table[:, 10].astype(np.int64)  # 1 starts a sentence, -1 does not, 0 unknown
        self.like_num = table[:, 12].astype(bool)
        self.ent_iob = table[:, 13].astype(np.int64)  # 3 begins an entity, 1 inside, 2 outside, 0 unset
        self.head = np.arange(len(doc), dtype=np.int64) + table[:, 11].astype(np.int64)  # the head's position

    @cached_property
    def tree(self) -> Tree:
        """The dependency tree as arrays (computed on first use), its edges as spaCy has them."""
        tree = Tree(self.head, self.is_punct | self.is_space)
        for i in np.flatnonzero(tree.unsure).tolist():  # a few tokens of non-projective sentences
            token = self.doc[i]
            tree.left_edge[i], tree.right_edge[i] = token.left_edge.i, token.right_edge.i
        return tree

    @cached_property
    def whitespace(self) -> np.ndarray:
        """Whether a space follows each token (spaCy's `Token.whitespace_`), read on first use."""
        spaced: np.ndarray = self.doc.to_array(SPACY).astype(bool) if len(self.doc) else np.zeros(0, dtype=bool)
        return spaced

    @cached_property
    def char_starts(self) -> list[int]:
        """Where each token starts in the doc's text (`Token.idx`), as a list made on first use."""
        starts: list[int] = self.idx.tolist()
        return starts

    def char_end(self, i: int) -> int:
        """Where token i ends in the doc's text (`Token.idx + len(Token)`)."""
        return self.char_starts[i] + len(self.texts[i])

    @cached_property
    def texts(self) -> list[str]:
        """Each token's text (`Token.text`), as a list made on first use (each distinct string looked up once)."""
        return self.strings_of(self.orth)

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's lower-case text (`Token.lower_`), as a list made on first use."""
        return self.strings_of(self.lower)

    def strings_of(self, column: np.ndarray) -> list[str]:
        """The string of each token's hash in a string column, in token order."""
        if not len(column):
            return []
        strings = self.doc.vocab.strings
        distinct, which = np.unique(column, return_inverse=True)
        made = np.array([strings[h] for h in distinct.tolist()], dtype=object)
        found: list[str] = made[which.reshape(-1)].tolist()
        return found

    def words_in(self, column: np.ndarray, test: Callable[[str], bool], decided: Decided) -> np.ndarray:
        """Which tokens' string in `column` passes `test`: a boolean per token. `decided` remembers the answer for
        each string's hash (keep one per test, for the life of the process)."""
        hashes, where = np.unique(column, return_inverse=True)
        answers = decided.answers(hashes, lambda value: test(self.doc.vocab.strings[value]))
        passed: np.ndarray = answers[where.reshape(-1)]
        return passed

    def code(self, label: str) -> int:
        """The integer a string attribute (a dependency label, a tag, an entity type) holds for `label`."""
        return int(self.doc.vocab.strings[label])

    def codes(self, labels: Iterable[str]) -> np.ndarray:
        """`code` of each label, as the columns hold them (for np.isin: a list of Python ints could be read as
        another integer type than the columns' and compared inexactly)."""
        return np.array([self.code(label) for label in labels], dtype=np.uint64)


class Tree:
    """A doc's dependency tree as arrays, what spaCy's Token gives one object at a time: each token's subtree
    edges (`left_edge`, `right_edge`), its children in order, the root of any span. `head`: each token's head
    (itself at a root); `bare`: tokens that are punctuation or space (a leaf of these is a span's root last).

    The edges are the extremes of each subtree, which is what spaCy keeps wherever a sentence is projective
    (every subtree a run of tokens); in a non-projective one spaCy's passes can stop short of them, so `unsure`
    marks the tokens of such sentences, whose edges the caller reads from spaCy."""

    def __init__(self, head: np.ndarray, bare: np.ndarray) -> None:
        n = len(head)
        positions = np.arange(n, dtype=np.int64)
        self.head = head
        self.is_root = head == positions
        self.left_edge, self.right_edge = positions.copy(), positions.copy()
        depth = np.zeros(n, dtype=np.int64)
        size = np.ones(n, dtype=np.int64)
        root = positions.copy()
        # every token walks up to its root, lowering each ancestor's left edge, raising its right edge and counting
        # itself in its subtree; the steps taken are the token's depth
        walkers = positions[~self.is_root]
        above = head[walkers]
        for _ in range(n):  # a tree is at most n deep (the bound only guards against a parse without a root)
            if not len(walkers):
                break
            np.minimum.at(self.left_edge, above, walkers)
            np.maximum.at(self.right_edge, above, walkers)
            np.add.at(size, above, 1)
            depth[walkers] += 1
            arrived = self.is_root[above]
            root[walkers[arrived]] = above[arrived]
            walkers, above = walkers[~arrived], head[above[~arrived]]
        gapped = self.right_edge - self.left_edge + 1 != size  # a subtree that is not a run of tokens
        self.unsure = np.isin(root, root[gapped])
        # children of each token, in order: positions sorted by head (stably), cut where the head changes
        self._by_head = np.argsort(head, kind="stable")
        self._child_start = np.searchsorted(head[self._by_head], positions, side="left")
        self._child_end = np.searchsorted(head[self._by_head], positions, side="right")
        # spaCy's words-to-root ranking for a span's root: a punctuation or space leaf ranks last (n - 1)
        leaf = self._child_end - self._child_start - self.is_root == 0
        self.rank = np.where(bare & leaf, n - 1, depth)

    def children(self, i: int) -> list[int]:
        """Token `i`'s children, in order (spaCy's `Token.children`)."""
        found: list[int] = self._by_head[self._child_start[i] : self._child_end[i]].tolist()
        return [c for c in found if c != i]

    def span_roots(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The root of each span of tokens [start, end) (non-empty), as spaCy's `Span.root` finds it: the first
        sentence root inside, else the first token whose head lies outside with the fewest steps to its root.
        Spans are taken in batches of at most MAX_SPAN_TOKENS tokens in all (one span may exceed it alone)."""
        reach = np.cumsum(ends - starts)
        if not len(reach) or reach[-1] <= MAX_SPAN_TOKENS:
            return self._span_roots(starts, ends)
        cuts = np.unique(np.searchsorted(reach, np.arange(MAX_SPAN_TOKENS, reach[-1], MAX_SPAN_TOKENS), "right"))
        bounds = [0, *(int(c) for c in cuts if 0 < c < len(reach)), len(reach)]
        return np.concatenate([self._span_roots(starts[a:b], ends[a:b]) for a, b in itertools.pairwise(bounds)])

    def _span_roots(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        n = len(self.head)
        token, span_of, offsets = flat_spans(starts, ends)
        head = self.head[token]
        outside = (head < starts[span_of]) | (head >= ends[span_of])
        # rank -1 for a sentence root, the words-to-root count for a token ruled from outside, n for the rest;
        # the least (rank, position) of each span is its root
        rank = np.where(self.is_root[token], -1, np.where(outside, self.rank[token], n))
        key = (rank + 1) * (n + 1) + (token - starts[span_of])
        best = np.minimum.reduceat(key, offsets) if len(key) else key
        found = starts + best % (n + 1)
        return np.where(best // (n + 1) - 1 >= n, starts, found)


def flat_spans(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tokens of spans [start, end) laid end to end, to be read all at once: each one's position in the doc,
    the span it belongs to, and where each span begins in the flat arrays."""
    lengths = ends - starts
    offsets = np.cumsum(lengths) - lengths
    span_of = np.repeat(np.arange(len(starts)), lengths)
    token = np.arange(int(lengths.sum()), dtype=np.int64) - offsets[span_of] + starts[span_of]
    return token, span_of, offsets


def columns(doc: Doc) -> Columns:
    """The doc's columns, read on first use and kept with the doc for the stages after."""
    return kept_with_doc(doc, COLUMNS_KEY, Columns, Columns)


def entities(doc: Doc) -> tuple[Span, ...]:
    """The doc's named entities (`doc.ents`), made once per doc: spaCy builds every entity's Span again, reading
    tokens, on each access to `doc.ents`, and the stages read them many times over."""
    return kept_with_doc(doc, ENTITIES_KEY, lambda d: tuple(d.ents), tuple)
