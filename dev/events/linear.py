"""Multinomial logistic regression over sparse binary features, in numpy (full batch, Adam, L2)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class Design:
    """Rows of feature indices as one flat array with row offsets (a CSR matrix of ones)."""

    def __init__(self, rows: Sequence[Sequence[int]]) -> None:
        self.lengths = np.array([len(r) for r in rows], dtype=np.int64)
        self.indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(self.lengths.sum()))
        self.starts = np.concatenate([[0], np.cumsum(self.lengths)[:-1]])
        self.n = len(rows)

    def logits(self, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
        return np.add.reduceat(weights[self.indices], self.starts, axis=0) + bias

    def gradient(self, delta: np.ndarray, n_features: int) -> np.ndarray:
        grad = np.zeros((n_features, delta.shape[1]), dtype=np.float64)
        np.add.at(grad, self.indices, np.repeat(delta, self.lengths, axis=0))
        return grad


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def fit(
    design: Design,
    labels: np.ndarray,
    n_features: int,
    n_classes: int,
    *,
    l2: float = 1e-3,
    epochs: int = 300,
    rate: float = 0.05,
    sample_weight: np.ndarray | None = None,
    seed: int = 13,
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features x classes) and biases minimising the weighted mean log loss plus l2/2 * |W|^2."""
    rng = np.random.default_rng(seed)
    weights = rng.normal(0, 0.01, (n_features, n_classes))
    bias = np.zeros(n_classes)
    onehot = np.eye(n_classes)[labels]
    sw = np.ones(design.n) if sample_weight is None else sample_weight
    sw = sw / sw.sum()
    m_w = np.zeros_like(weights)
    v_w = np.zeros_like(weights)
    m_b = np.zeros_like(bias)
    v_b = np.zeros_like(bias)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        p = softmax(design.logits(weights, bias))
        delta = (p - onehot) * sw[:, None]
        g_w = design.gradient(delta, n_features) + l2 * weights
        g_b = delta.sum(axis=0)
        m_w = b1 * m_w + (1 - b1) * g_w
        v_w = b2 * v_w + (1 - b2) * g_w * g_w
        m_b = b1 * m_b + (1 - b1) * g_b
        v_b = b2 * v_b + (1 - b2) * g_b * g_b
        corr1, corr2 = 1 - b1**t, 1 - b2**t
        weights -= rate * (m_w / corr1) / (np.sqrt(v_w / corr2) + eps)
        bias -= rate * (m_b / corr1) / (np.sqrt(v_b / corr2) + eps)
    return weights, bias


def predict(design: Design, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    return softmax(design.logits(weights, bias))
