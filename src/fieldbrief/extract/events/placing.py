"""Where an event happened: a resolved literal place in its sentence (one inside the event's own phrase first,
towns before countries, the nearest), else the place the article is about. Where a wire report was filed (its
dateline) is where an event happened only failing all else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Token

from fieldbrief.model import Place


def focus_place(places: Sequence[Place]) -> Place | None:
    """The place the article is about: the most named below country level, else the most named country."""
    resolved = [p for p in places if p.lat is not None and p.role == "literal"]
    if not resolved:
        return None

    def key(p: Place) -> str:
        return (p.canonical or p.name).lower()

    counts = Counter(key(p) for p in resolved)
    fine = [p for p in resolved if p.feature != "country"]
    pool = fine or resolved
    return max(pool, key=lambda p: (counts[key(p)], -resolved.index(p)))


def place_for(
    places: Sequence[Place], filed_at: set[int], focus: Place | None, token: Token, start: int, end: int
) -> Place | None:
    # an associative place ("Russian forces", "Moscow said") is never where an event happened
    located = [p for p in places if start <= p.start < end and p.lat is not None and p.role == "literal"]
    in_sentence = [p for p in located if id(p) not in filed_at] or located
    if not in_sentence:
        return focus
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    inside = [p for p in in_sentence if left <= p.start < right]
    pool = inside or in_sentence
    return min(pool, key=lambda p: (p.feature == "country", abs(p.start - token.idx)))
