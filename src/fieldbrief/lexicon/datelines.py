"""Datelines and date lines: where and when a report was filed, parsed in one place.

Forms read (spaCy-free; the places, actors, events and statements stages and the publication date use them):
- wire and press-office datelines opening a paragraph: "KABUL, Afghanistan (Jan. 25, 2013)", "KABUL,
  Afghanistan (Sept. 1) -", "KYIV, April 8 (Reuters) -", "WASHINGTON (AP) — ", "HEMPSTEAD, N.Y., Sept. 26
  (UPI) —", "Kabul (AFP) -", and those closed by a colon after their credit: "ISLAMABAD, Jan 13 (APP):",
  "Velgrad, Norland, (Daily Post / Vale News - 13th Jan, 2031 ) :";
- a leading date before a headline: "Apr. 22: Afghan-ISAF operations ...";
- labelled date lines: "Published: 25 January 2013", "Updated 10:32 GMT, Jan 25, 2013", "Posted on ...";
- a line that is only a date (with a weekday, a time or a byline beside it), under a headline;
- press-release numbers that carry a year and month: "2010-09-CA-005", "2013-01-S-025".
The place in capitals says where a report was filed: a place mention (looked up title-cased, since "KYIV"
would otherwise read as an acronym), never an event's actor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from fieldbrief.lexicon.calendar import DateMention, alternation, find_dates, load_calendar
from fieldbrief.lexicon.wires import dateline_credits

# How far a date completed from other evidence in the document (a release number, a year in the header) may lie
# from the date that evidence points at.
COMPLETION_MAX_DAYS = 62

DatelineForm = Literal["wire", "leading", "label", "line"]
DASHES = "-\u2013\u2014\u2015"
# A date line is short: a date, perhaps a weekday, a clock time, a zone and a byline.
DATE_LINE_MAX_CHARS = 90
LABEL_LINE_MAX_CHARS = 140
# Words a date line may carry besides its date ("Monday 23 August 2021 10:45 BST | By Jane Doe").
_DATE_LINE_FILLER = re.compile(
    r"(?i)\b(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?|[A-Z]{2,4}T|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|"
    r"by\s+[\w .'-]+|updated|published|posted|on|at|am|pm)\b|[|,.:/()\s-]+"
)
_LABEL = re.compile(
    r"(?i)^(?:first\s+)?(?P<label>published|posted|updated|last\s+updated|last\s+modified|date(?:d)?|"
    r"released|issued)\b(?:\s+on|\s+at)?\s*:?\s*"
)
_RELEASE_NUMBER = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-[A-Z]{1,3}[-\u2013]\d{2,4}\b")


@dataclass(frozen=True)
class Dateline:
    start: int  # the whole dateline, into the text it was found in
    end: int
    form: DatelineForm
    place: tuple[int, int] | None = None  # the filing place (wire datelines)
    date: DateMention | None = None
    credit: str | None = None  # the agency in parentheses: "Reuters", "AP"
    label: str | None = None  # "published", "updated", ... for labelled lines


@dataclass(frozen=True)
class ReleaseNumber:
    start: int
    end: int
    year: int
    month: int

    def middle(self) -> dt.date:
        """The middle of the month the number names: what a day and month without a year are completed near."""
        return dt.date(self.year, self.month, 15)


@lru_cache(maxsize=1)
def _wire_pattern() -> re.Pattern[str]:
    cal = load_calendar()
    months = alternation(cal.month_forms)
    date = rf"(?:{months})\.?\s+[0-3]?\d(?:st|nd|rd|th)?(?:[.,]?\s*(?:19|20)\d\d)?"
    caps_place = r"[A-Z][A-Z'.\u2019-]+(?:[ ][A-Z][A-Z'.\u2019-]+){0,3}"
    title_place = r"[A-Z][a-z'\u2019-]+(?:[ ][A-Z][a-z'\u2019-]+){0,2}"
    region = r"(?:,[ ](?!(?:" + months + r")\b)[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})"
    agency = r"[A-Z][A-Za-z&.\u2019' ]{0,30}"
    # "(UrduPoint / Pakistan Point News - 13th Jan, 2023 )": agencies that carried it, and the filing date
    day_first = rf"[0-3]?\d(?:st|nd|rd|th)?[ ](?:{months})\.?,?[ ](?:19|20)\d\d"
    credit = (
        rf"[(\[](?P<credit>{agency}(?:[ ]?/[ ]?{agency})?)"
        rf"(?:[ ]?[{DASHES}][ ]?(?P<credit_date>{day_first}))?[ ]?[)\]]"
    )
    # what a title-case place needs after it: a credit, as the mark that this is a dateline
    credit_opening = rf"[(\[]{agency}(?:[)\]]|[ ]?[/{DASHES}])"
    dash = rf"[ ]?[{DASHES}]{{1,2}}(?:[ ]|$)"
    # Scraping mangles the dash after a credit: a replacement character, a quote, an entity, or nothing at all.
    mangled = r"[ ]?(?:\ufffd|&quot;|[\"\u201c])[ ]?|(?=[ ][A-Z\"\u201c])"
    # A dateline run into the end of the previous paragraph or a byline ("... statements. SAN DIEGO (AP) -").
    inline = r"(?<=[.!?\"\u201d][ ])|(?<=Press[ ])"
    colon = r"(?<=[)\]])[ ]?:[ ]?"  # "(APP):", "(UrduPoint / ... ) :": a colon closes a credit
    return re.compile(
        rf"(?m)(?:^[ \t]*|{inline})"
        rf"(?:(?P<caps>{caps_place})|(?P<title>{title_place})(?=(?:{region})?,?[ ]{credit_opening}))"
        rf"(?P<region>{region}){{0,2}}"
        rf"(?:(?:,?[ ](?P<bare_date>{date}))|(?:[ ]\((?P<par_date>{date})\)))?"
        rf"(?:,?[ ]{credit})?"
        rf"(?P<end>{dash}|[ ]*$|{mangled}|{colon})"
        # "(CNN) - After a record drought": a credit alone opens the report
        rf"|^[ \t]*{credit.replace('credit', 'lone_credit')}(?P<lone_end>{dash})"
    )


def wire_datelines(text: str) -> list[Dateline]:
    """Datelines opening paragraphs."""
    return list(_wire_datelines(text))


@lru_cache(maxsize=8)
def _wire_datelines(text: str) -> tuple[Dateline, ...]:
    """The scan of a whole text, kept for the few texts last asked about: the places, statements and events
    stages each ask for the same article's datelines (a text is hashed once; the answer is immutable)."""
    return tuple(d for m in _wire_pattern().finditer(text) if (d := _wire_dateline(m)) is not None)


