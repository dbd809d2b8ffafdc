"""Whitespace normalisation and the paragraph keys used to spot repeats."""

from __future__ import annotations

import re
import unicodedata

from fieldbrief.lexicon.quotes import STRAIGHT_FORMS

# (a regex, not str.translate: the same removal, ten times faster on text that is not ASCII)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TRAILING = re.compile(r"[\s.,;:!?'\"]+$")
SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*$")


def normalise_whitespace(text: str) -> str:
    """NFC, no invisible characters, single spaces inside lines, Unix newlines."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    # _SPACES matches no newline: one pass over the whole text equals one per line
    return "\n".join(line.strip() for line in _SPACES.sub(" ", text).split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Every non-empty line is a paragraph (scrapes use one or two newlines between paragraphs), except a hard
    wrap: a line that stops mid-sentence and the line right below it that goes on in lower case ("force killed
    a" / "suspected insurgent and ...") are one paragraph."""
    paragraphs: list[str] = []
    previous = ""
    for line in normalise_whitespace(text).split("\n"):
        if line and previous and _continues(previous, line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        elif line:
            paragraphs.append(line)
        previous = line
    return paragraphs


def _continues(line: str, below: str) -> bool:
    """`below` carries on the sentence `line` leaves open: `line` ends in a word or a comma, `below` starts
    with a lower-case letter."""
    return below[0].islower() and not ends_sentence(line) and (line[-1].isalnum() or line[-1] in ",;")


def paragraph_key(paragraph: str) -> str:
    """What two copies of one paragraph share: case, quote style and final punctuation aside."""
    for curly, straight in STRAIGHT_FORMS:
        paragraph = paragraph.replace(curly, straight)
    return _TRAILING.sub("", paragraph.casefold()).strip()


def ends_sentence(paragraph: str) -> bool:
    return bool(SENTENCE_END.search(paragraph))
