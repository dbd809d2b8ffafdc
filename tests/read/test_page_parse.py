"""Each HTML page is parsed once (read/page_parse.py): the tree must be exactly the one trafilatura's own
`load_html` makes, the extraction must leave it as it was, and the depth check must read this parse's own
error log, in any thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lxml.etree
import pytest
from trafilatura.utils import load_html

from conftest import HTML, require
from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Limits
from fieldbrief.read import extract_main_text
from fieldbrief.read.decode import decode_bytes
from fieldbrief.read.html import _main_text
from fieldbrief.read.page_parse import page_tree

PAGES = sorted(require(HTML).glob("**/*.html"))
STORY = "<p>Fictional: the river rose two metres overnight and the ferry to the island stopped running.</p>"
ODD_INPUTS = [
    "",
    "no markup at all, just a line of text",
    STORY,  # a fragment: trafilatura sees no page
    f"<div>{STORY}</div><div>{STORY}</div>",
    f"<?xml version='1.0' encoding='utf-8'?>\n<html><body>{STORY}</body></html>",  # parsed as bytes
    f"<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN'>\n<html><body>{STORY}</body></html>",
    f"<html/>\n<head><title>t</title></head><body>{STORY}</body>",
    f"<html><body><!-- a comment --><?php echo 1; ?>{STORY}\x00\x0b</body></html>",
    f"<html><body><form><input value='x'><select><option>a</option></select></form>{STORY}</body></html>",
]


def _serialised(tree: lxml.etree._Element | None) -> bytes | None:
    return None if tree is None else lxml.etree.tostring(tree, encoding="utf-8")


def _nested(depth: int) -> str:
    return f"<html><body>{'<div>' * depth}{STORY}{'</div>' * depth}<p>After the nesting.</p></body></html>"


def _decoded(page: Path) -> str:
    decoded = decode_bytes(page.read_bytes(), str(page))
    assert not isinstance(decoded, Rejection)
    return decoded.text


def _page(html: str) -> RawDocument:
    return RawDocument(source="page.html", html=html)


def test_the_tree_is_the_one_trafilatura_makes() -> None:
    assert len(PAGES) >= 20
    texts = [_decoded(page) for page in PAGES]
    inputs = [*texts, *ODD_INPUTS]
    differing = [repr(html[:40]) for html in inputs if _serialised(page_tree(html)[0]) != _serialised(load_html(html))]
    assert differing == []
    assert page_tree(STORY)[0] is None
    assert page_tree(ODD_INPUTS[4])[0] is not None


def test_the_extraction_leaves_the_shared_tree_as_it_was() -> None:
    for page in PAGES[:6]:
        tree, _ = page_tree(_decoded(page))
        assert tree is not None
        before = _serialised(tree)
        text, _ = _main_text(tree, None)
        assert text
        assert _serialised(tree) == before


@pytest.mark.parametrize(("depth", "refused"), [(200, False), (253, False), (254, True), (400, True)])
def test_a_page_the_parser_cuts_is_refused(depth: int, refused: bool) -> None:
    out = extract_main_text(_page(_nested(depth)))
    if refused:
        assert isinstance(out, Rejection)
        assert out.code == "html-too-deep"
    else:
        assert isinstance(out, RawDocument)
        assert "After the nesting." in (out.text or "")


def test_a_lower_limit_is_checked_on_the_same_tree() -> None:
    out = extract_main_text(_page(_nested(60)), Limits(max_html_depth=50))
    assert isinstance(out, Rejection)
    assert out.code == "html-too-deep"
    assert "deeper than 50" in out.reason
    assert isinstance(extract_main_text(_page(_nested(40)), Limits(max_html_depth=50)), RawDocument)


def test_a_deep_fragment_is_refused_too() -> None:
    out = extract_main_text(_page("<div>" * 400 + STORY + "</div>" * 400))
    assert isinstance(out, Rejection)
    assert out.code == "html-too-deep"


def test_each_thread_reads_its_own_parse() -> None:
    """Deep and shallow pages parsed at once in several threads: each verdict is its own page's."""
    pages = [_nested(400) if i % 2 else _nested(10) for i in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(lambda html: page_tree(html)[1], pages))
    assert verdicts == [bool(i % 2) for i in range(40)]
