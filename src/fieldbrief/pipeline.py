"""Builds and runs the stages: read -> clean -> annotate -> extract, streaming in batches, in input order.

Every document goes through a per-article guard: a bad input becomes a Rejection with a code (and, for a
record inside a container file, the file and the record's index); an unexpected failure while reading,
cleaning or parsing one article rejects that article as `internal-error`; a stage that fails on one article
is recorded on that article (`Article.errors`). The rest of the batch always goes on.

Memory is bounded: documents are prepared one at a time (an HTML page is reduced to its text at once), a
chunk of at most LEARNING_CHUNK documents is held to learn recurring furniture lines, and texts are parsed in
windows and batches of bounded size. Articles are yielded as soon as they are extracted, not per chunk.
"""

from __future__ import annotations

import importlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from fieldbrief import nlp as nlp_module
from fieldbrief.clean import clean
from fieldbrief.clean.boilerplate import learn_recurring_lines
from fieldbrief.deadline import Timeout, deadline
from fieldbrief.errors import FieldbriefError
from fieldbrief.fingerprint import stage_version
from fieldbrief.model import Article, Note, RawDocument, Rejection, StageError
from fieldbrief.nlp.heap import settle_after_warm_up
from fieldbrief.nlp.windows import join_docs, window_spans
from fieldbrief.options import Options
from fieldbrief.prefilter import screen
from fieldbrief.read import extract_main_text, read_paths
from fieldbrief.read.sanitize import sanitize
from fieldbrief.read.streams import Refused
from fieldbrief.stage import Context, Stage

Outcome = Article | Rejection
T = TypeVar("T")

# The extraction stages, in the order they run (later stages read what earlier ones recorded).
STAGE_MODULES = ("times", "places", "statements", "actors", "events", "sentences", "figures")
# The records stages add to an article (dropped again when a stage fails half way).
RECORD_LISTS = ("statements", "places", "times", "events", "sentences", "figures")
# Documents grouped to learn furniture lines that recur across articles of one outlet...
LEARNING_CHUNK = 256
# ...and at most this many characters of text held for it.
CHUNK_CHARS = 8_000_000


def load_stages() -> tuple[Stage, ...]:
    return tuple(importlib.import_module(f"fieldbrief.extract.{name}").STAGE for name in STAGE_MODULES)


