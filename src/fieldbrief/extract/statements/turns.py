"""Transcript turns: a paragraph that opens with a speaker's label in capitals and a colon ("PENCE: Gennifer
Flowers will not be attending the debate.", "ZAKHAROVA: We have seen no such reports.") is that speaker's
words, verbatim: the way broadcasters, briefings and newspapers print interviews and press conferences.

A label counts as a speaker where it names a person of the article ("PENCE" after "Gov. Mike Pence"), or where the
article is an exchange: two labels or more that each open two turns or more ("WALLACE: ... PENCE: ...
WALLACE: ... PENCE: ..."). Labels of newsroom furniture ("UPDATE:", "CORRECTION:", "EDITOR'S NOTE:":
data/cues.toml [speakers] furniture_labels) and one-letter labels ("Q:", "A:") never speak.

A headline of the same form with a person's name ("Pence: Gennifer Flowers Won't Be at Debate", "Sokolova: No
Troops Crossed the River") is that person's claim as the newsroom sums it up: the person named in the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# a label of up to four words in capitals (two letters or more each, "MR." too) and a colon, opening a line (after an
# opening quote mark where a printed transcript quotes every paragraph), then the turn's words
TURN = re.compile(
    r"^[ \t]*[\"\u201c']?(?P<label>[A-Z][A-Z.'\u2019-]*[A-Z]\.?(?:[ \t]+[A-Z][A-Z.'\u2019-]*[A-Z]\.?){0,3})"
    r":[ \t]+(?P<body>\S[^\n]*)",
    re.MULTILINE,
)
# the article's first line: a name in capitalised words and a colon, then the headline's claim
HEADLINE_LABEL = re.compile(
    r"\A\s*(?P<label>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3}):[ \t]+(?P<body>\S[^\n]*)"
)
STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]*[)\]]\W*")  # "(CROSSTALK.)", "[inaudible]": the printer's, not said
EXCHANGE_TURNS = 2  # in an exchange, each of two labels or more opens at least this many turns


@dataclass(frozen=True)
class Turn:
    label: str  # as printed: "PENCE", "KATE BOLDUAN"
    colon: Token
    last_label_token: Token  # the label's last word: the speaker resolver reads the name from there
    start: int  # the turn's words, as character offsets
    end: int
    label_start: int  # where the label is printed: [label_start, colon)

    @property
    def label_span(self) -> tuple[int, int]:
        return self.label_start, self.colon.idx


def transcript_turns(
    doc: Doc, text: str, entities: Sequence[Span], furniture: frozenset[str], titles: frozenset[str]
) -> list[Turn]:
    """The article's transcript turns whose label speaks (see the module's docstring). `entities`: the doc's
    named entities (those tagged PERSON name the article's persons); `titles`: courtesy titles ("MR. DORNE"
    names Dorne)."""
    labelled = list(TURN.finditer(text))
    found = [m for m in labelled if m.group("label").lower() not in furniture]
    if not found:
        return []
    persons = _person_words(entities)
    counts = Counter(m.group("label") for m in labelled)  # "QUESTION:" marks a briefing's exchange, though unnamed
    exchange = sum(1 for n in counts.values() if n >= EXCHANGE_TURNS) >= 2
    turns = []
    for m in found:
        label = m.group("label")
        names = [w for w in label.lower().split() if w not in titles and w.rstrip(".") not in titles]
        names_person = bool(names) and all(word in persons for word in names)
        if not (names_person or (exchange and counts[label] >= EXCHANGE_TURNS)):
            continue
        turn = _turn(doc, text, m)
        if turn is not None:
            turns.append(turn)
    return turns


def headline_label(doc: Doc, text: str, entities: Sequence[Span]) -> Turn | None:
    """The article's headline in the form "Name: claim", where the name is a person of the article (a label
    in capitals is a transcript's: `transcript_turns`); else None."""
    m = HEADLINE_LABEL.match(text)
    if m is None or m.group("label").isupper():
        return None
    persons = _person_words(entities)
    if not all(word.lower() in persons for word in m.group("label").split()):
        return None
    return _turn(doc, text, m)


def _person_words(entities: Sequence[Span]) -> set[str]:
    """The lower-case words of the names the doc tags PERSON."""
    return {t.lower_ for e in entities if e.label_ == "PERSON" for t in e}


def _turn(doc: Doc, text: str, m: re.Match[str]) -> Turn | None:
    colon = doc.char_span(m.end("label"), m.end("label") + 1, alignment_mode="expand")
    label = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
    if colon is None or label is None or not len(colon) or not len(label):
        return None
    end = m.end("body")
    while end > m.start("body") and text[end - 1] in ' \t"\u201d':
        end -= 1  # the closing mark of a quoted transcript paragraph is the printer's, not the speaker's
    return Turn(m.group("label"), colon[0], label[-1], m.start("body"), end, m.start("label"))


def holds_label(start: int, end: int, labels: Sequence[tuple[int, int]]) -> bool:
    """Whether the span [start, end) holds part of a turn's label ("PENCE: Well, look, ..." read as the
    continuation of the turn before it: a turn of its own, not more of the last speaker's words)."""
    return any(start < label_end and label_start < end for label_start, label_end in labels)


def stage_direction(content: str) -> bool:
    """A transcript's stage direction, all in brackets: "(CROSSTALK.)", "[LAUGHTER]"."""
    return STAGE_DIRECTION.fullmatch(content.strip()) is not None
