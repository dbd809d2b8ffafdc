"""Month and weekday names (data/calendar.toml), and reading a calendar date written in text.

spaCy-free: the times stage, datelines and publication dates read month names from here.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Calendar:
    months: dict[str, int]  # lower-case name, abbreviation or alias -> 1..12
    weekdays: dict[str, int]  # lower-case name or abbreviation -> 0 (Monday)..6
    month_names: tuple[str, ...]  # "January".."December"
    month_abbreviations: tuple[str, ...]  # "Jan".."Dec"
    month_forms: tuple[str, ...]  # every capitalised form: names, abbreviations, aliases
    weekday_names: tuple[str, ...]
    weekday_forms: tuple[str, ...]

    def month(self, word: str) -> int | None:
        return self.months.get(word.rstrip(".").lower())


@lru_cache(maxsize=1)
def load_calendar() -> Calendar:
    raw = tomllib.loads(resources.files("fieldbrief.data").joinpath("calendar.toml").read_text("utf-8"))
    months = {m.lower(): i for i, m in enumerate(raw["months"], start=1)}
    months.update({m.lower(): i for i, m in enumerate(raw["month_abbreviations"], start=1)})
    months.update({k.lower(): int(v) for k, v in raw["month_aliases"].items()})
    weekdays = {d.lower(): i for i, d in enumerate(raw["weekdays"])}
    weekdays.update({d.lower(): i for i, d in enumerate(raw["weekday_abbreviations"])})
    weekdays.update({k.lower(): int(v) - 1 for k, v in raw["weekday_aliases"].items()})
    return Calendar(
        months=months,
        weekdays=weekdays,
        month_names=tuple(raw["months"]),
        month_abbreviations=tuple(raw["month_abbreviations"]),
        month_forms=_with_capitals([*raw["months"], *raw["month_abbreviations"], *raw["month_aliases"]]),
        weekday_names=tuple(raw["weekdays"]),
        weekday_forms=tuple([*raw["weekdays"], *raw["weekday_abbreviations"], *raw["weekday_aliases"]]),
    )


def _with_capitals(words: list[str]) -> tuple[str, ...]:
    """Names as written in running text and in capitals ("SEPT. 1" in a headline or dateline)."""
    return tuple(dict.fromkeys([*words, *(w.upper() for w in words)]))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class DateMention:
    """A calendar date written in text ("Jan. 25, 2013", "25 January", "2013-01-25"); year None when not given."""

    start: int
    end: int
    month: int
    day: int
    year: int | None = None

    def on(self, year: int) -> date | None:
        """This day and month in `year`, or None when it does not exist (30 February)."""
        if not 1 <= self.day <= stdlib_calendar.monthrange(year, self.month)[1]:
            return None
        return date(year, self.month, self.day)

    def as_date(self) -> date | None:
        return self.on(self.year) if self.year is not None else None


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    cal = load_calendar()
    month = rf"(?P<month>{alternation(cal.month_forms)})\.?"
    weekday = rf"(?:(?:{alternation(cal.weekday_forms)})\.?,?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    # "Jan. 25, 2013", "Nov. 1. 2011" (a typo'd full stop), "April 8", "Monday, August 23 2021"
    month_first = rf"\b{weekday}{month}\s+{day}\b(?:[.,]?\s*{year}\b)?"
    # "25 January 2013", "Monday 23 August, 2021", "the 3rd of May"
    day_first = rf"\b{weekday}{day}\s+(?:of\s+)?{month}\b(?:,?\s*{year}\b)?"
    iso = r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"
    return tuple(re.compile(p) for p in (iso, month_first, day_first))


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Calendar dates with a day in text[start:end], in order, overlaps settled by the earliest, longest match."""
    cal = load_calendar()
    stop = len(text) if end is None else end
    found: list[DateMention] = []
    for pattern in _date_patterns():
        for m in pattern.finditer(text, start, stop):
            month_text = m["month"]
            month_number = int(month_text) if month_text.isdigit() else cal.month(month_text)
            year = int(m["year"]) if m["year"] else None
            if month_number is None or not 1 <= month_number <= 12 or not 1 <= int(m["day"]) <= 31:
                continue
            mention = DateMention(m.start(), m.end(), month_number, int(m["day"]), year)
            if year is not None and mention.as_date() is None:
                continue
            found.append(mention)
    chosen: list[DateMention] = []
    for d in sorted(found, key=lambda d: (d.start, d.start - d.end)):
        if all(d.end <= c.start or d.start >= c.end for c in chosen):
            chosen.append(d)
    return chosen
