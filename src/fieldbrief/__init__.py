"""fieldbrief: turn news reports about armed conflict into a sourced situation picture.

Public API:
    analyze(texts, options) -> Iterator[Article | Rejection]     texts or RawDocuments in memory
    analyze_paths(paths, options) -> Iterator[Article | Rejection]  files, directories, globs, '-'
    Pipeline(options)                                              load once, run many times
    Store(path)                                                    the SQLite store
"""

from fieldbrief.model import Article, Event, Place, RawDocument, Rejection, Statement, TimeRef
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline, analyze, analyze_paths
from fieldbrief.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Event",
    "Options",
    "Pipeline",
    "Place",
    "RawDocument",
    "Rejection",
    "Statement",
    "Store",
    "TimeRef",
    "analyze",
    "analyze_paths",
]
