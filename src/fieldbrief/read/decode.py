"""Bytes to text, with the checks that turn bad files into recorded rejections."""

from __future__ import annotations

from fieldbrief.model import Rejection

# Control characters other than tab/newline/carriage return/form feed: many of them mean binary data.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_BINARY_CONTROL_RATIO = 0.05


def decode_bytes(data: bytes, source: str) -> str | Rejection:
    """Decode UTF-8 (with or without BOM), falling back to UTF-16 by BOM; reject binary or empty input."""
    if not data.strip():
        return Rejection(source, "empty", "the input is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Rejection(source, "undecodable", f"bad UTF-16 at byte {exc.start}")
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > _BINARY_CONTROL_RATIO:
        return Rejection(source, "binary", "the input looks binary (NUL or control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _decode_legacy(data, source, exc)


def _control_ratio(sample: bytes) -> float:
    return sum(1 for b in sample if b in _CONTROL) / max(len(sample), 1)


def _decode_legacy(data: bytes, source: str, exc: UnicodeDecodeError) -> str | Rejection:
    """Old news pages are often Windows-1252; accept that only when it decodes to plausible text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return Rejection(source, "undecodable", f"not UTF-8 (bad byte at {exc.start}) nor Windows-1252")
    letters = sum(ch.isalpha() or ch.isspace() for ch in text)
    if letters / max(len(text), 1) < 0.75:
        return Rejection(source, "undecodable", f"not UTF-8 (bad byte at {exc.start}); not plausible text")
    return text
