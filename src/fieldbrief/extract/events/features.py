"""What the classifier reads in a sentence: its words, a few arcs of its parse, and what the rules found there.

Features are strings (looked up in the model's vocabulary, unknown ones ignored): lemmas and lemma bigrams, names
replaced by their entity label ("<GPE>"), numbers by "<num>"; the root, subject-verb, verb-object and
verb-preposition-object arcs; negation and modal auxiliaries; every trigger reading (type and word), also those
the rules' gates held back; and for every rule candidate its PLOVER type, mode,
ACLED sub-event, trigger word, the classes of its actor and target, its status and whether it counts dead.
Written once here, used alike by training (dev/events/train.py) and the stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc, Span, Token

from fieldbrief.extract.actors import ActorDictionary
from fieldbrief.extract.events.acled import actor_class, target_class
from fieldbrief.extract.events.candidates import Found
from fieldbrief.extract.events.lexicon import Lexicon
from fieldbrief.extract.events.syntax import lemma
from fieldbrief.extract.events.triggers import Match
from fieldbrief.nlp import kept_with_doc
from fieldbrief.nlp.columns import columns

# entity labels that stand in for the words they cover: a name says little about the kind of event
PLACEHOLDER_ENTS = frozenset(
    {"PERSON", "GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
)
ARC_DEPS = {"nsubj": "s", "nsubjpass": "sp", "dobj": "o", "attr": "o", "agent": "ag"}
WORDS_KEY = "fieldbrief:feature-words"
ARCS_KEY = "fieldbrief:feature-arcs"
ENT_BEGINS = 3  # spaCy's ENT_IOB value for the first token of an entity


def word(token: Token) -> str:
    if token.ent_type_ in PLACEHOLDER_ENTS:
        return f"<{token.ent_type_}>"
    if token.like_num:
        return "<num>"
    return token.lemma_.lower()


def sentence_features(
    tokens: Iterable[Token], matches: Sequence[Match], found: Sequence[Found], lex: Lexicon, dictionary: ActorDictionary
) -> list[str]:
    """The features of one sentence (or any run of tokens), its trigger readings and the rules' events. The
    order is part of the result: the classifier adds the features' weights in it."""
    if isinstance(tokens, Doc):
        tokens = tokens[:]
    feats = _span_features(tokens) if isinstance(tokens, Span) else _token_features(tokens)
    feats += [f"m:{m.trigger.type}|{lemma(m.token)}" for m in matches]
    feats += [f"mt:{m.trigger.type}" for m in matches]
    feats += candidate_features(found, lex, dictionary)
    return feats


