"""The hostile corpus through the real command line: zero batch aborts, every good article analysed, every bad
input rejected with a registered code and a reason, bounded time per input and bounded memory.

`make test` runs a sample of FUZZ_CASES=500 hostile inputs; `make fuzz` runs 10,000 and writes its figures to
FUZZ_REPORT (the README quotes them). The corpus is generated (tests/fuzz/hostile.py); every text is fictional.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hostile import Case, build_corpus

from fieldbrief.pipeline import Pipeline
from fieldbrief.read import display_path
from fieldbrief.report.codes import note_codes, rejection_codes
from support import run_cli

CASES = int(os.environ.get("FUZZ_CASES", "500"))
REPORT = os.environ.get("FUZZ_REPORT")
SEED = int(os.environ.get("FUZZ_SEED", "13"))
MAX_SECONDS_PER_INPUT = 30
MAX_RSS_MB = 1500
TIMED_SAMPLE = 400 if CASES >= 2000 else 60  # inputs timed one by one, besides every heavy one
HEAVY_KINDS = {
    "huge-text",
    "huge-jsonl-line",
    "over-record-limit",
    "warc-bomb",
    "gzip-bomb",
    "parse-windows",
    "one-long-line",
    "stage-pathology",
    "dev-zero",
    "fifo",
    "html-deep",
    "json-file-deep",
}


@dataclass
class Outcomes:
    articles: list[dict[str, Any]]
    rejections: list[dict[str, Any]]
    run: Any


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    folder = tmp_path_factory.mktemp("hostile") / "in"
    folder.mkdir()
    return folder, build_corpus(folder, CASES, SEED)


@pytest.fixture(scope="module")
def analysed(corpus: tuple[Path, list[Case]], tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    folder, _ = corpus
    out = tmp_path_factory.mktemp("analysed")
    run = run_cli(
        "analyze",
        str(folder),
        "--out",
        str(out / "a.jsonl"),
        "--rejections",
        str(out / "r.jsonl"),
        "--no-summary",
        timeout=7200,
    )
    return Outcomes(_lines(out / "a.jsonl"), _lines(out / "r.jsonl"), run)


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _markers(text: str) -> set[str]:
    return {word.strip(".,") for word in text.split() if word.startswith("Marker")}


def _case_sources(folder: Path, case: Case) -> str:
    return display_path(os.path.join(os.fsencode(folder), os.fsencode(case.path)))


def check(
    folder: Path, cases: list[Case], articles: list[dict[str, Any]], rejections: list[dict[str, Any]]
) -> dict[str, Any]:
    """What came out against what each case expects; the failures, listed."""
    found: Counter[str] = Counter(m for a in articles for m in _markers(a["text"]))
    by_file: dict[str, list[dict[str, Any]]] = {}
    for rejection in rejections:
        by_file.setdefault(rejection.get("container") or rejection["source"], []).append(rejection)
    failures: list[str] = []
    good = hostile = 0
    for case in cases:
        good += case.good
        hostile += case.hostile
        path = _case_sources(folder, case)
        mine = by_file.get(path, [])
        for expect in case.expect:
            if expect.outcome == "article" and found[expect.marker or ""] != 1:
                failures.append(f"{case.kind} {path}: article {expect.marker} found {found[expect.marker or '']} times")
            if expect.outcome == "rejection":
                match = [
                    r
                    for r in mine
                    if (expect.record is None or r.get("index") == expect.record)
                    and (expect.codes is None or r["code"] in expect.codes)
                ]
                if not match:
                    failures.append(
                        f"{case.kind} {path}: no rejection {sorted(expect.codes or [])} "
                        f"(record {expect.record}) in {[(r['code'], r.get('index')) for r in mine]}"
                    )
    registered = set(rejection_codes())
    for rejection in rejections:
        if rejection["code"] not in registered or not rejection["reason"].strip():
            failures.append(f"unregistered code or empty reason: {rejection}")
        if rejection["code"] == "internal-error":
            failures.append(f"internal error (a bug): {rejection}")
    notes = {n["code"] for a in articles for n in a.get("notes", [])}
    failures += [f"unregistered note code {code}" for code in notes - set(note_codes())]
    return {
        "hostile_inputs": hostile,
        "good_articles": good,
        "articles": len(articles),
        "rejections": len(rejections),
        "rejection_codes": dict(Counter(r["code"] for r in rejections).most_common()),
        "stage_errors": dict(Counter(e["stage"] for a in articles for e in a.get("errors", []))),
        "failures": failures,
    }


def test_analyze_never_aborts_and_accounts_for_every_input(corpus: tuple[Path, list[Case]], analysed: Outcomes) -> None:
    folder, cases = corpus
    run = analysed.run
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    result = check(folder, cases, analysed.articles, analysed.rejections)
    assert result["hostile_inputs"] >= CASES
    assert not result["failures"], "\n".join(result["failures"][:40])
    assert run.peak_rss_mb < MAX_RSS_MB, run.peak_rss_mb
    _report("analyze", {**result, "seconds": round(run.seconds, 1), "peak_rss_mb": round(run.peak_rss_mb)})


def test_ingest_never_aborts_and_stores_every_good_article(
    corpus: tuple[Path, list[Case]], analysed: Outcomes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, cases = corpus
    db = tmp_path_factory.mktemp("ingested") / "f.db"
    run = run_cli("ingest", str(folder), "--db", str(db), timeout=7200)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr and "locked" not in run.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0] == len(analysed.rejections)
        texts = [r[0] for r in conn.execute("SELECT text FROM articles")]
        rejections = [
            {"source": s, "code": c, "reason": r, "container": k, "index": i}
            for s, c, r, k, i in conn.execute("SELECT source, code, reason, container, record_index FROM rejections")
        ]
    stored = Counter(m for t in texts for m in _markers(t))
    expected = {e.marker for case in cases for e in case.expect if e.outcome == "article"}
    missing = sorted(m for m in expected if stored[m] == 0)
    assert not missing, f"{len(missing)} good articles not stored: {missing[:20]}"
    assert all(r["code"] in rejection_codes() for r in rejections)
    assert run.peak_rss_mb < MAX_RSS_MB, run.peak_rss_mb
    _report(
        "ingest",
        {
            "articles": len(texts),
            "rejections": len(rejections),
            "seconds": round(run.seconds, 1),
            "peak_rss_mb": round(run.peak_rss_mb),
        },
    )


def test_no_single_input_takes_more_than_its_time(corpus: tuple[Path, list[Case]], pipeline: Pipeline) -> None:
    """Each input alone through the pipeline: every heavy one (bombs, huge texts, devices, pathologies) and a
    sample of the rest."""
    folder, cases = corpus
    heavy = [c for c in cases if c.kind in HEAVY_KINDS]
    timed = heavy + cases[:: max(len(cases) // TIMED_SAMPLE, 1)]
    slowest: list[tuple[float, str]] = []
    for case in timed:
        started = time.monotonic()
        list(pipeline.run_paths([os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(case.path)))]))
        slowest.append((time.monotonic() - started, f"{case.kind} {case.path}"))
    slowest.sort(reverse=True)
    assert slowest[0][0] < MAX_SECONDS_PER_INPUT, slowest[:5]
    _report("time", {"inputs_timed": len(timed), "slowest": [[round(s, 1), what] for s, what in slowest[:5]]})


def _report(part: str, figures: dict[str, Any]) -> None:
    if not REPORT:
        return
    path = Path(REPORT)
    report = json.loads(path.read_text()) if path.exists() else {}
    report.update({"date": dt.date.today().isoformat(), "cases": CASES, "seed": SEED, part: figures})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")
