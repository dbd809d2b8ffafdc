"""`--workers N`: the parse and the extraction stages in N processes, each loading the model once.

The main process reads, cleans (learning recurring furniture lines over a chunk, as a single process does) and,
with `--prefilter`, screens; it sends the cleaned articles in small batches to the workers and yields what comes
back in input order, so that the output is the same whatever the number of workers. At most a few batches per
worker are in flight, so memory stays bounded however long the input. Each worker keeps the per-article
guard of a single-process run (a failing stage is recorded on its article, a failing parse rejects its
article); a worker that dies (killed, out of memory) costs only its batch, whose articles are rejected as
`internal-error`, and the pool is started again.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TYPE_CHECKING

from fieldbrief.model import Article, Rejection
from fieldbrief.options import Options

if TYPE_CHECKING:
    from fieldbrief.pipeline import Pipeline

Outcome = Article | Rejection
# Articles sent to a worker at a time: small enough to keep every worker busy on short runs, large enough
# for nlp.pipe to batch well and for the pickling to cost little.
BATCH = 8
# Batches in flight per worker: the main process reads ahead this far, and no further.
AHEAD = 3

_worker: Pipeline | None = None  # the pipeline of this worker process, built once by _start


def _start(options: Options) -> None:
    global _worker  # one pipeline (one model load) per worker process, kept for its whole life
    from fieldbrief.pipeline import Pipeline

    _worker = Pipeline(options)


def _extract(batch: list[Outcome]) -> tuple[list[Outcome], dict[str, float]]:
    """In a worker: parse and extract one batch; return it, with the seconds each step took."""
    assert _worker is not None
    _worker.timings.seconds.clear()
    done = list(_worker.extract_batch(batch))
    return done, dict(_worker.timings.seconds)


def _batches(chunks: Iterable[list[Outcome]]) -> Iterator[list[Outcome]]:
    for chunk in chunks:
        for start in range(0, len(chunk), BATCH):
            yield chunk[start : start + BATCH]


def _lost(batch: list[Outcome], why: str) -> list[Outcome]:
    return [
        Rejection(source=o.source, code="internal-error", reason=why) if isinstance(o, Article) else o for o in batch
    ]


class WorkerPool:
    """N worker processes (spawned: nothing of the parent's state, threads or locks is inherited)."""

    def __init__(self, options: Options) -> None:
        self.workers = options.workers
        self.options = replace(options, workers=1)
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(self.options,),
        )

    def run(self, chunks: Iterable[list[Outcome]], pipeline: Pipeline) -> Iterator[Outcome]:
        """Each batch of the chunks parsed and extracted by a worker, yielded in input order."""
        pending: deque[tuple[list[Outcome], Future[tuple[list[Outcome], dict[str, float]]]]] = deque()
        for batch in _batches(chunks):
            pending.append((batch, self._submit(batch)))
            while len(pending) >= AHEAD * self.workers:
                yield from self._collect(*pending.popleft(), pipeline)
        while pending:
            yield from self._collect(*pending.popleft(), pipeline)

    def _submit(self, batch: list[Outcome]) -> Future[tuple[list[Outcome], dict[str, float]]]:
        try:
            return self._executor.submit(_extract, batch)
        except BrokenProcessPool:  # a worker died since the last batch: start the pool again
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._new_executor()
            return self._executor.submit(_extract, batch)

    def _collect(
        self, batch: list[Outcome], future: Future[tuple[list[Outcome], dict[str, float]]], pipeline: Pipeline
    ) -> list[Outcome]:
        try:
            done, seconds = future.result()
        except BrokenProcessPool as exc:
            return _lost(batch, f"the worker process parsing this article died ({exc})")
        except Exception as exc:  # the per-article guard runs inside the worker; this is a bug of ours
            return _lost(batch, f"a worker failed on this batch: {type(exc).__name__}: {exc}")
        for step, value in seconds.items():
            pipeline.timings.seconds[step] += value
        return done

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
