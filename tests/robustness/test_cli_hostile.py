"""Issue 13 through the real command line (subprocesses): resource bounds, console safety, file names, arguments.

All texts are fictional.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_files import jsonl, warc_bomb
from test_hostile_inputs import long_text

from support import marker, run_cli, story

MEMORY_MB = 1500


def rejections(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rejected ")]


def test_bombs_devices_fifos_loops_and_huge_articles_stay_bounded(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text(story(1))
    warc_bomb(tmp_path / "bomb.warc.gz")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    (tmp_path / "huge.txt").write_text(long_text(900_000))
    result = run_cli("analyze", str(tmp_path), "--out", str(out), "--no-summary", timeout=150)
    assert result.returncode == 0, result.stderr
    assert marker(1) in out.read_text()
    lines = rejections(result.stderr)
    expected = {
        "bomb.warc.gz": "decompression-bomb",
        "zero.txt": "not-a-file",
        "pipe.txt": "not-a-file",
        "loop.txt": "symlink-loop",
        "huge.txt": "too-long",
    }
    for name, code in expected.items():
        assert any(name in line and f"[{code}]" in line for line in lines), (name, code, result.stderr)
    assert "1 article, 6 rejected" in result.stderr  # the bomb's record is too large, then the file a bomb
    assert result.peak_rss_mb < MEMORY_MB, result.peak_rss_mb
    assert "Traceback" not in result.stderr


MARKUP = "[/bold] [link=https://example.org]x[/link] \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \x1b[2J"


def test_console_output_escapes_markup_and_strips_control_characters(tmp_path: Path) -> None:
    records = [{"text": story(2), "title": "Fictional " + MARKUP, "outlet": "Outlet " + MARKUP}]
    (tmp_path / "m.jsonl").write_text(jsonl(records))
    db = tmp_path / "m.db"
    summary = run_cli("analyze", str(tmp_path / "m.jsonl"), "--format", "summary")
    ingest = run_cli("ingest", str(tmp_path / "m.jsonl"), "--db", str(db))
    assert summary.returncode == 0 and ingest.returncode == 0, summary.stderr + ingest.stderr
    found = run_cli("search", marker(2), "--db", str(db))
    article_id = found.stdout.split()[0]
    shown = run_cli("show", article_id, "--db", str(db))
    for result in (summary, found, shown):
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        assert "[/bold]" in result.stdout  # shown as written, not interpreted
    assert "Outlet [/bold]" in shown.stdout


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"bad\xffname.txt"), "w", encoding="utf-8") as fh:
        fh.write(story(3))
    out = tmp_path / "out.jsonl"
    analysed = run_cli("analyze", os.fsdecode(folder), "--out", str(out), "--no-summary")
    assert analysed.returncode == 0, analysed.stderr
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["source"].endswith("bad\\xffname.txt")
    stored = run_cli("ingest", os.fsdecode(folder), "--db", str(tmp_path / "f.db"))
    assert stored.returncode == 0 and "1 added" in stored.stderr, stored.stderr


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("args")
    (folder / "good.txt").write_text(story(4))
    (folder / "not-sqlite.db").write_text("this is a text file, not a store\n" * 10)
    (folder / "bad-actors.toml").write_text("[[actor]\ncode = 'X'\nname = \n")
    (folder / "a-folder").mkdir()
    return folder


BAD_ARGUMENTS = [
    (["ingest", "{d}/good.txt", "--db", "{d}/no/such/folder/f.db"], "folder"),
    (["ingest", "{d}/good.txt", "--db", "{d}/not-sqlite.db"], "not-sqlite.db"),
    (["show", "abc", "--db", "{d}/not-sqlite.db"], "not-sqlite.db"),
    (["analyze", "{d}/good.txt", "--out", "{d}/a-folder"], "a-folder"),
    (["analyze", "{d}/good.txt", "--out", "{d}/good.txt/out.jsonl"], "out.jsonl"),
    (["analyze", "{d}/good.txt", "--published", "2021-13-45"], "--published"),
    (["analyze", "{d}/good.txt", "--published", "not a date"], "--published"),
    (["analyze", "{d}/good.txt", "--published", "yesterday"], "--published"),
    (["analyze", "{d}/good.txt", "--actors", "{d}/bad-actors.toml"], "bad-actors.toml"),
    (["analyze", "{d}/good.txt", "--workers", "0"], "--workers"),
    (["analyze", "{d}/good.txt", "--limit", "max_chars=lots"], "--limit"),
    (["show", "abc", "--db", "{d}/absent.db"], "absent.db"),
    (["search", "Example", "--db", "{d}/absent.db"], "absent.db"),
    (["claims", "--db", "{d}/absent.db"], "absent.db"),
    (["brief", "--db", "{d}/absent.db"], "absent.db"),
    (["export", "--db", "{d}/absent.db"], "absent.db"),
]


@pytest.mark.parametrize(("args", "names"), BAD_ARGUMENTS, ids=[" ".join(a[:1] + a[2:]) for a, _ in BAD_ARGUMENTS])
def test_bad_arguments_get_one_line_and_exit_2(inputs: Path, args: list[str], names: str) -> None:
    before = sorted(p.name for p in inputs.rglob("*"))
    result = run_cli(*[a.format(d=inputs) for a in args], timeout=60)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and names in lines[0], result.stderr
    assert sorted(p.name for p in inputs.rglob("*")) == before  # nothing created by a refused command


def test_a_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "good.txt").write_text(story(5))
    shell = f"'{run_cli.__globals__['CLI']}' analyze '{tmp_path}' | head -c 20"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
    assert len(result.stdout) == 20 and "Traceback" not in result.stderr, result.stderr
