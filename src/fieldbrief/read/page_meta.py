"""The page metadata fieldbrief reads (title, canonical URL, date, site name), found by trafilatura's own
functions in the order and with the rules of its `extract_metadata`, without the fields we never read.

Why not `bare_extraction(with_metadata=True)`: its author search deep-copies and prunes the whole page, and its
category, tag and licence searches scan it again; together a quarter of the HTML extraction time, for fields
no fieldbrief record carries. The text is then extracted from the same tree with metadata off, so title, URL,
date, site name and text are the ones `with_metadata=True` gives (tests/read compare both on real pages).
Tied to the pinned trafilatura (pyproject.toml): re-check that comparison when upgrading it.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from html import unescape
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing

# trafilatura's cap on a metadata string (Document.clean_and_trim)
MAX_FIELD_CHARS = 10_000


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    url: str | None
    date: str | None
    sitename: str | None


def page_metadata(tree: HtmlElement, url: str | None, date_params: dict[str, Any]) -> PageMeta:
    """Title, URL, date and site name of a parsed page (`url`: the one known before, if any). Raises what
    trafilatura's metadata functions raise (its `bare_extraction` then gives up on the page)."""
    metadata = examine_meta(tree)
    with suppress(Exception):  # trafilatura ignores bugs of its JSON-LD reader the same way
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    date = find_date(tree, **{**date_params, "url": metadata.url})
    sitename = metadata.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")  # a Twitter handle
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        sitename = match[1]
    return PageMeta(_trimmed(metadata.title), _trimmed(metadata.url), _trimmed(date), _trimmed(sitename))


def _trimmed(value: str | None) -> str | None:
    """As trafilatura's Document.clean_and_trim leaves a string field."""
    if not isinstance(value, str):
        return value
    if len(value) > MAX_FIELD_CHARS:
        value = value[: MAX_FIELD_CHARS - 1] + "…"
    return line_processing(unescape(value))
