"""RSS and Atom feeds: each entry's full content (or summary) is one article."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read.streams import read_bounded


def read_feed(stream: BinaryIO, source: str, limits: Limits) -> Iterator[RawDocument | Rejection]:
    data = read_bounded(stream, limits.max_file_bytes, "the feed")
    if not data.strip():
        yield Rejection(source, "empty", "the input is empty")
        return
    # A file object, never bytes: feedparser would take bytes that look like a path ("/dev/zero") as a file
    # to open. Entity declarations are dropped first: feedparser's fallback parser expands them (a "billion
    # laughs" feed of 1 KB took a minute); references to them then stay as text.
    feed = feedparser.parse(io.BytesIO(_without_entities(data)), resolve_relative_uris=False, sanitize_html=True)
    if not feed.entries:
        if feed.bozo:
            yield Rejection(source, "invalid-feed", f"not a readable RSS/Atom feed: {feed.bozo_exception}")
        else:
            yield Rejection(source, "no-articles", "the feed has no items")
        return
    outlet = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        html = _entry_html(entry)
        link = entry.get("link")
        where = link if isinstance(link, str) and link else f"{source}#{index}"
        if not html.strip():
            yield Rejection(where, "missing-text", "the feed entry has no content or summary", source, index)
            continue
        yield RawDocument(
            source=where,
            html=f"<html><body><article>{html}</article></body></html>",
            url=link if isinstance(link, str) else None,
            title=_text(entry.get("title")),
            published=_entry_date(entry),
            published_from="metadata",
            outlet=_text(outlet),
            container=source,
            index=index,
        )


_FIRST_ELEMENT = re.compile(rb"<\w")
_ENTITY = re.compile(rb"""<!ENTITY(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


def _without_entities(data: bytes) -> bytes:
    first = _FIRST_ELEMENT.search(data)
    cut = first.start() if first else len(data)
    return _ENTITY.sub(b"", data[:cut]) + data[cut:]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return "\n".join(str(c.get("value", "")) for c in contents)
    return str(entry.get("summary", ""))


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return time.strftime("%Y-%m-%d", parsed) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None