@dataclass
class Timings:
    """CPU seconds of this process per step, accumulated over a run (the benchmark reads them; CPU time, so that
    other work on a shared machine does not blur the shares)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, step: str, since: float) -> float:
        now = time.process_time()
        self.seconds[step] += now - since
        return now


class Pipeline:
    """The configured pipeline: load once, then run over any number of inputs."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.stages = load_stages()
        self.context = Context(self.options)
        self.timings = Timings()
        self._check_user_files()

    def _check_user_files(self) -> None:
        """A user's actor dictionary is read now: a broken one is a clear error, not a failure on every article."""
        if self.options.actors_file is None:
            return
        from fieldbrief.extract.actors import dictionary_for

        try:
            dictionary_for(self.context)
        except Exception as exc:  # TOML syntax, missing keys, wrong types: all mean "fix the file"
            raise FieldbriefError(
                "actors-file", f"cannot use the actor dictionary {self.options.actors_file}: {exc}"
            ) from exc

    @cached_property
    def nlp(self) -> Language:
        """The spaCy model, loaded on first use (with --workers N only the worker processes load it)."""
        return nlp_module.load(self.options.model)

    @property
    def provenance(self) -> dict[str, str]:
        """Stage name -> version, stored with every record the stages produce: the declared version plus a
        fingerprint of the code and data behind the stage, so it changes whenever the output can change."""
        return {stage.name: stage_version(stage.version, stage.run.__module__) for stage in self.stages}

    def run_paths(self, paths: Iterable[str]) -> Iterator[Outcome]:
        return self.run_documents(read_paths(paths, self.options.limits))

    def run_documents(self, documents: Iterable[RawDocument | Rejection]) -> Iterator[Outcome]:
        if self.options.workers > 1:
            yield from self._run_in_workers(documents)
            return
        for cleaned in self._cleaned_chunks(documents):
            yield from self._annotate_and_extract(cleaned)

    def _cleaned_chunks(self, documents: Iterable[RawDocument | Rejection]) -> Iterator[list[Outcome]]:
        """Chunks of cleaned articles (and rejections), screened by the pre-filter when it is on."""
        prepared = (self._guard(doc, "reading", self._prepare) for doc in documents)
        for chunk in _chunks(prepared, LEARNING_CHUNK, CHUNK_CHARS):
            cleaned = self._clean_chunk(chunk)
            if self.options.prefilter:
                started = time.process_time()
                cleaned = screen(cleaned, self.options.prefilter_threshold)
                self.timings.add("prefilter", started)
            yield cleaned

    def _run_in_workers(self, documents: Iterable[RawDocument | Rejection]) -> Iterator[Outcome]:
        from fieldbrief.parallel import WorkerPool

        pool = WorkerPool(self.options)
        try:
            yield from pool.run(self._cleaned_chunks(documents), self)
        finally:
            pool.close()

    def extract_batch(self, outcomes: list[Outcome]) -> Iterator[Outcome]:
        """Parse and extract the English articles among cleaned outcomes, in order (what a worker does)."""
        return self._annotate_and_extract(outcomes)

    # -- reading and cleaning ------------------------------------------------------------------------------
    def _guard(self, doc: RawDocument | Rejection, step: str, work: Callable[[RawDocument], T]) -> T | Rejection:
        """`work(doc)`, with any failure turned into a Rejection of this one document."""
        if isinstance(doc, Rejection):
            return doc
        seconds = self.options.limits.max_read_seconds
        try:
            with deadline(seconds):
                return work(doc)
        except Timeout:
            return _reject(doc, "timeout", f"{step} took over {seconds} s (max_read_seconds)")
        except Refused as exc:
            return _reject(doc, exc.code, exc.reason)
        except Exception as exc:  # a bug on one article must not lose the batch
            return _reject(doc, "internal-error", f"{step} failed: {type(exc).__name__}: {exc}")

    def _prepare(self, doc: RawDocument) -> RawDocument | Rejection:
        """Sanitised, HTML reduced to text, and not hopelessly long (cleaning it would already cost too much)."""
        started = time.process_time()
        limits = self.options.limits
        out = extract_main_text(sanitize(doc), limits)
        if isinstance(out, RawDocument):
            out = sanitize(out)  # again: what the page's own metadata said (title, URL, site name) is checked too
        if isinstance(out, RawDocument) and len(out.text or "") > 10 * limits.max_chars:
            out = _reject(
                out,
                "too-long",
                f"{len(out.text or ''):,} characters, over 10 × the {limits.max_chars:,} "
                "characters an article may keep after cleaning",
            )
        self.timings.add("read+clean", started)
        return out

    def _clean_chunk(self, chunk: list[RawDocument | Rejection]) -> list[Outcome]:
        started = time.process_time()
        first = [self._clean(doc) for doc in chunk]
        if self.options.learn_boilerplate:
            learned = learn_recurring_lines(
                [(a.outlet, a.text) for a in first if isinstance(a, Article)],
                self.options.boilerplate_min_articles,
            )
            if learned:
                first = [self._reclean(doc, out, learned) for doc, out in zip(chunk, first, strict=True)]
        self.timings.add("read+clean", started)
        return first

    def _clean(self, doc: RawDocument | Rejection, learned: dict[str, set[str]] | None = None) -> Outcome:
        def run(raw: RawDocument) -> Outcome:
            out = clean(raw, self.options, learned)
            if isinstance(out, Rejection):
                return _reject(raw, out.code, out.reason)
            limit = self.options.limits.max_chars
            if len(out.text) > limit:
                return _reject(
                    raw, "too-long", f"{len(out.text):,} characters after cleaning, over the {limit:,}-character limit"
                )
            out.notes = list(raw.notes)
            return out

        return self._guard(doc, "cleaning", run)

    def _reclean(self, doc: RawDocument | Rejection, out: Outcome, learned: dict[str, set[str]]) -> Outcome:
        """Clean again, with the furniture learned from the chunk, the articles of outlets that have some."""
        if isinstance(doc, RawDocument) and isinstance(out, Article) and out.outlet in learned:
            return self._clean(doc, learned)
        return out

    # -- annotating and extracting -------------------------------------------------------------------------
    def _annotate_and_extract(self, outcomes: list[Outcome]) -> Iterator[Outcome]:
        """Parse the English articles, extract each as soon as its parse is done, and yield in input order."""
        english = [i for i, o in enumerate(outcomes) if isinstance(o, Article) and o.language == "en"]
        done = 0
        for i, parsed in zip(english, self._parse([outcomes[i] for i in english]), strict=True):  # type: ignore[misc]
            article = outcomes[i]
            assert isinstance(article, Article)
            if isinstance(parsed, Doc):
                self._extract(parsed, article)
            else:
                outcomes[i] = Rejection(article.source, "internal-error", f"the parse failed: {parsed}")
            yield from outcomes[done : i + 1]
            done = i + 1
        yield from outcomes[done:]

    def _parse(self, articles: list[Article]) -> Iterator[Doc | str]:
        """Each article's Doc (or why its parse failed), in order, parsing windows in bounded batches."""
        limits = self.options.limits
        windows: list[tuple[int, str]] = []  # (article position, window text)
        for position, article in enumerate(articles):
            spans = window_spans(article.text, limits.parse_window_chars)
            if len(spans) > 1:
                article.notes.append(
                    Note(
                        "parsed-in-windows",
                        f"parsed in {len(spans)} windows of at most {limits.parse_window_chars:,} characters",
                    )
                )
            windows.extend((position, article.text[start:end]) for start, end in spans)
        pending: dict[int, list[Doc | str]] = defaultdict(list)
        counts: dict[int, int] = defaultdict(int)
        for position, _ in windows:
            counts[position] += 1
        finished = 0
        for position, parsed in zip((p for p, _ in windows), self._parse_windows([t for _, t in windows]), strict=True):
            pending[position].append(parsed)
            while finished < len(articles) and len(pending[finished]) == counts[finished]:
                yield _joined(pending.pop(finished))
                finished += 1

    def _parse_windows(self, texts: list[str]) -> Iterator[Doc | str]:
        started = time.process_time()
        # one process parses (with --workers N, each worker process its own batches: fieldbrief/parallel.py)
        for batch in _char_batches(texts, self.options.batch_size, self.options.limits.parse_batch_chars):
            for parsed in self._parse_batch(batch):
                started = self.timings.add("spacy", started)
                yield parsed
                started = time.process_time()

    def _parse_batch(self, texts: list[str]) -> Iterator[Doc | str]:
        """nlp.pipe over one batch; should it fail, the rest of the batch one text at a time, each guarded."""
        done = 0
        try:
            for doc in self.nlp.pipe(texts, batch_size=len(texts)):
                done += 1
                yield doc
            return
        except Exception:  # noqa: S110 — which text failed is found below, one at a time
            pass
        for text in texts[done:]:
            try:
                yield self.nlp(text)
            except Exception as exc:
                yield f"{type(exc).__name__}: {exc}"

    def _extract(self, doc: Doc, article: Article) -> None:
        """Each stage in turn, within its time limit; one that fails or runs out of time adds nothing to the
        article but an `errors` entry, and the later stages still run."""
        seconds = self.options.limits.max_stage_seconds
        for stage in self.stages:
            started = time.process_time()
            before = {name: len(getattr(article, name)) for name in RECORD_LISTS}
            error: str | None = None
            try:
                with deadline(seconds):
                    stage.run(doc, article, self.context)
            except Timeout:
                error = f"stopped after {seconds} s on this article (max_stage_seconds)"
            except Exception as exc:  # a stage bug must not lose the article or the batch
                error = f"{type(exc).__name__}: {exc}"
            if error is not None:
                for name, size in before.items():
                    del getattr(article, name)[size:]
                article.errors.append(StageError(stage.name, error))
            self.timings.add(stage.name, started)
        settle_after_warm_up()  # once per process, now that every stage has loaded what it needs (nlp/heap.py)


