"""Wire datelines that open a paragraph: "KHARKIV, March 10 -", "KYIV (Reuters) -", "GAZA CITY, Oct 12 (AP) —".

The place in capitals says where a report was filed: a place mention (looked up title-cased, since "KYIV"
would otherwise read as an acronym), never an event's actor.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+){0,3})"  # the place, in capitals
    r"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?"  # ", Ukraine" / ", Oct"
    r"(?:[ ]\d{1,2}(?:,[ ]\d{4})?)?"  # " 12" / " 12, 2031"
    r"(?:[ ]\([^)\n]{1,40}\))?"  # " (Reuters)"
    r"[ ]?[-\u2013\u2014]{1,2}[ ]"
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines that open paragraphs."""
    return [m.span() for m in DATELINE.finditer(text)]


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Character spans of the place names in capitals that open those datelines."""
    return [m.span("place") for m in DATELINE.finditer(text)]
