"""Issue 13, durability: small-batch commits, kill -9 at several points then a re-run, concurrent writers and
readers, links stamped with the digest of the articles they were computed from. Real `fieldbrief` processes.
All articles are fictional."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldbrief import corpus as corpus_module
from fieldbrief.corpus import linked_corpus
from fieldbrief.link import LINK_VERSION
from fieldbrief.model import Article, Corpus, RawDocument
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store
from support import CLI, marker, run_cli, story

RECORD_TABLES = ("article_sources", "removals", "statements", "places", "times", "events", "stage_errors")


def write_stories(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"story{n:05d}.txt").write_text(story(n, sentences=2), encoding="utf-8")
    return folder


def count(db: Path, sql: str = "SELECT COUNT(*) FROM articles") -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def assert_consistent(db: Path, expected_articles: int) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (expected_articles,) * 2
        texts = [r[0] for r in conn.execute("SELECT text FROM articles")]
        for table in RECORD_TABLES:
            orphans = conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, table
        assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == expected_articles
    markers = sorted(word for t in texts for word in t.split() if word.startswith("Marker"))
    assert len(markers) == len(set(markers)) == expected_articles


def start_ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([CLI, "ingest", str(folder), "--db", str(db)], stderr=subprocess.PIPE)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], limit: float = 120) -> bool:
    """Poll until `condition` holds (True) or the process ends first (False)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return condition()
        time.sleep(0.1)
    raise AssertionError("timed out")


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_ingest_keeps_work_within_seconds_and_survives_kill_9_at_several_points(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "in", range(120))
    db = tmp_path / "f.db"
    # 1. killed while loading, before any article is analysed
    proc = start_ingest(folder, db)
    time.sleep(1.0)
    kill(proc)
    # 2. killed as soon as the first articles are committed: they must be committed long before the end
    proc = start_ingest(folder, db)
    assert wait_for(lambda: count(db) > 0, proc), "nothing committed before the process ended"
    first = count(db)
    kill(proc)
    assert 0 < first < 120 and count(db) >= first
    # 3. killed half way through
    proc = start_ingest(folder, db)
    wait_for(lambda: count(db) >= 60, proc)
    kill(proc)
    assert_consistent(db, count(db))
    # the re-run finishes the job, and once more adds nothing
    finish = run_cli("ingest", str(folder), "--db", str(db))
    assert finish.returncode == 0, finish.stderr
    assert_consistent(db, 120)
    again = run_cli("ingest", str(folder), "--db", str(db))
    assert "0 added, 0 updated, 120 unchanged" in again.stderr


def test_claims_killed_while_linking_leaves_a_consistent_store(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "in", range(30))
    db = tmp_path / "f.db"
    assert run_cli("ingest", str(folder), "--db", str(db)).returncode == 0
    for delay in (0.5, 2.5):
        proc = subprocess.Popen([CLI, "claims", "--db", str(db), "--out", str(tmp_path / "c.jsonl")])
        time.sleep(delay)
        kill(proc)
        assert_consistent(db, 30)
    result = run_cli("claims", "--db", str(db), "--out", str(tmp_path / "c.jsonl"))
    assert result.returncode == 0, result.stderr


def test_concurrent_ingests_and_readers_never_lock_or_lose(tmp_path: Path) -> None:
    first = write_stories(tmp_path / "a", range(0, 40))
    second = write_stories(tmp_path / "b", range(20, 60))  # 20 articles in both
    db = tmp_path / "f.db"
    seed = run_cli("ingest", str(write_stories(tmp_path / "seed", range(100, 103))), "--db", str(db))
    assert seed.returncode == 0
    procs = [
        subprocess.Popen([CLI, "ingest", str(first), "--db", str(db)], stderr=subprocess.PIPE),
        subprocess.Popen([CLI, "ingest", str(second), "--db", str(db)], stderr=subprocess.PIPE),
    ]
    readers = []
    while any(p.poll() is None for p in procs):
        for command in (["claims", "--out", str(tmp_path / "c.jsonl")], ["brief", "--out", str(tmp_path / "b.html")]):
            readers.append(run_cli(*command, "--db", str(db), timeout=120))
    for proc in procs:
        _, err = proc.communicate()
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in err
    for reader in readers:
        assert reader.returncode == 0 and "locked" not in reader.stderr, reader.stderr
    assert readers, "the readers never ran beside the writers"
    assert_consistent(db, 63)


