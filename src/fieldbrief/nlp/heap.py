"""Python's cyclic garbage collector, set once per process for a long run of parses.

The model, the gazetteer and the stages' tables are loaded once and live as long as the process; spaCy and our
stages then allocate and free many small objects per article. With CPython's default thresholds the collector
runs thousands of times over a few hundred articles, and each of its full passes walks everything loaded
(about 0.7 of a CPU second per 300 articles of the bench, some of it inside the parse). Once the
first article has gone through every stage, all that is loaded lazily is in memory, so it is collected once
and frozen (`gc.freeze`: out of every later pass; still freed by reference counting), and the youngest
generation is collected every YOUNG_THRESHOLD allocations instead of every 700. Reference counting frees almost
everything the pipeline makes; the collector only finds reference cycles, which then wait a little longer.

This is process-wide: it applies wherever a Pipeline extracts (the CLI, the Python API, each `--workers`
process, Spark's partitions), and `fieldbrief bench` measures spaCy alone in the same process after it, under
the same settings. A program embedding fieldbrief that needs other thresholds sets them after the first article.
"""

from __future__ import annotations

import gc

# Allocations (net of frees) between two collections of the youngest generation (CPython's default: 700); the
# older generations keep CPython's ratios (every 10 younger collections), so full passes stay rare.
YOUNG_THRESHOLD = 10_000

_settled = False


def settle_after_warm_up() -> None:
    """Once per process, after the first article's extraction: collect, freeze what is loaded, raise the
    youngest generation's threshold. Later calls do nothing."""
    global _settled  # once per process: the state it records is the process's own
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
