"""Calendar arithmetic for resolving time expressions: months, weeks (Monday to Sunday), weekends, spans
clipped to the publication date."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from fieldbrief.extract.times.rules import WEEKEND_SATURDAY, Resolved
from fieldbrief.model import Precision


def add_months(d: date, months: int) -> date:
    """The first day of the month `months` after d's month."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_span(first: date) -> tuple[date, date]:
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def week_span(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _clip(span: tuple[date, date], published: date, part: str) -> tuple[date, date]:
    """Part of a unit relative to the publication day: all of it, before publication, or after it."""
    start, end = span
    if part == "before":
        return start, max(start, min(end, published - timedelta(days=1)))
    if part == "after":
        return min(end, max(start, published + timedelta(days=1))), end
    return start, end


def unit_span(unit: str, published: date, offset: int, part: str = "all") -> Resolved:
    """The week, month or year `offset` units from the one holding `published`."""
    if unit == "week":
        span = week_span(published + timedelta(weeks=offset))
        return Resolved(*_clip(span, published, part), "week")
    if unit == "month":
        return Resolved(*_clip(month_span(add_months(published, offset)), published, part), "month")
    if unit == "year":
        y = published.year + offset
        return Resolved(*_clip((date(y, 1, 1), date(y, 12, 31)), published, part), "year")
    day = published + timedelta(days=offset)
    return Resolved(day, day, "day")


def weekend(published: date, offset: int, future: bool) -> Resolved:
    if future and offset == 0:
        saturday = published + timedelta(days=(WEEKEND_SATURDAY - published.weekday()) % 7)
    else:
        saturday = published - timedelta(days=(published.weekday() - WEEKEND_SATURDAY) % 7)
        saturday += timedelta(weeks=offset)
    return Resolved(saturday, saturday + timedelta(days=1), "week")


def precision_of(unit: str) -> Precision:
    """Hours resolve to days: the publication time of day is unknown."""
    return "week" if unit == "week" else "month" if unit == "month" else "year" if unit == "year" else "day"


def shift(d: date, unit: str, amount: int) -> date:
    """d moved by `amount` hours (whole days only), days, weeks, months or years (day of month clamped)."""
    if unit == "hour":
        return d + timedelta(days=int(amount / 24))
    if unit == "day":
        return d + timedelta(days=amount)
    if unit == "week":
        return d + timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    first = add_months(d, months)
    return first.replace(day=min(d.day, calendar.monthrange(first.year, first.month)[1]))


def containing(d: date, unit: str) -> Resolved:
    """The day, week, month or year that holds d."""
    if unit == "week":
        return Resolved(*week_span(d), "week")
    if unit == "month":
        return Resolved(*month_span(d.replace(day=1)), "month")
    if unit == "year":
        return Resolved(date(d.year, 1, 1), date(d.year, 12, 31), "year")
    return Resolved(d, d, "day")
