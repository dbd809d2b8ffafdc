"""Property tests (hypothesis) over hostile inputs for each layer: readers, the cleaner, the stages, the store.

Whatever the input: no exception escapes, every outcome is an article or a coded rejection with a reason,
offsets stay inside the text, everything written out is valid UTF-8, the store stays consistent.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import feed_bytes, gzip_of, hostile_article, hostile_text, html_bytes, jsonl_bytes, warc_bytes

from fieldbrief.clean import clean
from fieldbrief.model import Article, Note, RawDocument, Rejection, Removal, StageError
from fieldbrief.options import Limits, Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.read import read_paths
from fieldbrief.read.sanitize import sanitize
from fieldbrief.report.codes import rejection_codes
from fieldbrief.store import Store

# Small limits, so that the limits themselves are exercised by small examples.
LIMITS = Limits(
    max_file_bytes=20_000,
    max_record_bytes=5_000,
    max_json_depth=20,
    max_json_number_digits=30,
    ratio_floor_bytes=10_000,
    max_compression_ratio=50,
    max_header_bytes=2_000,
)
FILES = st.one_of(
    st.tuples(st.just(".jsonl"), jsonl_bytes()),
    st.tuples(st.just(".json"), jsonl_bytes()),
    st.tuples(st.just(".html"), html_bytes()),
    st.tuples(st.just(".rss"), feed_bytes()),
    st.tuples(st.sampled_from([".warc", ".warc.gz"]), warc_bytes()),
    st.tuples(st.just(".txt"), st.binary(max_size=600)),
    st.tuples(st.just(".txt"), hostile_text().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.sampled_from([".txt.gz", ".jsonl.gz", ".html.gz"]), gzip_of(st.binary(max_size=300) | jsonl_bytes())),
    st.tuples(st.just(".txt.gz"), st.integers(20_000, 200_000).map(lambda n: __import__("gzip").compress(bytes(n)))),
)


def _valid_rejection(outcome: Rejection) -> None:
    assert outcome.code in rejection_codes(), outcome
    assert outcome.reason.strip(), outcome


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILES)
def test_readers_turn_any_file_into_documents_or_coded_rejections(file: tuple[str, bytes]) -> None:
    suffix, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        outcomes = list(read_paths([str(path)], LIMITS))
    assert outcomes, "an input vanished without an outcome"
    for outcome in outcomes:
        assert isinstance(outcome, RawDocument | Rejection)
        if isinstance(outcome, Rejection):
            _valid_rejection(outcome)
        else:
            assert outcome.text is not None or outcome.html is not None


METADATA = st.one_of(st.none(), hostile_text(80))


@settings(max_examples=300, deadline=None)
@given(hostile_text(2000), METADATA, METADATA, METADATA, METADATA)
def test_cleaner_keeps_text_writable_and_records_every_removal(
    text: str, title: str | None, outlet: str | None, url: str | None, published: str | None
) -> None:
    raw = sanitize(RawDocument(source="fuzz", text=text, title=title, outlet=outlet, url=url, published=published))
    out = clean(raw, Options())
    assert isinstance(out, Article | Rejection)
    if isinstance(out, Rejection):
        _valid_rejection(out)
        return
    json.dumps(out.to_json(), ensure_ascii=False).encode("utf-8")  # strict: no surrogate survives
    assert len(out.id) == 16 and out.text.strip()
    assert all(r.text for r in out.removed)
    assert out.url is None or out.url.startswith(("http://", "https://"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(hostile_article(), hostile_text(1500)), min_size=1, max_size=4))
def test_stages_give_one_outcome_per_input_with_offsets_inside_the_text(pipeline: Pipeline, texts: list[str]) -> None:
    docs = [RawDocument(source=f"fuzz:{i}", text=t) for i, t in enumerate(texts)]
    outcomes = list(pipeline.run_documents(docs))
    assert [o.source for o in outcomes] == [d.source for d in docs]
    for outcome in outcomes:
        if isinstance(outcome, Rejection):
            assert outcome.code != "internal-error", outcome
            _valid_rejection(outcome)
            continue
        json.dumps(outcome.to_json(), ensure_ascii=False).encode("utf-8")
        size = len(outcome.text)
        for record in [*outcome.statements, *outcome.places, *outcome.times, *outcome.events]:
            assert 0 <= record.start <= record.end <= size, record
        for statement in outcome.statements:
            assert outcome.text[statement.start : statement.end] == statement.content
        for place in outcome.places:
            assert outcome.text[place.start : place.end] == place.name


STORABLE = hostile_text(300).map(lambda t: sanitize(RawDocument(source="s", text=t)).text or "")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(STORABLE, STORABLE, STORABLE), min_size=1, max_size=5), STORABLE)
def test_store_round_trips_hostile_articles_and_stays_consistent(items: list[tuple[str, str, str]], junk: str) -> None:
    provenance = {"statements": "1", "places": "1", "times": "1", "events": "1"}
    articles = []
    for number, (text, title, outlet) in enumerate(items):  # distinct texts: one id, one record
        article = Article(
            source=f"src {title[:20]}", text=f"x{number} {text}", title=title or None, outlet=outlet or None
        )
        article.removed.append(Removal("boilerplate", "y" + junk, "pattern:fuzz"))
        article.errors.append(StageError("events", junk))
        article.notes.append(Note("encoding", junk))
        articles.append(article)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "f.db"
        with Store(db) as store:
            first = store.add_many([*articles, Rejection(junk or "s", "empty", "x" + junk, junk, 0)], provenance)
            again = store.add_many(articles, provenance)
            assert set(again) == {"unchanged"} and first.count("added") == len(articles)
            for article in articles:
                record = store.get(article.id)
                assert record is not None
                expected = article.to_json()
                assert {k: record[k] for k in expected if k != "source"} == {
                    k: v for k, v in expected.items() if k != "source"
                }
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
