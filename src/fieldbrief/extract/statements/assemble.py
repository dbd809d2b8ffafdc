"""From resolved frames to statements: channel, evidence sentence, quotes that continue an attributed one,
restatements and nested reports dropped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.frames import Frame, factuality
from fieldbrief.extract.statements.modes import mode_of
from fieldbrief.extract.statements.quotes import Quote
from fieldbrief.extract.statements.text import DIRECT_TRAILING, EDGE_PUNCT, WORD, DocIndex, trim
from fieldbrief.extract.statements.utterances import QUOTE_END_BEFORE_ATTRIBUTION
from fieldbrief.model import Article, Speaker, Statement, content_id

ADJACENT_CHARS = 60  # at most this much text between a cue and a quote the parse left unattached
RESTATEMENT_OVERLAP = 0.8  # share of a statement's words found in a longer one by the same speaker
RESTATEMENT_MIN_WORDS = 4  # shorter statements ("No.", "We will win.") are never taken for restatements


def _channel(text: str, sentence: tuple[int, int], content: tuple[int, int], cues: Cues) -> str | None:
    frame_text = text[sentence[0] : content[0]] + " " + text[content[1] : sentence[1]]
    for pattern, label in cues.channels:
        if pattern.search(frame_text):
            return label
    return None


def _sentence_span(frame: Frame, index: DocIndex, text: str) -> tuple[int, int]:
    sent = index.sentence(frame.cue)
    start, end = min(sent.start_char, frame.start), max(sent.end_char, frame.end)
    if frame.quote is not None:
        start, end = min(start, frame.quote.open), max(end, frame.quote.stop)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def statement_of(article: Article, frame: Frame, speaker: Speaker, cues: Cues, index: DocIndex) -> Statement:
    sentence = _sentence_span(frame, index, article.text)
    return Statement(
        speaker=speaker,
        cue=frame.cue_text,
        kind=frame.kind,
        content=article.text[frame.start : frame.end],
        start=frame.start,
        end=frame.end,
        channel=_channel(article.text, sentence, (frame.start, frame.end), cues),
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        id=content_id(article.id, str(frame.start), str(frame.end)),
        mode=mode_of(frame, speaker, cues),
        factuality=factuality(frame.cue),
        attribution=frame.attribution,
    )


def continuations(article: Article, statements: list[Statement], quotes: list[Quote]) -> Iterator[Statement]:
    """Quotes that go on from an attributed direct quote by the same speaker: the next paragraph of a quote
    left open, a paragraph that is all quote right after one ending in that speaker's quote, or the second
    half of a quote split by its attribution ("'...,' he said. '...'" / "'...,' he said, '...'")."""
    direct = sorted((s for s in statements if s.kind == "direct"), key=lambda s: s.start)
    text = article.text
    for q in quotes:
        if any(s.start <= q.start and q.end <= s.end + 1 for s in statements):
            continue
        previous = [s for s in direct if s.end <= q.open]
        following = [s for s in direct if s.start >= q.stop]
        if previous and _continues(text, previous[-1], q, quotes):
            last = previous[-1]
        elif following and _first_half_of(text, following[0], q, quotes):
            last = following[0]
        else:
            continue
        start, end = trim(text, q.start, q.end, DIRECT_TRAILING)
        if end <= start:
            continue
        st = Statement(
            replace(last.speaker),
            last.cue,
            "direct",
            text[start:end],
            start,
            end,
            last.channel,
            q.open,
            q.stop,
            content_id(article.id, str(start), str(end)),
            mode=last.mode,
            factuality=last.factuality,
            attribution=last.attribution,
        )
        direct.append(st)
        direct.sort(key=lambda s: s.start)
        yield st


def _continues(text: str, last: Statement, q: Quote, quotes: list[Quote]) -> bool:
    own = next((o for o in quotes if o.start <= last.start and last.end <= o.end), None)
    if own is None:
        return False
    gap = text[own.stop : q.open]
    if "\n" not in gap:  # split quote: only the attribution (or nothing) between the halves
        tail = gap.rstrip()[-1:]
        attributed = (last.sentence_end or 0) >= own.stop
        if len(gap) <= ADJACENT_CHARS:
            return (not tail or tail in ",.:") and attributed
        return tail == "." and attributed and _long_attribution(text, last, own, q)
    if text[max(own.stop, last.sentence_end or 0) : q.open].strip() or not q.opens_paragraph:
        return False
    if not own.closed:  # a quote that runs on into the next paragraph reopens there
        return True
    ended_paragraph = not text[max(last.sentence_end or own.stop, own.stop) : q.open].strip()
    whole_paragraph = q.closed and not text[q.stop : _line_end(text, q.stop)].strip(EDGE_PUNCT)
    return ended_paragraph and whole_paragraph


def _long_attribution(text: str, last: Statement, own: Quote, q: Quote) -> bool:
    """'"These are strange days," said Ann Roe, a lawyer who has fought the mine for years. "I am skeptical."':
    a quote ending before its attribution, whose sentence (however long) ends where the next quote opens; the
    next quote goes on with the same speaker's words."""
    before_attribution = text[own.start : own.end].rstrip()[-1:] in QUOTE_END_BEFORE_ATTRIBUTION
    return own.closed and before_attribution and not text[max(own.stop, last.sentence_end or 0) : q.open].strip()


