"""The learned attribution tagger: which words are reporting cues, and which span of the parse each one
attributes. Trained on PolNeAR (dev/train_statements.py); weights in fieldbrief/models/statements/.

Two small models over hashed features of the spaCy parse (features.py) and the tok2vec vectors the parse already
made (`doc.tensor`), so the tagger adds little to the cost of the parse:

1. the cue model scores every token at once (numpy over `doc.to_array`): is it the head of an attribution cue
   ("said", "according", "poll ... shows", "blasted", "wants")?
2. for each likely cue, the content model scores the spans the parse offers as what it attributes (its
   clausal complement, object or prepositional object, the clause it interrupts, the rest of its sentence,
   the neighbouring sentence, the neighbouring quote: spans.py) and keeps the best, if good enough.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token

from fieldbrief.extract.statements import encoder as contextual
from fieldbrief.extract.statements.encoder import EncoderWeights
from fieldbrief.extract.statements.features import (
    Pairs,
    ParseArrays,
    content_hashes,
    cue_feature_ids,
    mix,
    mix_arrays,
)
from fieldbrief.extract.statements.quotes import Quote
from fieldbrief.extract.statements.spans import Candidate, ContentSpans, candidates
from fieldbrief.extract.statements.text import DocIndex

# the features and candidate spans, read from here by training (dev/train_statements.py) and the tests
__all__ = [
    "Candidate",
    "ParseArrays",
    "TaggedAttribution",
    "TaggerWeights",
    "article_logits",
    "candidates",
    "content_feature_ids",
    "cue_feature_ids",
    "cue_logits",
    "load_weights",
    "mix",
    "mix_arrays",
    "tag",
]

MODEL_PACKAGE = "fieldbrief.models.statements"
WEIGHTS_FILE = "weights.npz"
CONFIG_FILE = "config.json"


def content_feature_ids(doc: Doc, cue: Token, cand: Candidate, p: ParseArrays, sentence: tuple[int, int]) -> list[int]:
    """Hashed feature ids of one (cue, candidate span) pair (for training and inspection)."""
    return [int(h) for h in content_hashes(p, Pairs.of([(cue.i, cand.start, cand.end, *sentence)], [cand.kinds]))[0]]


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
        encoder = contextual.from_arrays(w, int(config["encoder_bits"])) if "enc_embed" in w.files else None
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
    the encoder's logits (tokens x encoder.HEADS) or None. (Matrix products single-threaded: encoder.product.)"""
    features = cue_feature_ids(p)
    ids = (features & np.uint64(w.cue_mask)).astype(np.int64)
    tensor: NDArray[np.float32] | None = None
    if doc.tensor is not None and doc.tensor.shape == (len(doc), w.cue_tensor.shape[0]):
        tensor = np.asarray(doc.tensor, dtype=np.float32)
    hidden = contextual.embedded(w.cue_embed, ids) + w.cue_hidden_bias
    if tensor is not None:
        hidden += contextual.product(tensor, w.cue_tensor)
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
    spans = ContentSpans(doc, index, quotes)
    found: list[tuple[int, Candidate, int, int]] = []  # (cue, candidate, its sentence's bounds)
    for i in np.flatnonzero(logits >= cue_cut).tolist():
        sentence = spans.sentence(i)
        found.extend((i, cand, *sentence) for cand in spans.candidates(i))
    if not found:
        return []
    # every pair scored at once: the sum of its features' weights, its dense features and the bias
    pairs = Pairs.of(
        [(i, c.start, c.end, first, last) for i, c, first, last in found], [c.kinds for _, c, _, _ in found]
    )
    flat, begins = content_hashes(p, pairs)
    sums = np.add.reduceat(w.content_weights[(flat & np.uint64(w.mask)).astype(np.int64)], begins)
    dense = np.einsum("ij,j->i", dense_features(logits, encoded, pairs.spans), w.content_dense)
    scores = sums + w.content_bias + dense
    best: dict[int, tuple[float, Candidate]] = {}
    for (i, cand, _, _), score in zip(found, scores.tolist(), strict=True):
        if i not in best or score > best[i][0]:
            best[i] = (score, cand)
    out = []
    for i, (score, cand) in best.items():
        confidence = _sigmoid(score)
        if confidence >= w.content_threshold:
            out.append(TaggedAttribution(doc[i], cand.start, cand.end, confidence, tuple(cand.kinds)))
    return out
