"""Language identification, offline (py3langid ships its model)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid  # loads its model on import (~0.5 s): only when first needed

    return py3langid


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "fr", ...)."""
    code, _score = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code)
