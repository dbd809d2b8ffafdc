"""The learned attribution tagger: which words are reporting cues, and which span of the parse each one
attributes. Trained on PolNeAR (dev/train_statements.py); weights in fieldbrief/models/statements/.

Two small models over hashed features of the spaCy parse and the tok2vec vectors the parse already made
(`doc.tensor`), so the tagger adds little to the cost of the parse:

1. the cue model scores every token at once (numpy over `doc.to_array`): is it the head of an attribution cue
   ("said", "according", "poll ... shows", "blasted", "wants")?
2. for each likely cue, the content model scores the spans the parse offers as what it attributes (its
   clausal complement, object or prepositional object, the clause it interrupts, the rest of its sentence,
   the neighbouring sentence, the neighbouring quote) and keeps the best, if good enough.

Feature hashing is stable across processes: spaCy's string hashes, mixed with FNV-1a arithmetic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.strings import get_string_id as hash_string  # the hash spaCy stores for a string
from spacy.tokens import Doc, Token

from fieldbrief.extract.statements import encoder as contextual
from fieldbrief.extract.statements.encoder import EncoderWeights
from fieldbrief.extract.statements.quotes import Quote
from fieldbrief.extract.statements.text import DocIndex

MODEL_PACKAGE = "fieldbrief.models.statements"
WEIGHTS_FILE = "weights.npz"
CONFIG_FILE = "config.json"
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1

# children whose presence (as a bit mask) tells a reporting verb from another: "said (that) ...", "told X"
CHILD_DEPS = (
    "nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "advcl", "parataxis", "neg", "aux", "auxpass",
    "dative", "agent", "mark", "acomp", "attr", "poss",
)  # fmt: skip
# children that never hold what was said
NOT_CONTENT_DEPS = frozenset(
    {"punct", "aux", "auxpass", "neg", "cc", "mark", "det", "nsubj", "nsubjpass", "expl", "case", "prt", "predet"}
)
PREPOSITIONS = frozenset(
    {"about", "against", "as", "at", "for", "from", "in", "of", "on", "over", "to", "with", "by", "into", "toward"}
)
EDGE_WORDS = frozenset({"that", ",", ":", ";", "-", "\u2014", "\u2013", "and", "but"})
QUOTE_GAP = 80  # characters between a cue and a quote that may be its content


def mix(*parts: int) -> int:
    """FNV-1a over 64-bit integers: a stable hash of a feature template and its values."""
    h = FNV_OFFSET
    for p in parts:
        h = ((h ^ (p & MASK64)) * FNV_PRIME) & MASK64
    return h


def mix_arrays(*parts: NDArray[np.uint64] | int) -> NDArray[np.uint64]:
    """`mix` over arrays, element-wise (uint64 arithmetic wraps as the integer version masks)."""
    h: NDArray[np.uint64] | np.uint64 = np.uint64(FNV_OFFSET)
    with np.errstate(over="ignore"):
        for p in parts:
            h = (h ^ np.asarray(p & MASK64 if isinstance(p, int) else p, dtype=np.uint64)) * np.uint64(FNV_PRIME)
    return np.asarray(h, dtype=np.uint64)


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

    @classmethod
    def of(cls, doc: Doc, quotes: Iterable[Quote]) -> ParseArrays:
        arr: NDArray[np.uint64] = np.asarray(doc.to_array([LOWER, LEMMA, TAG, DEP, POS, HEAD]), dtype=np.uint64)
        n = len(doc)
        head = arr[:, 5].astype(np.int64) + np.arange(n, dtype=np.int64)
        dep = arr[:, 3]
        child_mask = np.zeros(n, dtype=np.uint64)
        not_root = head != np.arange(n)
        for bit, name in enumerate(CHILD_DEPS):
            rows = (dep == np.uint64(hash_string(name))) & not_root
            child_mask[head[rows]] |= np.uint64(1 << bit)
        subject_lemma = np.zeros(n, dtype=np.uint64)
        subject_pos = np.zeros(n, dtype=np.uint64)
        subj = ((dep == np.uint64(hash_string("nsubj"))) | (dep == np.uint64(hash_string("nsubjpass")))) & not_root
        subject_lemma[head[subj]] = arr[subj, 1]
        subject_pos[head[subj]] = arr[subj, 4]
        starts = doc.to_array(IDX).astype(np.int64)
        in_quote = np.zeros(n, dtype=np.uint64)
        for q in quotes:
            in_quote[(starts >= q.start) & (starts < q.end)] = 1
        sentence_start = (doc.to_array(SENT_START).astype(np.int64) == 1).astype(np.uint64)
        sentence_start[0] = 1
        return cls(arr[:, 0], arr[:, 1], arr[:, 2], dep, arr[:, 4], head, child_mask, subject_lemma, subject_pos,
                   in_quote, sentence_start)  # fmt: skip


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


# ------------------------------------------------------------------------------------------ content candidates
@dataclass
class Candidate:
    """A span the parse offers as a cue's content: tokens [start, end) and the ways it was found."""

    start: int
    end: int
    kinds: list[str]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in EDGE_WORDS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def candidates(doc: Doc, cue: Token, index: DocIndex, quotes: list[Quote]) -> list[Candidate]:
    """The spans that may be what `cue` attributes, each with the relations that proposed it."""
    found: dict[tuple[int, int], list[str]] = {}

    def add(kind: str, start: int, end: int) -> None:
        start, end = _trimmed(doc, start, end)
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
        prev = index.sents[number - 1]
        add("previous", prev.start, prev.end)
    if number + 1 < len(index.sents):
        nxt = index.sents[number + 1]
        add("next", nxt.start, nxt.end)
        if cue.i + 1 >= sent.end - 2:  # "He said:" closing its sentence
            add("after+next", cue.i + 1, nxt.end)
    for kind, quote in _near_quotes(doc, cue, quotes):
        rng = _token_range(doc, quote.start, quote.end)
        if rng is not None:
            add(kind, *rng)
    return [Candidate(s, e, kinds) for (s, e), kinds in found.items()]


