"""Builders of small hostile input files (each reproduces one way a scrape can be broken or malicious).

Everything written here is fictional or synthetic.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from support import story


def page(number: int, title: str = "Fictional clash") -> str:
    body = "".join(f"<p>{p}</p>" for p in story(number).split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def warc_record(url: str | None, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """One WARC response record, written by warcio (then optionally damaged by the caller)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url or "https://example.org/x", "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)
    data = buffer.getvalue()
    if url is None:  # the malformed record of the issue: a response with no WARC-Target-URI
        data = b"\r\n".join(line for line in data.split(b"\r\n") if not line.startswith(b"WARC-Target-URI"))
    return data


def write_warc_gz(path: Path, records: list[bytes]) -> Path:
    """A .warc.gz as WARCs are written: one gzip member per record."""
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    return path


def zeros_member(megabytes: int) -> bytes:
    """A gzip member of `megabytes` MiB of zero bytes (about 1,000:1)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    out = [compressor.compress(block) for _ in range(megabytes)]
    return b"".join(out) + compressor.flush()


def warc_bomb(path: Path, gigabytes: float = 1.2) -> Path:
    """A .warc.gz of a few MB whose one record expands to `gigabytes` GB (the size check saw only the file)."""
    size = int(gigabytes * (1 << 30))
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {size + 45}\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    ).encode()
    member = zeros_member(64)
    path.write_bytes(gzip.compress(head) + member * max(1, size // (64 << 20)))
    return path


def deep_json(depth: int = 5000) -> str:
    return '{"text": "Fictional text.", "extra": ' + "[" * depth + "]" * depth + "}"


def big_number_json(digits: int = 5000) -> str:
    return '{"text": "Fictional text.", "count": ' + "7" * digits + "}"


def jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)
