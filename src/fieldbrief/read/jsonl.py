"""JSON Lines and JSON: one object per article with `text` or `html`, optional url/title/published/outlet.

JSON Lines is read line by line (any number of lines, each at most `max_record_bytes`); a JSON file is parsed
whole (at most `max_file_bytes`). Depth and number size are bounded: Python's own parser would otherwise
recurse or convert a 5,000-digit number until it fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read.decode import decode_bytes
from fieldbrief.read.streams import LineReader, Overlong, Refused, peek, read_bounded

_OPTIONAL = ("url", "title", "published", "outlet")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def read_jsonl(stream: BinaryIO, source: str, limits: Limits) -> Iterator[RawDocument | Rejection]:
    head, stream = peek(stream, 4096)
    if head.startswith(_WIDE_BOMS) or head.count(0) > len(head) // 4:  # UTF-16/32: lines are not bytes
        text = decode_bytes(read_bounded(stream, limits.max_file_bytes, "the file"), source)
        if isinstance(text, Rejection):
            yield text
            return
        lines: Iterator[bytes | Overlong] = (line.encode("utf-8") for line in text.text.split("\n"))
    else:
        lines = LineReader(stream, limits.max_record_bytes).lines()
    records = 0
    for index, line in enumerate(lines):
        where = f"{source}:{index + 1}"
        if isinstance(line, Overlong):
            yield Rejection(where, "too-large", f"line {index + 1}: {line}", source, index)
            records += 1
            continue
        if not line.strip():
            continue
        records += 1
        yield _record(line, where, source, index, limits)
    if records == 0:
        yield Rejection(source, "empty", "the file holds no JSON lines")


def _record(line: bytes, where: str, source: str, index: int, limits: Limits) -> RawDocument | Rejection:
    text = decode_bytes(line, where)
    if isinstance(text, Rejection):
        return _in_container(text, source, index)
    try:
        obj = parse_json(text.text, limits)
    except Refused as exc:
        return Rejection(where, exc.code, f"line {index + 1}: {exc.reason}", source, index)
    out = from_object(obj, where, source, index)
    if isinstance(out, RawDocument):
        out.notes[:0] = text.notes
    return out


def read_json(stream: BinaryIO, source: str, limits: Limits) -> Iterator[RawDocument | Rejection]:
    text = decode_bytes(read_bounded(stream, limits.max_file_bytes, "the file"), source)
    if isinstance(text, Rejection):
        yield text
        return
    try:
        obj = parse_json(text.text, limits)
    except Refused as exc:
        yield Rejection(source, exc.code, exc.reason)
        return
    if not isinstance(obj, list):
        out = from_object(obj, source)
        if isinstance(out, RawDocument):
            out.notes[:0] = text.notes
        yield out
        return
    if not obj:
        yield Rejection(source, "no-articles", "the JSON array is empty")
    for index, item in enumerate(obj):
        yield from_object(item, f"{source}#{index}", source, index)


def parse_json(text: str, limits: Limits) -> Any:
    """json.loads within the limits: `json-too-deep`, `json-number-too-long` or `invalid-json` otherwise."""

    def number(kind: type[int] | type[float]) -> Any:
        def parse(digits: str) -> int | float:
            if len(digits) > limits.max_json_number_digits:
                raise Refused(
                    "json-number-too-long",
                    f"a number of {len(digits):,} digits (limit {limits.max_json_number_digits})",
                )
            return kind(digits)

        return parse

    try:
        obj = json.loads(text, parse_int=number(int), parse_float=number(float))
    except RecursionError:
        raise Refused("json-too-deep", "arrays or objects nested too deep for the JSON parser") from None
    except json.JSONDecodeError as exc:
        raise Refused("invalid-json", f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if _depth(obj) > limits.max_json_depth:
        raise Refused("json-too-deep", f"arrays or objects nested deeper than {limits.max_json_depth}")
    return obj


def _depth(obj: Any) -> int:
    """Nesting depth, iteratively (the object may be as deep as the parser allowed)."""
    deepest = 0
    stack = [(obj, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def from_object(
    obj: Any, where: str, container: str | None = None, index: int | None = None
) -> RawDocument | Rejection:
    if not isinstance(obj, dict):
        return Rejection(
            where, "invalid-json", "expected a JSON object with a `text` or `html` field", container, index
        )
    text, html = obj.get("text"), obj.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        text = None  # an empty `text` beside a page: the page is the article
    if not isinstance(text, str) and not isinstance(html, str):
        return Rejection(
            where, "missing-text", "the object has neither a `text` nor an `html` string", container, index
        )
    # Metadata is a string (or a number, e.g. a year); objects and lists are not metadata.
    meta = {
        key: str(obj[key])
        for key in _OPTIONAL
        if isinstance(obj.get(key), str | int | float) and not isinstance(obj.get(key), bool) and obj[key] != ""
    }
    return RawDocument(
        source=meta.get("url", where),  # a record's URL names it better than file:line
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        url=meta.get("url"),
        title=meta.get("title"),
        published=meta.get("published"),  # given with the input: trusted over the page's own metadata
        outlet=meta.get("outlet"),
        container=container,
        index=index,
    )


def _in_container(rejection: Rejection, container: str, index: int) -> Rejection:
    rejection.container, rejection.index = container, index
    return rejection
