"""What frames are made of: the slots, the words of harm, how a figure is shown and ranged, and the writer of one
frame that every slot's reader uses."""

from __future__ import annotations

from typing import Any

from fieldbrief.lexicon.numbers import number_words
from fieldbrief.link.claims.records import INF, Frame, View, Voice
from fieldbrief.link.claims.scenes import ArticleFrames
from fieldbrief.link.origins import cited_wire
from fieldbrief.model import Event, Figure, FigureKind

SLOTTED = frozenset({"toll", "attackers", "weapon", "perpetrator", "victims", "control", "whereabouts"})
# slots whose frames in a sentence say what a denial in it is about (see FrameBuilder._denials_of_a_slot)
DENIED_SLOTS = frozenset({"perpetrator", "control", "whereabouts"})
HARM_WORDS = frozenset(
    {
        "kill",
        "die",
        "dead",
        "death",
        "wound",
        "injure",
        "hit",
        "strike",
        "destroy",
        "explode",
        "explosion",
        "blast",
        "bomb",
        "shell",
        "attack",
        "damage",
        "fire",
        "massacre",
        "toll",
    }
)
NEAR = 10  # words between a responsibility phrase and the actor it names


def figure_shown(figure: Figure) -> str:
    """A figure as a reader compares it: its qualifier as written, its numbers in digits ("more than 200",
    "12" for "a dozen", "22" for "Twenty-two"); vague counts as written ("dozens")."""
    if figure.qualifier == "vague":
        return figure.text.lower()
    if figure.qualifier == "between":
        return f"between {figure.low} and {figure.high}"
    number = figure.low if figure.low is not None else figure.high
    words = figure.text.lower().split()
    qualifier = []
    for word in words:
        if any(ch.isdigit() for ch in word) or word in {"a", "an", "single", "lone"}:
            break
        qualifier.append(word)
    if figure.qualifier == "exact" or not qualifier:
        return str(number)
    return (
        " ".join([*qualifier[: max(1, len(qualifier))], str(number)])
        if len(qualifier) < len(words)
        else (f"{figure.qualifier.replace('_', ' ')} {number}")
    )


def event_figure(kind: FigureKind, value: int, text: str, start: int, end: int) -> Figure:
    """An event's count ("more than 30" read as 31) as a figure: its bound from the phrase it was read from."""
    phrase = " ".join(text.lower().split())
    bound = next((b for p, b in number_words().bounds.items() if phrase.startswith(p + " ")), None)
    if bound in ("at_least", "above"):
        return Figure(kind, value, None, "at_least", text, start, end)
    if bound == "about":
        return Figure(kind, value, value, "about", text, start, end)
    return Figure(kind, value, value, "exact", text, start, end)


def figure_range(figure: Figure) -> tuple[float, float]:
    """The numbers a figure allows: "at least 50" is 50 and up, "about 60" 48 to 72, "dozens" 24 to 99."""
    low, high = figure.low, figure.high
    if figure.qualifier == "at_least":
        return float(low or 0), INF
    if figure.qualifier == "at_most":
        return 0.0, float(high if high is not None else INF)
    if figure.qualifier == "about":
        value = float(low if low is not None else high or 0)
        return value * 0.8, value * 1.2
    return float(low if low is not None else 0), float(high if high is not None else low or 0)


class FrameWriter(ArticleFrames):
    """Writes one frame of an article (the readers of each slot build on it)."""

    def _frame(
        self,
        view: View,
        slot: str,
        key: str,
        value: Any,
        shown: str,
        *,
        voice: Voice | None = None,
        speaker: str | None = None,
        start: int | None = None,
        kind: str | None = None,
        record: str | None = None,
        **extra: Any,
    ) -> Frame | None:
        at = view.start if start is None else start
        event = (
            next((e for e in view.events if e.id == record), None) if kind == "event" and record is not None else None
        )
        if self._unsaid(view, at, event):
            return None  # "X did not confirm that twelve were killed": nobody asserts it, nobody disputes it
        if voice is None:
            voice, speaker = self.voice_for(view, at)
        statement = next((st for st in view.statements if st.start <= at < st.end), None) or next(
            iter(view.statements), None
        )
        member_kind = kind or ("statement" if statement is not None else "sentence")
        record_id = record or (statement.id if statement is not None and member_kind == "statement" else None)
        evidence = None
        if member_kind == "statement" and statement is not None and statement.end > statement.start:
            evidence = (statement.start, statement.end)
        elif member_kind == "event" and record is not None:
            said = [st for st in view.statements if event and event.start <= st.start < event.end]
            if len(said) == 1 and len(view.events) == 1 and said[0].end > said[0].start:
                evidence = (said[0].start, said[0].end)  # a reported happening: what its one source said of it
            elif event is not None and event.end > event.start:
                evidence = (event.start, event.end)
        assert view.scene is not None
        frame = Frame(
            slot=slot,
            key=key,
            value=value,
            shown=shown,
            article_id=self.article.id,
            origin_id=self.origins.origin_at(self.article.id, view.start),
            outlet=self.article.outlet,
            published=self.article.published,
            wire=self._wire_of(view),
            start=view.start,
            end=view.end,
            text=self.article.text[view.start : view.end],
            member_kind=member_kind,
            record_id=record_id,
            voice=voice,
            scene=view.scene,
            speaker=speaker,
            evidence=evidence,
            **extra,
        )
        self.frames.append(frame)
        return frame

    @staticmethod
    def _unsaid(view: View, at: int, event: Event | None) -> bool:
        """Whether what a frame reads lies in what someone did not say or only might say: the words at `at`, or
        for an event most of its evidence (which may run over the whole sentence, the negated cue with it)."""
        if event is None or event.end <= event.start:
            return view.unsaid_at(at)
        inside = sum(max(0, min(end, event.end) - max(start, event.start)) for start, end in view.unsaid)
        return 2 * inside > event.end - event.start

    def _wire_of(self, view: View) -> str | None:
        """The wire a sentence cites ("told Reuters"), else the article's; found once per sentence."""
        if view.wire is None:
            view.wire = cited_wire(self.article.text[view.start : view.end]) or self.wire or ""
        return view.wire or None

    # -- occurrence

    def surface(self, view: View, i: int, j: int) -> str:
        """Words i..j of a sentence as written."""
        end = view.offsets[j] if j < len(view.offsets) else view.end
        return self.article.text[view.offsets[i] : end].strip(" ,.;:'\"“”")

    def counted_surface(self, view: View, figure: Figure) -> str | None:
        at = view.word_at(figure.end)
        return self.surface(view, at, at + 1) if at < len(view.words) else None

    # -- weapons

    def _hedged_predicate(self, view: View) -> bool:
        """ "could have been fired by Russian forces": a main verb under a modal asserts no one's deed."""
        at = view.words.index(view.predicate) if view.predicate in view.words else -1
        return at > 0 and any(w in self.lex.hedges for w in view.names[max(0, at - 3) : at])  # not "May 25"