def _joined(parts: list[Doc | str]) -> Doc | str:
    failed = [p for p in parts if isinstance(p, str)]
    if failed:
        return failed[0]
    return join_docs([p for p in parts if isinstance(p, Doc)])


def _reject(doc: RawDocument, code: str, reason: str) -> Rejection:
    return Rejection(doc.source, code, reason, doc.container, doc.index)


def _chunks(items: Iterable[T], size: int, max_chars: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items and (about) `max_chars` characters of text."""
    chunk: list[T] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(getattr(item, "text", None) or "")
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _char_batches(texts: list[str], size: int, max_chars: int) -> Iterator[list[str]]:
    """Batches of at most `size` texts and `max_chars` characters (a longer text is a batch of its own)."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) >= size or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def analyze_paths(paths: Iterable[str], options: Options | None = None) -> Iterator[Outcome]:
    """Analyse files, directories, globs or '-' (stdin): one Article or Rejection per input document."""
    return Pipeline(options).run_paths(paths)


def analyze(texts: Iterable[str | RawDocument], options: Options | None = None) -> Iterator[Outcome]:
    """Analyse texts (or RawDocuments) given in memory, in order."""
    documents = (
        t if isinstance(t, RawDocument) else RawDocument(source=f"text:{i}", text=t) for i, t in enumerate(texts)
    )
    return Pipeline(options).run_documents(documents)
