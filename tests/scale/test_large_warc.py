"""A large WARC (150 MB of records once decompressed) is read record by record: the reader's peak memory is that
of a file a tenth its size, HTML responses become documents with their URL and fetch date, the rest is skipped."""

from __future__ import annotations

import gzip
import io
import multiprocessing
import os
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fieldbrief.bench import peak_rss_mb
from fieldbrief.model import RawDocument
from fieldbrief.read import read_paths

IMAGE = os.urandom(16 << 10) * 16  # 256 KiB that gzip shrinks about 16 times (not a decompression bomb)


def _record(url: str, body: bytes, content_type: str) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)
    return gzip.compress(buffer.getvalue(), compresslevel=1)


def write_crawl(path: Path, images: int) -> Path:
    """A .warc.gz of images (skipped) and fictional HTML pages, one gzip member per record."""
    with path.open("wb") as out:
        for i in range(images):
            out.write(_record(f"https://example.org/img/{i}.jpg", IMAGE, "image/jpeg"))
            if i % 3 == 0:
                page = f"<html><body><article><p>Fictional report {i}: fighting near the example town.</p>"
                page += "<p>Officials said the situation was calm by the evening.</p></article></body></html>"
                out.write(_record(f"https://example.org/news/{i}", page.encode(), "text/html; charset=utf-8"))
    return path


def _read(path: str, queue: Any) -> None:
    pages = skipped = 0
    for doc in read_paths([path]):
        if isinstance(doc, RawDocument):
            pages += 1
            assert doc.url and doc.fetched
        else:
            skipped += 1
    queue.put((pages, skipped, peak_rss_mb()))


def _peak(path: Path) -> tuple[int, int, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_read, args=(str(path), queue))
    child.start()
    result = queue.get(timeout=300)
    child.join()
    return result  # type: ignore[no-any-return]


def test_a_large_warc_is_read_in_bounded_memory(tmp_path: Path) -> None:
    small = write_crawl(tmp_path / "small.warc.gz", images=60)
    large = write_crawl(tmp_path / "large.warc.gz", images=600)
    small_pages, _, small_peak = _peak(small)
    large_pages, large_skipped, large_peak = _peak(large)
    assert (small_pages, large_pages) == (20, 200)
    assert large_skipped >= 1  # the images: one coded rejection for the file's non-HTML records, or one each
    assert large_peak < small_peak + 40, (small_peak, large_peak)  # 150 MB more records, no more memory
