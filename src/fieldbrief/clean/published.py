"""The publication date and where it was read, in order of trust.

1. given with the input (a JSON Lines field, a RawDocument built by the caller, or `--published`): "input";
2. the page's metadata (htmldate via trafilatura, a feed entry's date): "metadata";
3. the text itself: a "Published:" line, a wire or press-office dateline with its year ("KABUL, Afghanistan
   (Jan. 25, 2013)"), a leading "Apr. 22:" or a date line under the headline: "dateline";
4. a dateline without a year completed from other evidence in the same document: a press-release number
   ("2013-01-S-025"), a full date elsewhere in the header, the WARC record's fetch date: "inferred".
Never today's date: with no evidence the date stays unknown. Every date carries its evidence spans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from fieldbrief.lexicon.calendar import DateMention, find_dates
from fieldbrief.lexicon.datelines import (
    COMPLETION_MAX_DAYS,
    Dateline,
    date_line,
    labelled_date,
    leading_date,
    release_numbers,
    wire_datelines,
)
from fieldbrief.model import DateEvidence, EvidenceField, PublishedFrom

# The header: the lines before the body, and the first body paragraph (which a wire dateline opens).
HEADER_MAX_PARAGRAPHS = 12
BODY_PARAGRAPH_MIN_CHARS = 120
# Labelled lines ("Published: ...") also close some scrapes.
FOOTER_PARAGRAPHS = 4
FETCH_SLACK_DAYS = 1  # a page fetched the day it was dated, in another time zone
PUBLISHED_LABELS = frozenset({"published", "posted", "date", "dated", "released", "issued"})


@dataclass(frozen=True)
class Publication:
    date: str  # ISO YYYY-MM-DD
    source: PublishedFrom
    evidence: tuple[DateEvidence, ...]


@dataclass(frozen=True)
class _Found:
    """A date line found in the title or the text, with the field its offsets point into."""

    field: EvidenceField
    line: Dateline
    source_text: str

    @property
    def mention(self) -> DateMention:
        assert self.line.date is not None
        return self.line.date

    def evidence(self) -> DateEvidence:
        return _span_evidence(self.field, self.source_text, self.line.start, self.line.end)


def _span_evidence(field: EvidenceField, text: str, start: int, end: int) -> DateEvidence:
    return DateEvidence(field, text[start:end].strip(), start, end)


def publication_date(
    title: str | None,
    text: str,
    given: str | None = None,
    given_from: PublishedFrom | None = None,
    fallback: str | None = None,
    fetched: str | None = None,
) -> Publication | None:
    """The publication date of one article. `given` came with the document (`given_from` "metadata" when the
    reader found it in the page, else it was given with the input); `fallback` is the user's `--published`."""
    if given_from != "metadata" and (day := iso_date(given)):
        return Publication(day, "input", (DateEvidence("input", given or ""),))
    if day := iso_date(fallback):
        return Publication(day, "input", (DateEvidence("input", fallback or ""),))
    if day := iso_date(given):
        return Publication(day, "metadata", (DateEvidence("metadata", given or ""),))
    return from_text(title, text, iso_date(fetched))


def iso_date(value: str | None) -> str | None:
    """ISO YYYY-MM-DD from the forms metadata and users give ("2021-08-19T10:00:00Z", "19 August 2021")."""
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        pass
    dates = find_dates(value.strip())
    if len(dates) == 1:
        day = dates[0].as_date()
        return day.isoformat() if day else None
    return _parsed_strictly(value.strip())


