"""`fieldbrief spark` and `fieldbrief spark-link` with Spark's local[2] master give the records of the local run.

The inputs: a WARC.gz built here (the two seed reports and our fictional example as HTML responses, beside a
request, an image, a metadata record and an empty page), a JSON Lines file with a bad line, a text file and a glob
that matches nothing. One Spark session serves the module (its start-up dominates the time).
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ROOT, SEEDS, require
from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Rejection
from fieldbrief.pipeline import Pipeline

# Debian's Java 17 (what `make test` installs), chosen over another java on PATH that Spark may not support.
JAVA_17 = next(iter(sorted(Path("/usr/lib/jvm").glob("java-17-openjdk-*/bin/java"))), None)
if JAVA_17 is not None and not os.environ.get("JAVA_HOME"):
    os.environ["JAVA_HOME"] = str(JAVA_17.parent.parent)

pytestmark = pytest.mark.skipif(
    JAVA_17 is None and shutil.which("java") is None,
    reason="Spark needs Java 17, which `make test` installs from Debian's packages (openjdk-17-jre-headless); "
    "this machine has no java and apt could not install it",
)

CRAWLED = "2021-08-28T09:30:00Z"


def _page(title: str, text: str, published: str | None) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    date = f"<meta property='article:published_time' content='{published}'>" if published else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{date}<title>{html.escape(title)}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>\n{paragraphs}</article>"
        "<footer>All rights reserved</footer></body></html>"
    ).encode()


def build_warc(path: Path) -> list[str]:
    """A small crawl, as Common Crawl writes it (gzip member per record); the URLs of its HTML responses."""
    seeds = sorted(require(SEEDS).glob("*.txt"))
    fictional = ROOT / "examples" / "fictional_riverside_clashes.txt"
    pages = [
        (f"https://news.example.org/{p.stem}", p.read_text(encoding="utf-8").splitlines()[0], p.read_text("utf-8"), day)
        for p, day in [*((seed, "2021-08-27") for seed in seeds), (fictional, None)]
    ]
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "fieldbrief tests"}))

    def response(url: str, content_type: str, body: bytes) -> None:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": CRAWLED}
        )
        writer.write_record(record)

    for url, title, text, published in pages:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
        response(url, "text/html; charset=utf-8", _page(title, text, published))
    response("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n")
    response("https://news.example.org/empty", "text/html", b"<html><body><p> </p></body></html>")
    writer.write_record(
        writer.create_warc_record("https://news.example.org/", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12"))
    )
    path.write_bytes(buffer.getvalue())
    return [url for url, _, _, _ in pages]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("spark-inputs")
    urls = build_warc(folder / "crawl.warc.gz")
    lines = [
        {
            "text": "FICTIONAL EXAMPLE. Protesters marched through the centre of Eastport on Friday, police said.",
            "url": "https://wire.example.org/eastport",
            "published": "2024-03-01",
            "outlet": "Example Wire",
        },
        "{not json",
    ]
    (folder / "wire.jsonl").write_text(
        "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8"
    )
    shutil.copy(ROOT / "examples" / "fictional_northmarch_talks.txt", folder / "talks.txt")
    paths = [str(folder / "crawl.warc.gz"), str(folder / "*.jsonl"), str(folder / "talks.txt"), str(folder / "*.nope")]
    return {"paths": paths, "urls": urls, "folder": folder}


@pytest.fixture(scope="module")
def local(inputs: dict[str, Any], pipeline: Pipeline) -> list[Article | Rejection]:
    return list(pipeline.run_paths(inputs["paths"]))


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    from fieldbrief.scale import spark_session

    session = spark_session("local[2]", "fieldbrief-tests")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def analysed(spark, inputs: dict[str, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from fieldbrief.scale import analyze_to_parquet

    out = inputs["folder"] / "parquet"
    counts = analyze_to_parquet(spark, inputs["paths"], str(out))

    def pipeline_loads(_: Any) -> list[tuple[int, int]]:  # nested: pickled by value (workers cannot import tests)
        from fieldbrief.scale.analyze import worker_pipeline

        return [(os.getpid(), worker_pipeline.cache_info().misses)]

    # right away, before Spark retires its idle Python workers (after a minute): how often each loaded the pipeline
    loads = dict(spark.sparkContext.parallelize(range(8), 8).mapPartitions(pipeline_loads).collect())
    tables = {t: [r.asDict() for r in spark.read.parquet(str(out / t)).collect()] for t in counts}
    return {"out": out, "counts": counts, "tables": tables, "loads": loads}


def test_spark_articles_equal_the_local_run(analysed: dict[str, Any], local: list[Article | Rejection]) -> None:
    articles = [o for o in local if isinstance(o, Article)]
    assert len(articles) == 5  # two seeds and a fictional page from the WARC, the JSON Lines record, the text file
    rows = analysed["tables"]["articles"]
    assert {r["article_id"]: json.loads(r["record"]) for r in rows} == {a.id: a.to_json() for a in articles}
    by_id = {r["article_id"]: r for r in rows}
    assert all(by_id[a.id]["text"] == a.text and by_id[a.id]["published"] == a.published for a in articles)


def test_spark_keeps_the_crawl_metadata(analysed: dict[str, Any], inputs: dict[str, Any]) -> None:
    rows = analysed["tables"]["articles"]
    crawled = {r["url"]: r["fetched"] for r in rows if r["fetched"]}
    assert crawled == {url: CRAWLED[:10] for url in inputs["urls"]}  # HTML responses only: no image, no request


def test_spark_rejections_are_rows(analysed: dict[str, Any], local: list[Article | Rejection]) -> None:
    expected = sorted((r.source, r.code, r.reason) for r in local if isinstance(r, Rejection))
    assert {code for _, code, _ in expected} >= {"invalid-json", "not-found"}  # the bad line, the empty glob
    assert sorted((r["source"], r["code"], r["reason"]) for r in analysed["tables"]["rejections"]) == expected


def test_spark_record_tables_hold_every_record(analysed: dict[str, Any], local: list[Article | Rejection]) -> None:
    articles = [o for o in local if isinstance(o, Article)]
    tables = analysed["tables"]
    statements = sorted(
        (a.id, i, s.id, s.speaker.name, s.content, s.start, s.end) for a in articles for i, s in enumerate(a.statements)
    )
    assert statements and statements == sorted(
        (r["article_id"], r["position"], r["id"], r["speaker_name"], r["content"], r["start"], r["end"])
        for r in tables["statements"]
    )
    events = sorted(
        (a.id, e.id, e.type, e.place.country if e.place else None, e.fatalities, e.evidence)
        for a in articles
        for e in a.events
    )
    assert events and events == sorted(
        (r["article_id"], r["id"], r["type"], r["place_country"], r["fatalities"], r["evidence"])
        for r in tables["events"]
    )
    places = sorted((a.id, p.name, p.start, p.lat, p.country) for a in articles for p in a.places)
    assert places == sorted((r["article_id"], r["name"], r["start"], r["lat"], r["country"]) for r in tables["places"])
    assert len(tables["times"]) == sum(len(a.times) for a in articles)


def test_spark_link_claims_equal_link_corpus(spark, analysed: dict[str, Any], local: list[Article | Rejection]) -> None:  # type: ignore[no-untyped-def]
    from fieldbrief.scale import link_parquet
    from fieldbrief.scale.blocks import blocking_keys, components
    from fieldbrief.scale.link import link_order

    out = analysed["out"] / "linked"
    counts = link_parquet(spark, str(analysed["out"]), str(out))
    rows = spark.read.parquet(str(out / "claims")).collect()
    claims = {r["claim_id"]: json.loads(r["record"]) for r in rows}
    block_of = {r["claim_id"]: r["block"] for r in rows}
    members = spark.read.parquet(str(out / "claim_members")).collect()
    assert len(members) == sum(len(c["members"]) for c in claims.values())

    articles = sorted((o for o in local if isinstance(o, Article)), key=link_order)
    blocks = components((a.id, blocking_keys(a)) for a in articles)
    assert set(blocks) == {a.id for a in articles}
    assert counts["blocks"] == len(set(blocks.values())) >= 3  # Afghanistan 2021, a US wire of 2024, the undated
    # Each block's claims are exactly those link_corpus finds over the block's articles, in the store's order.
    for block in set(blocks.values()):
        expected = {c.id: c.to_json() for c in link_corpus([a for a in articles if blocks[a.id] == block]).claims}
        assert {k: v for k, v in claims.items() if block_of[k] == block} == expected, block
    # The seeds' block (where they contest each other) gives the claims of linking the whole corpus at once.
    whole = {c.id: c.to_json() for c in link_corpus(articles).claims}
    seeds = {blocks[a.id] for a in articles if "panjshir" in a.source}
    assert len(seeds) == 1
    in_seeds = {k: v for k, v in claims.items() if block_of[k] in seeds}
    assert any(c["status"] == "contested" for c in in_seeds.values())
    assert in_seeds == {
        k: v
        for k, v in whole.items()
        if {m["article_id"] for m in v["members"]} <= set(a.id for a in articles if blocks[a.id] in seeds)
    }


def test_each_python_worker_loads_the_pipeline_once(analysed: dict[str, Any]) -> None:
    assert max(analysed["loads"].values()) == 1  # the workers that analysed loaded it once, for all their partitions


def test_the_commands_write_the_tables(spark, inputs: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from fieldbrief.cli import app

    folder, out = inputs["folder"], inputs["folder"] / "cli"
    runner = CliRunner()
    done = runner.invoke(
        app, ["spark", "--input", str(folder / "*.jsonl"), "--input", str(folder / "*.nope"), "--output", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert "1 articles" in done.output and "rejected: " in done.output and "1 invalid-json" in done.output
    again = runner.invoke(app, ["spark", "--input", str(folder / "*.jsonl"), "--output", str(out)])
    assert again.exit_code == 2 and "--overwrite" in again.output  # the tables are there: kept unless --overwrite
    linked = runner.invoke(app, ["spark-link", "--input", str(out), "--output", str(out)])
    assert linked.exit_code == 0, linked.output
    assert spark.read.parquet(str(out / "claims")).count() >= 1
