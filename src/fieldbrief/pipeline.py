"""Builds and runs the stages: read -> clean -> annotate -> extract, streaming in batches, in input order.

A bad input becomes a Rejection; a stage that fails on one article is recorded on that article
(`Article.errors`) and the batch goes on.
"""

from __future__ import annotations

import importlib
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from fieldbrief import nlp as nlp_module
from fieldbrief.clean import clean
from fieldbrief.clean.boilerplate import learn_recurring_lines
from fieldbrief.model import Article, RawDocument, Rejection, StageError
from fieldbrief.options import Options
from fieldbrief.read import extract_main_text, read_paths
from fieldbrief.stage import Context, Stage

Outcome = Article | Rejection

# The extraction stages, in the order they run (later stages read what earlier ones recorded).
STAGE_MODULES = ("times", "places", "statements", "actors", "events", "sentences", "figures")
# Raw documents grouped to learn furniture lines that recur across articles of one outlet.
LEARNING_CHUNK = 256


def load_stages() -> tuple[Stage, ...]:
    return tuple(importlib.import_module(f"fieldbrief.extract.{name}").STAGE for name in STAGE_MODULES)


@dataclass
class Timings:
    """Seconds spent per step, accumulated over a run (the benchmark reads them)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, step: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[step] += now - since
        return now


class Pipeline:
    """The configured pipeline: load once, then run over any number of inputs."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.nlp: Language = nlp_module.load(self.options.model)
        self.stages = load_stages()
        self.context = Context(self.options)
        self.timings = Timings()

    @property
    def provenance(self) -> dict[str, str]:
        """Stage name -> version, stored with every record the stages produce."""
        return {stage.name: stage.version for stage in self.stages}

    def run_paths(self, paths: Iterable[str]) -> Iterator[Outcome]:
        return self.run_documents(read_paths(paths, self.options.max_bytes))

    def run_documents(self, documents: Iterable[RawDocument | Rejection]) -> Iterator[Outcome]:
        iterator = iter(documents)
        while chunk := list(islice(iterator, LEARNING_CHUNK)):
            cleaned = self._clean_chunk(chunk)
            yield from self._annotate_and_extract(cleaned)

    def _clean_chunk(self, chunk: list[RawDocument | Rejection]) -> list[Outcome]:
        started = time.perf_counter()
        chunk = [extract_main_text(doc) for doc in chunk]
        first = [doc if isinstance(doc, Rejection) else clean(doc, self.options) for doc in chunk]
        if self.options.learn_boilerplate:
            learned = learn_recurring_lines(
                [(a.outlet, a.text) for a in first if isinstance(a, Article)],
                self.options.boilerplate_min_articles,
            )
            if learned:
                first = [self._reclean(doc, out, learned) for doc, out in zip(chunk, first, strict=True)]
        self.timings.add("read+clean", started)
        return first

    def _reclean(self, doc: RawDocument | Rejection, out: Outcome, learned: dict[str, set[str]]) -> Outcome:
        """Clean again, with the furniture learned from the chunk, the articles of outlets that have some."""
        if isinstance(doc, RawDocument) and isinstance(out, Article) and out.outlet in learned:
            return clean(doc, self.options, learned)
        return out

    def _annotate_and_extract(self, outcomes: list[Outcome]) -> Iterator[Outcome]:
        english = [o for o in outcomes if isinstance(o, Article) and o.language == "en"]
        started = time.perf_counter()
        docs = self.nlp.pipe(
            (a.text for a in english), batch_size=self.options.batch_size, n_process=self.options.workers
        )
        for article, doc in zip(english, docs, strict=True):
            self.timings.add("spacy", started)
            self._extract(doc, article)
            started = time.perf_counter()
        yield from outcomes

    def _extract(self, doc: Doc, article: Article) -> None:
        for stage in self.stages:
            started = time.perf_counter()
            try:
                stage.run(doc, article, self.context)
            except Exception as exc:  # a stage bug must not lose the article or the batch
                article.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
            self.timings.add(stage.name, started)


def analyze_paths(paths: Iterable[str], options: Options | None = None) -> Iterator[Outcome]:
    """Analyse files, directories, globs or '-' (stdin): one Article or Rejection per input document."""
    return Pipeline(options).run_paths(paths)


def analyze(texts: Iterable[str | RawDocument], options: Options | None = None) -> Iterator[Outcome]:
    """Analyse texts (or RawDocuments) given in memory, in order."""
    documents = (
        t if isinstance(t, RawDocument) else RawDocument(source=f"text:{i}", text=t) for i, t in enumerate(texts)
    )
    return Pipeline(options).run_documents(documents)
