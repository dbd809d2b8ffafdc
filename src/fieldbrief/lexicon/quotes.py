"""Quotation marks, one home for the cleaner and the statements stage: which characters open, close or
may do either, and the plain form each takes when two copies of a text are compared."""

from __future__ import annotations

DOUBLE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')  # " “ ” « »
SINGLE_MARKS = frozenset("'\u2018\u2019")  # ' ‘ ’ (the closing one is also the apostrophe)
OPENING_MARKS = frozenset("\u201c\u2018\u00ab")
CLOSING_MARKS = frozenset("\u201d\u2019\u00bb")
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS
PRIME = "\u2032"  # ′, typed for an apostrophe by some newsrooms
# every mark and its straight form ("quote style aside"): “ ” « » -> ", ‘ ’ ′ -> '
STRAIGHT_FORMS: tuple[tuple[str, str], ...] = tuple(
    sorted([(mark, '"') for mark in DOUBLE_MARKS - {'"'}] + [(mark, "'") for mark in (SINGLE_MARKS - {"'"}) | {PRIME}])
)
