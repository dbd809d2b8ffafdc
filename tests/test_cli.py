"""The CLI end to end: the JSON Lines contract, exit codes, the tally line, ingest/show/search, bench."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import SEEDS, require
from fieldbrief.cli import app

runner = CliRunner()
CONTRACT_KEYS = {
    "id",
    "source",
    "outlet",
    "title",
    "published",
    "language",
    "text",
    "removed",
    "statements",
    "places",
    "events",
}
# Fictional article written for these tests.
STORY = (
    "Fictional militia fighters attacked a checkpoint outside the town of Example on Monday, "
    "a regional official said. The army said it had repelled the attack."
)


def test_analyze_writes_the_contract_for_the_seeds(tmp_path: Path) -> None:
    out = tmp_path / "seeds.jsonl"
    result = runner.invoke(
        app,
        ["analyze", str(require(SEEDS)), "--format", "jsonl", "--out", str(out), "--published", "2021-08-20"],
    )
    assert result.exit_code == 0, result.output
    assert "2 articles, 0 rejected" in result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [Path(r["source"]).name for r in records] == sorted(p.name for p in SEEDS.iterdir())
    for record in records:
        assert record.keys() >= CONTRACT_KEYS
        assert len(record["id"]) == 16 and record["published"] == "2021-08-20" and record["language"] == "en"
        for item in record["statements"] + record["places"] + record["events"]:
            assert 0 <= item["start"] <= item["end"] <= len(record["text"])
        for statement in record["statements"]:
            assert record["text"][statement["start"] : statement["end"]] == statement["content"]
        for place in record["places"]:
            assert record["text"][place["start"] : place["end"]] == place["name"]


def test_analyze_stdin_to_stdout() -> None:
    result = runner.invoke(app, ["analyze", "-"], input=STORY)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["source"] == "-" and record["text"] == STORY


def test_bad_inputs_rejected_rest_analysed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "bad.jsonl").write_text('{"text": "' + STORY + '"}\n{broken\n')
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 2
    assert "2 articles, 2 rejected: " in result.stderr
    assert "binary (1)" in result.stderr and "invalid-json (1)" in result.stderr
    strict = runner.invoke(app, ["analyze", str(tmp_path), "--strict"])
    assert strict.exit_code == 1


def test_nothing_readable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["analyze", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "0 articles, 2 rejected: " in result.stderr


def test_ingest_twice_show_and_search(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    first = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "2 added, 0 updated, 0 unchanged" in first.stderr
    again = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert "0 added, 0 updated, 2 unchanged" in again.stderr
    found = runner.invoke(app, ["search", "Panjshir AND Lavrov", "--db", str(db)])
    assert found.exit_code == 0 and "1 hits" in found.stderr
    article_id = found.stdout.split()[0]
    shown = runner.invoke(app, ["show", article_id[:6], "--db", str(db)])
    assert shown.exit_code == 0
    assert "No comments have so far been submitted" in shown.stdout  # listed under Removed, not in the text
    assert "[boilerplate]" in shown.stdout and "[caption]" in shown.stdout
    missing = runner.invoke(app, ["show", "ffffffffffff", "--db", str(db)])
    assert missing.exit_code == 1


def test_every_command_has_help() -> None:
    for command in ["analyze", "ingest", "show", "search", "bench"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_bench_reports_ratio_stages_and_memory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    result = runner.invoke(app, ["bench", str(tmp_path), "--articles", "4", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles"] == 4 and figures["ratio_full_to_spacy"] > 0
    assert "spacy" in figures["stage_seconds"] and figures["peak_rss_mb"] > 0
