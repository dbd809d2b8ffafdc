"""The tagger's contextual encoder (dilated convolutions in numpy): its forward pass against a plain reference,
the span features the content model reads, and the shipped weights (fictional sentences only)."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest
from spacy.language import Language

from fieldbrief.extract.statements import encoder as enc
from fieldbrief.extract.statements.tagger import (
    CONFIG_FILE,
    MODEL_PACKAGE,
    ParseArrays,
    article_logits,
    cue_feature_ids,
    load_weights,
)


def random_weights(
    dilations: tuple[int, ...] = (1, 2, 4), bits: int = 5, tensor_width: int = 4, width: int = 3, seed: int = 7
) -> enc.EncoderWeights:
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    layers = len(dilations)
    return enc.EncoderWeights(bits, r(1 << bits, width), r(tensor_width, width), r(width),
                              tuple(r(3 * width, width) for _ in range(layers)), tuple(r(width) for _ in range(layers)),
                              r(width, len(enc.HEADS)), r(len(enc.HEADS)), dilations)  # fmt: skip


def reference_encode(ids: np.ndarray, tensor: np.ndarray, w: enc.EncoderWeights) -> np.ndarray:
    """The same network written token by token, as the convolution is defined (zero padding at both ends)."""
    n, width = len(ids), w.width
    h = np.array([np.maximum(w.embed[ids[i]].sum(0) + tensor[i] @ w.tensor + w.bias, 0) for i in range(n)])
    for d, kernel, bias in zip(w.dilations, w.convs, w.conv_biases, strict=True):
        new = h.copy()
        for i in range(n):
            total = bias.astype(np.float64).copy()
            for k, j in enumerate((i - d, i, i + d)):
                if 0 <= j < n:
                    total += h[j] @ kernel[k * width : (k + 1) * width]
            new[i] = h[i] + np.maximum(total, 0)
        h = new
    return h @ w.out + w.out_bias


@pytest.mark.parametrize("dilations", [(1, 2, 4), (1, 2, 4, 8), (1, 2, 4, 8, 16)])
def test_the_forward_pass_equals_the_token_by_token_reference(dilations: tuple[int, ...]) -> None:
    w = random_weights(dilations)
    rng = np.random.default_rng(1)
    for n in (1, 2, 5, 11, 40):  # shorter and longer than the widest dilation
        ids = rng.integers(0, 1 << w.bits, (n, 6))
        tensor = rng.normal(0, 1, (n, 4)).astype(np.float32)
        assert np.allclose(enc.encode(ids, tensor, w), reference_encode(ids, tensor, w), atol=1e-5)


def test_a_hand_computed_forward_pass() -> None:
    """Width 1, one feature per token, kernels that add the neighbours at each dilation: numbers by hand."""
    ones = np.ones((3, 1), dtype=np.float32)
    w = enc.EncoderWeights(
        bits=2,
        embed=np.array([[0.0], [1.0], [2.0], [3.0]], dtype=np.float32),
        tensor=np.zeros((1, 1), dtype=np.float32),
        bias=np.zeros(1, dtype=np.float32),
        convs=(ones, ones, ones),
        conv_biases=(np.zeros(1, np.float32),) * 3,
        out=np.ones((1, len(enc.HEADS)), dtype=np.float32),
        out_bias=np.array([0.0, 1.0, 2.0, 3.0], dtype=np.float32),
        dilations=(1, 2, 4),
    )
    ids = np.array([[1], [2], [3]])
    # h0 = 1 2 3; dilation 1: h + (left + h + right) = 1+3, 2+6, 3+5 = 4 8 8;
    # dilation 2: 4+(4+8), 8+8, 8+(4+8) = 16 16 20; dilation 4 (no neighbours): 32 32 40
    got = enc.encode(ids, None, w)
    assert got[:, enc.CUE].tolist() == [32.0, 32.0, 40.0]
    assert got[0].tolist() == [32.0, 33.0, 34.0, 35.0]


def test_span_features_read_the_boundaries() -> None:
    big = 20.0
    logits = np.full((6, len(enc.HEADS)), -big, dtype=np.float32)
    logits[1:4, enc.INSIDE] = big  # tokens 1..3 are a content, beginning at 1 and ending at 3
    logits[1, enc.BEGIN] = big
    logits[3, enc.END] = big
    cue = np.arange(6, dtype=np.float32)
    right, short, long = enc.span_features(logits, cue, np.array([[5, 1, 4], [5, 1, 3], [0, 0, 6]]))
    assert np.allclose(right, [5.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0], atol=1e-6)
    assert short[3] == enc.OUTSIDE and short[5] == 1.0  # ends too soon: no end there, the next token inside
    assert np.allclose(long[[0, 1, 2, 6]], [0.0, 0.5, enc.OUTSIDE, 0.5], atol=1e-6)


def test_the_weights_file_keeps_the_dilations() -> None:
    """Weights save their own dilations; weights saved before they did load with the dilations they had."""
    w = random_weights((1, 2, 4, 8))
    arrays = enc.to_arrays(w)
    again = enc.from_arrays(arrays, w.bits)
    assert again.dilations == (1, 2, 4, 8) and len(again.convs) == 4
    ids = np.random.default_rng(2).integers(0, 1 << w.bits, (20, 6))
    assert np.allclose(enc.encode(ids, None, again), enc.encode(ids, None, w))
    del arrays["enc_dilations"], arrays["enc_conv3"], arrays["enc_conv_bias3"]
    assert enc.from_arrays(arrays, w.bits).dilations == enc.UNRECORDED_DILATIONS


def test_weights_with_fewer_dilations_than_convolutions_are_refused() -> None:
    w = random_weights((1, 2, 4))
    with pytest.raises(ValueError, match="2 dilations for 3 convolutions"):
        enc.EncoderWeights(w.bits, w.embed, w.tensor, w.bias, w.convs, w.conv_biases, w.out, w.out_bias, (1, 2))


def test_the_shipped_weights_have_an_encoder() -> None:
    config = json.loads(resources.files(MODEL_PACKAGE).joinpath(CONFIG_FILE).read_text(encoding="utf-8"))
    w = load_weights()
    assert w.encoder is not None
    assert w.encoder.embed.shape == (2 ** config["encoder_bits"], config["encoder_width"])
    assert list(w.encoder.dilations) == config.get("encoder_dilations", list(enc.UNRECORDED_DILATIONS))
    assert len(w.encoder.convs) == len(w.encoder.dilations)
    assert w.content_dense.shape == (enc.SPAN_FEATURES,)


def test_the_encoder_marks_cue_and_content_of_a_report(nlp: Language) -> None:
    """On a fictional report the trained heads pick out the reporting verb and the clause it reports."""
    doc = nlp("The harbour master of Vellmark said that the ferries would not sail until Friday.")
    w = load_weights()
    cue, encoded = article_logits(doc, ParseArrays.of(doc, []), w)
    assert encoded is not None and encoded.shape == (len(doc), len(enc.HEADS))
    said = next(t.i for t in doc if t.text == "said")
    assert int(np.argmax(cue)) == said
    ferries = next(t.i for t in doc if t.text == "ferries")
    assert encoded[ferries, enc.INSIDE] > 0 > encoded[1, enc.INSIDE]  # "harbour" is the source, not content
    assert cue_feature_ids(ParseArrays.of(doc, [])).shape[0] == len(doc)
