"""The benchmark: spaCy alone vs the full fieldbrief pipeline on the same articles, in one process.

    fieldbrief bench                      throughput ratio and time per stage
    fieldbrief bench --prefilter-stream   and the pre-filter's speed-up on a mixed stream (mostly not conflict)
    fieldbrief bench --memory             and peak memory analysing 500 and 5,000 articles, each in a fresh process

The ratio is throughput: full pipeline articles/s over spaCy-alone articles/s on the same cleaned texts (1.0: we
add nothing to the parse). The machine may be shared, so with one worker both are measured in CPU seconds of
this process, alternately, `--repeat` times, and the fastest run of each kind counts (with several workers,
wall-clock seconds). Speed goals are checked here, never in timed tests.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldbrief.errors import FieldbriefError
from fieldbrief.model import Article, RawDocument
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.read import extract_main_text, read_paths

SHARED = ("../shared", "../../shared")
MEMORY_SIZES = (500, 5000)


def shared_dir() -> Path | None:
    for candidate in SHARED:
        if os.path.isdir(os.path.join(candidate, "corpus")):
            return Path(candidate)
    return None


def default_corpus() -> list[str]:
    """The shared corpus beside the checkout, or the project's own fictional examples."""
    shared = shared_dir()
    if shared is not None:
        return [str(shared / "corpus" / "seeds"), str(shared / "corpus" / "html" / "**" / "*.html")]
    examples = Path(__file__).resolve().parents[2] / "examples"
    if examples.is_dir():
        return [str(examples)]
    raise FieldbriefError("no-corpus", "no ../shared/corpus and no examples/: give paths to measure")


@dataclass
class StreamResult:
    """The pre-filter on a mixed stream: the same documents with and without it."""

    articles: int
    conflict: int
    seconds_without: float
    seconds_with: float
    parsed_with: int
    conflict_kept: int
    sources: str

    @property
    def speedup(self) -> float:
        return self.seconds_without / self.seconds_with if self.seconds_with else float("nan")

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "conflict_share": round(self.conflict / self.articles, 3),
            "seconds_without": round(self.seconds_without, 2),
            "seconds_with": round(self.seconds_with, 2),
            "speedup": round(self.speedup, 2),
            "parsed_with_prefilter": self.parsed_with,
            "conflict_kept": f"{self.conflict_kept}/{self.conflict}",
            "sources": self.sources,
        }

    def render(self) -> list[str]:
        other = self.articles - self.conflict
        skipped = self.articles - self.parsed_with
        bound = self.articles / max(1, self.parsed_with)
        return [
            f"  pre-filter on a mixed stream of {self.articles} articles, {100 * self.conflict / self.articles:.0f} % "
            f"conflict ({self.sources}):",
            f"    without: {self.seconds_without:7.2f} s   with --prefilter: {self.seconds_with:7.2f} s   "
            f"speed-up {self.speedup:.2f}x",
            f"    parsed {self.parsed_with}, skipped {skipped} ({100 * skipped / max(1, other):.0f} % of the "
            f"{other} others); conflict articles kept {self.conflict_kept}/{self.conflict}; "
            f"parse-count bound {bound:.2f}x",
        ]


