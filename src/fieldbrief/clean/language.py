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
    min_probability: float
    english_based: frozenset[str]

    def looks_english(self, text: str) -> bool:
        words = [w.lower() for w in WORD.findall(text)]
        if len(words) < self.min_words:
            return False
        return sum(w in self.function_words for w in words) / len(words) >= self.min_ratio


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loads its model (~0.5 s): only when needed

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _guard() -> EnglishGuard:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("language.toml").read_text(encoding="utf-8"))
    english = raw["english"]
    return EnglishGuard(
        frozenset(english["function_words"]),
        float(english["min_ratio"]),
        int(english["min_words"]),
        float(english["min_probability"]),
        frozenset(english["english_based"]),
    )


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "fr", ...)."""
    sample = text[:SAMPLE_CHARS]
    guard = _guard()
    # A text the guard reads as English is English whatever the identifier says (below), so the identifier,
    # which walks the sample byte by byte in Python (~1 ms), is asked only about the others.
    if guard.looks_english(sample):
        return "en"
    ranked = _identifier().rank(sample)
    code = str(ranked[0][0])
    if code == "en":
        return code
    english = sum(p for lang, p in ranked if lang == "en" or lang in guard.english_based)
    if english >= guard.min_probability:
        return "en"
    return code
