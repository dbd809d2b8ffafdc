"""fieldbrief: turn news reports about armed conflict into a sourced situation picture.

Public API:
    analyze(texts, options) -> Iterator[Article | Rejection]     texts or RawDocuments in memory
    analyze_paths(paths, options) -> Iterator[Article | Rejection]  files, directories, globs, '-'
    Pipeline(options)                                              load once, run many times
    Store(path)                                                    the SQLite store
    link_corpus(articles) -> Corpus                                origins, entities, claims across articles
    brief_html(corpus), brief_markdown(corpus) -> str              the brief a person reads
"""

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Claim, Corpus, Event, Place, RawDocument, Rejection, Statement, TimeRef
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline, analyze, analyze_paths
from fieldbrief.report.brief import brief_html, brief_markdown
from fieldbrief.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Corpus",
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
    "brief_html",
    "brief_markdown",
    "link_corpus",
]