def _near_quotes(doc: Doc, cue: Token, quotes: list[Quote]) -> Iterator[tuple[str, Quote]]:
    """The nearest quote after the cue and the nearest before it, within a short gap."""
    after = [q for q in quotes if cue.idx < q.open <= cue.idx + QUOTE_GAP]
    before = [q for q in quotes if q.stop <= cue.idx and cue.idx - q.stop <= QUOTE_GAP]
    if after:
        yield "quote:after", after[0]
    if before:
        yield "quote:before", before[-1]
    around = [q for q in quotes if q.start <= cue.idx < q.end]
    if around:
        yield "quote:around", around[0]


def _bucket(n: int) -> int:
    return n if n < 4 else 4 if n < 7 else 5 if n < 12 else 6 if n < 20 else 7 if n < 35 else 8


@dataclass(frozen=True)
class CueContext:
    """What the content features need of a cue, looked up once per cue rather than once per candidate."""

    i: int
    lemma: int
    dep: int
    tag: int
    mask: int
    subj: int
    subject: int  # index of its subject, -1 without
    subject_lemma: int
    sentence: tuple[int, int]

    @classmethod
    def of(cls, cue: Token, p: ParseArrays, sentence: tuple[int, int]) -> CueContext:
        i = cue.i
        subject = next((c.i for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}), -1)
        return cls(i, int(p.lemma[i]), int(p.dep[i]), int(p.tag[i]), int(p.child_mask[i]), int(p.subject_pos[i]),
                   subject, int(p.subject_lemma[i]), sentence)  # fmt: skip


def content_features(doc: Doc, c: CueContext, cand: Candidate, p: ParseArrays) -> list[tuple[int, int, int, int]]:
    """The features of one (cue, candidate span) pair as (template, value, value, value) rows, hashed together
    for a whole article by `hash_rows` (one numpy pass instead of a Python loop per feature)."""
    head_i = doc[cand.start : cand.end].root.i
    head_dep, head_pos, head_tag = int(p.dep[head_i]), int(p.pos[head_i]), int(p.tag[head_i])
    first_lower, last_lower, first_tag = int(p.lower[cand.start]), int(p.lower[cand.end - 1]), int(p.tag[cand.start])
    length = _bucket(cand.end - cand.start)
    side = 0 if cand.end <= c.i else 1 if cand.start > c.i else 2
    gap = _bucket(cand.start - c.i - 1 if side == 1 else c.i - cand.end if side == 0 else 0)
    lemma, dep, tag, mask, subj = c.lemma, c.dep, c.tag, c.mask, c.subj
    quoted = int(p.in_quote[cand.start]) * 2 + int(p.in_quote[cand.end - 1])
    # where the span lies against the cue's sentence: inside, from its start, to its end, beyond it
    sentence = c.sentence
    place = (cand.start >= sentence[0] and cand.end <= sentence[1]) * 1 + (cand.start == sentence[0]) * 2
    place += (cand.end >= sentence[1] - 1) * 4 + (cand.start >= sentence[1] or cand.end <= sentence[0]) * 8
    subject_inside = int(cand.start <= c.subject < cand.end)
    rows = [
        (111, place, 0, 0),
        (112, place, side, 0),
        (113, subject_inside, 0, 0),
        (114, lemma, place, 0),
        (115, c.subject_lemma, 0, 0),
        (116, c.subject_lemma, side, 0),
        (100, length, 0, 0),
        (101, side, gap, 0),
        (102, first_lower, 0, 0),
        (103, last_lower, 0, 0),
        (104, head_dep, head_pos, 0),
        (105, quoted, 0, 0),
        (106, lemma, side, 0),
        (107, quoted, side, length),
        (108, head_tag, 0, 0),
        (109, first_tag, side, 0),
        (110, len(cand.kinds), 0, 0),
    ]
    for kind in cand.kinds:
        k = hash_string(kind)
        rows += [
            (200, k, 0, 0),
            (201, k, lemma, 0),
            (202, k, dep, 0),
            (203, k, tag, 0),
            (204, k, length, 0),
            (205, k, mask, 0),
            (206, k, subj, 0),
            (207, k, quoted, 0),
            (208, k, head_tag, 0),
            (209, k, first_lower, 0),
            (210, k, place, 0),
            (211, k, subject_inside, 0),
        ]
    return rows


