"""Background analysis: articles added from the browser are read, analysed, stored and linked by one worker thread.

jobs = Jobs(db_path, pipeline_factory)
jobs.start()
job = jobs.submit(documents, label="upload: reports.jsonl")   # returns at once; job.to_json() shows progress
jobs.stop()

One worker, one pipeline (spaCy loaded at its first job), one store connection of its own: jobs run in the order
they came. After a job's articles are stored, only what they changed is linked again (`fieldbrief.web.relink`).
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from fieldbrief.model import Article, RawDocument, Rejection
from fieldbrief.pipeline import Pipeline
from fieldbrief.read import READERS, extract_main_text, read_bytes, suffix_of
from fieldbrief.store import Store
from fieldbrief.web.relink import relink

JobState = Literal["queued", "analysing", "linking", "done", "failed"]
KEPT_JOBS = 200  # finished jobs remembered for the jobs list
BUSY_TIMEOUT_MS = 30_000  # the worker waits this long for readers' locks rather than fail a write
UPLOAD_SUFFIXES = tuple(sorted(s for s in READERS if s not in (".rss", ".atom", ".xml")))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    id: int
    label: str
    documents: list[RawDocument | Rejection]
    published: str | None = None  # publication date for documents that carry none
    outlet: str | None = None
    relink_only: bool = False  # a catch-up job: link what changed in the store, analyse nothing
    state: JobState = "queued"
    created: str = field(default_factory=_now)
    finished: str | None = None
    analysed: int = 0
    results: Counter[str] = field(default_factory=Counter)  # added | updated | unchanged
    rejections: list[Rejection] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)  # id, title of each stored article
    linking: dict[str, Any] = field(default_factory=dict)  # RelinkReport.to_json(), and progress while it runs
    error: str | None = None

    @property
    def total(self) -> int:
        return len(self.documents)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "state": self.state,
            "created": self.created,
            "finished": self.finished,
            "total": self.total,
            "analysed": self.analysed,
            "added": self.results["added"],
            "updated": self.results["updated"],
            "unchanged": self.results["unchanged"],
            "rejected": [r.to_json() for r in self.rejections],
            "articles": self.articles,
            "linking": self.linking,
            "error": self.error,
        }


def documents_from_upload(filename: str, data: bytes) -> list[RawDocument | Rejection]:
    """The documents in an uploaded file, read by its suffix like `fieldbrief ingest` reads files."""
    source = f"upload:{filename}"
    suffix, _ = suffix_of(filename)
    if suffix not in UPLOAD_SUFFIXES:
        return [
            Rejection(
                source,
                "unsupported-type",
                f"no reader for {suffix or 'files without extension'}; upload one of {', '.join(UPLOAD_SUFFIXES)}",
            )
        ]
    return list(read_bytes(data, filename, source))


class Jobs:
    def __init__(self, db_path: str, pipeline_factory: Callable[[], Pipeline] = Pipeline) -> None:
        self.db_path = db_path
        self._pipeline_factory = pipeline_factory
        self._pipeline: Pipeline | None = None
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: dict[int, Job] = {}
        self._lock = threading.Lock()
        self._next_id = 1
        self._thread: threading.Thread | None = None

    # -- the public side -------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="fieldbrief-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def submit(
        self,
        documents: Iterable[RawDocument | Rejection],
        label: str,
        published: str | None = None,
        outlet: str | None = None,
    ) -> Job:
        return self._add(Job(0, label, list(documents), published, outlet))

    def submit_relink(self, label: str = "linking what changed in the store") -> Job:
        return self._add(Job(0, label, [], relink_only=True))

    def get(self, job_id: int) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: -j.id)

    def busy(self) -> bool:
        with self._lock:
            return any(j.state in ("queued", "analysing", "linking") for j in self._jobs.values())

    def wait(self, job_id: int, timeout: float) -> Job | None:
        """The job once it has finished (for tests and scripts), or as it is when `timeout` runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.state in ("done", "failed"):
                return job
            time.sleep(0.05)
        return self.get(job_id)

    def _add(self, job: Job) -> Job:
        with self._lock:
            job.id = self._next_id
            self._next_id += 1
            self._jobs[job.id] = job
            finished = sorted(j.id for j in self._jobs.values() if j.state in ("done", "failed"))
            for old in finished[: max(0, len(self._jobs) - KEPT_JOBS)]:
                del self._jobs[old]
        self._queue.put(job)
        return job

    # -- the worker ------------------------------------------------------------------------------------------
    def _work(self) -> None:
        store = Store(self.db_path)
        store.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            while (job := self._queue.get()) is not None:
                try:
                    self._run(job, store)
                    job.state = "done"
                except Exception as exc:  # a failed job is reported on the job; the worker goes on
                    job.error = f"{type(exc).__name__}: {exc}"
                    job.linking["trace"] = traceback.format_exc(limit=5)
                    job.state = "failed"
                job.finished = _now()
        finally:
            store.close()

    def _run(self, job: Job, store: Store) -> None:
        changed: list[str] = []
        if not job.relink_only:
            job.state = "analysing"
            changed = self._analyse(job, store)
        job.state = "linking"
        job.linking = {"done": 0, "total": None}

        def progress(done: int, total: int) -> None:
            job.linking = {"done": done, "total": total}

        job.linking = relink(store, None if job.relink_only else changed, progress).to_json()

    def _analyse(self, job: Job, store: Store) -> list[str]:
        if self._pipeline is None:
            self._pipeline = self._pipeline_factory()
        pipeline = self._pipeline
        documents = [self._prepare(doc, job) for doc in job.documents]
        changed = []
        for outcome in pipeline.run_documents(documents):
            job.analysed += 1
            if isinstance(outcome, Rejection):
                job.rejections.append(outcome)
                store.add_rejection(outcome)
                continue
            result = store.add(outcome, pipeline.provenance)
            job.results[result] += 1
            job.articles.append(_article_line(outcome, result))
            if result != "unchanged":
                changed.append(outcome.id)
        return changed

    @staticmethod
    def _prepare(doc: RawDocument | Rejection, job: Job) -> RawDocument | Rejection:
        """HTML reduced to its text first, so that the page's own date wins over the date given with the job."""
        doc = extract_main_text(doc)
        if isinstance(doc, RawDocument):
            doc.published = doc.published or job.published
            doc.outlet = doc.outlet or job.outlet
        return doc


def _article_line(article: Article, result: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "result": result,
        "events": len(article.events),
        "statements": len(article.statements),
    }
