"""The one parse of an HTML page that the depth check, the metadata and the extraction all read.

The tree is the one trafilatura's `load_html` makes of a string: a copy of its parser (same settings: comments
and processing instructions dropped, no default doctype), the same repairs, the same fallback to bytes, the same
refusal of a fragment. Two things differ, and neither changes the tree:
- the parser is this thread's own, so its error log, where libxml2 says that it dropped what lay past its
  nesting limit, is this page's and no other thread's;
- elements get their lxml.html class from a lookup done in C instead of lxml.html's lookup in Python, which
  runs for every element object created while trafilatura walks the page (about 7 % of its extraction). The
  difference: form controls are plain HTML elements, without lxml's form-filling methods, which nothing that
  reads these trees calls.
Tied to the pinned trafilatura (pyproject.toml): tests/read compare this tree with `load_html`'s on every
shared page; re-check them when upgrading it.
"""

from __future__ import annotations

import threading

import lxml.etree
import lxml.html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import HTML_PARSER, is_dubious_html, repair_faulty_html

_LOCAL = threading.local()
# What libxml2 logs when it stops at its nesting limit (255) and drops the rest of the page.
TRUNCATED_MESSAGE = "Excessive depth"


def _parser() -> lxml.html.HTMLParser:
    parser: lxml.html.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = HTML_PARSER.copy()
        parser.set_element_class_lookup(
            lxml.etree.ElementDefaultClassLookup(
                element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
            )
        )
        _LOCAL.parser = parser
    return parser


def page_tree(html: str) -> tuple[HtmlElement | None, bool]:
    """The page's tree (None where trafilatura would see no HTML page: a fragment, unparseable text), and
    whether the parser cut it at its nesting limit."""
    parser = _parser()
    beginning = html[:50].lower()
    repaired = repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    as_bytes = False
    try:
        tree = lxml.html.fromstring(repaired, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree, as_bytes = _from_bytes(repaired, parser), True
    except Exception:  # noqa: S110 — as trafilatura: tried again as bytes below
        pass
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _from_bytes(repaired, parser)
    truncated = any(TRUNCATED_MESSAGE in entry.message for entry in parser.error_log)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        tree = None  # not a whole page
    return tree, truncated


def _from_bytes(html: str, parser: lxml.html.HTMLParser) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:
        return None
