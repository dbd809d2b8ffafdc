"""Site furniture: patterns from data/boilerplate.toml, and lines learned from recurrence in a batch."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fieldbrief.clean.paragraphs import paragraph_key, split_paragraphs
from fieldbrief.lexicon.quotes import QUOTE_MARKS


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str  # "boilerplate" | "caption"
    regex: re.Pattern[str]
    outlet: str | None


@dataclass(frozen=True)
class Furniture:
    patterns: tuple[Pattern, ...]
    caption_markers: tuple[str, ...]


@lru_cache(maxsize=1)
def load_furniture() -> Furniture:
    raw = resources.files("fieldbrief.data").joinpath("boilerplate.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    patterns = tuple(
        Pattern(p["name"], p["kind"], re.compile(p["regex"], re.IGNORECASE | re.DOTALL), p.get("outlet"))
        for p in data["pattern"]
    )
    return Furniture(patterns, tuple(m.casefold() for m in data["caption"]["markers"]))


# quote marks around a whole paragraph of furniture: a site that prints an interview as one quotation running
# over its paragraphs quotes the byline's "Follow X on Twitter" line with it
EDGE_QUOTES = "".join(sorted(QUOTE_MARKS)) + " "


def match_pattern(paragraph: str, furniture: Furniture) -> Pattern | None:
    # Long paragraphs are reporting, not furniture: no pattern may eat them.
    if len(paragraph) > 400:
        return None
    forms = (paragraph,) if paragraph[:1] not in EDGE_QUOTES else (paragraph, paragraph.strip(EDGE_QUOTES))
    return next((p for p in furniture.patterns if any(p.regex.fullmatch(form) for form in forms)), None)


# A line learned as furniture must be short; long recurring paragraphs are more likely shared reporting.
LEARNED_MAX_CHARS = 160
# Articles that share more than this share of their lines with others are copies, not furniture evidence.
COPY_SHARE = 0.5


def learn_recurring_lines(outlet_texts: Sequence[tuple[str | None, str]], min_articles: int) -> dict[str, set[str]]:
    """Per outlet, paragraph keys that recur in at least `min_articles` distinct articles of that outlet.

    Copies of one article (re-posts) would make every paragraph recur, so articles that share most of
    their lines with the rest are left out of the count.
    """
    by_outlet: dict[str, list[set[str]]] = defaultdict(list)
    for outlet, text in outlet_texts:
        if outlet:
            keys = {paragraph_key(p) for p in split_paragraphs(text) if len(p) <= LEARNED_MAX_CHARS}
            by_outlet[outlet].append(keys)
    learned: dict[str, set[str]] = {}
    for outlet, articles in by_outlet.items():
        recurring = _recurring(articles, min_articles)
        independent = [keys for keys in articles if len(keys & recurring) <= COPY_SHARE * max(len(keys), 1)]
        learned[outlet] = _recurring(independent, min_articles)
    return {outlet: keys for outlet, keys in learned.items() if keys}


def _recurring(articles: list[set[str]], min_articles: int) -> set[str]:
    counts: dict[str, int] = defaultdict(int)
    for keys in articles:
        for key in keys:
            counts[key] += 1
    return {key for key, n in counts.items() if n >= min_articles and key}
