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

import re
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

import numpy as np
from spacy.tokens import Doc, Token

from fieldbrief.extract.times.resolvers import RESOLVERS, Situation, acceptable
from fieldbrief.extract.times.rules import (
    APPOSITION,
    BARE_YEAR,
    COARSENESS,
    DATE_TOKEN,
    RANGE_JOIN,
    TENSE_SENSITIVE,
    WINDOW_CHARS,
    Found,
    Resolved,
    TimeRules,
    load_rules,
)
from fieldbrief.lexicon.datelines import release_numbers
from fieldbrief.model import Article, TimeRef
from fieldbrief.nlp import doc_text
from fieldbrief.nlp.columns import columns, entities
from fieldbrief.stage import Context, Stage


def scan_windows(doc: Doc, rules: TimeRules) -> list[tuple[int, int]]:
    """Character windows around the words that can start or end an expression, merged, at spaces."""
    text, reach = doc_text(doc), WINDOW_CHARS
    cols = columns(doc)
    named = cols.words_in(cols.lower, rules.triggers.__contains__, rules.trigger_hashes)
    dated = cols.words_in(cols.orth, lambda word: DATE_TOKEN.fullmatch(word) is not None, rules.date_shape_hashes)
    windows: list[tuple[int, int]] = []
    for i in np.flatnonzero(named | dated).tolist():
        token = doc[i]
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
    found = [f for f in found if acceptable(f, rules)]
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
    for ent in entities(doc):
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