def test_links_are_stamped_with_the_articles_they_were_computed_from(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "f.db"
    docs = [RawDocument(source=f"s{n}.txt", text=story(n)) for n in range(3)]
    articles = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
    with Store(db) as store:
        for article in articles[:2]:
            store.add(article, pipeline.provenance)
    real_link = corpus_module.link_corpus

    def link_while_another_ingest_lands(batch: list[Article], actors: Path | None = None) -> Corpus:
        linked = real_link(batch, actors)
        with Store(db) as other:  # another process stores an article while the links are being computed
            other.add(articles[2], pipeline.provenance)
        return linked

    monkeypatch.setattr(corpus_module, "link_corpus", link_while_another_ingest_lands)
    with Store(db) as store:
        stale = linked_corpus(store)
        assert len(stale.articles) == 2
        assert not store.links_are_current(LINK_VERSION)
    monkeypatch.setattr(corpus_module, "link_corpus", real_link)
    with Store(db) as store:
        fresh = linked_corpus(store)
        assert {a.id for a in fresh.articles} == {a.id for a in articles}
        assert store.links_are_current(LINK_VERSION)
    assert marker(2) in " ".join(a.text for a in fresh.articles)


class CountingNlp:
    """The spaCy pipeline, counting the documents it has parsed."""

    def __init__(self, nlp: object) -> None:
        self.nlp = nlp
        self.parsed = 0

    def pipe(self, texts: object, **kwargs: object) -> object:
        for doc in self.nlp.pipe(texts, **kwargs):  # type: ignore[attr-defined]
            self.parsed += 1
            yield doc

    def __call__(self, text: str) -> object:
        self.parsed += 1
        return self.nlp(text)  # type: ignore[operator]

    def __getattr__(self, name: str) -> object:
        return getattr(self.nlp, name)


def test_articles_stream_out_after_one_parse_batch_not_a_whole_chunk() -> None:
    from fieldbrief.options import Options

    pipeline = Pipeline(Options(batch_size=8))
    counting = CountingNlp(pipeline.nlp)
    pipeline.nlp = counting  # type: ignore[assignment]
    outcomes = pipeline.run_documents(RawDocument(source=f"s{n}.txt", text=story(n, 2)) for n in range(60))
    first = next(iter(outcomes))
    assert isinstance(first, Article) and marker(0) in first.text
    assert counting.parsed <= 8, f"the first article waited for {counting.parsed} parses"


def test_connections_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Six connections (as six processes would) open one new store at the same moment: each waits for the
    migrations another applies instead of failing, and every migration is applied once."""
    import threading

    from fieldbrief.store.migrations import MIGRATIONS

    db = tmp_path / "new.db"
    start = threading.Barrier(6)
    failures: list[BaseException] = []

    def open_store() -> None:
        start.wait()
        try:
            Store(db).close()
        except BaseException as exc:  # collected: the assertion below names it
            failures.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    with sqlite3.connect(db) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _, _ in MIGRATIONS]


def test_writer_commits_every_few_outcomes_or_seconds_and_on_interrupt(tmp_path: Path) -> None:
    from fieldbrief.model import Rejection
    from fieldbrief.store import StoreWriter

    now = [0.0]
    with Store(tmp_path / "w.db") as store:
        writer = StoreWriter(store, {}, batch=3, seconds=2.0, clock=lambda: now[0])
        rejections = [Rejection(f"r{i}", "empty", "x") for i in range(8)]
        for rejection in rejections[:2]:
            writer.add(rejection)
        assert store.counts()["rejections"] == 0  # two buffered, no time passed
        writer.add(rejections[2])
        assert store.counts()["rejections"] == 3  # a batch of three
        now[0] = 5.0
        writer.add(rejections[3])
        assert store.counts()["rejections"] == 4  # the last commit was long ago: at once
        writer.add(rejections[4])
        with pytest.raises(KeyboardInterrupt), writer:
            raise KeyboardInterrupt
        assert store.counts()["rejections"] == 5  # what was analysed is kept on Ctrl-C


def test_ingest_while_the_web_app_serves_the_store(tmp_path: Path) -> None:
    import json
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = tmp_path / "f.db"
    assert run_cli("ingest", str(write_stories(tmp_path / "seed", range(200, 203))), "--db", str(db)).returncode == 0
    server = subprocess.Popen([CLI, "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.PIPE)
    answers: list[int] = []

    def summary() -> dict[str, int]:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/summary", timeout=30) as response:
            answers.append(response.status)
            return dict(json.loads(response.read()))

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                summary()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "the app did not start"
                time.sleep(0.3)
        ingest = subprocess.Popen(
            [CLI, "ingest", str(write_stories(tmp_path / "in", range(40))), "--db", str(db)], stderr=subprocess.PIPE
        )
        while ingest.poll() is None:  # the app reads (and links what arrives) all the while
            summary()
            time.sleep(0.2)
        _, err = ingest.communicate()
        assert ingest.returncode == 0 and b"locked" not in err, err.decode()
        assert summary()["articles"] == 43
    finally:
        server.terminate()
        _, server_err = server.communicate(timeout=60)
    assert set(answers) == {200} and len(answers) > 3
    assert b"locked" not in server_err and b"Traceback" not in server_err, server_err.decode()[-2000:]
    assert_consistent(db, 43)
