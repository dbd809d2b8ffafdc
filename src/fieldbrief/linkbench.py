"""The linking benchmark: link_corpus over many analysed articles, on one core, with its peak memory.

Analysing 10,000 articles would measure spaCy, not linking, so the benchmark analyses a pool of articles once (the
shared corpus or the fictional examples) and composes many articles from their paragraphs: each composed article
takes a few paragraphs of the pool, every record of those paragraphs moved to its new offsets (sentences, figures,
places, times, statements, events), a publication date somewhere in two years (its events' and times' dates moved
with it), an outlet among many. Paragraphs recur across composed articles as wire paragraphs recur across outlets,
so copies, incidents and claims all have work to do.

    fieldbrief bench --link 10000
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import resource
import time
import tracemalloc
from dataclasses import dataclass, field, replace
from typing import Any

from fieldbrief.link import link_corpus
from fieldbrief.link.origins import paragraph_spans
from fieldbrief.model import Article, RawDocument, Span
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.read import read_paths

SEED = 12
PARAGRAPHS = (2, 6)  # paragraphs per composed article
VERBATIM = 0.15  # share of reused sentences kept word for word (a wire paragraph); the others are reworded
DAYS = 730  # composed articles are published over this many days
OUTLETS = 120


@dataclass
class Piece:
    """One paragraph of a pool article with the records inside it, offsets relative to the paragraph."""

    text: str
    records: dict[str, list[Any]] = field(default_factory=dict)
    published: dt.date | None = None


def pieces(article: Article) -> list[Piece]:
    out = []
    published = _day(article.published)
    for start, end in paragraph_spans(article.text):
        piece = Piece(article.text[start:end], published=published)
        for name in ("sentences", "figures", "places", "times", "statements", "events"):
            piece.records[name] = [
                _moved(r, -start) for r in getattr(article, name) if start <= r.start < end and r.end <= end
            ]
        out.append(piece)
    return out


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _moved(record: Any, delta: int) -> Any:
    """A record moved by `delta` characters (and the spans nested in it)."""
    out = copy.deepcopy(record)
    out.start += delta
    out.end += delta
    for name in ("subject", "object", "source_span"):
        span: Span | None = getattr(out, name, None)
        if span is not None:
            setattr(out, name, (span[0] + delta, span[1] + delta))
    if getattr(out, "parts", None):
        out.parts = [(start + delta, end + delta) for start, end in out.parts]
    for name in ("sentence_start", "sentence_end"):
        if getattr(out, name, None) is not None:
            setattr(out, name, getattr(out, name) + delta)
    for name in ("place", "date"):
        inner = getattr(out, name, None)
        if inner is not None and inner.start >= 0:
            inner.start += delta
            inner.end += delta
    return out


def _shifted(value: str | None, days: int) -> str | None:
    day = _day(value)
    return (day + dt.timedelta(days=days)).isoformat() if day else value


def compose(pool: list[Piece], n: int, seed: int = SEED) -> list[Article]:
    """`n` articles made of pool paragraphs, with their records at their new offsets and dates."""
    rng = random.Random(seed)
    base = dt.date(2030, 1, 1)
    out = []
    for i in range(n):
        chosen = rng.sample(pool, min(len(pool), rng.randint(*PARAGRAPHS)))
        published = base + dt.timedelta(days=rng.randrange(DAYS))
        text = ""
        records: dict[str, list[Any]] = {
            k: [] for k in ("sentences", "figures", "places", "times", "statements", "events")
        }
        for piece in chosen:
            offset = len(text)
            shift = (published - piece.published).days if piece.published else 0
            text += piece.text + "\n\n"
            for name, items in piece.records.items():
                for record in items:
                    moved = _moved(record, offset)
                    if name == "sentences" and rng.random() > VERBATIM:
                        moved.lemmas = _reworded(moved.lemmas, rng)
                    if name == "times":
                        moved.date_start, moved.date_end = (
                            _shifted(moved.date_start, shift),
                            _shifted(moved.date_end, shift),
                        )
                    if name == "events" and moved.date is not None:
                        moved.date = replace(
                            moved.date,
                            date_start=_shifted(moved.date.date_start, shift),
                            date_end=_shifted(moved.date.date_end, shift),
                        )
                    records[name].append(moved)
        text += f"Composed report {i}."  # every composed article is its own text
        article = Article(
            source=f"composed-{i}",
            text=text,
            outlet=f"Outlet {rng.randrange(OUTLETS)}",
            published=published.isoformat(),
        )
        for name, items in records.items():
            setattr(article, name, items)
        out.append(article)
    return out


def _reworded(lemmas: str, rng: random.Random) -> str:
    """Another report of the same kind: a third of its common words replaced, names and numbers kept, so that
    reused paragraphs are no copies (the text itself is left as it was; linking reads the lemmas)."""
    words = lemmas.split()
    return " ".join(
        f"w{rng.randrange(50_000)}" if w.islower() and w.isalpha() and rng.random() < 0.33 else w for w in words
    )


@dataclass
class LinkBench:
    articles: int
    seconds: float
    cpu_seconds: float
    peak_traced_mb: float
    origins: int
    claims: dict[str, int]
    pool: int

    def render(self) -> str:
        per = self.cpu_seconds / self.articles * 1000 if self.articles else 0.0
        claims = ", ".join(f"{n} {k}" for k, n in sorted(self.claims.items()))
        return (
            f"  {self.articles:>6} articles: linked in {self.cpu_seconds:7.2f} s of CPU "
            f"({self.seconds:.2f} s wall, {per:.2f} ms/article), "
            f"peak Python memory {self.peak_traced_mb:7.1f} MB; {self.origins} origins; {claims}"
        )


def pool_articles(paths: list[str]) -> list[Article]:
    docs = [d for d in read_paths(paths, Options().limits) if isinstance(d, RawDocument)]
    return [a for a in Pipeline().run_documents(docs) if isinstance(a, Article) and a.sentences]


def run_link_benchmark(paths: list[str], sizes: list[int]) -> list[LinkBench]:
    """Link composed corpora of the given sizes (one core; timings exclude composing; peak memory is what linking
    allocates, traced in a second, untimed run)."""
    pool = [p for a in pool_articles(paths) for p in pieces(a) if p.records.get("sentences")]
    results = []
    for n in sizes:
        articles = compose(pool, n)
        started, cpu = time.perf_counter(), time.process_time()
        corpus = link_corpus(articles)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        del corpus
        tracemalloc.start()  # memory in a second run: tracing slows Python down, so it is not timed
        corpus = link_corpus(articles)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        counts: dict[str, int] = {}
        for claim in corpus.claims:
            counts[claim.status] = counts.get(claim.status, 0) + 1
        results.append(LinkBench(n, seconds, cpu, peak / 2**20, len(corpus.origins), counts, len(pool)))
    return results


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
