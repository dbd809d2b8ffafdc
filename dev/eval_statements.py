"""Score the statements stage on PolNeAR dev from the cached parse (fast; score.py runs the whole pipeline).

    .venv/bin/python dev/eval_statements.py [--split dev]

Same rule as `python3 ../shared/tools/score.py quotes`: a gold content is found when some statement's content
reaches token F1 >= 0.5 with it; precision counts every statement.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from train_statements import MATCH, token_f1  # noqa: E402

from fieldbrief.extract.statements import extract, load_cues  # noqa: E402
from fieldbrief.extract.statements.tagger import TaggerWeights  # noqa: E402
from fieldbrief.model import Article  # noqa: E402
from fieldbrief.nlp import load  # noqa: E402
from fieldbrief.pipeline import Pipeline  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# the project's floor on the seeds' statement contents (score.py seeds, tests/golden/test_statements_gold.py)
SEED_F1_FLOOR = 0.9


def score_split(split: str) -> dict[str, float]:
    """Content P/R/F1 of the statements stage on a PolNeAR split, from the cached parse."""
    articles, docs = polnear.parsed(split)
    started = time.perf_counter()
    scores, modes, npred = stage_scores(articles, docs)
    seconds = time.perf_counter() - started
    ngold = sum(len(a.attributions) for a in articles)
    p, r, f = scores["precision"], scores["recall"], scores["f1"]
    print(f"PolNeAR {split}: {len(articles)} articles, {ngold} attributions, {npred} statements; "
          f"content P/R/F1 {p:.3f}/{r:.3f}/{f:.3f}; modes {dict(modes)}; {seconds:.1f}s")  # fmt: skip
    return scores


def stage_scores(
    articles: list[polnear.PolnearArticle], docs: list[Doc], weights: TaggerWeights | None = None
) -> tuple[dict[str, float], collections.Counter[str], int]:
    """Content P/R/F1 of the statements stage (with the tagger's `weights`, else the shipped ones), the
    statements' modes and their number."""
    cues = load_cues()
    tp = npred = ngold = 0
    modes: collections.Counter[str] = collections.Counter()
    for art, doc in zip(articles, docs, strict=True):
        statements = extract(doc, Article(source=art.stem + ".txt", text=art.text), cues, weights)
        preds = [s.content for s in statements]
        modes.update(s.mode for s in statements)
        gold = [" ".join(art.text[s:e] for s, e in a.content) for a in art.attributions]
        npred += len(preds)
        ngold += len(gold)
        tp += sum(any(token_f1(g, p) >= MATCH for p in preds) for g in gold)
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}, modes, npred


@lru_cache(maxsize=1)
def _seeds() -> list[tuple[Article, Doc, list[str]]]:
    """The seed articles as the pipeline cleans them, their parse, and their gold statements' contents."""
    pipeline = Pipeline()
    nlp = load(pipeline.options.model)
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    articles = [a for a in pipeline.run_paths([str(SHARED / "corpus" / "seeds")]) if isinstance(a, Article)]
    return [(a, nlp(a.text), [g["content"] for g in gold[Path(a.source).name]["statements"]]) for a in articles]


def seed_scores(weights: TaggerWeights | None = None) -> dict[str, float]:
    """Content P/R/F1 of the statements stage on the seeds (as score.py seeds scores them: each gold statement
    found by its best-matching statement), with the tagger's `weights`, else the shipped ones."""
    cues = load_cues()
    found = npred = ngold = 0
    for article, doc, gold in _seeds():
        contents = [s.content for s in extract(doc, article, cues, weights)]
        npred += len(contents)
        ngold += len(gold)
        found += sum(max((token_f1(g, c) for c in contents), default=0.0) >= MATCH for g in gold)
    p, r = found / max(npred, 1), found / max(ngold, 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=polnear.SPLITS)
    score_split(ap.parse_args().split)


if __name__ == "__main__":
    main()
