"""Readers: files, directories, globs and stdin to RawDocuments (or recorded Rejections).

Every reader is a generator over a binary stream (never over a whole file in memory): plain text, HTML and
JSON are read whole within `Limits.max_record_bytes`/`max_file_bytes`, JSON Lines line by line, WARC record by
record; `.gz` files are decompressed through a bounded stream. Dispatch is by file extension. Every failure is
a Rejection with a code and a reason, never an exception that would lose the rest of the batch: a reader that
fails half way through a file keeps what it read and rejects the rest, naming the record.
"""

from __future__ import annotations

import errno
import glob
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read.feeds import read_feed
from fieldbrief.read.html import extract_html, read_html
from fieldbrief.read.jsonl import read_json, read_jsonl
from fieldbrief.read.streams import GZIP_MAGIC, BoundedGunzip, Refused, open_regular_file, peek
from fieldbrief.read.text import read_text
from fieldbrief.read.warc import read_warc

Reader = Callable[[BinaryIO, str, Limits], Iterator[RawDocument | Rejection]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".warc": read_warc,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}  # with names starting with ".": not inputs, skipped in folders


def suffix_of(path: str) -> tuple[str, bool]:
    """The reader's extension, and whether the file is gzip-compressed (`x.jsonl.gz` -> (".jsonl", True))."""
    name = os.path.basename(path).lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return os.path.splitext(name)[1], compressed


def display_path(path: str) -> str:
    """A path as text that can always be written out: bytes that are not UTF-8 appear as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def expand_paths(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """Paths as given, directories walked recursively (sorted), globs expanded; '-' is stdin."""
    for given in paths:
        if given == "-":
            yield given
        elif os.path.isdir(given):
            yield from _walk_given(given)
        elif os.path.lexists(given):
            yield given
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Rejection(display_path(given), "not-found", "the pattern matches no file")
            for match in matches:
                yield from _walk_given(match) if os.path.isdir(match) else [match]
        else:
            yield Rejection(display_path(given), "not-found", "no such file or directory")


def _walk_given(directory: str) -> Iterator[str | Rejection]:
    found = False
    for item in walk(directory):
        found = True
        yield item
    if not found:
        yield Rejection(display_path(directory), "empty", "the folder holds no files to read")


def walk(directory: str) -> Iterator[str | Rejection]:
    """Files under a directory, sorted, recursively; symbolic links to folders are followed once (a loop is
    rejected), unreadable folders are rejected, names starting with "." are skipped."""
    seen: set[tuple[int, int]] = set()
    stack = [directory]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                yield Rejection(display_path(folder), "symlink-loop", "a link back to a folder already read")
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            code = "symlink-loop" if exc.errno == errno.ELOOP else "unreadable"
            yield Rejection(display_path(folder), code, f"cannot list the folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith(".") or entry.name in SKIPPED_NAMES:
                continue
            if _is_dir(entry):
                subfolders.append(entry.path)
            else:
                yield entry.path
        stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def read_paths(paths: Iterable[str], limits: Limits | int | None = None) -> Iterator[RawDocument | Rejection]:
    """Every document in the given paths, in order (HTML still HTML: see `extract_main_text`).

    `limits` may still be given as one byte count (the former `max_bytes`): it then bounds files and records."""
    if isinstance(limits, int):
        limits = Limits(max_file_bytes=limits, max_record_bytes=limits)
    limits = limits or Limits()
    for item in expand_paths(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_one(item, limits)


def extract_main_text(doc: RawDocument | Rejection, limits: Limits | None = None) -> RawDocument | Rejection:
    """A document holding HTML reduced to its main text and metadata (or rejected: too deep); others unchanged."""
    if isinstance(doc, RawDocument) and doc.html is not None and doc.text is None:
        try:
            return extract_html(doc, limits)
        except Refused as exc:
            return Rejection(doc.source, exc.code, exc.reason, doc.container, doc.index)
    return doc


def read_one(path: str, limits: Limits | None = None) -> Iterator[RawDocument | Rejection]:
    """The documents of one file ('-': standard input), each a RawDocument or a Rejection."""
    limits = limits or Limits()
    if path == "-":
        yield from guarded(read_stdin(sys.stdin.buffer, limits), "-")
        return
    source = display_path(path)
    suffix, compressed = suffix_of(path)
    reader = READERS.get(suffix)
    if reader is None:
        shown = suffix + (".gz" if compressed else "") if suffix else "files without extension"
        yield Rejection(source, "unsupported-type", f"no reader for {shown}")
        return
    try:
        stream: BinaryIO = open_regular_file(path)
    except Refused as exc:
        yield Rejection(source, exc.code, exc.reason)
        return
    except OSError as exc:
        code = "not-found" if exc.errno == errno.ENOENT else "unreadable"
        yield Rejection(source, code, exc.strerror or str(exc))
        return
    with stream:
        if compressed or suffix == ".warc":  # a .warc may be gzip-compressed without saying so
            head, stream = peek(stream, 2)
            if head == GZIP_MAGIC:
                stream = BoundedGunzip(stream, limits)  # type: ignore[assignment]
            elif compressed:
                yield Rejection(source, "corrupt-gzip", "named .gz but not gzip-compressed")
                return
        yield from guarded(reader(stream, source, limits), source)


def read_bytes(data: bytes, name: str, source: str, limits: Limits | None = None) -> Iterator[RawDocument | Rejection]:
    """The documents of a file held in memory (an upload), read by its name's extension like a file on disk."""
    limits = limits or Limits()
    suffix, compressed = suffix_of(name)
    reader = READERS.get(suffix)
    if reader is None:
        shown = suffix + (".gz" if compressed else "") if suffix else "files without extension"
        yield Rejection(source, "unsupported-type", f"no reader for {shown}")
        return
    stream: BinaryIO = io.BytesIO(data)
    if compressed or suffix == ".warc":
        if data[:2] == GZIP_MAGIC:
            stream = BoundedGunzip(stream, limits)  # type: ignore[assignment]
        elif compressed:
            yield Rejection(source, "corrupt-gzip", "named .gz but not gzip-compressed")
            return
    yield from guarded(reader(stream, source, limits), source)


