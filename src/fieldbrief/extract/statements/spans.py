"""The spans the parse offers as what a cue attributes (the content model of tagger.py picks among them): the cue's
clausal complement, object or prepositional object, the clause it interrupts, the rest of its sentence, the
neighbouring sentence, the neighbouring quote.

Read from the doc's columns and dependency tree as plain lists (fieldbrief.nlp.columns), once per article: a
spaCy Token built for every word looked at would cost more than all the rest of the tagger.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.strings import get_string_id as hash_string
from spacy.tokens import Doc, Token

from fieldbrief.extract.statements.quotes import Quote, QuoteIndex
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.nlp.columns import columns

# children that never hold what was said
NOT_CONTENT_DEPS = frozenset(
    {"punct", "aux", "auxpass", "neg", "cc", "mark", "det", "nsubj", "nsubjpass", "expl", "case", "prt", "predet"}
)
PREPOSITIONS = frozenset(
    {"about", "against", "as", "at", "for", "from", "in", "of", "on", "over", "to", "with", "by", "into", "toward"}
)
EDGE_WORDS = frozenset({"that", ",", ":", ";", "-", "\u2014", "\u2013", "and", "but"})
WHOLE_KINDS = frozenset({"host", "sentence"})  # the kinds of span that may contain their cue

_NOT_CONTENT = frozenset(hash_string(d) for d in NOT_CONTENT_DEPS)
_PREPOSITION_OF = {hash_string(w): w for w in PREPOSITIONS}
_EDGE_WORDS = np.array(sorted(hash_string(w) for w in EDGE_WORDS), dtype=np.uint64)
_SUBJECT = frozenset(hash_string(d) for d in ("nsubj", "nsubjpass"))
_PREP_LIKE = frozenset(hash_string(d) for d in ("prep", "agent", "dative"))
_PREP_OBJECT = frozenset(hash_string(d) for d in ("pobj", "pcomp"))
_PREP, _DOBJ = hash_string("prep"), hash_string("dobj")


@dataclass
class Candidate:
    """A span the parse offers as a cue's content: tokens [start, end) and the ways it was found."""

    start: int
    end: int
    kinds: list[str]


class ContentSpans:
    """One parsed article, read for the candidate contents of its cues."""

    def __init__(self, doc: Doc, index: DocIndex, quotes: list[Quote]) -> None:
        cols = columns(doc)
        tree = cols.tree
        self.doc = doc
        self.tree = tree
        self.cols = cols
        self.quotes = QuoteIndex(quotes)
        self.dep: list[int] = cols.dep.tolist()
        self.left: list[int] = tree.left_edge.tolist()
        self.right: list[int] = tree.right_edge.tolist()
        bare = cols.is_punct | cols.is_space
        self.bare_end: list[bool] = bare.tolist()  # trimmed from a span's end
        self.bare_start: list[bool] = (bare | np.isin(cols.lower, _EDGE_WORDS)).tolist()  # ... from its start
        self.sent_starts = index.sent_starts
        self.sent_ends = index.sent_ends
        self._quote_tokens: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._child_kinds: dict[int, str] = {}

    def sentence(self, i: int) -> tuple[int, int]:
        """The bounds [start, end) of token `i`'s sentence."""
        number = max(bisect_right(self.sent_starts, i) - 1, 0)
        return self.sent_starts[number], self.sent_ends[number]

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.bare_start[start]:
            start += 1
        while end > start and self.bare_end[end - 1]:
            end -= 1
        return start, end

    def _child_kind(self, dep: int) -> str:
        kind = self._child_kinds.get(dep)
        if kind is None:
            kind = self._child_kinds[dep] = "child:" + self.doc.vocab.strings[dep]
        return kind

    def _quote_range(self, quote: Quote) -> tuple[int, int] | None:
        """The tokens a quote covers (a quote is near many cues: found once)."""
        key = (quote.start, quote.end)
        if key not in self._quote_tokens:
            span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
            self._quote_tokens[key] = (span.start, span.end) if span is not None and len(span) else None
        return self._quote_tokens[key]

    def candidates(self, cue: int) -> list[Candidate]:
        """The spans that may be what the cue at token `cue` attributes, each with the relations that proposed
        it, in the order they were first proposed."""
        found: dict[tuple[int, int], list[str]] = {}
        dep, left, right, children = self.dep, self.left, self.right, self.tree.children

        def add(kind: str, start: int, end: int) -> None:
            start, end = self._trimmed(start, end)
            if end > start and not (start <= cue < end and kind not in WHOLE_KINDS):
                found.setdefault((start, end), []).append(kind)

        number = max(bisect_right(self.sent_starts, cue) - 1, 0)
        sent_start, sent_end = self.sent_starts[number], self.sent_ends[number]
        subject_start = cue
        own = children(cue)
        for child in own:
            child_dep = dep[child]
            if child_dep in _SUBJECT and child < cue:
                subject_start = min(subject_start, left[child])
            if child_dep in _NOT_CONTENT:
                continue
            add(self._child_kind(child_dep), left[child], right[child] + 1)
            if child_dep in _PREP_LIKE:
                word = _PREPOSITION_OF.get(int(self.cols.lower[child]), "other")
                for grand in children(child):
                    if dep[grand] in _PREP_OBJECT:
                        add("prep:" + word, left[grand], right[grand] + 1)
            if child_dep == _DOBJ:
                preps = [c for c in own if dep[c] == _PREP and c > child]
                if preps:
                    add("dobj+prep", left[child], right[preps[0]] + 1)
        add("right", right[cue] + 1 if right[cue] + 1 < sent_end else cue + 1, sent_end)
        add("after", cue + 1, sent_end)
        add("left", sent_start, subject_start)
        head = int(self.tree.head[cue])
        if head != cue:
            add("host:left", left[head], left[cue])
            add("host:right", right[cue] + 1, right[head] + 1)
            if left[head] < left[cue] and right[cue] < right[head]:
                add("host", left[head], right[head] + 1)
        if number > 0:
            add("previous", self.sent_starts[number - 1], self.sent_ends[number - 1])
        if number + 1 < len(self.sent_starts):
            next_end = self.sent_ends[number + 1]
            add("next", self.sent_starts[number + 1], next_end)
            if cue + 1 >= sent_end - 2:  # "He said:" closing its sentence
                add("after+next", cue + 1, next_end)
        for kind, quote in self.quotes.near(int(self.cols.idx[cue])):
            rng = self._quote_range(quote)
            if rng is not None:
                add(kind, *rng)
        return [Candidate(s, e, kinds) for (s, e), kinds in found.items()]


def candidates(doc: Doc, cue: Token, index: DocIndex, quotes: list[Quote]) -> list[Candidate]:
    """The spans that may be what `cue` attributes (see `ContentSpans.candidates`; for one cue: training and
    inspection)."""
    return ContentSpans(doc, index, quotes).candidates(cue.i)
