"""One utterance, one statement: the halves of a quote split by its attribution joined into one statement.

'"We will fight," he said, "until the end."' is one thing said, and a verification desk checks it as one quote
(PolNeAR annotates it as one content whose text is the fragments joined). The joined statement's content is one
continuous span of the text (it holds the interrupting ', he said, '); its `parts` are the spans of the
speaker's own words. The same holds when the attribution ends its sentence and the quote goes on in the same
paragraph ('"It is over," said Ms Lee, the mayor. "We lost."').
"""

from __future__ import annotations

from bisect import bisect_right

from fieldbrief.extract.statements.quotes import Quote
from fieldbrief.model import Article, Statement, content_id

QUOTE_END_BEFORE_ATTRIBUTION = frozenset(",?!")


def join_split_quotes(article: Article, statements: list[Statement], quotes: list[Quote]) -> list[Statement]:
    """`statements` (in text order) with each run of direct quotes that is one utterance joined into one."""
    text = article.text
    opens = [q.open for q in quotes]
    out: list[Statement] = []
    for st in statements:
        # the speaker's last quote, past any statement read in the attribution between ("said X, who has
        # backed Y,"): `_one_utterance` allows nothing but that attribution between the two quotes
        k = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind == "direct"), None)
        if k is not None and _one_utterance(text, out[k], st, quotes, opens):
            out[k] = _joined(article, out[k], st)
        else:
            out.append(st)
    return out


def _quote_of(quotes: list[Quote], opens: list[int], start: int, end: int) -> Quote | None:
    k = bisect_right(opens, start) - 1
    if k >= 0 and quotes[k].start <= start and end <= quotes[k].end:
        return quotes[k]
    return None


def _one_utterance(text: str, first: Statement, second: Statement, quotes: list[Quote], opens: list[int]) -> bool:
    """Two direct quotes of one speaker, next to each other in one paragraph, with nothing between them but the
    attribution of one of them (in its evidence sentence), and no attribution of the second's after it."""
    if first.kind != "direct" or second.kind != "direct" or first.speaker.name != second.speaker.name:
        return False
    before = _quote_of(quotes, opens, *first.parts[-1])
    after = _quote_of(quotes, opens, *second.parts[0])
    if before is None or after is None or before.stop > after.open or "\n" in text[before.stop : after.open]:
        return False
    if any(before.stop <= q.open and q.stop <= after.open for q in quotes):
        return False  # another quote between them
    second_end = second.sentence_end if second.sentence_end is not None else second.end
    if text[after.stop : second_end].split("\n", 1)[0].strip() or _attributed_after(text, after):
        return False  # the second quote has an attribution of its own after it: '...," he added.'
    first_end = first.sentence_end if first.sentence_end is not None else first.end
    second_start = second.sentence_start if second.sentence_start is not None else second.start
    attributed = not text[max(before.stop, first_end) : after.open].strip()
    return attributed or not text[before.stop : min(second_start, after.open)].strip()


def _attributed_after(text: str, quote: Quote) -> bool:
    """'"...," she added': a quote ending in a comma (or ?/!) that its paragraph goes on after."""
    inside = text[quote.start : quote.end].rstrip()
    line_end = text.find("\n", quote.stop)
    after = text[quote.stop : len(text) if line_end < 0 else line_end].strip()
    return quote.closed and inside[-1:] in QUOTE_END_BEFORE_ATTRIBUTION and bool(after) and after[0].isalnum()


def _joined(article: Article, first: Statement, second: Statement) -> Statement:
    starts = [s for s in (first.sentence_start, second.sentence_start) if s is not None]
    ends = [s for s in (first.sentence_end, second.sentence_end) if s is not None]
    return Statement(
        first.speaker,
        first.cue,
        "direct",
        article.text[first.start : second.end],
        first.start,
        second.end,
        first.channel or second.channel,
        min(starts) if starts else None,
        max(ends) if ends else None,
        content_id(article.id, str(first.start), str(second.end)),
        mode=first.mode,
        parts=[*first.parts, *second.parts],
        factuality=first.factuality,
        attribution=first.attribution,
    )
