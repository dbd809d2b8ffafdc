"""The sentences stage: the parse that linking across articles reads, kept as records.

Linking runs over stored articles, long after the spaCy Doc is gone. What it needs of the parse is kept here, per
sentence as the parser split it (cut again at line breaks: a headline run into the first paragraph is two
sentences): the lemmas of its words (proper nouns keep their capitals, so "Konna" stays a name and "killed", "kills"
and "killing" all read "kill") with where each word starts, and its main clause: the predicate, its subject and
object phrases and whether it is negated. In "X said (that) P" the main clause is P's.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from fieldbrief.model import Article, Sentence
from fieldbrief.nlp import doc_text
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


def lemma_of(token: Token) -> str:
    """A word's lemma as linking compares it: lower case, but names keep their capitals (proper nouns, and words
    the parser tags as a named entity but lemmatises as a common noun: "Tessalit")."""
    if token.pos_ == "PROPN":
        return token.lemma_ or token.text
    if (
        token.text[:1].isupper()
        and (token.ent_type_ in NAME_ENTITIES or not token.is_sent_start)
        and token.pos_ in {"NOUN", "ADJ", "VERB", "X"}
    ):
        return token.text  # a name the tagger took for a common word ("Tessalit", "Velykyi")
    return (token.lemma_ or token.text).lower()


def _is_word(token: Token) -> bool:
    return not (
        token.is_punct or token.is_space or token.pos_ in {"PUNCT", "SPACE", "SYM"} or token.text in ("'s", "\u2019s")
    )


def _pieces(sent: Span, text: str) -> list[Span]:
    """The sentence cut at line breaks inside it."""
    doc = sent.doc
    out: list[Span] = []
    start = sent.start
    previous_idx = -1  # where the token before this one starts (tokens of a sentence are consecutive)
    for token in sent:
        i, idx = token.i, token.idx
        if i > start and "\n" in text[previous_idx:idx]:
            out.append(doc[start:i])
            start = i
        elif token.is_space and "\n" in token.text:
            if i > start:
                out.append(doc[start:i])
            start = i + 1
        previous_idx = idx
    if start < sent.end:
        out.append(doc[start : sent.end])
    return [p for p in out if any(_is_word(t) for t in p)]


def _phrase(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def _main_clause(span: Span) -> Token | None:
    """The verb the sentence asserts: its root, or the clause a reporting root reports."""
    first, end = span.start, span.end
    root = next((t for t in span if (head := t.head.i) == t.i or not first <= head < end), None)
    if root is None:
        return None
    if root.lemma_.lower() in reporting_verbs():
        reported = next((c for c in root.children if c.dep_ in COMPLEMENTS and span.start <= c.i < span.end), None)
        if reported is not None:
            return reported
    return root


def sentence_record(span: Span) -> Sentence:
    words = [t for t in span if _is_word(t)]
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    record = Sentence(
        start, end, " ".join(lemma_of(t).replace(" ", "_") for t in words), [t.idx - start for t in words]
    )
    verb = _main_clause(span)
    if verb is None:
        return record
    record.predicate = verb.lemma_.lower()
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    obj = next((c for c in verb.children if c.dep_ in OBJECTS), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if subject is not None and subject.dep_ == "nsubjpass":  # "the town was captured by X": X acts on the town
        subject, obj = agent, subject
    record.subject = _phrase(subject) if subject is not None else None
    record.object = _phrase(obj) if obj is not None else None
    record.negated = any(c.dep_ == "neg" for c in verb.children)
    return record


def sentences(doc: Doc) -> list[Sentence]:
    text = doc_text(doc)
    return [sentence_record(piece) for sent in doc.sents for piece in _pieces(sent, text)]


def run(doc: Doc, article: Article, ctx: Context) -> None:
    article.sentences = sentences(doc)


STAGE = Stage("sentences", "1", run)
