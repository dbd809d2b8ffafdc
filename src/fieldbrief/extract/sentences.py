"""The sentences stage: the parse that linking across articles reads, kept as records.

Linking runs over stored articles, long after the spaCy Doc is gone. What it needs of the parse is kept here, per
sentence as the parser split it (cut again at line breaks: a headline run into the first paragraph is two
sentences): the lemmas of its words (proper nouns keep their capitals, so "Konna" stays a name and "killed", "kills"
and "killing" all read "kill") with where each word starts, and its main clause: the predicate, its subject and
object phrases and whether it is negated. In "X said (that) P" the main clause is P's.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.strings import StringStore
from spacy.symbols import ADJ, NOUN, PROPN, PUNCT, SPACE, SYM, VERB, X
from spacy.tokens import Doc

from fieldbrief.lexicon import pronouns
from fieldbrief.model import Article, Sentence
from fieldbrief.nlp import doc_text
from fieldbrief.nlp.columns import Columns, Decided, Tree, columns, flat_spans
from fieldbrief.stage import Context, Stage

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
COMPLEMENTS = frozenset({"ccomp", "xcomp", "parataxis"})


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """The reporting verbs of the statements stage (data/cues.toml): one home for them."""
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("cues.toml").read_text(encoding="utf-8"))
    return frozenset(v.lower() for v in raw["verbs"]["clause"])


NAME_ENTITIES = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"})
NOT_WORDS = np.array((PUNCT, SPACE, SYM), dtype=np.uint64)
# parts of speech the tagger gives names it takes for common words
NAME_POS = np.array((NOUN, ADJ, VERB, X), dtype=np.uint64)
# string hash -> whether it starts with a capital, whether it holds a line break (decided once per process)
CAPITALISED = Decided()
LINE_BREAK = Decided()
# string hash -> the lemma as the records write it, lowered or as written (made once per process, forgotten past
# MAX_FORMS so that memory stays bounded)
LOWERED_FORMS: dict[int, str] = {}
WRITTEN_FORMS: dict[int, str] = {}
MAX_FORMS = 200_000


class Words:
    """What the records read of a doc's tokens, for all of them at once (see fieldbrief.nlp.columns): which are
    words, each word's lemma as linking compares it, and where a line break falls before a token."""

    def __init__(self, doc: Doc, text: str) -> None:
        cols = columns(doc)
        strings = doc.vocab.strings
        self.cols = cols
        self.is_word = ~(cols.is_punct | cols.is_space | np.isin(cols.pos, NOT_WORDS)) & ~np.isin(
            cols.orth,
            cols.codes(pronouns.POSSESSIVE_ENDINGS),  # no word of their own: the lemmas drop them
        )
        # a line break between the start of the token before and this one's; a space token that holds one
        breaks = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
        seen = np.searchsorted(breaks, cols.idx)
        self.break_before = np.zeros(len(doc), dtype=bool)
        self.break_before[1:] = seen[1:] > seen[:-1]
        self.space_break = cols.is_space & cols.words_in(cols.orth, lambda t: "\n" in t, LINE_BREAK)
        self.marks: list[int] = np.flatnonzero(self.break_before | self.space_break).tolist()
        self.lemmas = self._lemmas(cols, strings)

    @staticmethod
    def _lemmas(cols: Columns, strings: StringStore) -> np.ndarray:
        """Every token's lemma as linking compares it (spaces made "_"): lower case, but names keep their capitals
        (proper nouns, and words the parser tags as a named entity but lemmatises as a common noun: "Tessalit").
        Each distinct string is made once."""
        base = np.where(cols.lemma != 0, cols.lemma, cols.orth)  # the lemma, or the text where there is none
        capitalised = cols.words_in(cols.orth, lambda t: t[:1].isupper(), CAPITALISED)
        named = np.isin(cols.ent_type, cols.codes(NAME_ENTITIES))
        # a name the tagger took for a common word ("Tessalit", "Velykyi")
        as_written = capitalised & (named | (cols.sent_start != 1)) & np.isin(cols.pos, NAME_POS)
        proper = cols.pos == PROPN
        chosen = np.where(as_written & ~proper, cols.orth, base)
        lowered = ~(proper | as_written)
        out = np.empty(len(chosen), dtype=object)
        for where, lower in ((lowered, True), (~lowered, False)):
            distinct, which = np.unique(chosen[where], return_inverse=True)
            forms = LOWERED_FORMS if lower else WRITTEN_FORMS
            if len(forms) > MAX_FORMS:
                forms.clear()
            made = []
            for h in distinct.tolist():
                form = forms.get(h)
                if form is None:
                    form = forms[h] = (strings[h].lower() if lower else strings[h]).replace(" ", "_")
                made.append(form)
            out[where] = np.array(made, dtype=object)[which.reshape(-1)]
        return out

    def piece_bounds(self, first: int, last: int) -> list[tuple[int, int]]:
        """The sentence of tokens [first, last) cut at line breaks inside it, as token bounds; pieces without a
        word left out."""
        marks = self.marks
        out: list[tuple[int, int]] = []
        start = first
        for i in marks[bisect_left(marks, first) : bisect_left(marks, last)]:
            if i > start and self.break_before[i]:
                out.append((start, i))
                start = i
            elif self.space_break[i]:
                if i > start:
                    out.append((start, i))
                start = i + 1
        if start < last:
            out.append((start, last))
        return [(a, b) for a, b in out if self.is_word[a:b].any()]