def _first_half_of(text: str, following: Statement, q: Quote, quotes: list[Quote]) -> bool:
    """'"The water is rising," Mayor Ortiz said, "and the dam is old."' where the rules gave the cue the quote
    after it: the quote before, ending in a comma, with only the attribution between, is its first half."""
    own = next((o for o in quotes if o.start <= following.start and following.end <= o.end), None)
    if own is None or not q.closed or not text[q.start : q.end].rstrip().endswith(","):
        return False
    gap = text[q.stop : own.open]
    sentence_start = following.sentence_start if following.sentence_start is not None else following.start
    return "\n" not in gap and len(gap) <= ADJACENT_CHARS and gap.rstrip().endswith(",") and sentence_start <= q.open


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _word_set(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def drop_restatements(statements: list[Statement]) -> list[Statement]:
    """A summary line that restates a longer statement of the same speaker (bullets, standfirsts) adds no
    claim: keep the longer one."""
    words = [_word_set(_own_words(s)) for s in statements]
    kept = []
    for i, st in enumerate(statements):
        restated = any(
            j != i
            and o.speaker.name == st.speaker.name
            and len(words[j]) > len(words[i])
            and len(words[i] & words[j]) >= RESTATEMENT_OVERLAP * len(words[i])
            for j, o in enumerate(statements)
        )
        if not restated or len(words[i]) < RESTATEMENT_MIN_WORDS:
            kept.append(st)
    return kept


def _own_words(st: Statement) -> str:
    """The speaker's own words in a statement's content: its parts (not the attribution a joined quote holds)."""
    return " ".join(st.content[start - st.start : end - st.start] for start, end in st.parts)


def drop_nested(statements: list[Statement]) -> list[Statement]:
    """A report inside another's content by the same speaker ("X said it acted after they claimed ...")
    is part of the outer statement, and two readings of one utterance that overlap (a quote the rules cut short
    and the tagger's whole of it) are one statement: the longer is kept; duplicates of one span are kept once."""
    kept: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for st in sorted(statements, key=_evidence_length):  # of one span claimed by two cues: its own sentence's
        if (st.start, st.end) in seen:
            continue
        if not any(_covers(o, st) for o in statements if o is not st and o.speaker.name == st.speaker.name):
            kept.append(st)
            seen.add((st.start, st.end))
    return sorted(kept, key=lambda s: s.start)


def _evidence_length(st: Statement) -> int:
    """'"A," X said. "B," Y replied.': "B" is Y's, whose sentence holds no more than its own attribution."""
    if st.sentence_start is None or st.sentence_end is None:
        return st.end - st.start
    return st.sentence_end - st.sentence_start


def _covers(other: Statement, st: Statement) -> bool:
    """`other` holds `st`, or overlaps it and is longer."""
    if (other.start, other.end) == (st.start, st.end) or not (other.start < st.end and st.start < other.end):
        return False
    if not any(start < st.end and st.start < end for start, end in other.parts):
        return False  # inside the attribution a joined quote holds ('"A," said X, who told them B. "C."')
    nested = other.start <= st.start and st.end <= other.end
    return nested or other.end - other.start > st.end - st.start