def _token_features(tokens: Iterable[Token]) -> list[str]:
    """Words, bigrams, entities and arcs, read token by token."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    lemmas = [word(t) for t in words]
    feats = ["bias"]
    feats += [f"w:{w}" for w in lemmas]
    feats += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    feats += [f"e:{t.ent_type_}" for t in words if t.ent_type_ and t.ent_iob_ == "B"]
    for t in words:
        if t.dep_ == "ROOT":
            feats.append(f"r:{word(t)}")
        arc = ARC_DEPS.get(t.dep_)
        if arc:
            feats.append(f"{arc}:{word(t.head)}|{word(t)}")
        elif t.dep_ == "pobj" and t.head.dep_ == "prep":
            feats.append(f"p:{word(t.head.head)}|{t.head.lower_}|{word(t)}")
        elif t.dep_ == "neg":
            feats.append("neg")
        elif t.tag_ == "MD":
            feats.append(f"md:{t.lower_}")
    return feats


def _span_features(span: Span) -> list[str]:
    """The same features as _token_features, in the same order, read from the doc's columns (`word` of every
    token made once per doc; only the words with an arc feature visited one by one)."""
    doc = span.doc
    cols, arcs = columns(doc), _doc_arcs(doc)
    words_of = arcs.words
    strings = doc.vocab.strings
    at = np.flatnonzero(~(cols.is_punct | cols.is_space)[span.start : span.end]) + span.start
    lemmas: list[str] = words_of[at].tolist()
    feats = ["bias"]
    feats += [f"w:{w}" for w in lemmas]
    feats += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    begins = at[(cols.ent_type[at] != 0) & (cols.ent_iob[at] == ENT_BEGINS)]
    feats += [f"e:{strings[label]}" for label in cols.ent_type[begins].tolist()]
    root, pobj, prep, neg, modal = arcs.root, arcs.pobj, arcs.prep, arcs.neg, arcs.modal
    dep, tag, head = cols.dep, cols.tag, cols.head
    for i in at[arcs.marked[at]].tolist():
        if dep[i] == root:
            feats.append(f"r:{words_of[i]}")
        arc = arcs.names.get(int(dep[i]))
        if arc:
            feats.append(f"{arc}:{words_of[head[i]]}|{words_of[i]}")
        elif dep[i] == pobj and dep[head[i]] == prep:
            feats.append(f"p:{words_of[head[head[i]]]}|{strings[int(cols.lower[head[i]])]}|{words_of[i]}")
        elif dep[i] == neg:
            feats.append("neg")
        elif tag[i] == modal:
            feats.append(f"md:{strings[int(cols.lower[i])]}")
    return feats


class _DocArcs:
    """What `_span_features` reads of a doc beyond its columns, made once per doc: `word` of every token, the
    codes of the labels it tests, and which tokens carry an arc feature (a root, an arc of ARC_DEPS, a
    preposition's object, a negation, a modal)."""

    def __init__(self, doc: Doc) -> None:
        cols = columns(doc)
        code = cols.code
        self.words = _doc_words(doc)
        self.names = {code(dep): name for dep, name in ARC_DEPS.items()}
        self.root, self.pobj, self.prep, self.neg, self.modal = (code(x) for x in ("ROOT", "pobj", "prep", "neg", "MD"))
        wanted = np.array([self.root, self.pobj, self.neg, *self.names], dtype=np.uint64)
        self.marked: np.ndarray = np.isin(cols.dep, wanted) | (cols.tag == self.modal)


def _doc_arcs(doc: Doc) -> _DocArcs:
    return kept_with_doc(doc, ARCS_KEY, _DocArcs, _DocArcs)


def _doc_words(doc: Doc) -> np.ndarray:
    """`word` of every token of the doc, made once per doc (each distinct lemma lowered once)."""
    return kept_with_doc(doc, WORDS_KEY, _words, np.ndarray)


def _words(doc: Doc) -> np.ndarray:
    cols = columns(doc)
    strings = doc.vocab.strings
    distinct, which = np.unique(cols.lemma, return_inverse=True)
    made: np.ndarray = np.array([strings[h].lower() for h in distinct.tolist()], dtype=object)[which.reshape(-1)]
    made[cols.like_num] = "<num>"
    for label in PLACEHOLDER_ENTS:
        made[cols.ent_type == cols.code(label)] = f"<{label}>"
    return made


def candidate_features(found: Sequence[Found], lex: Lexicon, dictionary: ActorDictionary) -> list[str]:
    if not found:
        return ["rt:none"]
    feats = [f"nc:{min(len(found), 3)}"]
    for f in found:
        e = f.event
        sub = e.acled.sub_event_type if e.acled else "none"
        feats += [
            f"rt:{e.type}",
            f"rm:{e.type}|{e.mode}",
            f"ra:{sub}",
            f"tr:{f.word}",
            f"tt:{e.type}|{f.word}",
            f"ac:{actor_class(e.actor)}",
            f"tc:{target_class(e.target, lex, dictionary)}",
            f"st:{e.status}",
            f"at:{e.type}|{actor_class(e.actor)}",
        ]
        if f.casualty:
            feats.append(f"cas:{f.casualty}")
        if e.fatalities:
            feats.append("fatal")
    return feats
