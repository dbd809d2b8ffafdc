"""Readers: files, directories, globs and stdin to RawDocuments (or recorded Rejections).

Dispatch is by file extension; every failure is a Rejection with a code and a reason, never an exception
that would lose the rest of the batch.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.read.feeds import read_feed
from fieldbrief.read.html import extract_html, read_html_bytes
from fieldbrief.read.jsonl import read_json, read_jsonl
from fieldbrief.read.text import read_text
from fieldbrief.read.warc import read_warc

Reader = Callable[[bytes, str], Iterable[RawDocument | Rejection]]


def _single(read: Callable[[bytes, str], RawDocument | Rejection]) -> Reader:
    return lambda data, source: [read(data, source)]


READERS: dict[str, Reader] = {
    ".txt": _single(read_text),
    ".text": _single(read_text),
    ".html": _single(read_html_bytes),
    ".htm": _single(read_html_bytes),
    ".xhtml": _single(read_html_bytes),
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


def suffix_of(path: str) -> str:
    name = os.path.basename(path).lower()
    return ".warc.gz" if name.endswith(".warc.gz") else os.path.splitext(name)[1]


def expand_paths(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """Paths as given, directories walked recursively (sorted), globs expanded; '-' is stdin."""
    for given in paths:
        if given == "-":
            yield given
        elif os.path.isdir(given):
            yield from _walk(given)
        elif os.path.exists(given):
            yield given
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Rejection(given, "not-found", "the pattern matches no file")
            for match in matches:
                yield from _walk(match) if os.path.isdir(match) else [match]
        else:
            yield Rejection(given, "not-found", "no such file or directory")


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name not in SKIPPED_NAMES:
                yield os.path.join(root, name)


def read_paths(paths: Iterable[str], max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Every document in the given paths, in order (HTML still HTML: see `extract_main_text`)."""
    for item in expand_paths(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_one(item, max_bytes)


def extract_main_text(doc: RawDocument | Rejection) -> RawDocument | Rejection:
    """A document holding HTML reduced to its main text and metadata; others unchanged."""
    if isinstance(doc, RawDocument) and doc.html is not None and doc.text is None:
        return extract_html(doc)
    return doc


def read_one(path: str, max_bytes: int) -> Iterable[RawDocument | Rejection]:
    if path == "-":
        return read_stdin(sys.stdin.buffer.read())
    reader = READERS.get(suffix_of(path))
    if reader is None:
        return [Rejection(path, "unsupported-type", f"no reader for {suffix_of(path) or 'files without extension'}")]
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return [Rejection(path, "too-large", f"{size} bytes is over the {max_bytes}-byte limit")]
        return reader(Path(path).read_bytes(), path)  # warcio reads .warc.gz itself
    except OSError as exc:
        return [Rejection(path, "unreadable", exc.strerror or str(exc))]


def read_stdin(data: bytes) -> Iterable[RawDocument | Rejection]:
    """Standard input: JSON Lines when every non-empty line is an object, HTML when it looks like it, else text."""
    head = data.lstrip()[:200].lower()
    if head.startswith(b"{"):
        return read_jsonl(data, "-")
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:5000].lower():
        return [read_html_bytes(data, "-")]
    return [read_text(data, "-")]
