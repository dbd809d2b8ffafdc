"""Plain-text files: one article each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read.decode import decode_bytes
from fieldbrief.read.streams import read_bounded


def read_text(stream: BinaryIO, source: str, limits: Limits) -> Iterator[RawDocument | Rejection]:
    decoded = decode_bytes(read_bounded(stream, limits.max_record_bytes, "the file"), source)
    if isinstance(decoded, Rejection):
        yield decoded
        return
    yield RawDocument(source=source, text=decoded.text, notes=decoded.notes)
