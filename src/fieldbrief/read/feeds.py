"""RSS and Atom feeds: each entry's full content (or summary) is one article."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from fieldbrief.model import RawDocument, Rejection


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Rejection]:
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield Rejection(source, "invalid-feed", f"not a readable RSS/Atom feed: {feed.bozo_exception}")
        return
    outlet = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        html = _entry_html(entry)
        where = entry.get("link") or f"{source}#{index}"
        if not html:
            yield Rejection(where, "missing-text", "the feed entry has no content or summary")
            continue
        yield RawDocument(
            source=where,
            html=f"<html><body><article>{html}</article></body></html>",
            url=entry.get("link"),
            title=entry.get("title"),
            published=_entry_date(entry),
            published_from="metadata",
            outlet=outlet,
        )


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return "\n".join(c.get("value", "") for c in contents)
    return str(entry.get("summary", ""))


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