def _parsed_strictly(value: str) -> str | None:
    """Other absolute forms ("2021/08/19", RFC 2822 without a day name); never a relative one ("3 hours ago")
    or one missing its day or year, which dateparser would complete from the machine's clock."""
    import dateparser  # slow to import; only dates in unusual formats need it

    parsed = dateparser.parse(
        value,
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["timestamp", "absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date().isoformat() if parsed else None


def from_text(title: str | None, text: str, fetched: str | None = None) -> Publication | None:
    """The date the title and text themselves give (see the module's order); None without evidence."""
    found = list(_date_lines(title, text))
    dated = [f for f in found if f.mention.year is not None]
    for rank in _TRUST:
        for f in dated:
            if rank(f):
                return Publication(f.mention.as_date().isoformat(), "dateline", (f.evidence(),))  # type: ignore[union-attr]
    for f in found:
        if f.mention.year is None and not _is_updated(f):
            completed = _complete(f, title, text, fetched)
            if completed is not None:
                return completed
    return None


def _is_published_label(f: _Found) -> bool:
    return f.line.form == "label" and f.line.label in PUBLISHED_LABELS


def _is_updated(f: _Found) -> bool:
    return f.line.form == "label" and f.line.label not in PUBLISHED_LABELS


# Full dates by trust: "Published:" lines, then wire datelines, then a leading date or a date line, then "Updated".
_TRUST: tuple[Callable[[_Found], bool], ...] = (
    _is_published_label,
    lambda f: f.line.form == "wire",
    lambda f: f.line.form in ("leading", "line"),
    _is_updated,
)


def _date_lines(title: str | None, text: str) -> Iterator[_Found]:
    """Every dated dateline or date line in the title and the header (and labelled lines at the foot)."""
    if title:
        for line in (leading_date(title), labelled_date(title), date_line(title)):
            if line is not None and line.date is not None:
                yield _Found("title", line, title)
    paragraphs = list(_paragraphs(text))
    header = _header(paragraphs)
    for i, (start, paragraph) in enumerate(paragraphs):
        in_header = i < len(header)
        if not in_header and i < len(paragraphs) - FOOTER_PARAGRAPHS:
            continue
        candidates = [labelled_date(paragraph, start)]
        if in_header:
            candidates += [leading_date(paragraph, start) if i == 0 else None, date_line(paragraph, start)]
        for line in candidates:
            if line is not None and line.date is not None:
                yield _Found("text", line, text)
    header_end = header[-1][0] + len(header[-1][1]) if header else 0
    for line in wire_datelines(text[:header_end]):
        if line.date is not None:
            yield _Found("text", line, text)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def _header(paragraphs: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs up to and including the first that reads as body text."""
    header = []
    for start, paragraph in paragraphs[:HEADER_MAX_PARAGRAPHS]:
        header.append((start, paragraph))
        if len(paragraph) >= BODY_PARAGRAPH_MIN_CHARS:
            break
    return header


# ---------------------------------------------------------------- a dateline without its year


def _complete(f: _Found, title: str | None, text: str, fetched: str | None) -> Publication | None:
    """The dateline's day and month in the year that other evidence in the document gives."""
    header_text = text[: _header_end(text)]
    for evidence, anchor, window in _year_evidence(title, text, header_text, fetched):
        day = _nearest(f.mention, anchor, window, fetched_only=evidence.field == "warc")
        if day is not None:
            return Publication(day.isoformat(), "inferred", (f.evidence(), evidence))
    return None


def _header_end(text: str) -> int:
    header = _header(list(_paragraphs(text)))
    return header[-1][0] + len(header[-1][1]) if header else 0


def _year_evidence(
    title: str | None, text: str, header_text: str, fetched: str | None
) -> Iterator[tuple[DateEvidence, dt.date, int]]:
    """(evidence, the date it points at, how far the completed date may lie from it), most precise first."""
    sources: list[tuple[EvidenceField, str, int]] = [
        ("title", title or "", len(title or "")),
        ("text", text, len(header_text)),
    ]
    for field, source, end in sources:
        for mention in find_dates(source, 0, end):
            day = mention.as_date()
            if day is not None:
                yield _span_evidence(field, source, mention.start, mention.end), day, COMPLETION_MAX_DAYS
    for field, source, _ in sources:
        for number in release_numbers(source):
            evidence = _span_evidence(field, source, number.start, number.end)
            yield evidence, number.middle(), COMPLETION_MAX_DAYS
    if fetched:
        yield DateEvidence("warc", fetched), dt.date.fromisoformat(fetched), 366


def _nearest(mention: DateMention, anchor: dt.date, window: int, fetched_only: bool) -> dt.date | None:
    """The date with the mention's day and month nearest the anchor (on or before it for a fetch date)."""
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := mention.on(y)) is not None]
    if fetched_only:
        candidates = [d for d in candidates if d <= anchor + dt.timedelta(days=FETCH_SLACK_DAYS)]
        return max((d for d in candidates if (anchor - d).days <= window), default=None)
    best = min(candidates, key=lambda d: abs((d - anchor).days), default=None)
    return best if best is not None and abs((best - anchor).days) <= window else None
