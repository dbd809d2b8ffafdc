"""The steps that visit only the words that can matter to them (fieldbrief.nlp.columns) find what visiting every
word finds: trigger words, numbers, sentence pieces and lemmas, the classifier's reading. Texts: the seeds (read
from ../shared) and fictional sentences written for these tests."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from conftest import SEEDS, require
from fieldbrief.extract import figures, sentences
from fieldbrief.extract.actors import dictionary_for
from fieldbrief.extract.events import lexicon_for, load_model
from fieldbrief.extract.events.features import sentence_features
from fieldbrief.extract.events.triggers import match_token, trigger_positions
from fieldbrief.model import Sentence
from fieldbrief.nlp import columns as columns_module
from fieldbrief.nlp.columns import Decided, columns
from fieldbrief.stage import Context

FICTIONAL = (
    "KOLMAR, March 3 - Students staged a sit-in outside the ministry on Monday.\n"
    "Rebels raped and kidnapped villagers; twenty-two people were killed and dozens wounded.\n\n"
    "A lone gunman opened fire at the market, police said. 1,200 residents fled.\n"
    "\u2022 The army retook Kitshanga \n  after two days of fighting.\n"
    "Officials said the Tessalit camp was shelled again. Moscow\u2019s claims and Kyiv's denials were heard."
)


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    texts = [FICTIONAL] + [p.read_text(encoding="utf-8") for p in sorted(require(SEEDS).glob("*.txt"))]
    return [nlp(text) for text in texts]


def test_decided_asks_each_string_once_and_remembers(nlp: Language) -> None:
    asked: list[int] = []
    decided = Decided()

    def test(value: int) -> bool:
        asked.append(value)
        return value % 2 == 0

    first = decided.answers(np.array([3, 8, 10], dtype=np.uint64), test)
    assert first.tolist() == [False, True, True] and asked == [3, 8, 10]
    second = decided.answers(np.array([2, 3, 10, 11], dtype=np.uint64), test)
    assert second.tolist() == [True, False, True, False]
    assert asked == [3, 8, 10, 2, 11]  # 3 and 10 were remembered


def test_decided_forgets_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns_module, "MAX_DECIDED", 4)
    decided = Decided()
    decided.answers(np.arange(3, dtype=np.uint64), lambda v: True)
    decided.answers(np.arange(10, 13, dtype=np.uint64), lambda v: False)
    assert len(decided.hashes) <= 4
    assert decided.answers(np.array([11], dtype=np.uint64), lambda v: True).tolist() == [False]


def test_words_in_agrees_with_each_token(docs: list[Doc]) -> None:
    decided = Decided()
    for doc in docs:
        cols = columns(doc)
        found = cols.words_in(cols.lower, lambda w: w.endswith("ed"), decided)
        assert found.tolist() == [t.lower_.endswith("ed") for t in doc]
        assert cols.idx.tolist() == [t.idx for t in doc]
        assert cols.head.tolist() == [t.head.i for t in doc]
        assert (cols.sent_start == 1).tolist() == [t.is_sent_start is True for t in doc]


def test_trigger_positions_hold_every_token_a_trigger_reads(docs: list[Doc], ctx: Context) -> None:
    lex, dictionary = lexicon_for(ctx), dictionary_for(ctx)
    for doc in docs:
        matched = [t.i for t in doc if match_token(t, lex, dictionary) is not None]
        positions = trigger_positions(doc, lex)
        assert set(matched) <= set(positions)
        assert len(positions) < len(doc) / 2  # most words are no trigger: the gate skips them
    fictional = [docs[0][i].lower_ for i in trigger_positions(docs[0], lex)]
    assert {"in", "raped", "kidnapped", "killed"} <= set(fictional)  # "sit - in", repaired lemmas ("rap")


def test_numbers_found_from_positions_as_from_every_token(docs: list[Doc]) -> None:
    rules = figures.load_rules()
    for doc in docs:
        every = list(range(len(doc)))
        for sent in doc.sents:
            gated = [
                (n.low, n.high, [t.i for t in n.tokens])
                for n in figures._numbers(sent, rules, figures.number_positions(doc, rules))
            ]
            plain = [(n.low, n.high, [t.i for t in n.tokens]) for n in figures._numbers(sent, rules, every)]
            assert gated == plain
    values = {(f.low, f.kind) for f in figures.find_figures(docs[0], rules)}
    assert (22, "killed") in values and (1, "attackers") in values


def _plain_pieces(sent: Span, text: str) -> list[Span]:
    """The sentence cut at line breaks, token by token (what Words.pieces computes from columns)."""
    doc, out, start, previous = sent.doc, [], sent.start, -1
    for token in sent:
        if token.i > start and "\n" in text[previous : token.idx]:
            out.append(doc[start : token.i])
            start = token.i
        elif token.is_space and "\n" in token.text:
            if token.i > start:
                out.append(doc[start : token.i])
            start = token.i + 1
        previous = token.idx
    if start < sent.end:
        out.append(doc[start : sent.end])
    return [p for p in out if any(_plain_is_word(t) for t in p)]


def _plain_is_word(token: Token) -> bool:
    return not (
        token.is_punct or token.is_space or token.pos_ in {"PUNCT", "SPACE", "SYM"} or token.text in ("'s", "\u2019s")
    )


def _plain_lemma(token: Token) -> str:
    if token.pos_ == "PROPN":
        return token.lemma_ or token.text
    if (
        token.text[:1].isupper()
        and (token.ent_type_ in sentences.NAME_ENTITIES or not token.is_sent_start)
        and token.pos_ in {"NOUN", "ADJ", "VERB", "X"}
    ):
        return token.text
    return (token.lemma_ or token.text).lower()


# -- the sentence records as read Token by Token (what `sentences.sentences` makes from arrays, all at once) ----
def _reference_pieces(words: sentences.Words, sent: Span) -> list[Span]:
    return [sent.doc[start:end] for start, end in words.piece_bounds(sent.start, sent.end)]


def _reference_phrase(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def _reference_main_clause(span: Span, words: sentences.Words) -> Token | None:
    first, end = span.start, span.end
    heads = words.cols.head[first:end]
    roots = np.flatnonzero((heads == np.arange(first, end)) | (heads < first) | (heads >= end))
    if len(roots) == 0:
        return None
    root = span.doc[first + int(roots[0])]
    if root.lemma_.lower() in sentences.reporting_verbs():
        reported = next(
            (c for c in root.children if c.dep_ in sentences.COMPLEMENTS and span.start <= c.i < span.end), None
        )
        if reported is not None:
            return reported
    return root


def _reference_record(span: Span, words: sentences.Words) -> Sentence:
    positions = np.flatnonzero(words.is_word[span.start : span.end]) + span.start
    last = span.doc[int(positions[-1])]
    start, end = int(words.cols.idx[positions[0]]), last.idx + len(last)
    record = Sentence(start, end, " ".join(words.lemmas[positions]), (words.cols.idx[positions] - start).tolist())
    verb = _reference_main_clause(span, words)
    if verb is None:
        return record
    record.predicate = verb.lemma_.lower()
    subject = next((c for c in verb.children if c.dep_ in sentences.SUBJECTS), None)
    obj = next((c for c in verb.children if c.dep_ in sentences.OBJECTS), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if subject is not None and subject.dep_ == "nsubjpass":
        subject, obj = agent, subject
    record.subject = _reference_phrase(subject) if subject is not None else None
    record.object = _reference_phrase(obj) if obj is not None else None
    record.negated = any(c.dep_ == "neg" for c in verb.children)
    return record


def test_sentence_pieces_and_lemmas_as_read_token_by_token(docs: list[Doc]) -> None:
    for doc in docs:
        words = sentences.Words(doc, doc.text)
        for sent in doc.sents:
            pieces = _reference_pieces(words, sent)
            assert [(p.start, p.end) for p in pieces] == [(p.start, p.end) for p in _plain_pieces(sent, doc.text)]
            for piece in pieces:
                record = _reference_record(piece, words)
                plain = [t for t in piece if _plain_is_word(t)]
                assert record.lemmas == " ".join(_plain_lemma(t).replace(" ", "_") for t in plain)
                assert record.offsets == [t.idx - plain[0].idx for t in plain]
        # all pieces at once from the columns and tree: the records read piece by piece, Token by Token
        one_by_one = [_reference_record(p, words) for sent in doc.sents for p in _reference_pieces(words, sent)]
        assert sentences.sentences(doc) == one_by_one
        assert any(r.subject for r in one_by_one) and any(r.predicate for r in one_by_one)
    lines = [r.lemmas for r in sentences.sentences(docs[0])]
    assert "the army retook Kitshanga" in lines  # cut at the line break the parser ran on


def test_features_from_columns_as_token_by_token(docs: list[Doc], ctx: Context) -> None:
    lex, dictionary = lexicon_for(ctx), dictionary_for(ctx)
    for doc in docs:
        for sent in doc.sents:
            assert sentence_features(sent, [], [], lex, dictionary) == sentence_features(
                list(sent), [], [], lex, dictionary
            )
    assert sentence_features(docs[0], [], [], lex, dictionary) == sentence_features(
        list(docs[0]), [], [], lex, dictionary
    )


def test_classifier_reading_is_each_head_on_its_own(docs: list[Doc], ctx: Context) -> None:
    model = load_model()
    assert model is not None
    lex, dictionary = lexicon_for(ctx), dictionary_for(ctx)
    read = 0
    for doc in docs:
        for sent in doc.sents:
            feats = sentence_features(sent, [], [], lex, dictionary)
            rows = np.array([i for f in feats if (i := model.vocabulary.get(f)) is not None], dtype=np.int64)
            reading = model.read(feats)
            plover = model.heads["plover"].probabilities(rows)
            assert reading.plover_p == float(plover.max())
            assert reading.plover == model.heads["plover"].labels[int(plover.argmax())]
            read += 1
    assert read > 20
