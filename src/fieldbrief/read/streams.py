"""Bounded byte streams: every reader reads through these, so no input can make it read, expand or hold more
than the limits allow. A limit reached raises `Refused`, which the reader's guard turns into a Rejection.
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from typing import BinaryIO, cast

from fieldbrief.options import Limits

CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"


class Refused(Exception):
    """An input refused at a limit or for what it is; `code` is its rejection code."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"[{code}] {reason}")
        self.code = code
        self.reason = reason


def open_regular_file(path: str) -> BinaryIO:
    """Open a path for reading only if it is a regular file: devices, FIFOs and sockets are refused before they
    are read (a FIFO would block forever, /dev/zero never ends), symlink loops are named as such."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("symlink-loop", "the path is a loop of symbolic links") from None
        raise
    _check_regular(info.st_mode)
    # O_NONBLOCK: should the path have become a FIFO since the stat, opening it still returns at once.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _check_regular(os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = (
        "directory"
        if stat.S_ISDIR(mode)
        else "named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "character device"
        if stat.S_ISCHR(mode)
        else "block device"
        if stat.S_ISBLK(mode)
        else "socket"
        if stat.S_ISSOCK(mode)
        else "special file"
    )
    raise Refused("not-a-file", f"a {kind}, not a regular file: not read")


def read_bounded(stream: BinaryIO, limit: int, what: str = "the input") -> bytes:
    """All of a stream, or `too-large` as soon as it passes `limit` bytes (never more is read)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise Refused("too-large", f"{what} is over the {limit:,}-byte limit")
    return data


class CountingReader:
    """Counts the bytes read from the underlying file (the compressed side of a gzip stream)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()


class BoundedGunzip:
    """A gzip (or multi-member gzip, as .warc.gz is) stream, decompressed in bounded pieces.

    Refuses a decompression bomb: more than `max_decompressed_bytes` in all, or, past `ratio_floor_bytes`,
    more than `max_compression_ratio` times the compressed bytes read so far. Truncated or corrupt data is
    `corrupt-gzip`. Memory stays at one read's size whatever the file expands to.
    """

    def __init__(self, raw: BinaryIO, limits: Limits) -> None:
        self.counter = CountingReader(raw)
        self.gzip = gzip.GzipFile(fileobj=cast(BinaryIO, self.counter), mode="rb")
        self.limits = limits
        self.expanded = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.limits.max_decompressed_bytes + 1  # read() means "all": still bounded
        out = bytearray()
        while len(out) < size:
            try:
                piece = self.gzip.read(min(CHUNK, size - len(out)))
            except EOFError:
                raise Refused(
                    "corrupt-gzip", f"the compressed data ends early (truncated?) after {self.expanded:,} bytes"
                ) from None
            except (OSError, zlib.error) as exc:
                raise Refused("corrupt-gzip", f"corrupt compressed data after {self.expanded:,} bytes: {exc}") from None
            if not piece:
                break
            self.expanded += len(piece)
            self._check()
            out += piece
        return bytes(out)

    def _check(self) -> None:
        limits = self.limits
        if self.expanded > limits.max_decompressed_bytes:
            raise Refused(
                "decompression-bomb", f"expands past the {limits.max_decompressed_bytes:,}-byte decompression limit"
            )
        if self.expanded > limits.ratio_floor_bytes:
            ratio = self.expanded / max(self.counter.count, 1)
            if ratio > limits.max_compression_ratio:
                raise Refused(
                    "decompression-bomb",
                    f"{self.counter.count:,} compressed bytes expanded to {self.expanded:,} (ratio {ratio:,.0f}, "
                    f"limit {limits.max_compression_ratio}): refused as a decompression bomb",
                )

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.gzip.close()
        self.counter.close()


class LineReader:
    """Lines of a byte stream, each at most `max_line` bytes: a longer line is reported, skipped in pieces, and
    reading goes on at the next line (so one broken line cannot exhaust memory or lose the rest of a file)."""

    def __init__(self, stream: BinaryIO, max_line: int) -> None:
        self.stream = stream
        self.max_line = max_line
        self.buffer = b""
        self.pos = 0  # next unread byte of `buffer`
        self.offset = 0  # bytes consumed from the stream so far
        self.eof = False

    def _pending(self) -> int:
        return len(self.buffer) - self.pos

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.stream.read(CHUNK)
        if not data:
            self.eof = True
            return False
        self.buffer = self.buffer[self.pos :] + data
        self.pos = 0
        return True

    def readline(self) -> bytes | None:
        """The next line with its newline, None at the end; raises `Overlong` past the limit (line skipped)."""
        searched = self.pos
        while True:
            cut = self.buffer.find(b"\n", searched)
            if cut >= 0:
                return self._take(cut + 1 - self.pos)
            if self._pending() > self.max_line:
                self._skip_rest_of_line()
                raise Overlong(self.max_line)
            searched = len(self.buffer) - self.pos  # relative: _fill moves the unread bytes to the front
            if not self._fill():
                return self._take(self._pending()) if self._pending() else None

    def _take(self, size: int) -> bytes:
        out = self.buffer[self.pos : self.pos + size]
        self.pos += len(out)
        self.offset += len(out)
        return out

    def _skip_rest_of_line(self) -> None:
        while True:
            cut = self.buffer.find(b"\n", self.pos)
            if cut >= 0:
                self._take(cut + 1 - self.pos)
                return
            self._take(self._pending())
            if not self._fill():
                return

    def read(self, size: int) -> bytes:
        """Exactly `size` bytes unless the stream ends first (then fewer)."""
        out = self._take(min(size, self._pending()))
        while len(out) < size and not self.eof:
            more = self.stream.read(min(size - len(out), 1 << 24))
            if not more:
                self.eof = True
                break
            self.offset += len(more)
            out += more
        return out

    def skip(self, size: int) -> int:
        """Discard `size` bytes in bounded pieces; returns how many there were."""
        skipped = len(self._take(min(size, self._pending())))
        while skipped < size and not self.eof:
            piece = self.stream.read(min(size - skipped, CHUNK))
            if not piece:
                self.eof = True
                break
            self.offset += len(piece)
            skipped += len(piece)
        return skipped

    def lines(self) -> Iterator[bytes | Overlong]:
        while True:
            try:
                line = self.readline()
            except Overlong as exc:
                yield exc
                continue
            if line is None:
                return
            yield line


class Overlong(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"a line is over the {limit:,}-byte limit")
        self.limit = limit


def peek(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """The first `size` bytes and a stream that still yields them (for sniffing stdin and compressed files)."""
    head = stream.read(size)
    return head, _Prefixed(head, stream)  # type: ignore[return-value]


class _Prefixed:
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size is None or size < 0:
            out, self.head = self.head + self.rest.read(), b""
            return out
        out, self.head = self.head[:size], self.head[size:]
        if len(out) < size:
            out += self.rest.read(size - len(out))
        return out

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.rest.close()
