"""The statement tagger reads the parse as arrays (fieldbrief.nlp.columns' Tree, statements/spans.py and
features.py) where it once walked spaCy Tokens: the arrays must give what the Tokens give, to the bit, or the
tagger's output changes. Each is checked against a reference written with Tokens, on the seeds (read from
../shared) and fictional sentences written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from spacy.language import Language
from spacy.strings import get_string_id as hash_string
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from conftest import SEEDS, require
from fieldbrief.extract.statements import encoder as enc
from fieldbrief.extract.statements import scan_quotes
from fieldbrief.extract.statements.features import KIND_ROWS, PAIR_ROWS, Pairs, ParseArrays, content_hashes, mix
from fieldbrief.extract.statements.quotes import Quote, QuoteIndex, near_quotes
from fieldbrief.extract.statements.spans import EDGE_WORDS, NOT_CONTENT_DEPS, PREPOSITIONS, ContentSpans
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.nlp.columns import Tree, columns

FICTIONAL = (
    'The governor of Varna, Ilse Marek, said on Monday that the bridge "would reopen within a week", '
    "although engineers told reporters they doubted it. According to the ministry, 40 families were moved.\n\n"
    '"We are not leaving," a resident said. Officials, the mayor added, had promised buses and food. '
    "Police accused the group of blocking the road to the airport, which the group denied. "
    "A poll by the Kessel Institute shows support for the plan falling. He said: the talks failed."
)


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[tuple[Doc, str]]:
    texts = [FICTIONAL] + [p.read_text(encoding="utf-8") for p in sorted(require(SEEDS).glob("*.txt"))]
    return [(nlp(text), text) for text in texts]


# -- the tree ----------------------------------------------------------------------------------------------------
def test_the_tree_gives_what_spacy_tokens_give(docs: list[tuple[Doc, str]]) -> None:
    for doc, _ in docs:
        tree = columns(doc).tree
        assert tree.left_edge.tolist() == [t.left_edge.i for t in doc]
        assert tree.right_edge.tolist() == [t.right_edge.i for t in doc]
        assert all(tree.children(t.i) == [c.i for c in t.children] for t in doc)
        spans = [(s, e) for s in range(len(doc)) for e in range(s + 1, min(s + 40, len(doc)) + 1)]
        starts, ends = (np.array(side, dtype=np.int64) for side in zip(*spans, strict=True))
        assert tree.span_roots(starts, ends).tolist() == [doc[s:e].root.i for s, e in spans]


def test_span_roots_taken_in_batches_are_the_roots_taken_at_once(
    docs: list[tuple[Doc, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a sentence of thousands of cue words once took gigabytes: the spans are now rooted in bounded batches
    doc, _ = docs[0]
    tree = columns(doc).tree
    spans = [(s, e) for s in range(len(doc)) for e in range(s + 1, len(doc) + 1)]
    starts, ends = (np.array(side, dtype=np.int64) for side in zip(*spans, strict=True))
    at_once = tree.span_roots(starts, ends).tolist()
    monkeypatch.setattr("fieldbrief.nlp.columns.MAX_SPAN_TOKENS", 97)  # smaller than the longest span: alone
    assert tree.span_roots(starts, ends).tolist() == at_once == [doc[s:e].root.i for s, e in spans]


def test_edges_of_a_non_projective_sentence_are_read_from_spacy() -> None:
    """spaCy's passes stop short of a subtree's extremes in some non-projective trees (here "w3" spans to w11
    through w9 -> w11, spaCy says w9): the arrays take spaCy's edges there, not the extremes."""
    heads = [10, 9, 9, 10, 3, 2, 10, 4, 0, 3, 10, 5]
    doc = Doc(Vocab(), words=[f"w{i}" for i in range(12)], heads=heads, deps=["dep"] * 12)
    plain = Tree(np.array(heads, dtype=np.int64), np.zeros(12, dtype=bool))
    assert plain.right_edge[3] == 11 != doc[3].right_edge.i and plain.unsure[3]
    tree = columns(doc).tree
    assert tree.left_edge.tolist() == [t.left_edge.i for t in doc]
    assert tree.right_edge.tolist() == [t.right_edge.i for t in doc]


