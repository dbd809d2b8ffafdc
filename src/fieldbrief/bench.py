"""The benchmark: spaCy alone vs the full fieldbrief pipeline on the same articles, in one process.

Reports articles/s for both, the ratio full/spaCy-alone, seconds per stage and peak memory. Speed goals
are checked here, never in timed tests.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldbrief.errors import FieldbriefError
from fieldbrief.model import Article, RawDocument
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.read import read_paths

SHARED_CORPUS = ("../shared/corpus", "../../shared/corpus")


def default_corpus() -> list[str]:
    """The shared corpus beside the checkout, or the project's own fictional examples."""
    for candidate in SHARED_CORPUS:
        if os.path.isdir(candidate):
            seeds = os.path.join(candidate, "seeds")
            html = os.path.join(candidate, "html")
            return [seeds, os.path.join(html, "**", "*.html")]
    examples = Path(__file__).resolve().parents[2] / "examples"
    if examples.is_dir():
        return [str(examples)]
    raise FieldbriefError("no-corpus", "no ../shared/corpus and no examples/: give paths to measure")


@dataclass
class BenchResult:
    articles: int
    tokens: int
    spacy_seconds: float
    full_seconds: float
    stage_seconds: dict[str, float]
    peak_rss_mb: float
    workers: int
    date: str = field(default_factory=lambda: dt.date.today().isoformat())

    @property
    def ratio(self) -> float:
        return self.full_seconds / self.spacy_seconds if self.spacy_seconds else float("nan")

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "articles": self.articles,
            "tokens": self.tokens,
            "workers": self.workers,
            "spacy_articles_per_s": round(self.articles / self.spacy_seconds, 2),
            "full_articles_per_s": round(self.articles / self.full_seconds, 2),
            "ratio_full_to_spacy": round(self.ratio, 3),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "stage_share_of_spacy": {
                k: round(v / self.spacy_seconds, 4) for k, v in self.stage_seconds.items() if k != "spacy"
            },
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }

    def render(self) -> str:
        j = self.to_json()
        lines = [
            f"fieldbrief bench {self.date}: {self.articles} articles, {self.tokens} tokens, workers={self.workers}",
            f"  spaCy alone (nlp.pipe): {j['spacy_articles_per_s']:>8} articles/s  ({self.spacy_seconds:.2f} s)",
            f"  full pipeline:          {j['full_articles_per_s']:>8} articles/s  ({self.full_seconds:.2f} s)",
            f"  ratio full / spaCy alone: {j['ratio_full_to_spacy']}",
            "  time per stage (s, and share of the spaCy parse time inside the full run):",
        ]
        spacy_in_run = self.stage_seconds.get("spacy", 0.0) or 1e-9
        for stage, seconds in self.stage_seconds.items():
            share = "" if stage == "spacy" else f"  {100 * seconds / spacy_in_run:6.2f} %"
            lines.append(f"    {stage:<12} {seconds:8.3f}{share}")
        lines.append(f"  peak memory: {j['peak_rss_mb']} MB")
        return "\n".join(lines)


def load_documents(paths: list[str], min_articles: int) -> list[RawDocument]:
    """Read the inputs once (HTML left unextracted, so the full run pays for extraction) and repeat them."""
    docs = [d for d in read_paths(paths) if isinstance(d, RawDocument)]
    if not docs:
        raise FieldbriefError("no-corpus", f"nothing readable in {paths}")
    repeats = -(-min_articles // len(docs))
    return (docs * repeats)[: max(min_articles, len(docs))]


def run_benchmark(paths: list[str], min_articles: int = 500, workers: int = 1) -> BenchResult:
    documents = load_documents(paths, min_articles)
    pipeline = Pipeline(Options(workers=workers))
    warm = list(pipeline.run_documents(documents[:2]))  # load lazily built resources before timing
    del warm
    pipeline.timings.seconds.clear()

    started = time.perf_counter()
    outcomes = list(pipeline.run_documents(documents))
    full = time.perf_counter() - started
    articles = [o for o in outcomes if isinstance(o, Article) and o.language == "en"]

    texts = [a.text for a in articles]
    started = time.perf_counter()
    tokens = sum(
        len(doc) for doc in pipeline.nlp.pipe(texts, batch_size=pipeline.options.batch_size, n_process=workers)
    )
    spacy_alone = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return BenchResult(
        articles=len(articles),
        tokens=tokens,
        spacy_seconds=spacy_alone,
        full_seconds=full,
        stage_seconds=dict(pipeline.timings.seconds),
        peak_rss_mb=peak,
        workers=workers,
    )