def hash_rows(rows: list[tuple[int, int, int, int]]) -> NDArray[np.uint64]:
    """`mix` of each row, over all rows at once."""
    arr = np.array(rows, dtype=np.uint64).reshape(-1, 4)
    return mix_arrays(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])


def content_feature_ids(doc: Doc, cue: Token, cand: Candidate, p: ParseArrays, sentence: tuple[int, int]) -> list[int]:
    """Hashed feature ids of one (cue, candidate span) pair (for training and inspection)."""
    return [int(h) for h in hash_rows(content_features(doc, CueContext.of(cue, p, sentence), cand, p))]


# ------------------------------------------------------------------------------------------ the model
@dataclass(frozen=True)
class TaggerWeights:
    """The cue model (one hidden layer over summed feature embeddings and the tok2vec vector) and the content
    model (linear over hashed features and the cue's logit)."""

    cue_bits: int
    cue_embed: NDArray[np.float32]  # (2**cue_bits, hidden): hashed feature embeddings
    cue_tensor: NDArray[np.float32]  # (tensor width, hidden): doc.tensor into the hidden layer
    cue_hidden_bias: NDArray[np.float32]  # (hidden,)
    cue_out: NDArray[np.float32]  # (hidden,)
    cue_bias: float
    bits: int
    content_weights: NDArray[np.float32]  # (2**bits,)
    content_dense: NDArray[np.float32]  # [cue logit], or with the encoder the columns of `span_features`
    content_bias: float
    cue_threshold: float  # below this no content is looked for
    content_threshold: float  # below this a (cue, span) pair is no attribution
    encoder: EncoderWeights | None = None  # the contextual encoder (encoder.py), where the weights have one

    @property
    def mask(self) -> int:
        return (1 << self.bits) - 1

    @property
    def cue_mask(self) -> int:
        return (1 << self.cue_bits) - 1


@lru_cache(maxsize=1)
def load_weights() -> TaggerWeights:
    """The weights shipped in fieldbrief/models/statements, loaded once per process."""
    return load_weights_from(resources.files(MODEL_PACKAGE))


def load_weights_from(folder: Traversable) -> TaggerWeights:
    config = json.loads(folder.joinpath(CONFIG_FILE).read_text(encoding="utf-8"))
    with folder.joinpath(WEIGHTS_FILE).open("rb") as fh, np.load(fh) as w:
        encoder = None
        if "enc_embed" in w.files:
            layers = range(len(contextual.DILATIONS))
            encoder = EncoderWeights(
                bits=int(config["encoder_bits"]),
                embed=w["enc_embed"].astype(np.float32),
                tensor=w["enc_tensor"].astype(np.float32),
                bias=w["enc_bias"].astype(np.float32),
                convs=tuple(w[f"enc_conv{k}"].astype(np.float32) for k in layers),
                conv_biases=tuple(w[f"enc_conv_bias{k}"].astype(np.float32) for k in layers),
                out=w["enc_out"].astype(np.float32),
                out_bias=w["enc_out_bias"].astype(np.float32),
            )
        return TaggerWeights(
            cue_bits=int(config["cue_bits"]),
            cue_embed=w["cue_embed"].astype(np.float32),
            cue_tensor=w["cue_tensor"].astype(np.float32),
            cue_hidden_bias=w["cue_hidden_bias"].astype(np.float32),
            cue_out=w["cue_out"].astype(np.float32),
            cue_bias=float(w["cue_bias"]),
            bits=int(config["bits"]),
            content_weights=w["content_weights"].astype(np.float32),
            content_dense=w["content_dense"].astype(np.float32),
            content_bias=float(w["content_bias"]),
            cue_threshold=float(config["cue_threshold"]),
            content_threshold=float(config["content_threshold"]),
            encoder=encoder,
        )


