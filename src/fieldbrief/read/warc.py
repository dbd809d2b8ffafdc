"""WARC archives (e.g. Common Crawl News), read record by record from a stream: every HTML response is a page.

Our own reader, not a library's iterator, because a crawl is only as good as its worst record: a damaged record
(no target URI, a bad Content-Length, garbage between records, a truncated end) becomes a coded rejection with
its index, and reading goes on at the next record. Nothing is held but the record being read, and a record's
body is read only when it is an HTML page within `max_record_bytes` (others are skipped in bounded pieces).
Compressed archives (.warc.gz) arrive here already decompressed through a bounded stream.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read.decode import decode_bytes
from fieldbrief.read.streams import LineReader, Overlong, Refused

PAGE_RECORDS = ("response", "resource")  # records whose block is a captured document
HTML_TYPES = ("text/html", "application/xhtml")


class Damaged(Exception):
    """A record that breaks the WARC format."""


@dataclass
class Headers:
    """Header fields in order; names are matched without regard to case, as both WARC and HTTP require."""

    fields: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str, default: str | None = None) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.fields if key.lower() == wanted), default)


@dataclass
class WarcRecord:
    index: int  # position in the file, from 0
    offset: int  # byte offset of its first line in the (decompressed) stream
    headers: Headers  # the WARC record headers (WARC-Type, WARC-Target-URI, WARC-Date, ...)
    length: int  # Content-Length: the size of the block
    reader: LineReader
    consumed: int = 0

    @property
    def type(self) -> str:
        return (self.headers.get("WARC-Type") or "").strip().lower()

    @property
    def target_uri(self) -> str | None:
        uri = (self.headers.get("WARC-Target-URI") or "").strip().strip("<>")
        return uri or None

    def block(self) -> bytes:
        """The whole block (callers check `length` against the limit first)."""
        data = self.reader.read(self.length)
        self.consumed += len(data)
        if len(data) < self.length:
            raise Damaged(f"the file ends {self.length - len(data):,} bytes into the record's block")
        return data


def warc_records(stream: BinaryIO, limits: Limits) -> Iterator[WarcRecord | tuple[int, str]]:
    """Each record in turn, or (index, why) for stretches that are not a readable record."""
    reader = LineReader(stream, limits.max_header_bytes)
    index, pending = 0, None
    while True:
        start = reader.offset
        line = pending if pending is not None else _next_line(reader)
        pending = None
        if line is None:
            return
        try:
            if isinstance(line, Overlong) or not line.startswith(b"WARC/"):
                raise Damaged(f"no WARC record starts at byte {start:,}")
            record = WarcRecord(index, start, _headers(reader, limits.max_header_bytes), 0, reader)
            record.length = _content_length(record.headers)
        except Damaged as exc:
            yield index, str(exc)
            pending = _next_record_start(reader)
            index += 1
            continue
        yield record
        unread = record.length - record.consumed
        if unread and reader.skip(unread) < unread:
            yield index, "the file ends inside this record"
            return
        index += 1


def _next_line(reader: LineReader) -> bytes | Overlong | None:
    """The next non-blank line (records are separated by blank lines)."""
    while True:
        try:
            line = reader.readline()
        except Overlong as exc:
            return exc
        if line is None or line.strip():
            return line


def _next_record_start(reader: LineReader) -> bytes | None:
    """Skip to the next line that opens a record (bounded pieces: binary junk may hold no newline)."""
    while True:
        line = _next_line(reader)
        if line is None:
            return None
        if isinstance(line, bytes) and line.startswith(b"WARC/"):
            return line


def _headers(reader: LineReader, limit: int) -> Headers:
    headers, size = Headers(), 0
    while True:
        try:
            line = reader.readline()
        except Overlong:
            raise Damaged(f"a header line is over {limit:,} bytes") from None
        if line is None:
            raise Damaged("the file ends inside the record's headers")
        size += len(line)
        if size > limit:
            raise Damaged(f"the record's headers are over {limit:,} bytes")
        if not line.strip():
            return headers
        name, colon, value = line.decode("utf-8", "replace").partition(":")
        if colon:
            headers.fields.append((name.strip(), value.strip()))
        elif headers.fields and line[:1] in b" \t":  # a folded continuation line
            key, previous = headers.fields[-1]
            headers.fields[-1] = (key, previous + " " + value.strip())


def _content_length(headers: Headers) -> int:
    raw = (headers.get("Content-Length") or "").strip()
    if not raw.isdigit():
        raise Damaged(f"invalid or missing Content-Length {raw[:40]!r}")
    return int(raw)


# -- documents ---------------------------------------------------------------------------------------------------


def read_warc(stream: BinaryIO, source: str, limits: Limits) -> Iterator[RawDocument | Rejection]:
    seen: Counter[str] = Counter()
    outcomes = 0
    for item in warc_records(stream, limits):
        if isinstance(item, tuple):
            index, why = item
            outcomes += 1
            yield Rejection(f"{source}#{index}", "invalid-warc", why, source, index)
            continue
        seen[item.type or "untyped"] += 1
        if item.type not in PAGE_RECORDS:
            continue  # requests, metadata, warcinfo, revisits: not documents
        outcome = _page(item, source, limits)
        if outcome is not None:
            outcomes += 1
            yield outcome
    if outcomes == 0:
        if not seen:
            yield Rejection(source, "empty", "the file holds no WARC records")
        else:
            kinds = ", ".join(f"{n} {kind}" for kind, n in seen.most_common())
            yield Rejection(source, "no-articles", f"no HTML page among the WARC records ({kinds})")


def _page(record: WarcRecord, source: str, limits: Limits) -> RawDocument | Rejection | None:
    """The document a response or resource record captured, a rejection saying why not, or None (skip)."""
    where = record.target_uri
    if where is None:
        return Rejection(
            f"{source}#{record.index}",
            "invalid-warc",
            f"a {record.type} record without WARC-Target-URI",
            source,
            record.index,
        )

    def reject(code: str, reason: str) -> Rejection:
        return Rejection(where, code, reason, source, record.index)

    warc_type = (record.headers.get("Content-Type") or "").lower()
    if record.length > limits.max_record_bytes:
        return reject("too-large", f"the record is {record.length:,} bytes, over the {limits.max_record_bytes:,} limit")
    try:
        block = record.block()
        if "application/http" in warc_type or block.startswith(b"HTTP/"):
            status, http, payload = _http(block, limits)
            content_type = (http.get("Content-Type") or "").lower()
        else:
            status, payload, content_type = None, block, warc_type
    except Damaged as exc:
        return reject("invalid-warc", str(exc))
    except Refused as exc:
        return reject(exc.code, exc.reason)
    if record.type == "response" and block.startswith(b"HTTP/") and status is None:
        return reject("invalid-warc", "unreadable HTTP status line")
    if status is not None and not 200 <= status < 300:
        return reject("http-error", f"the captured response has HTTP status {status}")
    if not _is_html(content_type, payload):
        return reject("unsupported-type", f"a {content_type.split(';')[0] or 'untyped'} response, not an HTML page")
    html = decode_bytes(payload, where, _charset(content_type))
    if isinstance(html, Rejection):
        html.container, html.index = source, record.index
        return html
    # The crawl date is not the publication date (htmldate finds the page's own), but it completes the year of
    # a dateline that gives only a day and month.
    fetched = (record.headers.get("WARC-Date") or "").strip()[:10] or None
    return RawDocument(
        source=where,
        html=html.text,
        url=where,
        fetched=fetched,
        container=source,
        index=record.index,
        notes=html.notes,
    )


def _is_html(content_type: str, payload: bytes) -> bool:
    if any(kind in content_type for kind in HTML_TYPES):
        return True
    if content_type.split(";")[0].strip():
        return False
    head = payload[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _http(block: bytes, limits: Limits) -> tuple[int | None, Headers, bytes]:
    """Status, headers and the payload (de-chunked, decompressed within the record limit) of an HTTP response."""
    end, gap = block.find(b"\r\n\r\n", 0, limits.max_header_bytes), 4
    if end < 0:
        end, gap = block.find(b"\n\n", 0, limits.max_header_bytes), 2
    if end < 0:
        raise Damaged("the HTTP headers have no end")
    lines = block[:end].decode("latin-1").splitlines()
    parts = lines[0].split() if lines else []
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() and len(parts[1]) == 3 else None
    headers = Headers()
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers.fields.append((name.strip(), value.strip()))
    payload = block[end + gap :]
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        payload = _dechunk(payload)
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        payload = _inflate(payload, limits.max_record_bytes)
    elif encoding not in ("", "identity"):
        raise Refused("unsupported-type", f"the page is compressed with {encoding!r}, which fieldbrief cannot read")
    return status, headers, payload


def _dechunk(data: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; a malformed coding leaves the data as it was (crawlers often
    store de-chunked bodies under the original header)."""
    out, pos = bytearray(), 0
    while True:
        eol = data.find(b"\r\n", pos, pos + 1024)
        size_field = data[pos:eol].split(b";")[0].strip() if eol >= 0 else b""
        try:
            size = int(size_field, 16)
        except ValueError:
            return data
        if size == 0:
            return bytes(out)
        start = eol + 2
        if start + size > len(data):
            return data
        out += data[start : start + size]
        pos = start + size + 2


def _inflate(data: bytes, limit: int) -> bytes:
    """gzip, zlib or raw deflate, never past `limit` bytes (a compressed page is a decompression bomb too)."""
    for wbits in (47, -15):  # 47: gzip or zlib header, detected; -15: raw deflate
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit or inflater.unconsumed_tail:
            raise Refused("too-large", f"the page expands past the {limit:,}-byte record limit")
        return out
    raise Refused("corrupt-gzip", "the page's compressed body cannot be decompressed")
