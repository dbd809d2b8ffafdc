"""One resolver per kind of time expression: the dates a match stands for, given the publication date and the
last day the text named."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from fieldbrief.extract.times.calendar_math import containing, precision_of, shift, unit_span, weekend
from fieldbrief.extract.times.rules import NOUN_PHRASE_AHEAD, Found, Resolved, TimeRules, anchor_key, phrase_key
from fieldbrief.lexicon.datelines import COMPLETION_MAX_DAYS


@dataclass(frozen=True)
class Situation:
    """What a resolver knows besides its match: the rules, publication date, and the clause's tense."""

    rules: TimeRules
    published: date | None
    future: bool
    previous: date | None = None  # the last single day the text named before this expression
    # without a publication date, the month a press-release number names ("2010-07-CA-129"): a day and month
    # without a year ("July 16") take the year that puts them nearest it; relative expressions stay unresolved
    year_anchor: date | None = None


Resolver = Callable[[re.Match[str], Situation], Resolved | None]


def _number(text: str, rules: TimeRules) -> int:
    value = rules.numbers.time_value(text)
    return value if value is not None else 1


def _unit(m: re.Match[str], rules: TimeRules) -> str:
    return rules.units[m["unit"].lower()]


def resolve_anchor_offset(m: re.Match[str], s: Situation) -> Resolved | None:
    anchor = s.rules.anchors.get(anchor_key(m["anchor"]))
    if anchor is None:
        return None
    amount = _number(m["num"], s.rules) * (1 if m["dir"].lower() == "after" else -1)
    unit = _unit(m, s.rules)
    return containing(shift(anchor, unit, amount), unit)


def resolve_anchor(m: re.Match[str], s: Situation) -> Resolved | None:
    anchor = s.rules.anchors.get(anchor_key(m["anchor"]))
    if anchor is None:
        return None
    day = anchor - timedelta(days=1 if m["eve"] else 0)
    return Resolved(day, day, "day")


def resolve_holiday(m: re.Match[str], s: Situation) -> Resolved | None:
    month, day_of_month = s.rules.annual[anchor_key(m["holiday"])]
    y = _year_for(month, day_of_month, s)
    if y is None:
        return None
    day = date(y, month, day_of_month) - timedelta(days=1 if m["eve"] else 0)
    return Resolved(day, day, "day")


def _reference_day(s: Situation) -> date | None:
    """What "the previous day" counts from: the last day the text named, else publication."""
    return s.previous or s.published


def resolve_relative(m: re.Match[str], s: Situation) -> Resolved | None:
    base = _reference_day(s)
    if base is None:
        return None
    day = base + timedelta(days=s.rules.relative[phrase_key(m["phrase"])])
    return Resolved(day, day, "day")


def resolve_relative_offset(m: re.Match[str], s: Situation) -> Resolved | None:
    base = _reference_day(s)
    if base is None:
        return None
    unit = _unit(m, s.rules)
    amount = _number(m["num"], s.rules) * (1 if m["dir"].lower() == "later" else -1)
    return containing(shift(base, unit, amount), unit)


def resolve_ago(m: re.Match[str], s: Situation) -> Resolved | None:
    if s.published is None:
        return None
    unit = _unit(m, s.rules)
    return containing(shift(s.published, unit, -_number(m["num"], s.rules)), unit)


def resolve_trailing(m: re.Match[str], s: Situation) -> Resolved | None:
    if s.published is None:
        return None
    unit = _unit(m, s.rules)
    amount = _number(m["num"], s.rules) if m["num"] else 1
    return Resolved(shift(s.published, unit, -amount), s.published, precision_of(unit))


def resolve_day(m: re.Match[str], s: Situation) -> Resolved | None:
    if s.published is None:
        return None
    day = s.published + timedelta(days=s.rules.days[phrase_key(m["phrase"])])
    return Resolved(day, day, "day")


def resolve_span(m: re.Match[str], s: Situation) -> Resolved | None:
    if s.published is None:
        return None
    return _span(phrase_key(m["phrase"]), s.published, s)


def _span(phrase: str, published: date, s: Situation) -> Resolved:
    unit, offset, part = s.rules.spans[phrase]
    if unit == "weekend":
        return weekend(published, offset, s.future)
    return unit_span(unit, published, offset, part)


def resolve_unit_part(m: re.Match[str], s: Situation) -> Resolved | None:
    """ "at the end of last month" is last month; "since the beginning of the week" runs to publication."""
    if s.published is None:
        return None
    whole = (
        _span(phrase_key(m["phrase"]), s.published, s) if m["phrase"] else unit_span(m["unit"].lower(), s.published, 0)
    )
    since = (m["prep"] or "").lower() in ("since", "from") and phrase_key(m["qual"]) in s.rules.unit_part_starts
    if since and whole.start <= s.published:
        return Resolved(whole.start, s.published, whole.precision)
    return whole


def resolve_weekday(m: re.Match[str], s: Situation) -> Resolved | None:
    if s.published is None:
        return None
    target = s.rules.weekdays[m["weekday"].lower()]
    mod = (m["mod"] or "").lower()
    if mod in ("next", "coming") or (s.future and mod != "last"):
        ahead = (target - s.published.weekday()) % 7 or 7
        day = s.published + timedelta(days=ahead)
    else:
        back = (s.published.weekday() - target) % 7
        if mod in ("last", "past") and back == 0:
            back = 7
        day = s.published - timedelta(days=back)
    return Resolved(day, day, "day")


