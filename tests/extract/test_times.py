"""The times stage on sentences written for these tests (fictional events)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from fieldbrief.extract import times
from fieldbrief.model import Article, TimeRef
from fieldbrief.nlp import load
from fieldbrief.options import Options
from fieldbrief.stage import Context


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load(Options().model)


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(Options())


def run(nlp: Language, ctx: Context, text: str, published: str | None) -> list[TimeRef]:
    article = Article(source="test", text=text, published=published)
    times.STAGE.run(nlp(text), article, ctx)
    for t in article.times:
        assert text[t.start:t.end] == t.text
    return article.times


def only(refs: list[TimeRef], text: str) -> TimeRef:
    found = [r for r in refs if r.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[r.text for r in refs]}"
    return found[0]


def dates(ref: TimeRef) -> tuple[str | None, str | None, str | None]:
    return ref.date_start, ref.date_end, ref.precision


# Tuesday 2 March 2021: last week, the weekend and "three days ago" all fall in February.
MARCH_2 = "2021-03-02"


def test_relative_weeks_across_a_month_boundary(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Last week the militia shelled the town. Talks resume next week.", MARCH_2)
    assert dates(only(refs, "Last week")) == ("2021-02-22", "2021-02-28", "week")
    assert dates(only(refs, "next week")) == ("2021-03-08", "2021-03-14", "week")


def test_days_and_weekend_across_a_month_boundary(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Rockets hit the depot three days ago and again over the weekend, officials said "
                         "yesterday.", MARCH_2)
    assert dates(only(refs, "three days ago")) == ("2021-02-27", "2021-02-27", "day")
    assert dates(only(refs, "over the weekend")) == ("2021-02-27", "2021-02-28", "week")
    assert dates(only(refs, "yesterday")) == ("2021-03-01", "2021-03-01", "day")


def test_last_month_in_january_is_last_december(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "The convoy was ambushed last month.", "2022-01-10")
    assert dates(only(refs, "last month")) == ("2021-12-01", "2021-12-31", "month")


def test_weekday_is_the_last_one_unless_the_clause_is_future(nlp: Language, ctx: Context) -> None:
    # 27 August 2021 was a Friday.
    refs = run(nlp, ctx, "The commander said on Thursday that his men held the pass. The envoy will "
                         "travel to the capital on Monday.", "2021-08-27")
    thursday, monday = [r for r in refs if r.text.startswith("on ")]
    assert dates(thursday) == ("2021-08-26", "2021-08-26", "day")
    assert dates(monday) == ("2021-08-30", "2021-08-30", "day")


def test_earlier_this_week_ends_before_publication(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Earlier this week the envoy met rebel leaders.", "2021-08-27")
    assert dates(only(refs, "Earlier this week")) == ("2021-08-23", "2021-08-26", "week")


def test_absolute_dates_years_and_months(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "The base fell on 15 August 2021. A truce signed on August 15 collapsed. "
                         "Fighting in August was heavy, and the mission began in 2001.", "2022-03-01")
    assert dates(only(refs, "on 15 August 2021")) == ("2021-08-15", "2021-08-15", "day")
    assert dates(only(refs, "on August 15")) == ("2021-08-15", "2021-08-15", "day")
    assert dates(only(refs, "in August")) == ("2021-08-01", "2021-08-31", "month")
    assert dates(only(refs, "in 2001")) == ("2001-01-01", "2001-12-31", "year")


def test_offset_from_a_named_anchor_event(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "The general was killed two days before the September 11 attacks.", "2021-08-27")
    assert dates(only(refs, "two days before the September 11 attacks")) == ("2001-09-09", "2001-09-09", "day")


def test_no_publication_date_keeps_relative_expressions_unresolved(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "The village was shelled last week and again on Thursday; it fell in 2001.", None)
    assert dates(only(refs, "last week")) == (None, None, None)
    assert dates(only(refs, "on Thursday")) == (None, None, None)
    assert dates(only(refs, "in 2001")) == ("2001-01-01", "2001-12-31", "year")  # needs no reference


def test_modal_may_and_ages_are_not_dates(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Troops may march north, the 56-year-old colonel said in his daily briefing.",
               "2021-08-27")
    assert refs == []


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2021-03-01", ("2021-02-27", "2021-02-28")),  # Monday: the weekend just gone
     ("2021-03-07", ("2021-03-06", "2021-03-07")),  # Sunday: this weekend, on or before publication
     ("2021-03-05", ("2021-02-27", "2021-02-28"))],  # Friday: the last full weekend
)
def test_weekend_is_the_most_recent_one(published: str, expected: tuple[str, str]) -> None:
    resolved = times.weekend(date.fromisoformat(published), 0, future=False)
    assert (resolved.start.isoformat(), resolved.end.isoformat()) == expected