@dataclass(frozen=True)
class TaggedAttribution:
    """A cue and the token span [start, end) the tagger attributes to it, with the model's confidence."""

    cue: Token
    start: int
    end: int
    score: float
    kinds: tuple[str, ...]


def article_logits(
    doc: Doc, p: ParseArrays, w: TaggerWeights
) -> tuple[NDArray[np.float32], NDArray[np.float32] | None]:
    """The cue logit of every token of the article (the cue model's, averaged with the encoder's cue head
    where the weights have an encoder: the two together rank cues better on PolNeAR dev than either), and
    the encoder's logits (tokens x encoder.HEADS) or None. (einsum, not BLAS: for these small products a
    threaded BLAS costs more in start-up than in arithmetic, the more so on a busy machine.)"""
    features = cue_feature_ids(p)
    ids = (features & np.uint64(w.cue_mask)).astype(np.int64)
    tensor: NDArray[np.float32] | None = None
    if doc.tensor is not None and doc.tensor.shape == (len(doc), w.cue_tensor.shape[0]):
        tensor = np.asarray(doc.tensor, dtype=np.float32)
    hidden = np.take(w.cue_embed, ids, axis=0).sum(axis=1) + w.cue_hidden_bias
    if tensor is not None:
        hidden += np.einsum("ij,jk->ik", tensor, w.cue_tensor)
    np.maximum(hidden, 0.0, out=hidden)
    cue = np.asarray(np.einsum("ij,j->i", hidden, w.cue_out) + w.cue_bias, dtype=np.float32)
    if w.encoder is None:
        return cue, None
    encoded = contextual.encode((features & np.uint64(w.encoder.mask)).astype(np.int64), tensor, w.encoder)
    return np.asarray((cue + encoded[:, contextual.CUE]) / 2, dtype=np.float32), encoded


def cue_logits(doc: Doc, p: ParseArrays, w: TaggerWeights) -> NDArray[np.float32]:
    """The cue logit of every token of the article (see `article_logits`)."""
    return article_logits(doc, p, w)[0]


def dense_features(
    logits: NDArray[np.float32], encoded: NDArray[np.float32] | None, pairs: NDArray[np.int64]
) -> NDArray[np.float32]:
    """The content model's dense features of (cue, start, end) rows: the cue's logit, and with the encoder
    its span features."""
    if encoded is None:
        return logits[pairs[:, 0]][:, None]
    return contextual.span_features(encoded, logits, pairs)


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


def tag(doc: Doc, index: DocIndex, quotes: list[Quote], w: TaggerWeights | None = None) -> list[TaggedAttribution]:
    """Attributions the learned model finds in a parsed article, one per cue at most."""
    w = w or load_weights()
    if not len(doc):
        return []
    p = ParseArrays.of(doc, quotes)
    logits, encoded = article_logits(doc, p, w)
    cue_cut = np.log(w.cue_threshold / (1 - w.cue_threshold))
    pairs: list[tuple[Token, Candidate, float]] = []
    rows: list[tuple[int, int, int, int]] = []
    ends: list[int] = []
    for i in np.flatnonzero(logits >= cue_cut):
        cue = doc[int(i)]
        sent = index.sentence(cue)
        context = CueContext.of(cue, p, (sent.start, sent.end))
        for cand in candidates(doc, cue, index, quotes):
            rows.extend(content_features(doc, context, cand, p))
            ends.append(len(rows))
            pairs.append((cue, cand, float(logits[i])))
    if not pairs:
        return []
    # every pair scored at once: the sum of its features' weights, its dense features and the bias
    flat = hash_rows(rows) & np.uint64(w.mask)
    starts = np.array([0, *ends[:-1]], dtype=np.int64)
    sums = np.add.reduceat(w.content_weights[flat.astype(np.int64)], starts)
    spans = np.array([(cue.i, cand.start, cand.end) for cue, cand, _ in pairs], dtype=np.int64)
    scores = sums + w.content_bias + np.einsum("ij,j->i", dense_features(logits, encoded, spans), w.content_dense)
    best: dict[int, tuple[float, Candidate]] = {}
    for (cue, cand, _), score in zip(pairs, scores.tolist(), strict=True):
        if cue.i not in best or score > best[cue.i][0]:
            best[cue.i] = (score, cand)
    found = []
    for cue_i, (score, cand) in best.items():
        confidence = _sigmoid(score)
        if confidence >= w.content_threshold:
            found.append(TaggedAttribution(doc[cue_i], cand.start, cand.end, confidence, tuple(cand.kinds)))
    return found
