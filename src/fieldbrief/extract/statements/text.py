"""Helpers over the parsed article shared by the statement modules: sentence index, spans, trimming."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from fieldbrief.nlp.columns import entities

EDGE_PUNCT = " \t\n\r,;:.\u2014\u2013-\u2026"
DIRECT_TRAILING = " \t\n\r,;:\u2014\u2013-"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
WORD = re.compile(r"\w+")
FINITE_TAGS = frozenset({"VBP", "VBZ", "VBD", "MD"})
WH_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})


class DocIndex:
    """Sentences and entities of a parsed article, computed once (spaCy rebuilds them on every access)."""

    def __init__(self, doc: Doc) -> None:
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.sent_ends = [s.end for s in self.sents]
        self.ents: tuple[Span, ...] = entities(doc)
        self.ent_of = {i: e for e in self.ents for i in range(e.start, e.end)}

    def sentence_number(self, token: Token) -> int:
        return max(bisect_right(self.sent_starts, token.i) - 1, 0)

    def sentence(self, token: Token) -> Span:
        return self.sents[self.sentence_number(token)]


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def finite_clause(head: Token) -> bool:
    """A clause with its own subject and a finite verb, not an indirect question."""
    if head.dep_ == "parataxis":
        return True  # a clause set off by punctuation: a thought quoted ("I am done, she thought")
    has_subject = any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in head.children)
    finite = any(t.tag_ in FINITE_TAGS for t in (head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})))
    question = any(t.lower_ in WH_WORDS for t in head.doc[head.left_edge.i : head.i] if t.dep_ != "nsubj")
    return has_subject and finite and not question


def trim(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def words_of(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]
