"""Quotation marks on the raw text: straight and curly, apostrophes told from closing single quotes, a quote
that runs to the end of its paragraph allowed to reopen in the next one."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from fieldbrief.lexicon.quotes import CLOSING_MARKS, DOUBLE_MARKS, OPENING_MARKS, QUOTE_MARKS, SINGLE_MARKS

QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")
PARAGRAPH = re.compile(r"[^\n]+")
PLURAL_POSSESSIVE = re.compile(r" [a-z]")
QUOTE_LEAD_IN = re.compile(r"\s*(?:\w+\s+){0,2}")
BEFORE_OPENING = frozenset("([{/\u2014\u2013-:") | DOUBLE_MARKS | SINGLE_MARKS
QUOTE_GAP = 80  # characters between a cue and a quote that may be its content
AFTER_CLOSING = frozenset(".,;:!?)]}/\u2014\u2013-\u2026") | DOUBLE_MARKS | SINGLE_MARKS


@dataclass(frozen=True)
class Quote:
    """A quoted passage: `start`/`end` bound the words inside the marks (end: the closing mark)."""

    open: int  # offset of the opening mark
    start: int
    end: int
    closed: bool  # False: ran to the end of its paragraph (it may reopen in the next one)
    opens_paragraph: bool

    @property
    def stop(self) -> int:
        """Offset just after the closing mark (or the paragraph end)."""
        return self.end + 1 if self.closed else self.end


def _mark_role(text: str, i: int, para_start: int, para_end: int) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe) for the quote mark at text[i]."""
    mark = text[i]
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    if mark in SINGLE_MARKS and prev.isalnum() and nxt.isalnum():
        return "none"  # doesn't, Afghanistan's
    if mark in OPENING_MARKS:
        return "open"
    left = prev.isspace() or prev in BEFORE_OPENING
    right = nxt.isspace() or nxt in AFTER_CLOSING
    if mark in CLOSING_MARKS and not (left and not right):
        return "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either" if mark in DOUBLE_MARKS else "none"


def scan_quotes(text: str) -> list[Quote]:
    """Outermost quoted passages, paragraph by paragraph. Marks of the other kind inside a quote are nested
    quotes and stay part of it; a quote left open runs to its paragraph's end."""
    quotes: list[Quote] = []
    for para in PARAGRAPH.finditer(text):
        p_start, p_end = para.start(), para.end()
        current: tuple[bool, int] | None = None  # (is double, offset of the opening mark)
        for m in QUOTE_MARK.finditer(text, p_start, p_end):
            i = m.start()
            role = _mark_role(text, i, p_start, p_end)
            double = text[i] in DOUBLE_MARKS
            if current is None:
                if role in {"open", "either"}:
                    current = (double, i)
            elif current[0] == double and role in {"close", "either"} and not _plural_possessive(text, i, p_end):
                quotes.append(Quote(current[1], current[1] + 1, i, True, _opens(text, p_start, current[1])))
                current = None
        if current is not None:
            end = p_start + len(text[p_start:p_end].rstrip())
            quotes.append(Quote(current[1], current[1] + 1, end, False, _opens(text, p_start, current[1])))
    return quotes


def _plural_possessive(text: str, i: int, para_end: int) -> bool:
    """A plural possessive inside a single-quoted passage ("'the fighters' camps are full,' he said"): an
    s' followed by a lower-case word, with another closing single mark later in the paragraph."""
    if text[i] not in SINGLE_MARKS or text[i - 1 : i] != "s" or not PLURAL_POSSESSIVE.match(text, i + 1):
        return False
    return any(
        _mark_role(text, m.start(), 0, para_end) == "close" and text[m.start()] in SINGLE_MARKS
        for m in QUOTE_MARK.finditer(text, i + 1, para_end)
    )


def _opens(text: str, para_start: int, offset: int) -> bool:
    return not text[para_start:offset].strip()


class QuoteIndex:
    """An article's quotes, for the ones near a character offset (a cue's): by binary search where the quotes
    follow one another in the text (as `scan_quotes` finds them), else by a look at each."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.opens = [q.open for q in quotes]
        self.stops = [q.stop for q in quotes]
        self.starts = [q.start for q in quotes]
        self.ends = [q.end for q in quotes]
        self.ordered = all(
            self.opens[k] <= self.opens[k + 1]
            and self.stops[k] <= self.stops[k + 1]
            and self.ends[k] <= self.starts[k + 1]
            for k in range(len(quotes) - 1)
        )

    def near(self, at: int) -> list[tuple[str, Quote]]:
        """As `near_quotes`: the first quote opening within QUOTE_GAP characters after `at`, the last one
        closing within QUOTE_GAP before it, the first one around it."""
        if not self.ordered:
            return list(near_quotes(at, self.quotes))
        found = []
        k = bisect_right(self.opens, at)  # the first quote opening after `at`
        if k < len(self.quotes) and self.opens[k] <= at + QUOTE_GAP:
            found.append(("quote:after", self.quotes[k]))
        k = bisect_right(self.stops, at) - 1  # the last one closing at or before it
        if k >= 0 and at - self.stops[k] <= QUOTE_GAP:
            found.append(("quote:before", self.quotes[k]))
        around = self.around(at)
        if around is not None:
            found.append(("quote:around", around))
        return found

    def around(self, at: int) -> Quote | None:
        """The first quote whose words hold the character offset `at`, if any."""
        if not self.ordered:
            return next((q for q in self.quotes if q.start <= at < q.end), None)
        k = bisect_right(self.starts, at) - 1  # the only one that can be around it
        return self.quotes[k] if k >= 0 and at < self.ends[k] else None


def near_quotes(at: int, quotes: list[Quote]) -> Iterator[tuple[str, Quote]]:
    """The nearest quote after the character offset `at` (a cue's) and the nearest before it, within a short
    gap, and the quote around it (each quote looked at)."""
    after = next((q for q in quotes if at < q.open <= at + QUOTE_GAP), None)
    before = [q for q in quotes if q.stop <= at and at - q.stop <= QUOTE_GAP]
    if after is not None:
        yield "quote:after", after
    if before:
        yield "quote:before", before[-1]
    around = next((q for q in quotes if q.start <= at < q.end), None)
    if around is not None:
        yield "quote:around", around
