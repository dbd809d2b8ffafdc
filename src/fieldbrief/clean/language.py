"""Language identification, offline (py3langid ships its model), with a guard for short English texts.

The guard's word list and thresholds live in data/language.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

SAMPLE_CHARS = 3000
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class EnglishGuard:
    function_words: frozenset[str]
    min_ratio: float
    min_words: int

    def looks_english(self, text: str) -> bool:
        words = [w.lower() for w in WORD.findall(text)]
        if len(words) < self.min_words:
            return False
        return sum(w in self.function_words for w in words) / len(words) >= self.min_ratio


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid  # loads its model on import (~0.5 s): only when first needed

    return py3langid


@lru_cache(maxsize=1)
def _guard() -> EnglishGuard:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("language.toml").read_text(encoding="utf-8"))
    english = raw["english"]
    return EnglishGuard(frozenset(english["function_words"]), float(english["min_ratio"]), int(english["min_words"]))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "fr", ...)."""
    sample = text[:SAMPLE_CHARS]
    code = str(_identifier().classify(sample)[0])
    if code != "en" and _guard().looks_english(sample):
        return "en"
    return code
