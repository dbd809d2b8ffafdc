"""The measures of ../shared/tools/score.py, for golden tests (same rules, so floors mean the same)."""

from __future__ import annotations

import collections
import math
import re

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text).lower())


def token_f1(a: str, b: str) -> float:
    ca, cb = collections.Counter(tokens(a)), collections.Counter(tokens(b))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def name_match(gold: str, predicted: str | None) -> bool:
    g = set(tokens(gold)) - {"the", "of", "a", "an", "mr", "ms", "unnamed", "source"}
    p = set(tokens(predicted or ""))
    return bool(g & p) or (not g and "source" in tokens(predicted or "") + tokens(gold))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    x, y = math.radians(la2 - la1), math.radians(lo2 - lo1)
    h = math.sin(x / 2) ** 2 + math.cos(math.radians(la1)) * math.cos(math.radians(la2)) * math.sin(y / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def f1(tp: int, predicted: int, gold: int) -> float:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0