def dateline_at(text: str, start: int, end: int) -> int | None:
    """Where a dateline that opens text[start:end] (at the start of a line) ends; None when none does."""
    m = _wire_pattern().match(text[:end], start)
    found = _wire_dateline(m) if m is not None else None
    return found.end if found is not None else None


def _wire_dateline(m: re.Match[str]) -> Dateline | None:
    """A match as a dateline. One closed by a line break needs a date or a credit ("KABUL, Afghanistan (Jan.
    25, 2013)"): a line in capitals alone is a heading, not a dateline."""
    if m["lone_credit"]:
        credit = m["lone_credit"].strip()
        return Dateline(m.start("lone_credit") - 1, m.end(), "wire", None, None, credit) if _known(credit) else None
    dated = m["bare_date"] or m["par_date"] or m["credit_date"]
    if not m["end"].strip() and not (dated or m["credit"]):
        return None
    if not (_line_opening(m) and _dashed(m)) and not _known((m["credit"] or "").strip()):
        return None  # mid-line, or with its dash lost: only a credit we know marks a dateline
    if m["caps"] and not _looks_like_place(m["caps"]):
        return None
    place = m.span("caps") if m["caps"] else m.span("title")
    date = None
    if dated:
        span = next(m.span(g) for g in ("bare_date", "par_date", "credit_date") if m[g])
        dates = find_dates(dated)
        date = _shifted(dates[0], span[0]) if dates else None
    end = m.end() if m["end"].strip() else m.start("end")
    start = m.start() + len(m[0]) - len(m[0].lstrip())
    return Dateline(start, end, "wire", place, date, (m["credit"] or "").strip() or None)


def _line_opening(m: re.Match[str]) -> bool:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    return not m.string[line_start : m.start()].strip()


def _dashed(m: re.Match[str]) -> bool:
    """Closed as datelines are written: by a dash, a colon after a credit, or the end of its line."""
    end = m["end"]
    if any(c in DASHES + ":" for c in end):
        return True
    return not end.strip() and (m.end() == len(m.string) or m.string[m.end()] == "\n")


def _known(credit: str) -> bool:
    return credit in dateline_credits()


def _looks_like_place(caps: str) -> bool:
    """A place in capitals has a vowel and is no single-letter initialism ("U.S. officials" opens sentences)."""
    letters = [c for c in caps if c.isalpha()]
    return len(letters) >= 3 and any(c in "AEIOUY" for c in letters) and "." not in caps.replace("ST.", "")


def leading_date(line: str, offset: int = 0) -> Dateline | None:
    """ "Apr. 22: Afghan-ISAF operations ...": a date that opens a headline or the first line."""
    dates = find_dates(line, 0, min(len(line), 40))
    if not dates or dates[0].start != 0:
        return None
    first = dates[0]
    rest = line[first.end :]
    if not rest.startswith(":"):
        return None
    return Dateline(offset, offset + first.end + 1, "leading", date=_shifted(first, offset))


def labelled_date(line: str, offset: int = 0) -> Dateline | None:
    """ "Published: 25 January 2013", "Updated 10:32 GMT, Jan 25, 2013", "Posted on January 25, 2013"."""
    if len(line) > LABEL_LINE_MAX_CHARS:
        return None
    m = _LABEL.match(line)
    if m is None:
        return None
    dates = [d for d in find_dates(line, m.end()) if d.start - m.end() <= 30]
    if not dates:
        return None
    label = " ".join(m["label"].lower().split())
    return Dateline(offset, offset + dates[0].end, "label", date=_shifted(dates[0], offset), label=label)


def date_line(line: str, offset: int = 0) -> Dateline | None:
    """A line that is a date and little else ("Monday 23 August 2021 10:45 BST")."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    only = dates[0]
    rest = _DATE_LINE_FILLER.sub("", line[: only.start] + " " + line[only.end :])
    if rest.strip():
        return None
    return Dateline(offset, offset + len(line), "line", date=_shifted(only, offset))


def release_numbers(text: str, start: int = 0, end: int | None = None) -> list[ReleaseNumber]:
    """Press-release numbers that carry a year and month ("2013-01-S-025")."""
    stop = len(text) if end is None else end
    out = []
    for m in _RELEASE_NUMBER.finditer(text, start, stop):
        month = int(m["month"])
        if 1 <= month <= 12:
            out.append(ReleaseNumber(m.start(), m.end(), int(m["year"]), month))
    return out


def _shifted(d: DateMention, offset: int) -> DateMention:
    return DateMention(d.start + offset, d.end + offset, d.month, d.day, d.year)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the wire datelines that open paragraphs."""
    return [(d.start, d.end) for d in wire_datelines(text)]


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Character spans of the filing places that open those datelines."""
    return [d.place for d in wire_datelines(text) if d.place is not None]
