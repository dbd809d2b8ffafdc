"""The HTML extraction reads the page's metadata with trafilatura's functions minus the fields we never use
(read/page_meta.py): on every shared real page, text and metadata must be exactly what trafilatura's own
`bare_extraction(with_metadata=True, fast=True)` gives, with and without a known URL."""

from __future__ import annotations

import pytest
import trafilatura

from conftest import HTML, require
from fieldbrief.read.decode import decode_bytes
from fieldbrief.read.html import PAGE_DATE_SEARCH, _main_text

PAGES = sorted(require(HTML).glob("**/*.html"))


@pytest.mark.parametrize("url", [None, "https://news.example.org/2021/08/report.html"])
def test_text_and_metadata_equal_trafilaturas_own(url: str | None) -> None:
    assert len(PAGES) >= 20
    differing = []
    for page in PAGES:
        decoded = decode_bytes(page.read_bytes(), str(page))
        html = decoded.text
        own = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            as_dict=False,
            date_extraction_params=PAGE_DATE_SEARCH,
            fast=True,
        )
        assert not isinstance(own, dict)
        expected = ((own.text or "") if own else "", (own.title, own.url, own.date, own.sitename) if own else None)
        text, meta = _main_text(html, url)
        got = (text, (meta.title, meta.url, meta.date, meta.sitename) if meta else None)
        if got != expected:
            differing.append(page.name)
    assert differing == []


def test_a_page_without_article_gives_no_metadata() -> None:
    assert _main_text("<html><body></body></html>", None) == ("", None)
