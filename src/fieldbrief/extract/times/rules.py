"""The times stage's rules: data/times.toml and data/time_anchors.toml compiled once per process, with the
records a match and a resolution are kept in."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from fieldbrief.lexicon.calendar import load_calendar
from fieldbrief.lexicon.numbers import NumberWords, number_words
from fieldbrief.model import Precision
from fieldbrief.nlp.columns import Decided

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
    # string hash -> whether the word is a trigger, whether it has a numeric date's shape (decided once each)
    trigger_hashes: Decided = field(default_factory=Decided, init=False, repr=False, compare=False)
    date_shape_hashes: Decided = field(default_factory=Decided, init=False, repr=False, compare=False)

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
    anchors = {anchor_key(name): date.fromisoformat(a["date"]) for a in anchor_raw["anchor"] for name in a["names"]}
    annual = {anchor_key(name): _month_day(a["date"]) for a in anchor_raw["annual"] for name in a["names"]}

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
        days={phrase_key(k): int(v) for k, v in raw["days"].items()},
        spans={phrase_key(k): (str(v[0]), int(v[1]), str(v[2])) for k, v in raw["spans"].items()},
        units={k.lower(): v for k, v in raw["units"].items()},
        numbers=numbers,
        months=months,
        weekdays=weekdays,
        anchors=anchors,
        annual=annual,
        relative={phrase_key(k): int(v) for k, v in raw["relative"].items()},
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


def phrase_key(text: str) -> str:
    return " ".join(text.lower().split())


def anchor_key(text: str) -> str:
    key = phrase_key(text)
    return key[4:] if key.startswith("the ") else key
