"""The tagger's contextual encoder: a stack of dilated 1-D convolutions over an article's tokens, in numpy.

Each token enters as its tok2vec vector (`doc.tensor`) plus the summed embeddings of its hashed cue features
(`tagger.cue_feature_ids`); residual convolutions of width 3, one per dilation the weights record (dilations
1, 2, 4 let every token see 1 + 2 + 4 = 7 tokens either side; 1, 2, 4, 8 see 15), widen its context; four
linear heads read the result: is the token a cue head, is it inside some attribution's content, does a content
begin there, does one end there. The cue head is the tagger's cue decision; the three content heads give the
content model span-boundary features.

Why convolutions rather than a BiLSTM: the forward pass is a handful of array products over the whole article
(no loop over positions), so it costs a small fraction of the parse; the window covers a cue and the start and
end of most contents. Trained with torch (dev/statements_encoder.py); run here in numpy only, its
matrix products by the single-threaded BLIS kernel spaCy's own layers use (thinc's `gemm`): numpy's einsum is
three times slower at these sizes, and numpy's threaded OpenBLAS spends more in waking its threads than in the
arithmetic, the more so on a busy machine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray
from thinc.api import NumpyOps

_OPS = NumpyOps()


def product(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    """The matrix product a @ b of float32 matrices, single-threaded (see the module's note)."""
    out: NDArray[np.float32] = _OPS.gemm(np.ascontiguousarray(a), np.ascontiguousarray(b))
    return out


def embedded(table: NDArray[np.float32], ids: NDArray[np.int64]) -> NDArray[np.float32]:
    """Each token's row of `ids` (tokens x templates) summed over `table`'s rows, template by template (the
    same sums as `table[ids].sum(axis=1)`, without the tokens x templates x width array)."""
    by_template = np.ascontiguousarray(ids.T)
    out: NDArray[np.float32] = np.take(table, by_template[0], axis=0)
    rows = np.empty_like(out)
    for column in by_template[1:]:
        np.take(table, column, axis=0, out=rows)
        out += rows
    return out


# the dilations of weights saved before the weights recorded their own (`EncoderWeights.dilations`)
UNRECORDED_DILATIONS = (1, 2, 4)
HEADS = ("cue", "inside", "begin", "end")  # the output columns, in order
CUE, INSIDE, BEGIN, END = range(len(HEADS))


@dataclass(frozen=True)
class EncoderWeights:
    """The encoder's parameters, laid out for numpy (convolution kernels as (3 * width, width) matrices whose
    row blocks take the token `dilation` before, the token itself, the token `dilation` after)."""

    bits: int
    embed: NDArray[np.float32]  # (2**bits, width): hashed feature embeddings, summed per token
    tensor: NDArray[np.float32]  # (tensor width, width): doc.tensor into the first layer
    bias: NDArray[np.float32]  # (width,)
    convs: tuple[NDArray[np.float32], ...]  # per dilation: (3 * width, width)
    conv_biases: tuple[NDArray[np.float32], ...]  # per dilation: (width,)
    out: NDArray[np.float32]  # (width, len(HEADS))
    out_bias: NDArray[np.float32]  # (len(HEADS),)
    dilations: tuple[int, ...]  # one residual convolution per dilation, in order

    def __post_init__(self) -> None:
        if not (len(self.dilations) == len(self.convs) == len(self.conv_biases)):
            raise ValueError(f"{len(self.dilations)} dilations for {len(self.convs)} convolutions")

    @property
    def mask(self) -> int:
        return (1 << self.bits) - 1

    @property
    def width(self) -> int:
        return int(self.bias.shape[0])

    @cached_property
    def stacked_convs(self) -> tuple[NDArray[np.float32], ...]:
        """Each kernel as (width, 3 * width): the products with the window before, the token, the window after
        side by side, so that one matrix product per layer gives all three."""
        return tuple(np.ascontiguousarray(np.hstack(np.split(kernel, 3))) for kernel in self.convs)


def from_arrays(saved: Mapping[str, NDArray[Any]], bits: int) -> EncoderWeights:
    """The encoder in a weights file's `enc_*` arrays (as `to_arrays` names them), as float32."""

    def a(name: str) -> NDArray[np.float32]:
        return np.asarray(saved[name], dtype=np.float32)

    dilations = tuple(int(d) for d in saved["enc_dilations"]) if "enc_dilations" in saved else UNRECORDED_DILATIONS
    layers = range(len(dilations))
    return EncoderWeights(
        bits=bits,
        embed=a("enc_embed"),
        tensor=a("enc_tensor"),
        bias=a("enc_bias"),
        convs=tuple(a(f"enc_conv{k}") for k in layers),
        conv_biases=tuple(a(f"enc_conv_bias{k}") for k in layers),
        out=a("enc_out"),
        out_bias=a("enc_out_bias"),
        dilations=dilations,
    )


def to_arrays(w: EncoderWeights, embed_type: type = np.float32) -> dict[str, NDArray[Any]]:
    """The encoder's arrays under the names `from_arrays` reads (the embeddings, the bulk, as `embed_type`)."""
    arrays: dict[str, NDArray[Any]] = {
        "enc_embed": w.embed.astype(embed_type),
        "enc_tensor": w.tensor,
        "enc_bias": w.bias,
        "enc_out": w.out,
        "enc_out_bias": w.out_bias,
        "enc_dilations": np.array(w.dilations, dtype=np.int64),
    }
    for k, (kernel, bias) in enumerate(zip(w.convs, w.conv_biases, strict=True)):
        arrays[f"enc_conv{k}"], arrays[f"enc_conv_bias{k}"] = kernel, bias
    return arrays


def encode(ids: NDArray[np.int64], tensor: NDArray[np.float32] | None, w: EncoderWeights) -> NDArray[np.float32]:
    """(tokens x len(HEADS)) logits for one article: `ids` are its masked hashed feature ids (tokens x
    templates), `tensor` its tok2vec vectors (None where the parse has none of the trained width)."""
    h = embedded(w.embed, ids) + w.bias
    if tensor is not None:
        h += product(tensor, w.tensor)
    np.maximum(h, 0.0, out=h)
    n, width = h.shape
    for dilation, kernel, bias in zip(w.dilations, w.stacked_convs, w.conv_biases, strict=True):
        # each token's three kernel products at once (tokens x 3 widths), then the neighbours' added in place:
        # the same sum as the window before, the token, the window after, without building the window
        products = product(h, kernel)
        conv = products[:, width : 2 * width] + bias
        if dilation < n:
            conv[dilation:] += products[:-dilation, :width]  # the token `dilation` before
            conv[:-dilation] += products[dilation:, 2 * width :]  # the token `dilation` after
        h += np.maximum(conv, 0.0, out=conv)
    return np.asarray(product(h, w.out) + w.out_bias, dtype=np.float32)


SPAN_FEATURES = 7  # the width of `span_features`' rows
OUTSIDE = -10.0  # the log-probability floor, and the logit of a token past either end of the article


def _log_sigmoid(x: NDArray[np.float32]) -> NDArray[np.float32]:
    return np.asarray(np.maximum(-np.logaddexp(0.0, -x), OUTSIDE), dtype=np.float32)


def span_features(
    logits: NDArray[np.float32], cue_logits: NDArray[np.float32], pairs: NDArray[np.int64]
) -> NDArray[np.float32]:
    """Dense features of (cue, span) pairs for the content model, all pairs at once. `logits`: the encoder's
    (tokens x HEADS); `cue_logits`: the tagger's cue logit per token; `pairs`: rows (cue, start, end), spans of
    tokens [start, end). Columns: the cue's logit; the mean probability that the span's tokens lie inside a
    content; the log-probability that a content begins at its first token and ends at its last; the
    probability that the token just before it and the one just after it lie inside a content (a span that
    cuts a content short); the share of its tokens more likely inside than out."""
    cue, start, end = pairs[:, 0], pairs[:, 1], pairs[:, 2]
    n = len(logits)
    inside = 1.0 / (1.0 + np.exp(-logits[:, INSIDE]))
    summed = np.concatenate([[0.0], np.cumsum(inside)])
    counted = np.concatenate([[0], np.cumsum(inside > 0.5)])
    length = np.maximum(end - start, 1)
    padded = np.concatenate([[0.0], inside, [0.0]])  # padded[i + 1] = inside[i]
    return np.stack(
        [
            cue_logits[cue],
            (summed[end] - summed[start]) / length,
            _log_sigmoid(logits[start, BEGIN]),
            _log_sigmoid(logits[np.minimum(end, n) - 1, END]),
            padded[start],  # the token before the span
            padded[np.minimum(end, n) + 1],  # the token after it
            (counted[end] - counted[start]) / length,
        ],
        axis=1,
    ).astype(np.float32)