@dataclass
class BenchResult:
    articles: int
    tokens: int
    spacy_seconds: float
    full_seconds: float
    stage_seconds: dict[str, float]
    peak_rss_mb: float
    workers: int
    repeat: int = 1
    stream: StreamResult | None = None
    memory: dict[int, float] = field(default_factory=dict)  # articles -> peak MB of a fresh process
    date: str = field(default_factory=lambda: dt.date.today().isoformat())

    @property
    def ratio(self) -> float:
        """Throughput of the full pipeline over that of spaCy alone (1.0: fieldbrief adds nothing)."""
        return self.spacy_seconds / self.full_seconds if self.full_seconds else float("nan")

    @property
    def parse_gap(self) -> float | None:
        """CPU seconds the parse took inside the full run beyond spaCy alone on the same texts (one worker only:
        with several, the steps are the workers' CPU time and the runs wall-clock time)."""
        return self.stage_seconds.get("spacy", 0.0) - self.spacy_seconds if self.workers == 1 else None

    @property
    def unattributed(self) -> float | None:
        """CPU seconds of the full run outside every timed step: building articles and rejections, handing them
        on, the timing itself (one worker only, as `parse_gap`)."""
        return self.full_seconds - sum(self.stage_seconds.values()) if self.workers == 1 else None

    def to_json(self) -> dict[str, Any]:
        spacy_in_run = self.stage_seconds.get("spacy", 0.0) or 1e-9
        out: dict[str, Any] = {
            "date": self.date,
            "articles": self.articles,
            "tokens": self.tokens,
            "workers": self.workers,
            "repeat": self.repeat,
            "spacy_articles_per_s": round(self.articles / self.spacy_seconds, 2),
            "full_articles_per_s": round(self.articles / self.full_seconds, 2),
            "ratio_full_to_spacy": round(self.ratio, 3),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "stage_share_of_spacy": {
                k: round(v / spacy_in_run, 4) for k, v in self.stage_seconds.items() if k != "spacy"
            },
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }
        if self.parse_gap is not None and self.unattributed is not None:
            out["parse_in_run_minus_spacy_alone_seconds"] = round(self.parse_gap, 3)
            out["unattributed_seconds"] = round(self.unattributed, 3)
        if self.stream is not None:
            out["prefilter_stream"] = self.stream.to_json()
        if self.memory:
            out["memory_peak_mb"] = {str(n): round(mb, 1) for n, mb in self.memory.items()}
        return out

    def render(self) -> str:
        j = self.to_json()
        unit = "CPU s" if self.workers == 1 else "s"
        lines = [
            f"fieldbrief bench {self.date}: {self.articles} articles, {self.tokens} tokens, workers={self.workers}, "
            f"best of {self.repeat}",
            f"  spaCy alone (nlp.pipe): {j['spacy_articles_per_s']:>8} articles/s  ({self.spacy_seconds:.2f} {unit})",
            f"  full pipeline:          {j['full_articles_per_s']:>8} articles/s  ({self.full_seconds:.2f} {unit})",
            f"  ratio full / spaCy alone (throughput): {j['ratio_full_to_spacy']}",
            f"  time per step ({unit}, and share of the spaCy parse time inside the full run):",
        ]
        spacy_in_run = self.stage_seconds.get("spacy", 0.0) or 1e-9
        for stage, seconds in self.stage_seconds.items():
            share = "" if stage == "spacy" else f"  {100 * seconds / spacy_in_run:6.2f} %"
            lines.append(f"    {stage:<12} {seconds:8.3f}{share}")
        ours = sum(v for k, v in self.stage_seconds.items() if k != "spacy")
        lines.append(f"    {'all ours':<12} {ours:8.3f}  {100 * ours / spacy_in_run:6.2f} %")
        if self.parse_gap is not None and self.unattributed is not None:
            lines.append(f"    {'outside':<12} {self.unattributed:8.3f}  (the full run outside every step above)")
            lines.append(
                f"  the parse inside the full run minus spaCy alone: {self.parse_gap:+.3f} {unit} "
                f"({100 * self.parse_gap / self.spacy_seconds:+.2f} % of spaCy alone)"
            )
        lines.append(f"  peak memory of this run: {j['peak_rss_mb']} MB")
        if self.stream is not None:
            lines += self.stream.render()
        if self.memory:
            sizes = ", ".join(f"{n:,} articles {mb:.0f} MB" for n, mb in self.memory.items())
            lines.append(f"  peak memory of a fresh process analysing (streamed, one worker): {sizes}")
        return "\n".join(lines)


def clock(workers: int) -> float:
    """CPU seconds of this process with one worker (what other jobs on a shared machine do not change);
    wall-clock seconds with several (the work is then in other processes)."""
    return time.process_time() if workers == 1 else time.perf_counter()


