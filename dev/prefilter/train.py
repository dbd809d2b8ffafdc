"""Train the relevance pre-filter (`make train-prefilter`): logistic regression on word uni- and bigrams and the
lexicon's counts of conflict terms.

Fits on the train split once per candidate penalty; on the validation split picks, for each, the threshold (recall
of conflict articles >= 0.98 and every real one kept) and keeps the penalty whose threshold skips the most other
news there; reports recall and skip rate on the test split (never used for a choice), and writes
src/fieldbrief/models/prefilter/ (model.json, metrics.json). Needs scipy (the `train` extra); under a minute.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from corpus import Document, documents
from scipy import optimize, sparse

from fieldbrief.prefilter import RelevanceModel, lexicon

OUT = Path(__file__).resolve().parents[2] / "src" / "fieldbrief" / "models" / "prefilter"
MIN_DF = 3  # a feature must occur in this many training documents
# penalties on the weights (sum of squares), against the source-balanced loss; the validation split picks one
L2_CANDIDATES = tuple(float(v) for v in os.environ.get("PREFILTER_L2", "0.3,0.1,0.03").split(","))
KEEP = 40_000  # features shipped (largest weights); the rest contribute next to nothing
TARGET_RECALL = 0.98  # on the validation split (and every real, non-synthetic conflict article of it kept)
TERMS, LEVELS = lexicon()
READER = RelevanceModel({}, 0.0, 0.5, "features", TERMS, LEVELS)  # what the shipped model reads of a text


def group(source: str) -> str:
    return "plover" if source.startswith("plover") else source


def matrix(docs: list[Document], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    rows, cols, norms = [], [], []
    for i, doc in enumerate(docs):
        found = READER.present(doc.text)
        present = [vocabulary[f] for f in found if f in vocabulary]
        rows += [i] * len(present)
        cols += present
        norms.append(np.sqrt(max(1, len(found))))
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocabulary)))
    return sparse.diags(1.0 / np.array(norms)) @ x


def fit(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = theta[:-1], theta[-1]
        z = x @ coef + bias
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))) + l2 * coef @ coef
        g = w * (p - y)
        grad = np.append(x.T @ g + 2 * l2 * coef, g.sum())
        return value, grad

    theta0 = np.zeros(x.shape[1] + 1)
    result = optimize.minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x[:-1], float(result.x[-1])


def weights_for(docs: list[Document]) -> np.ndarray:
    """Each source counts as much as any other of its class; each class as much as the other."""
    per_source = Counter(group(d.source) for d in docs)
    sources_per_class = defaultdict(set)
    for d in docs:
        sources_per_class[d.label].add(group(d.source))
    return np.array([1.0 / per_source[group(d.source)] / len(sources_per_class[d.label]) * len(docs) / 2 for d in docs])


def figures(model: RelevanceModel, docs: list[Document]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    by_source: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        by_source[group(d.source)].append(d)
    for source, items in sorted(by_source.items()):
        kept = [model.relevant(d.text)[0] for d in items if d.label is not None]
        labels = [d.label for d in items if d.label is not None]
        pos = [k for k, lab in zip(kept, labels, strict=True) if lab == 1]
        neg = [k for k, lab in zip(kept, labels, strict=True) if lab == 0]
        row: dict[str, float] = {"documents": len(items)}
        if pos:
            row |= {"conflict": len(pos), "recall": round(sum(pos) / len(pos), 4)}
        if neg:
            row |= {"other": len(neg), "skip_rate": round(1 - sum(neg) / len(neg), 4)}
        borderline = [model.relevant(d.text)[0] for d in items if d.label is None]
        if borderline:
            row |= {"borderline": len(borderline), "borderline_kept": sum(borderline)}
        out[source] = row
    pos = [model.relevant(d.text)[0] for d in docs if d.label == 1]
    neg = [model.relevant(d.text)[0] for d in docs if d.label == 0]
    real = [model.relevant(d.text)[0] for d in docs if d.label == 1 and not d.source.startswith("plover")]
    out["ALL"] = {
        "conflict": len(pos),
        "recall": round(sum(pos) / max(1, len(pos)), 4),
        "real_conflict": len(real),
        "recall_real": round(sum(real) / max(1, len(real)), 4),
        "other": len(neg),
        "skip_rate": round(1 - sum(neg) / max(1, len(neg)), 4),
    }
    return out


def trained(train: list[Document], vocabulary: dict[str, int], l2: float) -> tuple[dict[str, float], float]:
    """The KEEP largest weights (feature -> weight) and the bias, fitted with penalty `l2`."""
    y = np.array([d.label for d in train], dtype=float)
    coef, bias = fit(matrix(train, vocabulary), y, weights_for(train), l2)
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    order = np.argsort(-np.abs(coef))[:KEEP]
    return {names[i]: round(float(coef[i]), 4) for i in sorted(order) if abs(coef[i]) >= 1e-4}, round(bias, 4)


def operating_point(draft: RelevanceModel, val: list[Document]) -> tuple[float, float]:
    """The highest threshold that keeps TARGET_RECALL of the validation split's conflict documents and every real
    (non-synthetic) one of them, and the share of its other news that threshold skips."""
    scores = sorted(draft.score(d.text) for d in val if d.label == 1)
    allowed_misses = int((1 - TARGET_RECALL) * len(scores))
    real_least = min(draft.score(d.text) for d in val if d.label == 1 and not d.source.startswith("plover"))
    threshold = round(max(0.01, min(scores[allowed_misses], real_least) - 1e-4), 4)
    other = [draft.score(d.text) for d in val if d.label == 0]
    return threshold, sum(s < threshold for s in other) / max(1, len(other))


def main() -> None:
    started = time.time()
    docs = [d for d in documents() if d.text.strip()]
    train = [d for d in docs if d.split == "train" and d.label is not None]
    val = [d for d in docs if d.split == "val" and d.label is not None]
    test = [d for d in docs if d.split == "test"]
    df: Counter[str] = Counter()
    for d in train:
        df.update(READER.present(d.text))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    print(f"{len(train)} train, {len(val)} val, {len(test)} test documents; {len(vocabulary):,} features")
    candidates = []
    for l2 in L2_CANDIDATES:  # the model alone chooses its threshold; the validation split chooses the penalty
        kept, bias = trained(train, vocabulary, l2)
        threshold, skip = operating_point(RelevanceModel(kept, bias, 0.5, "draft", TERMS, LEVELS), val)
        print(f"penalty {l2}: threshold {threshold}, validation skip rate {skip:.3f}")
        candidates.append((skip, l2, threshold, kept, bias))
    skip, l2, threshold, kept, bias = max(candidates, key=lambda c: (c[0], c[1]))  # ties: the larger penalty
    version = f"2.{dt.date.today().strftime('%Y%m%d')}"
    model = RelevanceModel(kept, bias, threshold, version, TERMS, LEVELS)
    metrics = {
        "date": dt.date.today().isoformat(),
        "threshold": threshold,
        "penalty": l2,
        "target_recall": TARGET_RECALL,
        "lexicon_levels": LEVELS,
        "features": len(kept),
        "train_documents": len(train),
        "validation": figures(model, val),
        "test": figures(model, test),
        "seconds": round(time.time() - started, 1),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "model.json").write_text(json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
    (OUT / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
