"""Storing a stream of outcomes in small transactions: what has been analysed is on disk within seconds.

with Store("fieldbrief.db") as store, StoreWriter(store, pipeline.provenance) as writer:
    for outcome in pipeline.run_paths(paths):
        writer.add(outcome)
writer.results  # Counter: added / updated / unchanged
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Mapping

from fieldbrief.model import Article, Rejection
from fieldbrief.store.sqlite import Store

BATCH = 16  # outcomes per transaction at most...
SECONDS = 2.0  # ...and no outcome waits longer than this after the previous commit when another arrives


class StoreWriter:
    """Buffers analysed articles and rejections; commits them together every BATCH outcomes or SECONDS seconds,
    and whatever is left when the run ends, however it ends (analysed work is never thrown away)."""

    def __init__(
        self,
        store: Store,
        provenance: Mapping[str, str],
        batch: int = BATCH,
        seconds: float = SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.provenance = dict(provenance)
        self.batch = batch
        self.seconds = seconds
        self.clock = clock
        self.buffer: list[Article | Rejection] = []
        self.last_commit = clock()
        self.results: Counter[str] = Counter()
        self.rejections: list[Rejection] = []

    def add(self, outcome: Article | Rejection) -> None:
        self.buffer.append(outcome)
        if isinstance(outcome, Rejection):
            self.rejections.append(outcome)
        if len(self.buffer) >= self.batch or self.clock() - self.last_commit >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.results.update(self.store.add_many(self.buffer, self.provenance))
            self.buffer.clear()
        self.last_commit = self.clock()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        if kind is None:
            self.flush()
            return
        # Interrupted (Ctrl-C, a failure elsewhere): keep the work already analysed. Should the store itself be
        # what failed, the error that stopped the run is the one to show, not this one.
        with contextlib.suppress(Exception):
            self.flush()