# -- quotes near a cue --------------------------------------------------------------------------------------------
def test_quotes_near_an_offset_by_binary_search_and_by_a_look_at_each(docs: list[tuple[Doc, str]]) -> None:
    for _, text in docs:
        quotes = scan_quotes(text)
        index = QuoteIndex(quotes)
        assert index.ordered
        assert all(index.near(at) == list(near_quotes(at, quotes)) for at in range(len(text) + 1))
        linear = [next((q for q in quotes if q.start <= at < q.end), None) for at in range(len(text) + 1)]
        assert [index.around(at) for at in range(len(text) + 1)] == linear
    tangled = [Quote(50, 51, 90, True, False), Quote(10, 11, 30, True, False), Quote(20, 21, 60, True, False)]
    index = QuoteIndex(tangled)
    assert not index.ordered  # out of order and overlapping: each quote is looked at
    assert all(index.near(at) == list(near_quotes(at, tangled)) for at in range(120))
    assert [kind for kind, _ in index.near(25)] == ["quote:after", "quote:around"]
    assert index.around(25) == tangled[1] and index.around(55) == tangled[0] and index.around(95) is None


# -- candidates and their features against the Token-walking reference ---------------------------------------
def reference_candidates(
    doc: Doc, cue: Token, index: DocIndex, quotes: list[Quote]
) -> list[tuple[int, int, list[str]]]:
    """The candidate spans as the tagger found them walking Tokens (before the arrays)."""
    found: dict[tuple[int, int], list[str]] = {}

    def add(kind: str, start: int, end: int) -> None:
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in EDGE_WORDS):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end > start and not (start <= cue.i < end and kind not in {"host", "sentence"}):
            found.setdefault((start, end), []).append(kind)

    number = index.sentence_number(cue)
    sent = index.sents[number]
    subject_start = cue.i
    for child in cue.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i < cue.i:
            subject_start = min(subject_start, child.left_edge.i)
        if child.dep_ in NOT_CONTENT_DEPS:
            continue
        add("child:" + child.dep_, child.left_edge.i, child.right_edge.i + 1)
        if child.dep_ in {"prep", "agent", "dative"}:
            word = child.lower_ if child.lower_ in PREPOSITIONS else "other"
            for grand in child.children:
                if grand.dep_ in {"pobj", "pcomp"}:
                    add("prep:" + word, grand.left_edge.i, grand.right_edge.i + 1)
        if child.dep_ == "dobj":
            preps = [c for c in cue.children if c.dep_ == "prep" and c.i > child.i]
            if preps:
                add("dobj+prep", child.left_edge.i, preps[0].right_edge.i + 1)
    add("right", cue.right_edge.i + 1 if cue.right_edge.i + 1 < sent.end else cue.i + 1, sent.end)
    add("after", cue.i + 1, sent.end)
    add("left", sent.start, subject_start)
    head = cue.head
    if head.i != cue.i:
        add("host:left", head.left_edge.i, cue.left_edge.i)
        add("host:right", cue.right_edge.i + 1, head.right_edge.i + 1)
        if head.left_edge.i < cue.left_edge.i and cue.right_edge.i < head.right_edge.i:
            add("host", head.left_edge.i, head.right_edge.i + 1)
    if number > 0:
        add("previous", index.sents[number - 1].start, index.sents[number - 1].end)
    if number + 1 < len(index.sents):
        nxt = index.sents[number + 1]
        add("next", nxt.start, nxt.end)
        if cue.i + 1 >= sent.end - 2:
            add("after+next", cue.i + 1, nxt.end)
    for kind, quote in near_quotes(cue.idx, quotes):
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None and len(span):
            add(kind, span.start, span.end)
    return [(s, e, kinds) for (s, e), kinds in found.items()]


def _bucket(n: int) -> int:
    return n if n < 4 else 4 if n < 7 else 5 if n < 12 else 6 if n < 20 else 7 if n < 35 else 8