def _year_for(month: int, day: int, s: Situation) -> int | None:
    """The year of a day-and-month without one: the nearest such date in the tense's direction; without a
    publication date, the nearest to the month of the document's release number, if within a few weeks."""
    if s.published is None:
        return _year_near_anchor(month, day, s.year_anchor)
    y = s.published.year
    candidate = date(y, month, min(day, calendar.monthrange(y, month)[1]))
    if s.future:
        return y if candidate >= s.published else y + 1
    return y if candidate <= s.published + timedelta(days=7) else y - 1


def _year_near_anchor(month: int, day: int, anchor: date | None) -> int | None:
    if anchor is None:
        return None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    candidates = [date(y, month, min(day, calendar.monthrange(y, month)[1])) for y in years]
    best = min(candidates, key=lambda d: abs((d - anchor).days))
    return best.year if abs((best - anchor).days) <= COMPLETION_MAX_DAYS else None


def _day_month(m: re.Match[str], s: Situation) -> Resolved | None:
    d = _date(s.rules.months[m["month"].lower()], int(m["day"]), int(m["year"]) if m["year"] else None, s)
    return Resolved(d, d, "day") if d else None


def _date(month: int, day: int, year: int | None, s: Situation) -> date | None:
    """A valid date from its parts; a missing year is the nearest in the clause's tense."""
    y = year if year is not None else _year_for(month, day, s) if 1 <= month <= 12 and day >= 1 else None
    if y is None or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(y, month)[1]:
        return None
    return date(y, month, day)


def resolve_range(m: re.Match[str], s: Situation) -> Resolved | None:
    """ "14-15 March", "between March 10 and 12", "28 February to 2 March 2024": the first day's month and
    year default to the last day's; a first month after the last one is in the year before."""
    last_month = s.rules.months[(m["m2"] or m["m1"]).lower()]
    first_month = s.rules.months[(m["m1"] or m["m2"]).lower()]
    last = _date(last_month, int(m["d2"]), int(m["year"]) if m["year"] else None, s)
    if last is None:
        return None
    first = _date(first_month, int(m["d1"]), last.year - (first_month > last_month), s)
    if first is None or first >= last:
        return None
    return Resolved(first, last, "day")


def resolve_numeric(m: re.Match[str], s: Situation) -> Resolved | None:
    """ "16.03.2024" is day.month; "3/14" month/day, unless the first number cannot be a month."""
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if m["sep"] == "." or a > 12 else (b, a)
    year = int(m["year"]) if m["year"] else None
    if year is not None and year < 100:
        year += 2000
    d = _date(month, day, year, s)
    return Resolved(d, d, "day") if d else None


def resolve_month(m: re.Match[str], s: Situation) -> Resolved | None:
    month = s.rules.months[m["month"].lower()]
    mod = (m["mod"] or "").lower()
    if m["year"]:
        y: int | None = int(m["year"])
    elif s.published is None:
        y = None
    elif mod == "next" or (s.future and mod != "last"):
        y = s.published.year + (month <= s.published.month if mod == "next" else month < s.published.month)
    else:
        y = s.published.year - (month >= s.published.month if mod == "last" else month > s.published.month)
    return containing(date(y, month, 1), "month") if y else None


def resolve_year(m: re.Match[str], s: Situation) -> Resolved | None:
    return containing(date(int(m["year"]), 1, 1), "year")


def resolve_iso(m: re.Match[str], s: Situation) -> Resolved | None:
    try:
        d = date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None
    return Resolved(d, d, "day")


RESOLVERS: dict[str, Resolver] = {
    "anchor_offset": resolve_anchor_offset,
    "anchor": resolve_anchor,
    "holiday": resolve_holiday,
    "ago": resolve_ago,
    "trailing": resolve_trailing,
    "relative_offset": resolve_relative_offset,
    "relative": resolve_relative,
    "day": resolve_day,
    "span": resolve_span,
    "unit_part": resolve_unit_part,
    "weekday": resolve_weekday,
    "range_dm": resolve_range,
    "range_md": resolve_range,
    "day_month": _day_month,
    "month_day": _day_month,
    "month": resolve_month,
    "year": resolve_year,
    "iso": resolve_iso,
    "numeric": resolve_numeric,
}


def acceptable(found: Found, rules: TimeRules) -> bool:
    """Filters for matches that are often no date.

    Bare month names and yearly days ("a Christmas truce") stand for a date only beside a preposition,
    qualifier, modifier or year; "and" joins a range only after "between"; a numeric date needs a year or
    a date preposition ("on 3/14", not "at 10.30" or "a 3/4 majority") and must be a valid day; "the day
    before" followed by a noun phrase counts from an event, not from a date.
    """
    m = found.match
    if found.kind == "month":
        return bool(m["prep"] or m["qual"] or m["mod"] or m["year"])
    if found.kind == "holiday":
        return bool(m["prep"] or m["eve"])
    if found.kind in ("range_dm", "range_md"):
        return m["conn"].lower() != "and" or (m["prep"] or "").lower() == "between"
    if found.kind == "numeric":
        return _numeric_acceptable(m, rules)
    if found.kind == "relative" and m["phrase"].lower().endswith(("before", "after")):
        return not NOUN_PHRASE_AHEAD.match(m.string, m.end())
    return True


def _numeric_acceptable(m: re.Match[str], rules: TimeRules) -> bool:
    if anchor_key(m.string[m.start("a") : m.end()]) in rules.anchors:  # "9/11" is the anchor, not a day
        return False
    if not (m["year"] or phrase_key(m["prep"] or "") in rules.numeric_prepositions):
        return False
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if m["sep"] == "." or a > 12 else (b, a)
    return 1 <= month <= 12 and 1 <= day <= 31
