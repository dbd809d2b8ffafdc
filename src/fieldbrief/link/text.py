"""Light text handling for linking: sentences, word tokens with offsets, a small stemmer, the link.toml lexicon.

Linking runs over stored articles (no spaCy Doc at hand), so everything here is regex and dictionaries:
cheap enough to run over a large corpus.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from fieldbrief.lexicon.numbers import number_words

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A sentence ends at . ! ? (plus closing quotes) before a space and an upper-case letter or opening quote,
# or at a line break.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Token:
    text: str  # lower case as written ("fighting")
    stem: str  # after the irregular map, the stemmer and the paraphrase groups ("attack")
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    """link.toml, compiled once per process."""

    raw: dict[str, Any]
    stopwords: frozenset[str]
    irregular: dict[str, str]
    paraphrase_words: dict[str, str]  # stem -> group's canonical stem
    paraphrase_phrases: dict[tuple[str, ...], str]  # lower-case word tuple -> canonical stem
    max_phrase: int
    topics: dict[str, str]  # stem -> topic
    plover_topics: dict[str, str]
    negations: frozenset[str]
    denial_verbs: frozenset[str]
    modals: frozenset[str]
    habitual: frozenset[str]  # "experience in fighting": a topic word about a habit or a past, not a happening
    disputing: dict[tuple[str, ...], str]  # lower-case word tuple -> the topic it disputes
    max_disputing: int
    affirming: dict[tuple[str, ...], str]  # lower-case word tuple -> the topic it affirms
    max_affirming: int
    polarity_window: int
    number_words: dict[str, int]
    number_classes: dict[str, str]  # stem -> class
    number_window: int
    number_bounds: dict[tuple[str, ...], str]  # words before a count -> "at_least" | "at_most" | "about"
    number_vague: dict[str, tuple[int, int]]  # "dozens" -> (24, 99)
    update_cues: frozenset[str]
    attribution_cues: frozenset[str]

    def section(self, name: str) -> dict[str, Any]:
        value: dict[str, Any] = self.raw.get(name, {})
        return value


def stem(word: str, irregular: dict[str, str] | None = None) -> str:
    """A light English stemmer: the same word in its inflections comes out the same ("killed", "kills" -> "kill")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if irregular and w in irregular:
        w = irregular[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def words(text: str) -> list[tuple[str, int, int]]:
    """(lower-case word, start, end); a contracted negation ("didn't") also yields "not" so negation is visible."""
    out: list[tuple[str, int, int]] = []
    for m in WORD.finditer(text):
        low = m.group().lower().replace("’", "'")
        if low.endswith("n't"):
            out.append((low[:-3], m.start(), m.end() - 3))
            out.append(("not", m.end() - 3, m.end()))
        else:
            out.append((low, m.start(), m.end()))
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end], stripped of surrounding white space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (blocks between line breaks)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def tokens(text: str, lex: Lexicon, offset: int = 0) -> list[Token]:
    """Word tokens with stems; paraphrase phrases ("holding out") become one token with the group's stem."""
    raw = words(text)
    out: list[Token] = []
    i = 0
    while i < len(raw):
        matched = _phrase_at(raw, i, lex)
        if matched:
            n, canonical = matched
            out.append(Token(" ".join(w for w, _, _ in raw[i : i + n]), canonical, raw[i][1] + offset,
                             raw[i + n - 1][2] + offset))
            i += n
            continue
        word, s, e = raw[i]
        st = stem(word, lex.irregular)
        out.append(Token(word, lex.paraphrase_words.get(st, st), s + offset, e + offset))
        i += 1
    return out


def _phrase_at(raw: list[tuple[str, int, int]], i: int, lex: Lexicon) -> tuple[int, str] | None:
    for n in range(min(lex.max_phrase, len(raw) - i), 1, -1):
        key = tuple(w for w, _, _ in raw[i : i + n])
        if key in lex.paraphrase_phrases:
            return n, lex.paraphrase_phrases[key]
    return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("fieldbrief.data").joinpath("link.toml").read_text(encoding="utf-8")
    return build_lexicon(tomllib.loads(text))


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    toks = raw["tokens"]
    irregular = {k: stem(v) for k, v in toks["irregular"].items()}
    keep = set(toks.get("keep", ()))
    words_map: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for group in raw["paraphrases"]["groups"]:
        canonical = stem(group[0], irregular)
        for item in group:
            parts = tuple(w for w, _, _ in words(item))
            if len(parts) > 1:
                phrases[parts] = canonical
            else:
                words_map[stem(item, irregular)] = canonical
    topics = {stem(w, irregular): name for name, terms in raw["topics"].items() if isinstance(terms, list)
              for w in terms}
    pol, num = raw["polarity"], raw["numbers"]
    numbers = number_words()
    disputing = {tuple(w for w, _, _ in words(phrase)): topic for topic, phrases in pol["disputing"].items()
                 for phrase in phrases}
    affirming = {tuple(w for w, _, _ in words(phrase)): topic for topic, phrases in pol["affirming"].items()
                 for phrase in phrases}
    return Lexicon(
        raw=raw,
        stopwords=frozenset(w for w in toks["stopwords"] if w not in keep),
        irregular=irregular,
        paraphrase_words=words_map,
        paraphrase_phrases=phrases,
        max_phrase=max((len(p) for p in phrases), default=1),
        topics=topics,
        plover_topics=dict(raw["topics"].get("plover", {})),
        negations=frozenset(pol["negations"]),
        denial_verbs=frozenset(pol["denial_verbs"]),
        modals=frozenset(pol["modals"]),
        habitual=frozenset(pol["habitual"]),
        disputing=disputing,
        max_disputing=max((len(k) for k in disputing), default=1),
        affirming=affirming,
        max_affirming=max((len(k) for k in affirming), default=1),
        polarity_window=int(pol["window"]),
        number_words={**numbers.words, **numbers.multipliers},
        number_classes={stem(w, irregular): cls for cls, terms in num["classes"].items() for w in terms},
        number_window=int(num["window"]),
        # "more than 30" and "at least 30" bound a toll alike when tolls are compared
        number_bounds={tuple(w for w, _, _ in words(phrase)): "at_least" if kind == "above" else kind
                       for phrase, kind in numbers.bounds.items()},
        number_vague={w: span for w, span in numbers.vague.items() if " " not in w},
        update_cues=frozenset(num["updates"]["cues"]),
        attribution_cues=frozenset(raw["attribution"]["cues"]),
    )
