"""Number words (data/numbers.toml): reading counts written in digits or words, exactly or vaguely.

"25", "1,200", "twenty-five", "one hundred and twenty", "two dozen", "a dozen" are exact counts; "several",
"dozens", "a few" are vague (no count, but a range); "at least 20" is a bound. spaCy-free: used by the
extraction stages and by linking alike.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

Bound = Literal["at_least", "above", "at_most", "about"]
_SEPARATORS = re.compile(r"[\s-]+")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


@dataclass(frozen=True)
class NumberWords:
    words: dict[str, int]  # "twenty" -> 20
    multipliers: dict[str, int]  # "hundred" -> 100
    indefinite: dict[str, int]  # "a" -> 1
    vague: dict[str, tuple[int, int]]  # "dozens" -> (24, 99)
    time_values: dict[str, int]  # "a few" -> 3, for "a few days ago"
    bounds: dict[str, Bound]  # "at least" -> "at_least"

    def value(self, text: str) -> int | None:
        """The exact number a phrase writes: digits, a number word or a compound of them; None otherwise."""
        phrase = text.strip().lower()
        if _DIGITS.fullmatch(phrase):
            return int(phrase.replace(",", ""))
        parts = [p for p in _SEPARATORS.split(phrase) if p and p != "and"]
        if not parts:
            return None
        return self._compound(parts)

    def _compound(self, parts: list[str]) -> int | None:
        total, current, seen_number = 0, 0, False
        for i, part in enumerate(parts):
            if _DIGITS.fullmatch(part):
                current += int(part.replace(",", ""))
            elif part in self.words:
                current += self.words[part]
            elif part in self.indefinite and i == 0 and len(parts) > 1:
                current += self.indefinite[part]
            elif part in self.multipliers:
                factor = self.multipliers[part]
                current = (current or 1) * factor
                if factor >= 1000:  # "two thousand three hundred": close the thousands group
                    total, current = total + current, 0
            else:
                return None
            seen_number = True
        return total + current if seen_number else None

    def is_number_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.words or w in self.multipliers

    def vague_range(self, text: str) -> tuple[int, int] | None:
        return self.vague.get(" ".join(text.lower().split()))

    def time_value(self, text: str) -> int | None:
        """How many units a phrase counts in time arithmetic ("three", "a", "a few" days ago)."""
        key = " ".join(text.lower().split())
        if key in self.time_values:
            return self.time_values[key]
        if key in self.indefinite:
            return self.indefinite[key]
        return self.value(key)


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("numbers.toml").read_text("utf-8"))
    bounds: dict[str, Bound] = {}
    for kind in ("at_least", "above", "at_most", "about"):
        for phrase in raw["bounds"][kind]:
            bounds[" ".join(phrase.lower().split())] = kind
    return NumberWords(
        words={k.lower(): int(v) for k, v in raw["words"].items()},
        multipliers={k.lower(): int(v) for k, v in raw["multipliers"].items()},
        indefinite={k.lower(): int(v) for k, v in raw["indefinite"].items()},
        vague={" ".join(k.lower().split()): (int(v[0]), int(v[1])) for k, v in raw["vague"].items()},
        time_values={" ".join(k.lower().split()): int(v) for k, v in raw["time_value"].items()},
        bounds=bounds,
    )
