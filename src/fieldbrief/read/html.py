"""HTML pages: main text and metadata (title, date, site name, URL) with trafilatura and htmldate."""

from __future__ import annotations

import logging

import lxml.etree
import lxml.html
import trafilatura

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.read.decode import decode_bytes

# trafilatura logs every page it finds thin; our rejections already say why.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def read_html_bytes(data: bytes, source: str) -> RawDocument | Rejection:
    html = decode_bytes(data, source)
    if isinstance(html, Rejection):
        return html
    return RawDocument(source=source, html=html)


def extract_html(doc: RawDocument) -> RawDocument | Rejection:
    """Turn a RawDocument holding HTML into one holding the main text; container metadata wins."""
    assert doc.html is not None
    result = trafilatura.bare_extraction(
        doc.html, url=doc.url, with_metadata=True, include_comments=False, include_tables=True, as_dict=False
    )
    if isinstance(result, dict):  # only with as_dict=True; keeps the type checker exact
        raise TypeError("trafilatura returned a dict")
    text = (result.text if result else None) or ""
    if not text.strip():
        text = html_to_paragraphs(doc.html)  # short fragments (feed entries) that trafilatura skips
    if not text.strip():
        return Rejection(doc.source, "no-main-text", "no article body found in the HTML page")
    page_date = result.date if result else None
    return RawDocument(
        source=doc.source,
        text=text,
        url=doc.url or (result.url if result else None),
        title=doc.title or (result.title if result else None),
        published=doc.published or page_date,
        published_from=doc.published_from if doc.published else ("metadata" if page_date else None),
        outlet=doc.outlet or (result.sitename if result else None),
        fetched=doc.fetched,
    )


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
