"""Readers: every supported input kind, and bad inputs rejected with a reason while the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read import expand_paths, guarded, read_paths, read_stdin
from fieldbrief.read.decode import Decoded, decode_bytes
from fieldbrief.read.jsonl import read_jsonl

# Fictional text written for these tests.
STORY = "Fictional report: militia fighters gathered near the river town of Example on Monday, officials said."
PAGE = (
    "<html><head><title>Fictional clash</title><meta property='og:site_name' content='Example News'>"
    "<meta name='date' content='2024-03-05'></head><body><nav>Home | World</nav><article><h1>Fictional clash</h1>"
    + "".join(
        f"<p>{STORY} Paragraph {i} adds detail about the fictional clash and its aftermath.</p>" for i in range(6)
    )
    + "</article><footer>Copyright Example News</footer></body></html>"
)


def docs(paths: list[str]) -> list[RawDocument | Rejection]:
    return list(read_paths(paths))


def stdin(data: bytes) -> list[RawDocument | Rejection]:
    """Standard input as `fieldbrief analyze -` reads it (read_one guards the reader: a truncated gzip is refused)."""
    return list(guarded(read_stdin(io.BytesIO(data), Limits()), "-"))


def test_text_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    [doc] = docs([str(tmp_path / "a.txt")])
    assert isinstance(doc, RawDocument) and doc.text == STORY and doc.source.endswith("a.txt")


def test_html_file_keeps_html_for_extraction(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    [doc] = docs([str(tmp_path / "p.html")])
    assert isinstance(doc, RawDocument) and doc.html is not None and doc.text is None


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": STORY,
                "url": "https://example.org/a",
                "title": "T",
                "published": "2024-01-02",
                "outlet": "Example News",
            }
        ),
        "{not json",
        json.dumps({"html": PAGE}),
        json.dumps({"title": "no body"}),
        json.dumps([1, 2]),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    out = docs([str(tmp_path / "batch.jsonl")])
    assert isinstance(out[0], RawDocument)
    assert (out[0].source, out[0].title, out[0].published, out[0].outlet) == (
        "https://example.org/a",
        "T",
        "2024-01-02",
        "Example News",
    )
    assert isinstance(out[1], Rejection) and out[1].code == "invalid-json" and out[1].source.endswith(":2")
    assert isinstance(out[2], RawDocument) and out[2].html == PAGE
    assert isinstance(out[3], Rejection) and out[3].code == "missing-text"
    assert isinstance(out[4], Rejection) and out[4].code == "invalid-json"


def test_json_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "many.json").write_text(json.dumps([{"text": STORY}, {"text": STORY + " Again."}]))
    (tmp_path / "one.json").write_text(json.dumps({"text": STORY}))
    out = docs([str(tmp_path / "many.json"), str(tmp_path / "one.json")])
    assert [type(d).__name__ for d in out] == ["RawDocument"] * 3
    assert out[1].source.endswith("many.json#1")


def test_directory_recursive_and_glob(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b.txt").write_text(STORY)
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / ".hidden.txt").write_text(STORY)
    assert [Path(p).name for p in expand_paths([str(tmp_path)]) if isinstance(p, str)] == ["a.txt", "b.txt"]
    globbed = [p for p in expand_paths([str(tmp_path / "**" / "*.txt")]) if isinstance(p, str)]
    assert sorted(Path(p).name for p in globbed) == ["a.txt", "b.txt"]
    [missing] = expand_paths([str(tmp_path / "nothing-*.txt")])
    assert isinstance(missing, Rejection) and missing.code == "not-found"


def test_bad_files_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"  \n\n ")
    (tmp_path / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    out = {Path(d.source).name: d for d in docs([str(tmp_path)])}
    assert isinstance(out["good.txt"], RawDocument)
    codes = {name: d.code for name, d in out.items() if isinstance(d, Rejection)}
    assert codes == {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "latin.txt": "undecodable",
        "image.png": "unsupported-type",
    }
    assert all(d.reason for d in out.values() if isinstance(d, Rejection))


def test_windows_1252_text_is_read() -> None:
    text = decode_bytes("The minister\u2019s caf\u00e9 statement \u2013 in full.".encode("cp1252"), "x")
    assert isinstance(text, Decoded) and text.text == "The minister\u2019s caf\u00e9 statement \u2013 in full."
    assert text.encoding == "cp1252" and text.notes[0].code == "encoding"


def test_warc_html_responses(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, ctype, body in [
        ("https://example.org/story", "text/html; charset=utf-8", PAGE.encode()),
        ("https://example.org/logo.png", "image/png", b"\x89PNG"),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    doc, image = docs([str(tmp_path / "crawl.warc.gz")])
    assert isinstance(doc, RawDocument) and doc.url == "https://example.org/story" and doc.html
    assert (doc.container, doc.index) == (str(tmp_path / "crawl.warc.gz"), 0)
    assert isinstance(image, Rejection) and image.code == "unsupported-type" and image.index == 1


def test_feed_entries(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
      <item><title>Fictional clash</title><link>https://example.org/1</link>
      <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;{STORY}&lt;/p&gt;</description></item>
      </channel></rss>"""
    (tmp_path / "news.rss").write_text(feed)
    [doc] = docs([str(tmp_path / "news.rss")])
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.title, doc.published, doc.outlet) == (
        "https://example.org/1",
        "Fictional clash",
        "2024-03-05",
        "Example News",
    )


def test_stdin_kinds() -> None:
    [as_text] = stdin(STORY.encode())
    assert isinstance(as_text, RawDocument) and as_text.text == STORY
    [as_json] = stdin(json.dumps({"text": STORY}).encode())
    assert isinstance(as_json, RawDocument) and as_json.text == STORY
    [as_gzipped_json] = stdin(gzip.compress(json.dumps({"text": STORY}).encode()))
    assert isinstance(as_gzipped_json, RawDocument) and as_gzipped_json.text == STORY
    [as_html] = stdin(PAGE.encode())
    assert isinstance(as_html, RawDocument) and as_html.html == PAGE


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_a_rejection(data: bytes) -> None:
    for out in [decode_bytes(data, "x"), *read_jsonl(io.BytesIO(data), "x", Limits()), *stdin(data)]:
        assert isinstance(out, Decoded | RawDocument | Rejection)


def test_gzip_is_not_mistaken_for_text(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_bytes(gzip.compress(STORY.encode() * 50))
    [doc] = docs([str(tmp_path / "notes.txt")])
    assert isinstance(doc, Rejection) and doc.code in {"binary", "undecodable"}
