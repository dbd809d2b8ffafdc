"""Parse windows: a long text is parsed in pieces split at paragraph breaks (else sentence ends, else spaces),
and the pieces' Docs are joined back into one Doc over the whole text, so the stages see one article.

Parsing in windows bounds the parser's memory (roughly 2 KB per character in flight) and removes spaCy's
1,000,000-character limit as a cause of failure; the parse does not cross a window boundary.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)\]]*\s"), re.compile(r"\s"))


def window_spans(text: str, size: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) spans covering `text`, each at most `size` characters, cut after a break."""
    spans, start = [], 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """The last good place to cut in text[start:limit], preferring paragraph breaks; never before half way."""
    half = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, half, limit):
            last = match
        if last is not None:
            return last.end()
    return limit  # no whitespace at all: cut inside the "word"


def join_docs(docs: list[Doc]) -> Doc:
    """One Doc over the windows' texts, in order (their texts concatenate to the article's text exactly)."""
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
