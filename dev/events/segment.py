"""Deterministic sentence segmentation of the real texts of the events set (rules, no model: keys must not drift)."""

from __future__ import annotations

import hashlib
import re

LINE_BREAKS = re.compile(r"[\n\r\u2028\u2029]+")
# a sentence ends at . ! ? (and a closing quote or bracket) before a space and a capital, digit or opening quote
BOUNDARY = re.compile(r"(?<=[.!?])[\"\u201d\u2019')]?\s+(?=[\"\u201c\u2018(]?[A-Z0-9])")
ABBREVIATIONS = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "sgt",
        "capt",
        "cpl",
        "pvt",
        "adm",
        "st",
        "no",
        "vs",
        "etc",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "sen",
        "rep",
        "gov",
        "pres",
        "inc",
        "corp",
        "co",
        "jr",
        "sr",
        "ft",
        "mt",
        "brig",
        "cmdr",
    }
)
MIN_LOWER_WORDS = 3  # header lines ("ISAF Joint Command - Afghanistan", datelines) have fewer
FUNCTION_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "and",
        "with",
        "for",
        "by",
        "from",
        "at",
        "into",
        "near",
        "as",
        "or",
        "that",
        "which",
        "who",
    }
)
DATELINE_START = re.compile(r"[A-Z][A-Z .'-]{2,},")


def _ends_with_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip(".").split()
    if not words:
        return False
    word = words[-1].lower().lstrip("(\"'\u201c")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _is_prose(sentence: str) -> bool:
    return sum(1 for w in sentence.split() if w[:1].islower() and w.isalpha()) >= MIN_LOWER_WORDS


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the prose sentences of `text`, line by line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, pos in _lines(text):
        line = text[start:pos]
        pending = start
        for m in BOUNDARY.finditer(line):
            end = start + m.start() + len(m.group(0).rstrip())
            if _ends_with_abbreviation(text[pending : start + m.start()]):
                continue
            spans.append((pending, end))
            pending = start + m.end()
        spans.append((pending, pos))
    out = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if _is_prose(text[s:e]):
            out.append((s, e))
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """Lines, with a hard-wrapped line joined to the next when that one goes on in lower case."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in LINE_BREAKS.finditer(text + "\n"):
        if text[pos : m.start()].strip():
            prev = lines[-1] if lines else None
            if prev and _wrapped(text[prev[0] : prev[1]], text[pos : m.start()]):
                lines[-1] = (prev[0], m.start())
            else:
                lines.append((pos, m.start()))
        pos = m.end()
    return lines


def _wrapped(line: str, following: str) -> bool:
    """A prose line cut short: it stops on a lower-case word and what follows is no dateline or header."""
    line, following = line.rstrip(), following.lstrip()
    if following[:1].islower():
        return not line.endswith((".", "!", "?", ":", '"', "\u201d"))
    last = line.rsplit(None, 1)[-1] if line else ""
    return last in FUNCTION_WORDS and not DATELINE_START.match(following)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def key(sentence: str) -> str:
    """A short fingerprint of a sentence (whitespace-normalised), to check that a re-created text is the same."""
    return hashlib.sha1(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:10]