def sentences(doc: Doc) -> list[Sentence]:
    """The record of every sentence piece of the doc: its words' lemmas and offsets, and its main clause (the verb it
    asserts, or the clause a reporting root reports) with subject, object and negation; made for all pieces at once
    from the doc's columns and tree (one numpy pass instead of a few numpy calls and Tokens per piece)."""
    words = Words(doc, doc_text(doc))
    bounds = [b for sent in doc.sents for b in words.piece_bounds(sent.start, sent.end)]
    if not bounds:
        return []
    cols, tree = words.cols, words.cols.tree
    starts, ends = (np.array(b, dtype=np.int64) for b in zip(*bounds, strict=True))
    token, piece_of, first_of = flat_spans(starts, ends)
    # the main clause's candidate: the piece's first token whose head is itself or lies outside the piece
    head = cols.head[token]
    ruling = (head == token) | (head < starts[piece_of]) | (head >= ends[piece_of])
    beyond = len(doc)
    roots = np.minimum.reduceat(np.where(ruling, token, beyond), first_of).tolist()
    # the words of each piece (every piece has one), their lemmas and offsets
    is_word = words.is_word[token]
    word_at = token[is_word]
    counts = np.bincount(piece_of[is_word], minlength=len(starts))
    word_ends = np.cumsum(counts).tolist()
    lemmas: list[str] = words.lemmas[word_at].tolist()
    word_idx: list[int] = cols.idx[word_at].tolist()
    last_ends = [cols.char_end(i) for i in word_at[np.array(word_ends, dtype=np.int64) - 1].tolist()]
    clauses = _Clauses(doc, cols, tree)
    out: list[Sentence] = []
    begin = 0
    for k, end in enumerate(word_ends):
        start_char = word_idx[begin]
        record = Sentence(
            start_char,
            last_ends[k],
            " ".join(lemmas[begin:end]),
            [i - start_char for i in word_idx[begin:end]],
        )
        if roots[k] < beyond:
            clauses.fill(record, roots[k], bounds[k])
        out.append(record)
        begin = end
    return out


class _Clauses:
    """A piece's main clause, read from the doc's columns and tree arrays: the verb the piece asserts (its first
    word whose head is itself or lies outside it), or the clause a reporting root reports."""

    def __init__(self, doc: Doc, cols: Columns, tree: Tree) -> None:
        self.cols, self.tree, self.strings = cols, tree, doc.vocab.strings
        self.dep: list[int] = cols.dep.tolist()
        code = cols.code
        self.complements = {code(d) for d in COMPLEMENTS}
        self.subjects = {code(d) for d in SUBJECTS}
        self.objects = {code(d) for d in OBJECTS}
        self.agent, self.pobj, self.neg, self.nsubjpass = (code(d) for d in ("agent", "pobj", "neg", "nsubjpass"))

    def lemma(self, i: int) -> str:
        return str(self.strings[int(self.cols.lemma[i])]).lower()

    def fill(self, record: Sentence, root: int, bounds: tuple[int, int]) -> None:
        dep, children = self.dep, self.tree.children
        verb = root
        if self.lemma(root) in reporting_verbs():
            reported = next(
                (c for c in children(root) if dep[c] in self.complements and bounds[0] <= c < bounds[1]), None
            )
            if reported is not None:
                verb = reported
        record.predicate = self.lemma(verb)
        below = children(verb)
        subject = next((c for c in below if dep[c] in self.subjects), None)
        obj = next((c for c in below if dep[c] in self.objects), None)
        agent = next((g for c in below if dep[c] == self.agent for g in children(c) if dep[g] == self.pobj), None)
        if subject is not None and dep[subject] == self.nsubjpass:  # "the town was captured by X"
            subject, obj = agent, subject
        record.subject = self._phrase(subject) if subject is not None else None
        record.object = self._phrase(obj) if obj is not None else None
        record.negated = any(dep[c] == self.neg for c in below)

    def _phrase(self, i: int) -> tuple[int, int]:
        """The characters of token i's subtree."""
        left, right = int(self.tree.left_edge[i]), int(self.tree.right_edge[i])
        return self.cols.char_starts[left], self.cols.char_end(right)


def run(doc: Doc, article: Article, ctx: Context) -> None:
    article.sentences = sentences(doc)


STAGE = Stage("sentences", "1", run)
