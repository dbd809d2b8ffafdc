"""HTML pages: main text and metadata (title, date, site name, URL) with trafilatura and htmldate."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import BinaryIO

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read.decode import decode_bytes
from fieldbrief.read.page_meta import PageMeta, page_metadata
from fieldbrief.read.page_parse import TRUNCATED_MESSAGE, page_tree
from fieldbrief.read.streams import Refused, read_bounded

# trafilatura logs every page it finds thin; our rejections already say why.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)
# The page's date from its markup (meta tags, time elements, structured data, the URL), never htmldate's extensive
# search of the body, which turns "the siege began in 2001" into 2001-01-01 and passes it off as metadata. A date
# written in the text is the dateline reader's job (clean/published.py), with its evidence.
PAGE_DATE_SEARCH = {"extensive_search": False, "original_date": True}
# libxml2's nesting limit: past it the HTML parser drops the rest of the page, logging "Excessive depth".
MAX_PARSER_DEPTH = 255
TRUNCATED_REASON = "elements nested deeper than the HTML parser's limit (255)"


def read_html(stream: BinaryIO, source: str, limits: Limits) -> Iterator[RawDocument | Rejection]:
    yield read_html_bytes(read_bounded(stream, limits.max_record_bytes, "the page"), source)


def read_html_bytes(data: bytes, source: str, declared: str | None = None) -> RawDocument | Rejection:
    decoded = decode_bytes(data, source, declared)
    if isinstance(decoded, Rejection):
        return decoded
    return RawDocument(source=source, html=decoded.text, notes=decoded.notes)


def extract_html(doc: RawDocument, limits: Limits | None = None) -> RawDocument | Rejection:
    """Turn a RawDocument holding HTML into one holding the main text; container metadata wins."""
    assert doc.html is not None
    limit = (limits or Limits()).max_html_depth
    tree = parse_page(doc.html, limit)
    text, meta = _main_text(tree, doc.url)
    if not text.strip():
        text = html_to_paragraphs(doc.html)  # short fragments (feed entries) that trafilatura skips
    if not text.strip():
        return Rejection(doc.source, "no-main-text", "no article body found in the HTML page")
    page_date = meta.date if meta else None
    return RawDocument(
        source=doc.source,
        text=text,
        url=doc.url or (meta.url if meta else None),
        title=doc.title or (meta.title if meta else None),
        published=doc.published or page_date,
        published_from=doc.published_from if doc.published else ("metadata" if page_date else None),
        outlet=doc.outlet or (meta.sitename if meta else None),
        fetched=doc.fetched,
        container=doc.container,
        index=doc.index,
        notes=doc.notes,
    )


def parse_page(html: str, depth_limit: int) -> HtmlElement | None:
    """The page parsed once, as trafilatura parses it (read/page_parse.py), for the depth check, the metadata and
    the extraction alike; None where trafilatura sees no HTML page (a fragment). Raises Refused for a page nested
    deeper than `depth_limit`."""
    tree, truncated = page_tree(html)
    if tree is None:
        check_html_depth(html, depth_limit)  # a fragment: parsed on its own, as html_to_paragraphs will
        return None
    if truncated:
        raise Refused("html-too-deep", TRUNCATED_REASON)
    if depth_limit < MAX_PARSER_DEPTH:
        _check_depth(tree, depth_limit)
    return tree


def _main_text(page: HtmlElement | str | None, url: str | None) -> tuple[str, PageMeta | None]:
    """trafilatura's main text and the page's metadata, or ("", None) where it finds no article: what
    `bare_extraction(html, with_metadata=True, fast=True)` gives, in the same steps on the same tree (page_meta.py).
    `page`: the tree `parse_page` made (a string is parsed here first)."""
    tree = page_tree(page)[0] if isinstance(page, str) else page
    if tree is None:
        return "", None
    try:
        meta = page_metadata(tree, url, PAGE_DATE_SEARCH)
    except (TypeError, ValueError):  # bare_extraction gives up on the page for these
        return "", None
    # bare_extraction copies a tree it is given before pruning it: `tree` itself is left as it was.
    # fast=True: trafilatura's own extractor without its readability/jusText comparison, 38 % less time. On the
    # 181 pages of the scrapinghub article-extraction-benchmark the mean token F1 is 0.961 with it and 0.959
    # without (5 pages differ: 3 better, 2 worse); the 26 shared HTML pages come out the same
    # (dev/html_extraction.py; README, Benchmark).
    result = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True, as_dict=False, fast=True
    )
    if isinstance(result, dict):  # only with as_dict=True; keeps the type checker exact
        raise TypeError("trafilatura returned a dict")
    if result is None:
        return "", None
    return result.text or "", meta


def check_html_depth(html: str, limit: int) -> None:
    """Refuse a page nested deeper than `limit`: the HTML parser silently drops everything past its own limit
    (255), so such a page would lose text without a word."""
    parser = lxml.html.HTMLParser(collect_ids=False, encoding="utf-8")
    try:
        root = lxml.etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return  # unparseable: extraction will find no text and say so
    if any(TRUNCATED_MESSAGE in entry.message for entry in parser.error_log):
        raise Refused("html-too-deep", TRUNCATED_REASON)
    if root is not None and limit < MAX_PARSER_DEPTH:
        _check_depth(root, limit)


def _check_depth(root: lxml.etree._Element, limit: int) -> None:
    depth: dict[lxml.etree._Element, int] = {root: 0}
    for element in root.iterdescendants():
        level = depth[element.getparent()] + 1
        if level > limit:
            raise Refused("html-too-deep", f"elements nested deeper than {limit}")
        depth[element] = level


def html_to_paragraphs(html: str) -> str:
    """Plain text of an HTML fragment, one block element per line."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//blockquote")
    lines = [" ".join(b.text_content().split()) for b in blocks] or [" ".join(root.text_content().split())]
    return "\n".join(line for line in lines if line)
