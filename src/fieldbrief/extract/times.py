"""The times stage: time expressions, resolved to dates against the article's publication date.

Expressions come from rules built from data/times.toml and data/time_anchors.toml ("on Thursday",
"earlier this week", "over the weekend", "three days ago", "15 August 2021", "in 2001", "two days before
the September 11 attacks", "on the night of 14 March", "between 10 and 12 March", "14.03.2024", "the past
24 hours", "since the beginning of the week", "two days later") and from spaCy's DATE entities that no rule
covers (kept, unresolved unless they are a bare year). Where several rules match overlapping text, the
longest match wins; two dates joined as a range ("from 24.02.22 to 01.04.24") become one expression.

Resolution: weeks run Monday to Sunday; "the weekend" is the most recent Saturday-Sunday on or before
publication; a bare weekday or month is the most recent one on or before publication unless its clause is
in the future tense ("will meet on Thursday"). "since X" runs from X to publication. Parts of a day keep
the day ("last night" is the day before publication, "in the early hours of Sunday" is Sunday). Phrases
such as "the previous day" or "two days later" count from the last single day the text named, or from
publication when none came before. Numeric dates with dots are day.month ("14.03.2024"), with slashes
month/day unless the first number exceeds 12 ("3/14", "14/03/2024"). Without a publication date, relative
expressions keep their text and no dates; fully specified dates ("15 August 2021", "in 2001") still resolve.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Token

from fieldbrief.lexicon.calendar import load_calendar
from fieldbrief.lexicon.datelines import COMPLETION_MAX_DAYS, release_numbers
from fieldbrief.lexicon.numbers import NumberWords, number_words
from fieldbrief.model import Article, Precision, TimeRef
from fieldbrief.nlp import doc_text
from fieldbrief.stage import Context, Stage

WEEKEND_SATURDAY = 5  # date.weekday() of Saturday
WINDOW_CHARS = 50  # how far around a trigger word the rules look (longer than any expression's reach)
# Tokens that can carry a date without any trigger word: years, ISO dates, numeric dates ("3/14", "16.03.2024").
DATE_TOKEN = re.compile(r"(1[89]|20)\d\d(-\d\d-\d\d)?|[0-3]?\d[./][01]?\d([./](19|20)?\d\d)?")
BARE_YEAR = re.compile(r"(1[89]|20)\d\d")
TENSE_SENSITIVE = frozenset(
    {"span", "weekday", "day_month", "month_day", "month", "range_dm", "range_md", "numeric", "holiday"}
)
COARSENESS: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
# Text between two dates that makes them one range ("from 24.02.22 to 01.04.24", "10 March - 12 March").
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*", re.IGNORECASE)
APPOSITION = re.compile(r"\s*,?\s*")  # "Two days later, on 12 March": the second names the first's day
# What follows "the day before" when it counts from an event rather than from a date ("the day before the vote").
NOUN_PHRASE_AHEAD = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|that|[A-Z])")


@dataclass(frozen=True)
class Resolved:
    start: date
    end: date
    precision: Precision


@dataclass(frozen=True)
class TimeRules:
    """data/times.toml and data/time_anchors.toml, with the patterns compiled once per process."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, pattern); kind names a resolver
    days: dict[str, int]
    spans: dict[str, tuple[str, int, str]]
    units: dict[str, str]
    numbers: NumberWords
    months: dict[str, int]
    weekdays: dict[str, int]
    anchors: dict[str, date]
    annual: dict[str, tuple[int, int]]  # name -> (month, day) of a day that comes back every year
    relative: dict[str, int]  # phrase -> days from the last day named ("the previous day" -1)
    numeric_prepositions: frozenset[str]
    unit_part_starts: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    future_with_complement: frozenset[str]  # governors that look forward only with "to"/"for" after them
    ignore: tuple[re.Pattern[str], ...]
    triggers: frozenset[str]  # lower-case words one of which every expression contains (besides numbers)
    gates: dict[str, tuple[str, ...]]  # kind -> lower-case strings one of which its matches contain
    # kind -> the gates as one compiled alternation (kinds with the same gates share one), built from `gates`
    gate_patterns: dict[str, re.Pattern[str] | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_gates: dict[tuple[str, ...], re.Pattern[str] | None] = {}
        for gates in self.gates.values():
            if gates not in by_gates:
                by_gates[gates] = re.compile("|".join(map(re.escape, gates))) if gates else None
        object.__setattr__(self, "gate_patterns", {kind: by_gates[gates] for kind, gates in self.gates.items()})


@dataclass(frozen=True)
class Found:
    """A rule's match: the text span, which resolver applies, and the match for its groups."""

    start: int
    end: int
    kind: str
    match: re.Match[str]


# ---------------------------------------------------------------- rules


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, whitespace flexible."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def _lemma_list(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def load_rules() -> TimeRules:
    data = resources.files("fieldbrief.data")
    raw = tomllib.loads(data.joinpath("times.toml").read_text("utf-8"))
    anchor_raw = tomllib.loads(data.joinpath("time_anchors.toml").read_text("utf-8"))
    cal = load_calendar()
    numbers = number_words()
    months, weekdays = cal.months, {name.lower(): cal.weekdays[name.lower()] for name in cal.weekday_names}
    anchors = {_anchor_key(name): date.fromisoformat(a["date"]) for a in anchor_raw["anchor"] for name in a["names"]}
    annual = {_anchor_key(name): _month_day(a["date"]) for a in anchor_raw["annual"] for name in a["names"]}

    prep = rf"(?:(?P<prep>{_alternation(raw['prepositions'])})\s+)?"
    day_lead = rf"{prep}(?:(?P<lead>{_alternation(raw['day_leads'])})\s+)?"
    num = rf"(?P<num>\d+|{_alternation([*numbers.words, *numbers.indefinite, *numbers.time_values])})"
    unit = rf"(?P<unit>{_alternation(raw['units'])})"
    part = rf"(?:\s+(?P<part>{_alternation(raw['parts_of_day'])}))?"
    month_names = _alternation(list(cal.month_forms))
    month = rf"(?-i:(?P<month>{month_names}))\.?"
    weekday_name = _alternation(list(cal.weekday_names))
    weekday_prefix = rf"(?:(?-i:{weekday_name}),?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    conn = rf"\s*(?P<conn>{_alternation(raw['range_connectors'])})\s*"

    def month_as(name: str) -> str:
        return rf"(?-i:(?P<{name}>{month_names}))\.?"

    def day_as(name: str) -> str:
        return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"

    year = r"(?P<year>1[89]\d\d|20\d\d)"
    anchor = rf"(?P<anchor>{_alternation(anchor_raw_names(anchor_raw))})"
    holiday = rf"(?P<holiday>{_alternation(annual_names(anchor_raw))})"
    eve = r"(?:(?P<eve>eve)\s+of\s+(?:the\s+)?)?"
    qualifier = rf"(?:(?P<qual>{_alternation(raw['month_qualifiers'])})(?:\s+|-))"
    sources = {
        "anchor_offset": rf"\b{num}\s+{unit}\s+(?P<dir>before|after|prior\s+to)\s+(?:the\s+)?{anchor}\b",
        "anchor": rf"\b{prep}(?:the\s+)?{eve}{anchor}(?!\w)",
        "holiday": rf"\b{prep}(?:the\s+)?{eve}{holiday}(?!\w)",
        "ago": rf"\b{num}\s+{unit}\s+ago\b",
        "trailing": rf"\b{prep}the\s+(?:past|last)\s+(?:{num}\s+)?{unit}\b",
        "relative_offset": rf"\b{num}\s+{unit}\s+(?P<dir>earlier|later)\b",
        "relative": rf"\b(?P<phrase>{_alternation(raw['relative'])})\b",
        "day": rf"\b{day_lead}(?P<phrase>{_alternation(raw['days'])}){part}\b",
        "span": rf"\b{prep}(?P<phrase>{_alternation(raw['spans'])})\b",
        "unit_part": rf"\b{prep}(?:the\s+)?(?P<qual>{_alternation(raw['unit_parts'])})\s+of\s+"
        rf"(?:(?P<phrase>{_alternation(raw['spans'])})|(?:the|this|today's)\s+(?P<unit>day|week|month|year))\b",
        "weekday": rf"\b{day_lead}(?:(?P<mod>last|this|next|past|coming)\s+)?(?-i:(?P<weekday>{weekday_name})){part}\b",
        "range_dm": rf"\b{day_lead}(?:the\s+)?{day_as('d1')}(?:\s+(?:of\s+)?{month_as('m1')})?{conn}(?:the\s+)?"
        rf"{day_as('d2')}\s+(?:of\s+)?{month_as('m2')}(?:,?\s+{year})?\b",
        "range_md": rf"\b{day_lead}{weekday_prefix}{month_as('m1')}\s+{day_as('d1')}{conn}(?:{month_as('m2')}\s+)?"
        rf"{day_as('d2')}\b(?:,?\s+{year}\b)?",
        "day_month": rf"\b{day_lead}{weekday_prefix}(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b",
        "month_day": rf"\b{day_lead}{weekday_prefix}{month}\s+{day}\b(?:,?\s+{year}\b)?",
        "month": rf"\b{prep}(?:(?P<mod>last|this|next)\s+)?{qualifier}?{month}(?:,?\s+{year})?\b",
        "year": rf"\b(?P<prep>{_alternation(raw['prepositions'])})\s+"
        rf"(?:the\s+(?:end|beginning|start|middle)\s+of\s+)?{year}\b(?!-|\s*%)",
        "iso": r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b",
        "numeric": rf"(?<![\w./-]){day_lead}(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)"
        r"(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\w/]|\.\d)",
    }
    future = raw["future"]
    return TimeRules(
        patterns=tuple((kind, re.compile(src, re.IGNORECASE)) for kind, src in sources.items()),
        days={_phrase_key(k): int(v) for k, v in raw["days"].items()},
        spans={_phrase_key(k): (str(v[0]), int(v[1]), str(v[2])) for k, v in raw["spans"].items()},
        units={k.lower(): v for k, v in raw["units"].items()},
        numbers=numbers,
        months=months,
        weekdays=weekdays,
        anchors=anchors,
        annual=annual,
        relative={_phrase_key(k): int(v) for k, v in raw["relative"].items()},
        numeric_prepositions=_lemma_list(raw["numeric_prepositions"]),
        unit_part_starts=_lemma_list(raw["unit_part_starts"]),
        future_auxiliaries=_lemma_list(future["auxiliaries"]),
        future_governors=_lemma_list(future["governors"]),
        future_with_complement=_lemma_list(future["with_complement"]),
        ignore=tuple(re.compile(p, re.IGNORECASE) for p in raw["ignore"]["patterns"]),
        triggers=_triggers(raw, anchor_raw_names(anchor_raw), annual_names(anchor_raw), months, weekdays),
        gates=_gates(raw, anchor_raw, months, weekdays),
    )


def _gates(
    raw: dict[str, Any], anchor_raw: dict[str, Any], months: Iterable[str], weekdays: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """For each kind of rule, strings one of which any match contains: a window without them is not searched
    with that rule, which keeps the many rules cheap on text with few dates."""

    def last_words(phrases: Iterable[str]) -> tuple[str, ...]:
        return tuple({p.lower().split()[-1] for p in phrases})

    month_names = tuple(months)
    years = ("18", "19", "20")
    return {
        "anchor_offset": ("before", "after", "prior"),
        "anchor": last_words(anchor_raw_names(anchor_raw)),
        "holiday": last_words(annual_names(anchor_raw)),
        "ago": ("ago",),
        "trailing": ("past", "last"),
        "relative_offset": ("earlier", "later"),
        "relative": last_words(raw["relative"]),
        "day": last_words(raw["days"]) + tuple(w.lower() for w in raw["parts_of_day"]),
        "span": last_words(raw["spans"]),
        "unit_part": (" of ",),
        "weekday": tuple(weekdays),
        "range_dm": month_names,
        "range_md": month_names,
        "day_month": month_names,
        "month_day": month_names,
        "month": month_names,
        "year": years,
        "iso": years,
        "numeric": tuple(f"{d}{sep}" for d in "0123456789" for sep in "./"),
    }


def _triggers(
    raw: dict[str, Any],
    anchor_names: Sequence[str],
    holiday_names: Sequence[str],
    months: Iterable[str],
    weekdays: Iterable[str],
) -> frozenset[str]:
    """Words one of which every expression contains: text far from all of them is never scanned.

    The last word of each day and span phrase ("yesterday", "week"), unit words, month and weekday names,
    parts of the day ("the previous night", "during the day" hold one), the lower-case words of anchor names
    ("attacks", "invasion", "9/11") and the last word of each yearly day ("Christmas", "Eve"). Abbreviated
    months keep their full stop as a token ("Feb."). Numeric dates are found by their shape (DATE_TOKEN).
    """
    words = set(months) | {f"{m}." for m in months} | set(weekdays) | {w.lower() for w in raw["parts_of_day"]} | {"day"}
    words.update(phrase.lower().split()[-1] for phrase in [*raw["days"], *raw["spans"]])
    words.update(w.lower() for w in raw["units"])
    words.update(name.lower().split()[-1] for name in holiday_names)
    for name in anchor_names:
        words.update(w for w in name.split() if w.islower() and len(w) > 3 or any(c.isdigit() for c in w))
    return frozenset(words)


def anchor_raw_names(anchor_raw: dict[str, list[dict[str, object]]]) -> list[str]:
    return [str(name) for a in anchor_raw["anchor"] for name in a["names"]]  # type: ignore[attr-defined]


def annual_names(anchor_raw: dict[str, list[dict[str, object]]]) -> list[str]:
    return [str(name) for a in anchor_raw["annual"] for name in a["names"]]  # type: ignore[attr-defined]


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def _phrase_key(text: str) -> str:
    return " ".join(text.lower().split())


def _anchor_key(text: str) -> str:
    key = _phrase_key(text)
    return key[4:] if key.startswith("the ") else key


# ---------------------------------------------------------------- calendar arithmetic


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


# ---------------------------------------------------------------- resolvers


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
    anchor = s.rules.anchors.get(_anchor_key(m["anchor"]))
    if anchor is None:
        return None
    amount = _number(m["num"], s.rules) * (1 if m["dir"].lower() == "after" else -1)
    unit = _unit(m, s.rules)
    return containing(shift(anchor, unit, amount), unit)


def resolve_anchor(m: re.Match[str], s: Situation) -> Resolved | None:
    anchor = s.rules.anchors.get(_anchor_key(m["anchor"]))
    if anchor is None:
        return None
    day = anchor - timedelta(days=1 if m["eve"] else 0)
    return Resolved(day, day, "day")


def resolve_holiday(m: re.Match[str], s: Situation) -> Resolved | None:
    month, day_of_month = s.rules.annual[_anchor_key(m["holiday"])]
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
    day = base + timedelta(days=s.rules.relative[_phrase_key(m["phrase"])])
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
    day = s.published + timedelta(days=s.rules.days[_phrase_key(m["phrase"])])
    return Resolved(day, day, "day")


def resolve_span(m: re.Match[str], s: Situation) -> Resolved | None:
    if s.published is None:
        return None
    return _span(_phrase_key(m["phrase"]), s.published, s)


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
        _span(_phrase_key(m["phrase"]), s.published, s) if m["phrase"] else unit_span(m["unit"].lower(), s.published, 0)
    )
    since = (m["prep"] or "").lower() in ("since", "from") and _phrase_key(m["qual"]) in s.rules.unit_part_starts
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


def _acceptable(found: Found, rules: TimeRules) -> bool:
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
    if _anchor_key(m.string[m.start("a") : m.end()]) in rules.anchors:  # "9/11" is the anchor, not a day
        return False
    if not (m["year"] or _phrase_key(m["prep"] or "") in rules.numeric_prepositions):
        return False
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if m["sep"] == "." or a > 12 else (b, a)
    return 1 <= month <= 12 and 1 <= day <= 31


# ---------------------------------------------------------------- finding expressions


def scan_windows(doc: Doc, rules: TimeRules) -> list[tuple[int, int]]:
    """Character windows around the words that can start or end an expression, merged, at spaces."""
    text, reach = doc_text(doc), WINDOW_CHARS
    windows: list[tuple[int, int]] = []
    for token in doc:
        if not (token.lower_ in rules.triggers or DATE_TOKEN.fullmatch(token.text)):
            continue
        start = max(0, token.idx - reach)
        end = min(len(text), token.idx + len(token.text) + reach)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def find_expressions(text: str, windows: Sequence[tuple[int, int]], rules: TimeRules) -> list[Found]:
    """Every rule match inside the windows, overlaps settled longest first."""
    found: list[Found] = []
    for a, b in windows:
        lowered = text[a:b].lower()
        opened: dict[re.Pattern[str] | None, bool] = {None: False}  # gate -> whether the window contains it
        for kind, pattern in rules.patterns:
            gate = rules.gate_patterns[kind]
            if gate not in opened:
                opened[gate] = gate.search(lowered) is not None  # type: ignore[union-attr]
            if opened[gate]:
                found += (Found(m.start(), m.end(), kind, m) for m in pattern.finditer(text, a, b))
    found = [f for f in found if _acceptable(f, rules)]
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(f.end <= a or f.start >= b for a, b in taken):
            chosen.append(f)
            taken.append((f.start, f.end))
    return sorted(chosen, key=lambda f: f.start)


def is_future(doc: Doc, start: int, end: int, rules: TimeRules) -> bool:
    """Whether the clause governing the expression is in the future ("will meet on Thursday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token: Token = span.root
    for _ in range(4):  # climb to the governing verb
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            break
        token = token.head
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in rules.future_auxiliaries for c in token.children):
        return True
    return any(_governs_future(a, rules) for a in [token, *list(token.ancestors)[:2]])


def _governs_future(token: Token, rules: TimeRules) -> bool:
    word = token.lemma_.lower() if token.lemma_.lower() in rules.future_governors else token.lower_
    if word not in rules.future_governors:
        return False
    if word not in rules.future_with_complement:
        return True
    # "set for Sunday" (a preposition), "set to resume" (an infinitive); "set fire to the depot" has neither
    return any(
        (c.dep_ == "prep" and c.lower_ == "for") or any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in token.children
    )


def _entity_refs(doc: Doc, taken: Sequence[tuple[int, int]], rules: TimeRules) -> list[TimeRef]:
    """spaCy DATE entities no rule covered: kept as written; a bare year still resolves."""
    refs = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(ent.start_char < b and ent.end_char > a for a, b in taken):
            continue
        if any(p.search(ent.text) for p in rules.ignore) or not any(_is_time_word(t, rules) for t in ent):
            continue
        ref = TimeRef(text=ent.text, start=ent.start_char, end=ent.end_char)
        if BARE_YEAR.fullmatch(ent.text):
            ref.date_start, ref.date_end, ref.precision = f"{ent.text}-01-01", f"{ent.text}-12-31", "year"
        refs.append(ref)
    return refs


def _is_time_word(token: Token, rules: TimeRules) -> bool:
    """A trigger word or a number; month names only capitalised ("may march" is no date)."""
    if token.like_num:
        return True
    return token.lower_ in rules.triggers and (token.lower_ not in rules.months or token.text[:1].isupper())


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def extract_times(doc: Doc, published: date | None, rules: TimeRules) -> list[TimeRef]:
    text = doc_text(doc)
    numbers = release_numbers(text) if published is None else []
    year_anchor = numbers[0].middle() if numbers else None
    refs: list[TimeRef] = []
    counted: list[TimeRef] = []  # refs counted from the last day named ("two days later")
    previous: date | None = None
    for f in find_expressions(text, scan_windows(doc, rules), rules):
        tensed = f.kind in TENSE_SENSITIVE and published is not None
        situation = Situation(rules, published, tensed and is_future(doc, f.start, f.end, rules), previous, year_anchor)
        resolved = RESOLVERS[f.kind](f.match, situation)
        if resolved and published and f.match.group().split(maxsplit=1)[0].lower() == "since":
            resolved = Resolved(resolved.start, max(resolved.end, published), resolved.precision)
        ref = TimeRef(text=text[f.start : f.end], start=f.start, end=f.end)
        if resolved:
            ref.date_start, ref.date_end = resolved.start.isoformat(), resolved.end.isoformat()
            ref.precision = resolved.precision
            if resolved.precision == "day" and resolved.start == resolved.end:
                previous = resolved.start
        if f.kind.startswith("relative"):
            counted.append(ref)
        refs.append(ref)
    refs += _entity_refs(doc, [(r.start, r.end) for r in refs], rules)
    refs.sort(key=lambda r: r.start)
    _take_apposed_days(text, refs, counted)
    return join_ranges(text, refs)


def _single_day(ref: TimeRef) -> bool:
    return ref.precision == "day" and ref.date_start is not None and ref.date_start == ref.date_end


def _take_apposed_days(text: str, refs: list[TimeRef], counted: list[TimeRef]) -> None:
    """ "Two days later, on 12 March": a counted phrase right before a named day is that day."""
    ids = {id(r) for r in counted}
    for ref, after in pairwise(refs):
        if id(ref) in ids and _single_day(after) and APPOSITION.fullmatch(text, ref.end, after.start):
            ref.date_start, ref.date_end, ref.precision = after.date_start, after.date_end, "day"


def join_ranges(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """Two resolved dates joined as a range become one expression from the first to the second: "from
    24.02.22 to 01.04.24", "between 1 March and 3 April". Without "from"/"between" only a dash joins them
    ("on Monday and Tuesday" are two days)."""
    joined: list[TimeRef] = []
    for ref in refs:
        last = joined[-1] if joined else None
        if last is not None and last.precision and ref.precision and _ranged(text, last, ref):
            precision = max(last.precision, ref.precision, key=COARSENESS.__getitem__)
            joined[-1] = TimeRef(
                text[last.start : ref.end], last.start, ref.end, last.date_start, ref.date_end, precision
            )
        else:
            joined.append(ref)
    return joined


def _ranged(text: str, first: TimeRef, second: TimeRef) -> bool:
    join = RANGE_JOIN.fullmatch(text, first.end, second.start)
    if join is None or not (first.date_start and second.date_end and first.date_start < second.date_end):
        return False
    opener = first.text.split(maxsplit=1)[0].lower()
    word = join.group().strip().lower()
    if opener == "between":
        return word == "and"
    return word != "and" and (opener == "from" or word in ("-", "–", "—"))


def run(doc: Doc, article: Article, ctx: Context) -> None:
    rules: TimeRules = ctx.resource("times.rules", load_rules)
    article.times = extract_times(doc, _published(article), rules)


STAGE = Stage("times", "1", run)
