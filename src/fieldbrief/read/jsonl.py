"""JSON Lines and JSON: one object per article with `text` or `html`, optional url/title/published/outlet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.read.decode import decode_bytes

_OPTIONAL = ("url", "title", "published", "outlet")


def read_jsonl(data: bytes, source: str) -> Iterator[RawDocument | Rejection]:
    text = decode_bytes(data, source)
    if isinstance(text, Rejection):
        yield text
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, "invalid-json", f"line {number}: {exc.msg} at column {exc.colno}")
            continue
        yield from_object(obj, where)


def read_json(data: bytes, source: str) -> Iterator[RawDocument | Rejection]:
    text = decode_bytes(data, source)
    if isinstance(text, Rejection):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(source, "invalid-json", f"{exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        yield from_object(item, f"{source}#{index}" if isinstance(obj, list) else source)


def from_object(obj: Any, source: str) -> RawDocument | Rejection:
    if not isinstance(obj, dict):
        return Rejection(source, "invalid-json", "expected a JSON object with a `text` or `html` field")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return Rejection(source, "missing-text", "the object has neither a `text` nor an `html` string")
    meta = {key: str(obj[key]) for key in _OPTIONAL if obj.get(key) not in (None, "")}
    return RawDocument(
        source=meta.get("url", source),  # a record's URL names it better than file:line
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        url=meta.get("url"),
        title=meta.get("title"),
        published=meta.get("published"),  # given with the input: trusted over the page's own metadata
        outlet=meta.get("outlet"),
    )
