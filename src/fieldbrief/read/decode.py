"""Bytes to text: UTF-8/16/32 with or without a byte-order mark, Windows-1252 and Latin-1, a declared charset;
bad files become recorded rejections, and every repair (a stray byte, an invalid sequence) is recorded as a Note.

Nothing invalid gets through: bytes that are not valid in the chosen encoding are decoded as Windows-1252 when
they stand alone (the usual stray Latin-1 byte in a UTF-8 page) or replaced with U+FFFD, so the text written
out is always valid UTF-8.
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from fieldbrief.model import Note, Rejection

# Control characters other than tab/newline/carriage return/form feed: many of them mean binary data.
_CONTROL = bytes(c for c in range(1, 32) if c not in (9, 10, 12, 13))  # NUL is counted on its own
_BINARY_CONTROL_RATIO = 0.05
_BINARY_NUL_RATIO = 0.01  # a stray NUL in a scrape is noise; many mean binary data
_PLAUSIBLE_LETTERS = 0.75  # share of letters and spaces a single-byte decoding must reach to be believed
_SAMPLE = 8192
_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NON_ASCII = re.compile("[^\x00-\x7f]")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[Note] = field(default_factory=list)


@dataclass
class _Repairs:
    """What the error handler did during one decode call."""

    as_cp1252: int = 0  # lone bytes read as Windows-1252
    replaced: int = 0  # invalid sequences replaced with U+FFFD
    chars: int = 0  # characters the repairs put into the text
    first: int | None = None  # byte offset of the first repair

    @property
    def count(self) -> int:
        return self.as_cp1252 + self.replaced


_CURRENT: ContextVar[_Repairs] = ContextVar("fieldbrief_decode_repairs")


def _repair(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    log = _CURRENT.get()
    log.first = exc.start if log.first is None else log.first
    bad = exc.object[exc.start : exc.end]
    if len(bad) == 1 and bad[0] >= 0x80:
        try:
            char = bytes(bad).decode("cp1252")
        except UnicodeDecodeError:
            char = "\ufffd"  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined in Windows-1252
        if char != "\ufffd":
            log.as_cp1252 += 1
            log.chars += 1
            return char, exc.end
    log.replaced += 1
    log.chars += 1
    return "\ufffd", exc.end


codecs.register_error("fieldbrief-repair", _repair)


def _decode(data: bytes, encoding: str) -> tuple[str, _Repairs]:
    log = _Repairs()
    token = _CURRENT.set(log)
    try:
        return data.decode(encoding, errors="fieldbrief-repair"), log
    finally:
        _CURRENT.reset(token)


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> Decoded | Rejection:
    """Decode a document's bytes; `declared` is a charset its container named (HTTP header, meta tag)."""
    if not data.strip():
        return Rejection(source, "empty", "the input is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _with_notes(data[len(bom) :], encoding, source)
    wide = _sniff_wide(data[:_SAMPLE])
    if wide is not None:
        return _with_notes(data, wide, source)
    sample = data[:_SAMPLE]
    nuls = sample.count(0)
    if (nuls > 4 and nuls > _BINARY_NUL_RATIO * len(sample)) or _control_ratio(sample) > _BINARY_CONTROL_RATIO:
        return Rejection(source, "binary", "the input looks binary (NUL or control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    charset = _codec(declared) or _codec(_meta_charset(data))
    if charset is not None and charset not in ("utf-8", "cp1252", "latin-1"):
        try:
            return Decoded(data.decode(charset), charset, [Note("encoding", f"decoded as declared: {charset}")])
        except UnicodeDecodeError:
            pass  # the declaration lied: fall back to our own reading
    return _utf8_or_legacy(data, source)


def _utf8_or_legacy(data: bytes, source: str) -> Decoded | Rejection:
    """Mostly UTF-8 with a few bad bytes, or a single-byte (Windows-1252 / Latin-1) file?"""
    text, log = _decode(data, "utf-8")
    valid_non_ascii = len(_NON_ASCII.findall(text)) - log.chars
    if valid_non_ascii > 0 and log.count <= valid_non_ascii:
        return Decoded(text, "utf-8", [_repair_note(log, "UTF-8")])
    legacy, legacy_log = _decode(data, "cp1252")
    letters = sum(ch.isalpha() or ch.isspace() for ch in legacy)
    if letters / max(len(legacy), 1) < _PLAUSIBLE_LETTERS:
        return Rejection(source, "undecodable", f"not UTF-8 (bad byte at {log.first}) and not plausible text")
    notes = [Note("encoding", "not valid UTF-8: decoded as Windows-1252")]
    if legacy_log.count:
        notes.append(_repair_note(legacy_log, "Windows-1252"))
    return Decoded(legacy, "cp1252", notes)


def _with_notes(data: bytes, encoding: str, source: str) -> Decoded | Rejection:
    text, log = _decode(data, encoding)
    if not text.strip():
        return Rejection(source, "empty", "the input is empty")
    controls = sum(1 for ch in text[:_SAMPLE] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls / max(min(len(text), _SAMPLE), 1) > _BINARY_CONTROL_RATIO:
        return Rejection(source, "binary", f"not plausible {encoding} text (control characters)")
    notes = [Note("encoding", encoding)] if encoding != "utf-8" else []
    if log.count:
        notes.append(_repair_note(log, encoding))
    return Decoded(text, encoding, notes)


def _repair_note(log: _Repairs, encoding: str) -> Note:
    parts = []
    if log.as_cp1252:
        parts.append(f"{log.as_cp1252} stray byte{'s' if log.as_cp1252 != 1 else ''} read as Windows-1252")
    if log.replaced:
        parts.append(f"{log.replaced} invalid sequence{'s' if log.replaced != 1 else ''} replaced with U+FFFD")
    return Note("invalid-bytes", f"not valid {encoding}: " + ", ".join(parts) + f" (first at byte {log.first})")


def _sniff_wide(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes of ASCII characters fall."""
    if sample.count(0) < len(sample) // 4 or len(sample) < 8:
        return None
    size = len(sample) - len(sample) % 4
    quads = [sample[i:size:4].count(0) / (size // 4) for i in range(4)]
    if quads[1] > 0.9 and quads[2] > 0.9 and quads[3] > 0.9 and quads[0] < 0.5:
        return "utf-32-le"
    if quads[0] > 0.9 and quads[1] > 0.9 and quads[2] > 0.9 and quads[3] < 0.5:
        return "utf-32-be"
    even = sample[0:size:2].count(0) / (size // 2)
    odd = sample[1:size:2].count(0) / (size // 2)
    if odd > 0.6 and even < 0.2:
        return "utf-16-le"
    if even > 0.6 and odd < 0.2:
        return "utf-16-be"
    return None


def _control_ratio(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL))) / max(len(sample), 1)


def _meta_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec(name: str | None) -> str | None:
    """The Python codec for a charset label, or None when unknown (or not a text encoding)."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13...: codecs, not charsets
        return None
    canonical = {"utf_8": "utf-8", "cp1252": "cp1252", "iso8859_1": "latin-1", "latin_1": "latin-1"}
    return canonical.get(info.name.replace("-", "_"), info.name)
