"""Training of the tagger's contextual encoder (fieldbrief.extract.statements.encoder) with torch (CPU).

Used by dev/train_statements.py. Each PolNeAR article is one sequence: its hashed cue features and tok2vec
vectors in, four labels per token out (cue head; inside, begin, end of some attribution's content). The
epoch with the lowest dev loss is kept (dev chooses; the test split is never read). The weights are exported
to the numpy layout of `EncoderWeights`, and the numpy forward pass is checked against torch's.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from fieldbrief.extract.statements import encoder as enc
from fieldbrief.extract.statements import tagger as learned


def labels(split, k: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(tokens x 4) gold of article k: cue head, inside a content, a content's first token, its last."""
    doc, art = split.docs[k], split.articles[k]
    starts = np.array([t.idx for t in doc], dtype=np.int64)
    y = np.zeros((len(doc), len(enc.HEADS)), dtype=np.float32)
    y[list(split.gold_cues[k]), enc.CUE] = 1
    for att in art.attributions:
        inside = np.zeros(len(doc), dtype=bool)
        for s, e in att.content:
            inside |= (starts >= s) & (starts < e)
        rows = np.flatnonzero(inside)
        if len(rows):
            y[rows, enc.INSIDE] = 1
            y[rows[0], enc.BEGIN] = 1
            y[rows[-1], enc.END] = 1
    return y


