"""Plain-text files."""

from __future__ import annotations

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.read.decode import decode_bytes


def read_text(data: bytes, source: str) -> RawDocument | Rejection:
    text = decode_bytes(data, source)
    if isinstance(text, Rejection):
        return text
    return RawDocument(source=source, text=text)
