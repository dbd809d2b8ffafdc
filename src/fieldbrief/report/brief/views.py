"""What the brief's templates show: one view per situation, and the numbered evidence every line cites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fieldbrief.model import Article, Corpus
from fieldbrief.report.worldmap import MapView

CONTEXT_CHARS = 160
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True)
class Cite:
    number: int
    anchor: str  # "a-<article_id>-<start>-<end>"


@dataclass
class Line:
    text: str
    cites: list[Cite] = field(default_factory=list)
    section: str | None = None  # id of the part of the brief that the line summarises


@dataclass
class TimelineRow:
    anchor: str
    date: str
    precision: str
    event: str
    actors: str
    place: str
    status: str
    outlet: str
    claim: str | None  # status of the claim this event belongs to
    quote: str
    cite: Cite


@dataclass
class Said:
    quote: str
    how: str  # cue and channel
    outlet: str
    cite: Cite


@dataclass
class ActorView:
    name: str
    detail: str  # code, kind, other names
    events: str  # "actor in 2 events, target of 1"
    said: list[Said]


@dataclass
class MemberView:
    who: str
    outlet: str
    quote: str
    value: str | None
    cite: Cite
    copy: str | None = None  # "copy of <origin>" when the member's article copies an earlier one


@dataclass
class ClaimView:
    anchor: str
    summary: str
    why: str | None
    origins: int  # copy groups among the members
    articles: int
    outlets: str
    affirms: list[MemberView]
    disputes: list[MemberView]
    sources: int = 0  # independent sources (by origin and by cited body): what "corroborated" counts


@dataclass
class SourceView:
    id: str
    outlet: str
    title: str
    published: str
    url: str | None
    origin: str  # "own origin" or "copy of <origin id> (n articles)"


@dataclass
class EvidenceView:
    number: int
    anchor: str
    outlet: str
    title: str
    article_id: str
    start: int
    end: int
    quote: str
    before: str = ""  # the rest of the sentence around the span, for a reader's context
    after: str = ""


@dataclass
class Brief:
    title: str
    coverage: str
    situation: list[Line]
    timeline: list[TimelineRow]
    map: MapView
    map_note: str
    actors: list[ActorView]
    contested: list[ClaimView]
    corroborated: list[ClaimView]
    single_source: list[ClaimView]
    sources: list[SourceView]
    evidence: list[EvidenceView]
    prefix: str = ""  # for the ids of a situation's sections and anchors when a page holds several


@dataclass
class Page:
    title: str
    coverage: str
    briefs: list[Brief]


class EvidenceIndex:
    """Numbers each cited span once, in order of first citation; the appendix quotes them."""

    def __init__(self, corpus: Corpus, prefix: str = "") -> None:
        self._articles = {a.id: a for a in corpus.articles}
        self._cites: dict[tuple[str, int, int], Cite] = {}
        self.prefix = prefix

    def cite(self, article_id: str, start: int, end: int) -> Cite:
        key = (article_id, start, end)
        if key not in self._cites:
            self._cites[key] = Cite(len(self._cites) + 1, f"{self.prefix}a-{article_id}-{start}-{end}")
        return self._cites[key]

    def views(self) -> list[EvidenceView]:
        out = []
        for (article_id, start, end), cite in self._cites.items():
            article = self._articles.get(article_id)
            text = article.text if article else ""
            before, after = _context(text, start, end)
            out.append(
                EvidenceView(
                    cite.number,
                    cite.anchor,
                    outlet_name(article),
                    (article.title or "") if article else "",
                    article_id,
                    start,
                    end,
                    one_line(text[start:end]),
                    before,
                    after,
                )
            )
        return out


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a span, up to its sentence's ends (bounded, so a quote stays short)."""
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    left = SENTENCE_END.split(left)[-1]
    right_match = SENTENCE_END.search(right)
    right = right[: right_match.start() + 1] if right_match else right
    return one_line(left).lstrip() + (" " if left[-1:].isspace() else ""), (
        (" " if right[:1].isspace() else "") + one_line(right)
    )


def outlet_name(article: Article | None) -> str:
    return (article.outlet if article else None) or "unknown outlet"


def one_line(text: str) -> str:
    return " ".join(text.split())


def plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"