def load_documents(paths: list[str], min_articles: int) -> list[RawDocument]:
    """Read the inputs once (HTML left unextracted, so the full run pays for extraction) and repeat them."""
    docs = [d for d in read_paths(paths) if isinstance(d, RawDocument)]
    if not docs:
        raise FieldbriefError("no-corpus", f"nothing readable in {paths}")
    repeats = -(-min_articles // len(docs))
    return (docs * repeats)[: max(min_articles, len(docs))]


def run_benchmark(
    paths: list[str],
    min_articles: int = 500,
    workers: int = 1,
    repeat: int = 2,
    prefilter_stream: bool = False,
    memory: bool = False,
) -> BenchResult:
    documents = load_documents(paths, min_articles)
    pipeline = Pipeline(Options(workers=workers))
    warm = list(pipeline.run_documents(documents[:2]))  # load lazily built resources before timing
    del warm
    texts: list[str] = []
    tokens = 0
    best_full, best_spacy, best_stages = float("inf"), float("inf"), {}
    for _ in range(max(1, repeat)):
        pipeline.timings.seconds.clear()
        started = clock(workers)
        texts = [o.text for o in pipeline.run_documents(documents) if isinstance(o, Article) and o.language == "en"]
        full = clock(workers) - started
        if full < best_full:
            best_full, best_stages = full, dict(pipeline.timings.seconds)
        spacy_alone, tokens = _spacy_alone(pipeline, texts, workers)
        best_spacy = min(best_spacy, spacy_alone)
    return BenchResult(
        articles=len(texts),
        tokens=tokens,
        spacy_seconds=best_spacy,
        full_seconds=best_full,
        stage_seconds=best_stages,
        peak_rss_mb=peak_rss_mb(),
        workers=workers,
        repeat=max(1, repeat),
        stream=_prefilter_stream(workers) if prefilter_stream else None,
        memory=memory_profile() if memory else {},
    )


def _spacy_alone(pipeline: Pipeline, texts: list[str], workers: int) -> tuple[float, int]:
    """Seconds for spaCy alone on the same texts, with as many processes as the full run had."""
    started = clock(workers)
    docs = pipeline.nlp.pipe(texts, batch_size=pipeline.options.batch_size, n_process=workers)
    tokens = sum(len(doc) for doc in docs)
    return clock(workers) - started, tokens


# -- the pre-filter on a mixed stream ---------------------------------------------------------------------------
def mixed_stream(conflict_share: float = 0.1) -> tuple[list[RawDocument], int, str]:
    """Documents from ../shared/data the pre-filter never learned from as negatives (general web news of
    GeoWebNews, the PolNeAR dev split) mixed with conflict reports (ISAF releases, the seeds), conflict ones
    spread evenly through the stream at `conflict_share`."""
    import json
    import xml.etree.ElementTree as ET

    shared = shared_dir()
    if shared is None:
        raise FieldbriefError("no-corpus", "the pre-filter stream needs ../shared/data")
    data = shared / "data"
    other = [
        RawDocument(source=f"gwn:{i}", text=f"{a.findtext('title') or ''}\n\n{a.findtext('text') or ''}")
        for i, a in enumerate(ET.parse(data / "geoparsing" / "GWN.xml").getroot())
    ]
    other += [
        RawDocument(source=str(p), text=p.read_text(encoding="utf-8"))
        for p in sorted((data / "polnear" / "dev" / "text").glob("*.txt"))
    ]
    seeds = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    conflict = [RawDocument(source=str(p), text=p.read_text(encoding="utf-8")) for p in seeds]
    with (data / "isaf-dev" / "releases.jsonl").open(encoding="utf-8") as lines:
        releases = [json.loads(line) for line in lines]
    conflict += [RawDocument(source=f"isaf:{r['n']}", text=r["text"]) for r in releases]
    wanted = round(conflict_share * len(other) / (1 - conflict_share))
    conflict = (conflict * (1 + wanted // len(conflict)))[:wanted]
    return _interleave(other, conflict), len(conflict), "GeoWebNews and PolNeAR dev + ISAF releases and the seeds"


def _interleave(other: list[RawDocument], conflict: list[RawDocument]) -> list[RawDocument]:
    out: list[RawDocument] = []
    every = (len(other) + len(conflict)) / max(1, len(conflict))
    pending = iter(conflict)
    placed = 0
    for doc in other:
        out.append(doc)
        if len(out) >= every * (placed + 1) - 1:
            nxt = next(pending, None)
            if nxt is not None:
                out.append(nxt)
                placed += 1
    out.extend(pending)
    return out


def _prefilter_stream(workers: int, conflict_share: float = 0.1) -> StreamResult:
    stream, conflict, sources = mixed_stream(conflict_share)
    conflict_sources = {d.source for d in stream if d.source.startswith("isaf:") or "seeds" in d.source}
    seconds: dict[bool, float] = {}
    parsed, kept = 0, 0
    for prefilter in (False, True):
        pipeline = Pipeline(Options(workers=workers, prefilter=prefilter))
        list(pipeline.run_documents(stream[:2]))  # the model and resources loaded before timing
        started = clock(workers)
        outcomes = [(o.source, isinstance(o, Article)) for o in pipeline.run_documents(stream)]
        seconds[prefilter] = clock(workers) - started
        if prefilter:
            parsed = sum(1 for _, is_article in outcomes if is_article)
            kept = sum(1 for source, is_article in outcomes if is_article and source in conflict_sources)
    return StreamResult(len(stream), conflict, seconds[False], seconds[True], parsed, kept, sources)


# -- memory against the number of articles -----------------------------------------------------------------
def generated_articles(count: int) -> Iterator[RawDocument]:
    """`count` distinct articles composed from the paragraphs of the benchmark corpus (no two alike), made
    one at a time: the generator holds only the paragraph pool."""
    pool: list[str] = []
    for doc in read_paths(default_corpus()):
        if isinstance(doc, RawDocument):
            doc = extract_main_text(doc)
            if isinstance(doc, RawDocument) and doc.text:
                pool += [p.strip() for p in doc.text.split("\n") if len(p.strip()) > 80]
    if not pool:
        raise FieldbriefError("no-corpus", "no paragraphs to compose articles from")
    for i in range(count):
        first, second = pool[i % len(pool)], pool[(i * 7 + 3) % len(pool)]
        yield RawDocument(source=f"generated:{i}", text=f"Report {i}.\n\n{first}\n\n{second}")


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB. On Linux from /proc (VmHWM): `ru_maxrss` survives exec, so a
    freshly spawned child would report its parent's peak if that was higher."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _memory_child(count: int, queue: Any) -> None:
    pipeline = Pipeline(Options())
    articles = sum(1 for o in pipeline.run_documents(generated_articles(count)) if isinstance(o, Article))
    queue.put((articles, peak_rss_mb()))


def memory_profile(sizes: tuple[int, ...] = MEMORY_SIZES) -> dict[int, float]:
    """Peak resident memory of a fresh process analysing `n` generated articles (streamed), for each n."""
    context = multiprocessing.get_context("spawn")
    out: dict[int, float] = {}
    for count in sizes:
        queue = context.Queue()
        child = context.Process(target=_memory_child, args=(count, queue))
        child.start()
        _, peak = queue.get()
        child.join()
        out[count] = peak
    return out
