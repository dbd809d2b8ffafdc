"""Issue 13: every hostile input of the issue, one small file each, beside a good article in the same batch.

Each must become a coded Rejection (or an Article with a recorded note), never an exception that loses the
batch; the good article is always analysed. All texts are fictional.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from hostile_files import big_number_json, deep_json, jsonl, page, warc_record, write_warc_gz

from fieldbrief.model import Article, Rejection
from fieldbrief.pipeline import Outcome, Pipeline
from support import marker, story


def run(pipeline: Pipeline, *paths: Path) -> list[Outcome]:
    return list(pipeline.run_paths([str(p) for p in paths]))


def good_file(tmp_path: Path, number: int = 1) -> Path:
    path = tmp_path / f"good{number}.txt"
    path.write_text(story(number), encoding="utf-8")
    return path


def assert_good_analysed(outcomes: list[Outcome], *numbers: int) -> None:
    texts = [o.text for o in outcomes if isinstance(o, Article)]
    for number in numbers:
        assert any(marker(number) in t for t in texts), f"good article {number} lost: {outcomes}"


def rejection(outcomes: list[Outcome], code: str) -> Rejection:
    found = [o for o in outcomes if isinstance(o, Rejection) and o.code == code]
    assert found, f"no {code!r} rejection in {outcomes}"
    assert found[0].reason
    return found[0]


def long_text(chars: int) -> str:
    """Distinct fictional paragraphs (repeats would be removed by the cleaner) up to `chars` characters."""
    rng = random.Random(chars)
    words = ("militia", "army", "town", "checkpoint", "official", "said")
    words += ("attacked", "river", "council", "police", "village", "road")
    paragraphs, size = [], 0
    while size < chars:
        paragraph = " ".join(rng.choice(words) for _ in range(30)).capitalize() + f" {len(paragraphs)}."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("kind", ["txt", "json", "jsonl"])
def test_article_over_the_parser_limit_is_rejected_not_fatal(tmp_path: Path, pipeline: Pipeline, kind: str) -> None:
    text = long_text(1_050_000)
    path = tmp_path / f"huge.{kind}"
    path.write_text(text if kind == "txt" else json.dumps({"text": text}) + "\n", encoding="utf-8")
    outcomes = run(pipeline, path, good_file(tmp_path))
    assert_good_analysed(outcomes, 1)
    assert "characters" in rejection(outcomes, "too-long").reason


def test_malformed_record_inside_a_warc_gz(tmp_path: Path, pipeline: Pipeline) -> None:
    records = [
        warc_record("https://example.org/1", page(1).encode()),
        warc_record(None, page(2).encode()),  # no WARC-Target-URI: crashed the WARC library
        warc_record("https://example.org/3", page(3).encode()),
    ]
    path = write_warc_gz(tmp_path / "crawl.warc.gz", records)
    outcomes = run(pipeline, path, good_file(tmp_path, 4))
    assert_good_analysed(outcomes, 1, 3, 4)
    bad = [o for o in outcomes if isinstance(o, Rejection)]
    assert len(bad) == 1 and bad[0].code == "invalid-warc"
    assert bad[0].container == str(path) and bad[0].index == 1


def test_json_number_longer_than_python_converts(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "n.json").write_text(big_number_json())
    (tmp_path / "n.jsonl").write_text(big_number_json() + "\n" + json.dumps({"text": story(2)}) + "\n")
    outcomes = run(pipeline, tmp_path / "n.json", tmp_path / "n.jsonl", good_file(tmp_path))
    assert_good_analysed(outcomes, 1, 2)
    assert len([o for o in outcomes if isinstance(o, Rejection) and o.code == "json-number-too-long"]) == 2


def test_json_nested_thousands_deep(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "deep.json").write_text(deep_json())
    (tmp_path / "deep.jsonl").write_text(deep_json(100_000) + "\n" + json.dumps({"text": story(2)}) + "\n")
    outcomes = run(pipeline, tmp_path / "deep.json", tmp_path / "deep.jsonl", good_file(tmp_path))
    assert_good_analysed(outcomes, 1, 2)
    assert len([o for o in outcomes if isinstance(o, Rejection) and o.code == "json-too-deep"]) == 2


def test_lone_surrogates_are_replaced_and_recorded(tmp_path: Path, pipeline: Pipeline) -> None:
    line = json.dumps({"text": story(2) + " \ud800 end.", "title": "Fictional \udc00 title"})
    assert "\\ud800" in line
    (tmp_path / "s.jsonl").write_text(line + "\n", encoding="utf-8")
    outcomes = run(pipeline, tmp_path / "s.jsonl", good_file(tmp_path))
    assert_good_analysed(outcomes, 1, 2)
    [article] = [o for o in outcomes if isinstance(o, Article) and marker(2) in o.text]
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")  # valid UTF-8 all the way out
    assert "\ufffd" in article.text and article.title == "Fictional \ufffd title"
    assert any(n.code == "lone-surrogates" for n in article.notes)


def test_malformed_url_keeps_the_article(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "u.jsonl").write_text(jsonl([{"text": story(2), "url": "http://[::1"}]))
    outcomes = run(pipeline, tmp_path / "u.jsonl", good_file(tmp_path))
    assert_good_analysed(outcomes, 1, 2)
    [article] = [o for o in outcomes if isinstance(o, Article) and marker(2) in o.text]
    assert article.url is None and any(n.code == "invalid-url" for n in article.notes)


def test_stray_latin1_bytes_in_a_utf8_page_are_repaired_and_recorded(tmp_path: Path, pipeline: Pipeline) -> None:
    data = story(2).encode("utf-8").replace(b"Example", "Exámple \u2014 caf".encode() + b"\xe9 na\xefve", 1)
    (tmp_path / "mixed.txt").write_bytes(data)
    outcomes = run(pipeline, tmp_path / "mixed.txt", good_file(tmp_path))
    assert_good_analysed(outcomes, 1, 2)
    [article] = [o for o in outcomes if isinstance(o, Article) and marker(2) in o.text]
    assert "Exámple \u2014 café naïve" in article.text
    assert any(n.code == "invalid-bytes" and "2" in n.detail for n in article.notes)


def test_containers_that_yield_nothing_are_rejected_not_dropped(tmp_path: Path, pipeline: Pipeline) -> None:
    good = good_file(tmp_path, 1)
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "empty.rss").write_text("")
    (tmp_path / "itemless.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Fictional</title></channel></rss>'
    )
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "garbage.warc").write_bytes(b"this is not a WARC file at all\n" * 20)
    write_warc_gz(tmp_path / "images.warc.gz", [warc_record("https://example.org/a.png", b"\x89PNG", "image/png")])
    (tmp_path / "empty.json").write_text("[]")
    outcomes = run(pipeline, tmp_path, good)
    by_file = {Path(o.container or o.source).name: o for o in outcomes if isinstance(o, Rejection)}
    assert {name: r.code for name, r in by_file.items()} == {
        "empty.rss": "empty",
        "itemless.rss": "no-articles",
        "empty.warc": "empty",
        "garbage.warc": "invalid-warc",
        "images.warc.gz": "unsupported-type",
        "empty.json": "no-articles",
    }
    assert_good_analysed(outcomes, 1)


def test_unreadable_folder_is_rejected(tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(story(2))
    good_file(tmp_path)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # as root, chmod 000 does not lock a folder: simulate it
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    outcomes = run(pipeline, tmp_path)
    assert_good_analysed(outcomes, 1)
    bad = rejection(outcomes, "unreadable")
    assert bad.source.endswith("locked") and "Permission denied" in bad.reason
