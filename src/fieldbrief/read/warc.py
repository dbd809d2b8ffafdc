"""WARC archives (e.g. Common Crawl News): every HTML response record is one page."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.read.decode import decode_bytes


def read_warc(data: bytes, source: str) -> Iterator[RawDocument | Rejection]:
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or source
            html = decode_bytes(record.content_stream().read(), url)
            if isinstance(html, Rejection):
                yield html
                continue
            # The crawl date is not the publication date (htmldate finds the page's own), but it completes the
            # year of a dateline that gives only a day and month.
            fetched = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            yield RawDocument(source=url, html=html, url=url, fetched=fetched)
    except ArchiveLoadFailed as exc:
        yield Rejection(source, "invalid-warc", f"not a readable WARC file: {exc}")