def reference_rows(doc: Doc, cue: Token, start: int, end: int, kinds: list[str], p: ParseArrays) -> Iterator[int]:
    """The content model's hashed features of one pair, row by row, as written before the arrays."""
    sentence = (cue.sent.start, cue.sent.end)
    subject = next((c.i for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}), -1)
    lemma, dep, tag, mask, subj = (int(a[cue.i]) for a in (p.lemma, p.dep, p.tag, p.child_mask, p.subject_pos))
    subject_lemma = int(p.subject_lemma[cue.i])
    root = doc[start:end].root.i
    head_dep, head_pos, head_tag = int(p.dep[root]), int(p.pos[root]), int(p.tag[root])
    first_lower, last_lower, first_tag = int(p.lower[start]), int(p.lower[end - 1]), int(p.tag[start])
    length = _bucket(end - start)
    side = 0 if end <= cue.i else 1 if start > cue.i else 2
    gap = _bucket(start - cue.i - 1 if side == 1 else cue.i - end if side == 0 else 0)
    quoted = int(p.in_quote[start]) * 2 + int(p.in_quote[end - 1])
    place = (start >= sentence[0] and end <= sentence[1]) * 1 + (start == sentence[0]) * 2
    place += (end >= sentence[1] - 1) * 4 + (start >= sentence[1] or end <= sentence[0]) * 8
    inside = int(start <= subject < end)
    rows = [(111, place, 0, 0), (112, place, side, 0), (113, inside, 0, 0), (114, lemma, place, 0),
            (115, subject_lemma, 0, 0), (116, subject_lemma, side, 0), (100, length, 0, 0), (101, side, gap, 0),
            (102, first_lower, 0, 0), (103, last_lower, 0, 0), (104, head_dep, head_pos, 0), (105, quoted, 0, 0),
            (106, lemma, side, 0), (107, quoted, side, length), (108, head_tag, 0, 0), (109, first_tag, side, 0),
            (110, len(kinds), 0, 0)]  # fmt: skip
    assert len(rows) == PAIR_ROWS
    for kind in kinds:
        k = hash_string(kind)
        values = (0, lemma, dep, tag, length, mask, subj, quoted, head_tag, first_lower, place, inside)
        assert len(values) == KIND_ROWS
        rows += [(200 + n, k, v, 0) for n, v in enumerate(values)]
    return (mix(*row) for row in rows)


def test_candidates_and_features_equal_the_token_walking_reference(docs: list[tuple[Doc, str]]) -> None:
    compared = 0
    for doc, text in docs:
        quotes = scan_quotes(text)
        index = DocIndex(doc)
        spans = ContentSpans(doc, index, quotes)
        p = ParseArrays.of(doc, quotes)
        rows, kinds, expected = [], [], []
        for cue in doc:
            found = spans.candidates(cue.i)
            assert [(c.start, c.end, c.kinds) for c in found] == reference_candidates(doc, cue, index, quotes)
            for cand in found:
                rows.append((cue.i, cand.start, cand.end, cue.sent.start, cue.sent.end))
                kinds.append(cand.kinds)
                expected.append(list(reference_rows(doc, cue, cand.start, cand.end, cand.kinds, p)))
        flat, begins = content_hashes(p, Pairs.of(rows, kinds))
        assert begins.tolist() == np.cumsum([0] + [len(e) for e in expected])[:-1].tolist()
        assert flat.tolist() == [h for e in expected for h in e]
        compared += len(rows)
    assert compared > 1000


# -- the encoder's arithmetic -------------------------------------------------------------------------------------
def test_embeddings_summed_template_by_template_equal_the_summed_gather() -> None:
    rng = np.random.default_rng(3)
    table = rng.normal(0, 1, (64, 5)).astype(np.float32)
    ids = rng.integers(0, 64, (40, 23))
    assert np.array_equal(enc.embedded(table, ids), table[ids].sum(axis=1))  # the same sums, to the bit


def test_the_single_threaded_product_is_the_matrix_product() -> None:
    rng = np.random.default_rng(4)
    a, b = rng.normal(0, 1, (50, 96)).astype(np.float32), rng.normal(0, 1, (96, 32)).astype(np.float32)
    assert np.allclose(enc.product(a, b), a.astype(np.float64) @ b, atol=1e-4)
    assert np.allclose(enc.product(a[:, ::2], b[::2]), a[:, ::2] @ b[::2], atol=1e-4)  # strided inputs too