def sequences(split, bits: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:  # type: ignore[no-untyped-def]
    mask = np.uint64((1 << bits) - 1)
    return [
        ((learned.cue_feature_ids(p) & mask).astype(np.int64), d.tensor.astype(np.float32), labels(split, k))
        for k, (d, p) in enumerate(zip(split.docs, split.arrays, strict=True))
    ]


class Encoder(nn.Module):
    def __init__(self, bits: int, tensor_width: int, width: int, dilations: tuple[int, ...], dropout: float) -> None:
        super().__init__()
        self.dilations = dilations
        self.embed = nn.Embedding(1 << bits, width)
        nn.init.normal_(self.embed.weight, 0.0, 0.05)
        self.tensor = nn.Linear(tensor_width, width)
        self.convs = nn.ModuleList(nn.Conv1d(width, width, 3, dilation=d, padding=d) for d in dilations)
        self.out = nn.Linear(width, len(enc.HEADS))
        self.dropout = nn.Dropout(dropout)

    def forward(self, ids: torch.Tensor, tensor: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.embed(ids).sum(2) + self.tensor(tensor)) * mask
        h = self.dropout(h)
        for conv in self.convs:
            h = (h + torch.relu(conv(h.transpose(1, 2)).transpose(1, 2))) * mask
        return self.out(self.dropout(h))


def _batches(data, size: int, rng: np.random.Generator | None):  # type: ignore[no-untyped-def]
    order = sorted(range(len(data)), key=lambda i: len(data[i][2]))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    for group in groups:
        n = max(len(data[i][2]) for i in group)
        ids = np.zeros((len(group), n, data[0][0].shape[1]), dtype=np.int64)
        ten = np.zeros((len(group), n, data[0][1].shape[1]), dtype=np.float32)
        y = np.zeros((len(group), n, len(enc.HEADS)), dtype=np.float32)
        mask = np.zeros((len(group), n, 1), dtype=np.float32)
        for row, i in enumerate(group):
            m = len(data[i][2])
            ids[row, :m], ten[row, :m], y[row, :m], mask[row, :m] = data[i][0], data[i][1], data[i][2], 1
        yield torch.from_numpy(ids), torch.from_numpy(ten), torch.from_numpy(y), torch.from_numpy(mask)


def _loss(model: Encoder, batch, head_weights: torch.Tensor) -> tuple[torch.Tensor, float]:  # type: ignore[no-untyped-def]
    ids, ten, y, mask = batch
    logits = model(ids, ten, mask)
    per = nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none") * mask * head_weights
    return per.sum() / mask.sum(), float(mask.sum())


def train(  # type: ignore[no-untyped-def]
    train_split,
    dev_split,
    bits: int,
    width: int,
    dilations: tuple[int, ...],
    epochs: int,
    dropout: float = 0.25,
    seed: int = 0,
) -> enc.EncoderWeights:
    torch.set_num_threads(2)  # the development machine's cores
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    data, dev = sequences(train_split, bits), sequences(dev_split, bits)
    model = Encoder(bits, data[0][1].shape[1], width, dilations, dropout)
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    head_weights = torch.tensor([2.0, 1.0, 1.0, 1.0])  # the cue decision matters most
    best = (np.inf, export(model, bits))
    for epoch in range(epochs):
        started, total, tokens = time.time(), 0.0, 0.0
        model.train()
        for batch in _batches(data, 8, rng):
            optimiser.zero_grad()
            loss, n = _loss(model, batch, head_weights)
            loss.backward()
            optimiser.step()
            total, tokens = total + float(loss.detach()) * n, tokens + n
        model.eval()
        with torch.no_grad():
            dev_total = sum(float(_loss(model, b, head_weights)[0]) * float(b[3].sum()) for b in _batches(dev, 8, None))
        dev_loss = dev_total / sum(len(d[2]) for d in dev)
        print(f"encoder epoch {epoch + 1}: train loss {total / tokens:.4f}, dev loss {dev_loss:.4f} "
              f"({time.time() - started:.0f}s)", flush=True)  # fmt: skip
        if dev_loss < best[0]:
            best = (dev_loss, export(model, bits))
    check(model_from(best[1], data[0][1].shape[1]), best[1], dev[:3])
    return best[1]


def export(model: Encoder, bits: int) -> enc.EncoderWeights:
    """The torch parameters in the numpy layout."""

    def a(t: torch.Tensor) -> np.ndarray:
        return t.detach().numpy().astype(np.float32).copy()

    return enc.EncoderWeights(
        bits=bits,
        embed=a(model.embed.weight),
        tensor=a(model.tensor.weight).T.copy(),
        bias=a(model.tensor.bias),
        convs=tuple(np.concatenate([a(c.weight)[:, :, k].T for k in range(3)], axis=0) for c in model.convs),
        conv_biases=tuple(a(c.bias) for c in model.convs),
        out=a(model.out.weight).T.copy(),
        out_bias=a(model.out.bias),
        dilations=model.dilations,
    )


def model_from(w: enc.EncoderWeights, tensor_width: int) -> Encoder:
    """A torch model with the exported weights (to check the numpy forward pass against)."""
    model = Encoder(w.bits, tensor_width, w.width, w.dilations, dropout=0.0)
    width = w.width
    with torch.no_grad():
        model.embed.weight.copy_(torch.from_numpy(w.embed))
        model.tensor.weight.copy_(torch.from_numpy(w.tensor.T.copy()))
        model.tensor.bias.copy_(torch.from_numpy(w.bias))
        for conv, kernel, bias in zip(model.convs, w.convs, w.conv_biases, strict=True):
            stacked = np.stack([kernel[k * width : (k + 1) * width].T for k in range(3)], axis=2)
            conv.weight.copy_(torch.from_numpy(stacked))
            conv.bias.copy_(torch.from_numpy(bias))
        model.out.weight.copy_(torch.from_numpy(w.out.T.copy()))
        model.out.bias.copy_(torch.from_numpy(w.out_bias))
    return model.eval()


def check(model: Encoder, w: enc.EncoderWeights, data) -> None:  # type: ignore[no-untyped-def]
    """The numpy forward pass must give torch's logits."""
    for ids, ten, _ in data:
        with torch.no_grad():
            ref = model(torch.from_numpy(ids)[None], torch.from_numpy(ten)[None], torch.ones(1, len(ids), 1))[0]
        got = enc.encode(ids, ten, w)
        gap = float(np.abs(got - ref.numpy()).max())
        assert gap < 1e-3, f"numpy and torch encoders differ by {gap}"


def trained(args: argparse.Namespace, train_split, dev_split, build: Path) -> enc.EncoderWeights:  # type: ignore[no-untyped-def]
    """The contextual encoder, trained with torch (or taken from the build cache with --reuse-encoder)."""
    dilations = "-".join(map(str, args.encoder_dilations))
    settings = (f"{args.encoder_bits}.{args.encoder_width}.{dilations}.{args.encoder_epochs}.{args.encoder_dropout}"
                f".{args.encoder_seed}")  # fmt: skip
    cache = build / f"encoder.{settings}.npz"
    if args.reuse_encoder and cache.exists():
        with np.load(cache) as saved:
            return enc.from_arrays(saved, args.encoder_bits)
    weights = train(train_split, dev_split, args.encoder_bits, args.encoder_width, args.encoder_dilations,
                    args.encoder_epochs, dropout=args.encoder_dropout, seed=args.encoder_seed)  # fmt: skip
    cache.parent.mkdir(exist_ok=True)
    np.savez(cache, **enc.to_arrays(weights))
    return weights
