"""Whitespace normalisation and the paragraph keys used to spot repeats."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_TRAILING = re.compile(r"[\s.,;:!?'\"]+$")
SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*$")


def normalise_whitespace(text: str) -> str:
    """NFC, no invisible characters, single spaces inside lines, Unix newlines."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Every non-empty line is a paragraph: scrapes use one or two newlines between paragraphs."""
    return [line for line in normalise_whitespace(text).split("\n") if line]


def paragraph_key(paragraph: str) -> str:
    """What two copies of one paragraph share: case, quote style and final punctuation aside."""
    return _TRAILING.sub("", paragraph.translate(_QUOTES).casefold()).strip()


def ends_sentence(paragraph: str) -> bool:
    return bool(SENTENCE_END.search(paragraph))