def guarded(documents: Iterator[RawDocument | Rejection], source: str) -> Iterator[RawDocument | Rejection]:
    """A reader's documents; should it fail (a limit reached while streaming, a bug, an I/O error), what it
    read stays read and the failure becomes one Rejection naming the file and the record it stopped at."""
    last_index: int | None = None
    try:
        for doc in documents:
            last_index = doc.index if doc.index is not None else last_index
            yield doc
    except Refused as exc:
        yield _stopped(source, exc.code, exc.reason, last_index)
    except OSError as exc:
        yield _stopped(source, "unreadable", f"read error: {exc.strerror or exc}", last_index)
    except Exception as exc:  # a reader bug must cost this file's remaining records, never the batch
        yield _stopped(source, "internal-error", f"the reader failed: {type(exc).__name__}: {exc}", last_index)


def _stopped(source: str, code: str, reason: str, last_index: int | None) -> Rejection:
    if last_index is None:
        return Rejection(source, code, reason)
    index = last_index + 1
    return Rejection(f"{source}#{index}", code, f"{reason} (records from {index} on were not read)", source, index)


def read_stdin(stream: BinaryIO, limits: Limits) -> Iterator[RawDocument | Rejection]:
    """Standard input, by its content: gzip, WARC, JSON Lines, HTML or else plain text."""
    head, stream = peek(stream, 5000)
    if head.startswith(GZIP_MAGIC):
        stream = BoundedGunzip(stream, limits)  # type: ignore[assignment]
        head, stream = peek(stream, 5000)
    start = head.lstrip()[:200].lower()
    if start.startswith(b"warc/"):
        yield from read_warc(stream, "-", limits)
    elif start.startswith(b"{"):
        yield from read_jsonl(stream, "-", limits)
    elif start.startswith((b"<!doctype html", b"<html")) or b"<body" in head.lower():
        yield from read_html(stream, "-", limits)
    else:
        yield from read_text(stream, "-", limits)
