"""The times stage on sentences written for these tests (fictional events)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from fieldbrief.extract import times
from fieldbrief.extract.times.calendar_math import weekend
from fieldbrief.model import Article, TimeRef
from fieldbrief.stage import Context


def run(nlp: Language, ctx: Context, text: str, published: str | None) -> list[TimeRef]:
    article = Article(source="test", text=text, published=published)
    times.STAGE.run(nlp(text), article, ctx)
    for t in article.times:
        assert text[t.start : t.end] == t.text
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
    refs = run(
        nlp, ctx, "Rockets hit the depot three days ago and again over the weekend, officials said yesterday.", MARCH_2
    )
    assert dates(only(refs, "three days ago")) == ("2021-02-27", "2021-02-27", "day")
    assert dates(only(refs, "over the weekend")) == ("2021-02-27", "2021-02-28", "week")
    assert dates(only(refs, "yesterday")) == ("2021-03-01", "2021-03-01", "day")


def test_last_month_in_january_is_last_december(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "The convoy was ambushed last month.", "2022-01-10")
    assert dates(only(refs, "last month")) == ("2021-12-01", "2021-12-31", "month")


def test_weekday_is_the_last_one_unless_the_clause_is_future(nlp: Language, ctx: Context) -> None:
    # 27 August 2021 was a Friday.
    refs = run(
        nlp,
        ctx,
        "The commander said on Thursday that his men held the pass. The envoy will travel to the capital on Monday.",
        "2021-08-27",
    )
    thursday, monday = [r for r in refs if r.text.startswith("on ")]
    assert dates(thursday) == ("2021-08-26", "2021-08-26", "day")
    assert dates(monday) == ("2021-08-30", "2021-08-30", "day")


@pytest.mark.parametrize(
    ("sentence", "sunday"),
    [
        ("Fictional talks are set to resume on Sunday.", "2021-08-29"),
        ("The fictional vote is set for Sunday.", "2021-08-29"),
        ("Fictional rebels set fire to the depot on Sunday.", "2021-08-22"),  # "set" without "to"/"for": past
        ("Fictional raiders set ablaze a market on Sunday.", "2021-08-22"),
    ],
)
def test_set_looks_forward_only_with_a_complement(nlp: Language, ctx: Context, sentence: str, sunday: str) -> None:
    # 27 August 2021 was a Friday.
    refs = run(nlp, ctx, sentence, "2021-08-27")
    assert [r.date_start for r in refs if "Sunday" in r.text] == [sunday]


def test_earlier_this_week_ends_before_publication(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Earlier this week the envoy met rebel leaders.", "2021-08-27")
    assert dates(only(refs, "Earlier this week")) == ("2021-08-23", "2021-08-26", "week")


def test_absolute_dates_years_and_months(nlp: Language, ctx: Context) -> None:
    refs = run(
        nlp,
        ctx,
        "The base fell on 15 August 2021. A truce signed on August 15 collapsed. "
        "Fighting in August was heavy, and the mission began in 2001.",
        "2022-03-01",
    )
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
    refs = run(nlp, ctx, "Troops may march north, the 56-year-old colonel said in his daily briefing.", "2021-08-27")
    assert refs == []


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-03-01", ("2021-02-27", "2021-02-28")),  # Monday: the weekend just gone
        ("2021-03-07", ("2021-03-06", "2021-03-07")),  # Sunday: this weekend, on or before publication
        ("2021-03-05", ("2021-02-27", "2021-02-28")),
    ],  # Friday: the last full weekend
)
def test_weekend_is_the_most_recent_one(published: str, expected: tuple[str, str]) -> None:
    resolved = weekend(date.fromisoformat(published), 0, future=False)
    assert (resolved.start.isoformat(), resolved.end.isoformat()) == expected


# ---------------------------------------------------------------- military press releases
# Paragraphs written for these tests in the style of army, air force and coalition press releases (fictional
# units and places): (published, text, [(expression, date_start, date_end)]). Every listed expression must
# come out with those dates; nothing else may be resolved to a date that the table does not list.
PRESS_RELEASES = [
    (
        "2024-03-15",
        "On the night of 14 March, the enemy launched 30 Shahed-136/131 attack drones and 4 Kh-59 guided "
        "missiles from the border region. Air defence units destroyed 27 drones. Over the past day, 12 combat "
        "engagements took place along the eastern front.",
        [("On the night of 14 March", "2024-03-14", "2024-03-14"), ("Over the past day", "2024-03-14", "2024-03-15")],
    ),
    (
        "2024-03-04",
        "Yesterday, units of the 3rd Brigade repelled an assault near the village of Stavky. Last night the "
        "enemy shelled the river port, wounding two civilians. In the early hours of Sunday, a drone struck an energy "
        "facility in the southern region.",
        [
            ("Yesterday", "2024-03-03", "2024-03-03"),
            ("Last night", "2024-03-03", "2024-03-03"),
            ("In the early hours of Sunday", "2024-03-03", "2024-03-03"),
        ],
    ),
    (
        "2024-03-01",
        "Late on Wednesday, fighter jets struck a weapons depot. On Tuesday morning, troops located a "
        "tunnel shaft. Two days ago, a rocket was fired toward the border community; it fell in an open area.",
        [
            ("Late on Wednesday", "2024-02-28", "2024-02-28"),
            ("On Tuesday morning", "2024-02-27", "2024-02-27"),
            ("Two days ago", "2024-02-28", "2024-02-28"),
        ],
    ),
    (
        "2024-01-02",
        "Last month, the brigade recorded 410 strikes on its positions. At the end of last month, the enemy "
        "intensified assaults near the river crossing. On 30 December, a missile hit a residential building. Since the "
        "beginning of the week, sappers have cleared 12 hectares.",
        [
            ("Last month", "2023-12-01", "2023-12-31"),
            ("At the end of last month", "2023-12-01", "2023-12-31"),
            ("On 30 December", "2023-12-30", "2023-12-30"),
            ("Since the beginning of the week", "2024-01-01", "2024-01-02"),
        ],
    ),
    (
        "2024-03-16",
        "On March 14, at approximately 10:30 p.m. (local time), coalition forces conducted a self-defense "
        "strike against a mobile anti-ship missile. Between 4 a.m. and 5 a.m. on March 15, two one-way attack drones "
        "were launched toward the gulf.",
        [("On March 14", "2024-03-14", "2024-03-14"), ("on March 15", "2024-03-15", "2024-03-15")],
    ),
    (
        "2024-03-18",
        "On 3/14, the task force intercepted a vessel carrying weapons components. The cargo was seized on "
        "16.03.2024 after an inspection. Hostilities between 10 and 12 March displaced 400 families, the agency said.",
        [
            ("On 3/14", "2024-03-14", "2024-03-14"),
            ("16.03.2024", "2024-03-16", "2024-03-16"),
            ("between 10 and 12 March", "2024-03-10", "2024-03-12"),
        ],
    ),
    (
        "2024-03-20",
        "Heavy fighting on March 14-15 left the village in ruins. In mid-March, the enemy moved reserves "
        "toward the city. Earlier today, air raid alerts sounded across the east.",
        [
            ("on March 14-15", "2024-03-14", "2024-03-15"),
            ("In mid-March", "2024-03-01", "2024-03-31"),
            ("Earlier today", "2024-03-20", "2024-03-20"),
        ],
    ),
    (
        "2024-03-10",
        "The defence minister will meet his counterparts on Monday to discuss air defence. On Thursday, the "
        "enemy attacked the town with guided bombs. Talks are scheduled for Wednesday.",
        [
            ("on Monday", "2024-03-11", "2024-03-11"),
            ("On Thursday", "2024-03-07", "2024-03-07"),
            ("Wednesday", "2024-03-13", "2024-03-13"),
        ],
    ),
    (
        "2024-03-12",
        "This morning, the enemy struck the regional centre with ballistic missiles. Overnight, air "
        "defences shot down 11 of 14 drones.",
        [("This morning", "2024-03-12", "2024-03-12"), ("Overnight", "2024-03-11", "2024-03-11")],
    ),
    (
        "2023-10-10",
        "On the eve of the October 7 attack, intelligence officers had flagged unusual activity. Over the "
        "weekend, militants fired hundreds of rockets.",
        [
            ("On the eve of the October 7 attack", "2023-10-06", "2023-10-06"),
            ("Over the weekend", "2023-10-07", "2023-10-08"),
        ],
    ),
    (
        "2021-08-27",
        "Earlier this week the envoy met rebel leaders. The mission began in 2001, and the general was "
        "killed two days before the September 11 attacks.",
        [
            ("Earlier this week", "2021-08-23", "2021-08-26"),
            ("in 2001", "2001-01-01", "2001-12-31"),
            ("two days before the September 11 attacks", "2001-09-09", "2001-09-09"),
        ],
    ),
    (
        "2024-02-05",
        "Over the past day, troops eliminated a militant cell in the central sector. On Saturday night, "
        "fighter jets struck a launch post. Earlier this month, the division completed its operation in the area.",
        [
            ("Over the past day", "2024-02-04", "2024-02-05"),
            ("On Saturday night", "2024-02-03", "2024-02-03"),
            ("Earlier this month", "2024-02-01", "2024-02-04"),
        ],
    ),
    (
        "2024-03-15",
        "In the past 24 hours, the enemy carried out 68 attacks on 11 settlements. On 10 March, a glide "
        "bomb hit a school. Two days later, the regional administration announced an evacuation.",
        [
            ("In the past 24 hours", "2024-03-14", "2024-03-15"),
            ("On 10 March", "2024-03-10", "2024-03-10"),
            ("Two days later", "2024-03-12", "2024-03-12"),
        ],
    ),
    (
        "2024-04-01",
        "From 28 to 31 March, the battalion repelled 47 assaults. The total combat losses of the enemy from "
        "24.02.22 to 01.04.24 were approximately 438,000 personnel.",
        [
            ("From 28 to 31 March", "2024-03-28", "2024-03-31"),
            ("from 24.02.22 to 01.04.24", "2022-02-24", "2024-04-01"),
        ],
    ),
    (
        "2024-03-14",
        "Shelling on Monday and Tuesday damaged the water station. Last Thursday, a convoy came under fire.",
        [
            ("on Monday", "2024-03-11", "2024-03-11"),
            ("Tuesday", "2024-03-12", "2024-03-12"),
            ("Last Thursday", "2024-03-07", "2024-03-07"),
        ],
    ),
    (
        "2023-12-31",
        "The brigade said the positions were lost in late December and that the bridgehead had been "
        "established on 2 January.",
        [("in late December", "2023-12-01", "2023-12-31"), ("on 2 January", "2023-01-02", "2023-01-02")],
    ),
    (
        "2024-03-15",
        "The strike happened at around 6:40 on Wednesday, the regional governor said. The next day, "
        "rescuers recovered three more bodies.",
        [("on Wednesday", "2024-03-13", "2024-03-13"), ("The next day", "2024-03-14", "2024-03-14")],
    ),
    (
        "2024-06-03",
        "Enemy forces have intensified attacks since the start of the month. Earlier in the day, a strike "
        "on the regional capital killed four.",
        [
            ("since the start of the month", "2024-06-01", "2024-06-03"),
            ("Earlier in the day", "2024-06-03", "2024-06-03"),
        ],
    ),
    (
        "2024-03-05",
        "The enemy launched 8 missiles at 05:20 on March 4, 2024. The military said 1,000 soldiers were "
        "killed in the past week.",
        [("on March 4, 2024", "2024-03-04", "2024-03-04"), ("in the past week", "2024-02-27", "2024-03-05")],
    ),
    (
        "2024-02-01",
        "At the beginning of the year, the brigade was redeployed. In January, 3,200 strikes were recorded. "
        "The counteroffensive began in June 2023.",
        [
            ("At the beginning of the year", "2024-01-01", "2024-12-31"),
            ("In January", "2024-01-01", "2024-01-31"),
            ("in June 2023", "2023-06-01", "2023-06-30"),
        ],
    ),
    (
        "2024-03-09",
        "Early Friday, drones hit a fuel depot. Later on Friday, the governor reported no casualties. Late "
        "last night, explosions were heard near the airfield.",
        [
            ("Early Friday", "2024-03-08", "2024-03-08"),
            ("Later on Friday", "2024-03-08", "2024-03-08"),
            ("Late last night", "2024-03-08", "2024-03-08"),
        ],
    ),
    (
        "2024-03-17",
        "During the day, the enemy carried out 3 missile strikes and 54 air strikes. Since the beginning of "
        "this day, 85 combat clashes have taken place.",
        [
            ("During the day", "2024-03-17", "2024-03-17"),
            ("Since the beginning of this day", "2024-03-17", "2024-03-17"),
        ],
    ),
    (
        "2024-03-18",
        "On the night of March 16 to 17, air defence forces destroyed 35 of 35 drones. The situation as of "
        "8:00 a.m. on March 18 remains tense.",
        [("On the night of March 16 to 17", "2024-03-16", "2024-03-17"), ("on March 18", "2024-03-18", "2024-03-18")],
    ),
    (
        "2024-03-11",
        "Two weeks ago, a missile struck the port. A day earlier, on 25 February, a drone hit the rail "
        "yard. The previous day, saboteurs were detained.",
        [
            ("Two weeks ago", "2024-02-26", "2024-03-03"),
            ("A day earlier", "2024-02-25", "2024-02-25"),
            ("on 25 February", "2024-02-25", "2024-02-25"),
            ("The previous day", "2024-02-24", "2024-02-24"),
        ],
    ),
    (
        "2024-05-20",
        "Overnight, Russian forces attacked with 29 drones; 28 were shot down. On Saturday, a guided bomb "
        "struck a residential area. Earlier on Sunday, the governor announced an evacuation.",
        [
            ("Overnight", "2024-05-19", "2024-05-19"),
            ("On Saturday", "2024-05-18", "2024-05-18"),
            ("Earlier on Sunday", "2024-05-19", "2024-05-19"),
        ],
    ),
    (
        "2024-07-01",
        "Since the beginning of the month, the enemy has lost 210 tanks. In June, fighting was heaviest "
        "near the canal. On the morning of 29 June, a column was destroyed.",
        [
            ("Since the beginning of the month", "2024-07-01", "2024-07-01"),
            ("In June", "2024-06-01", "2024-06-30"),
            ("On the morning of 29 June", "2024-06-29", "2024-06-29"),
        ],
    ),
    (
        "2024-01-01",
        "Last night the enemy launched 90 drones. On 29-30 December, missiles hit the capital. Last week "
        "the brigade withdrew from the village. Last year, 1,200 civilians were killed in the region.",
        [
            ("Last night", "2023-12-31", "2023-12-31"),
            ("On 29-30 December", "2023-12-29", "2023-12-30"),
            ("Last week", "2023-12-25", "2023-12-31"),
            ("Last year", "2023-01-01", "2023-12-31"),
        ],
    ),
    (
        "2024-02-29",
        "At approximately 8:00 p.m. (local time) on Feb. 27, forces struck two unmanned surface vessels. "
        "On Feb. 28, a ballistic missile was fired into the shipping lane. No injuries were reported.",
        [("on Feb. 27", "2024-02-27", "2024-02-27"), ("On Feb. 28", "2024-02-28", "2024-02-28")],
    ),
    (
        "2024-11-04",
        "On Sunday evening, a drone attacked a bus. Over the past 48 hours, troops located 15 rocket "
        "launchers. A week ago, the unit completed a raid.",
        [
            ("On Sunday evening", "2024-11-03", "2024-11-03"),
            ("Over the past 48 hours", "2024-11-02", "2024-11-04"),
            ("A week ago", "2024-10-28", "2024-11-03"),
        ],
    ),
    (
        "2024-08-15",
        "On 13.08.2024 at 04:15, the enemy shelled the town. The next day, 300 residents were evacuated. "
        "From 10 August to 14 August, the power line was cut three times.",
        [
            ("On 13.08.2024", "2024-08-13", "2024-08-13"),
            ("From 10 August to 14 August", "2024-08-10", "2024-08-14"),
            ("The next day", "2024-08-14", "2024-08-14"),
        ],
    ),
    (
        "2024-09-02",
        "At the end of August, the enemy struck the dam twice. Early this morning, sirens sounded. "
        "The commander will visit the front on Thursday.",
        [
            ("At the end of August", "2024-08-01", "2024-08-31"),
            ("Early this morning", "2024-09-02", "2024-09-02"),
            ("on Thursday", "2024-09-05", "2024-09-05"),
        ],
    ),
    (
        "2024-04-08",
        "On the night of April 6-7, 17 drones were shot down. Throughout the weekend, shelling continued. "
        "On April 5 the ministry reported two deaths.",
        [
            ("On the night of April 6-7", "2024-04-06", "2024-04-07"),
            ("Throughout the weekend", "2024-04-06", "2024-04-07"),
            ("On April 5", "2024-04-05", "2024-04-05"),
        ],
    ),
    (
        "2024-03-15",
        "Three days ago, troops captured a weapons cache. Earlier in the week, the division raided a "
        "command centre. Today, the army said 12 militants were killed.",
        [
            ("Three days ago", "2024-03-12", "2024-03-12"),
            ("Earlier in the week", "2024-03-11", "2024-03-14"),
            ("Today", "2024-03-15", "2024-03-15"),
        ],
    ),
    (
        "2024-10-21",
        "The attack took place on Friday 18 October. A day later, the enemy launched a counter-assault. "
        "On the eve of Christmas last year, a similar strike hit the market.",
        [
            ("on Friday 18 October", "2024-10-18", "2024-10-18"),
            ("A day later", "2024-10-19", "2024-10-19"),
            ("On the eve of Christmas", "2023-12-24", "2023-12-24"),
            ("last year", "2023-01-01", "2023-12-31"),
        ],
    ),
    (
        "2024-06-12",
        "On 06/10/2024, a drone struck a vehicle. Since Monday, 4 attacks were recorded. In early June "
        "the unit rotated out.",
        [
            ("On 06/10/2024", "2024-06-10", "2024-06-10"),
            ("Since Monday", "2024-06-10", "2024-06-12"),
            ("In early June", "2024-06-01", "2024-06-30"),
        ],
    ),
    (
        "2024-12-02",
        "In November, the enemy lost 45,000 troops, the largest monthly toll. On 30 November and 1 "
        "December, missiles targeted energy sites. Yesterday afternoon, two drones were downed.",
        [
            ("In November", "2024-11-01", "2024-11-30"),
            ("On 30 November", "2024-11-30", "2024-11-30"),
            ("1 December", "2024-12-01", "2024-12-01"),
            ("Yesterday afternoon", "2024-12-01", "2024-12-01"),
        ],
    ),
    (
        "2024-03-26",
        "In the early hours of March 24, explosions were heard near the airbase. Late Monday, a drone "
        "hit the refinery.",
        [("In the early hours of March 24", "2024-03-24", "2024-03-24"), ("Late Monday", "2024-03-25", "2024-03-25")],
    ),
]


@pytest.mark.parametrize(("published", "text", "expected"), PRESS_RELEASES, ids=lambda v: str(v)[:30])
def test_press_release_dates(
    nlp: Language, ctx: Context, published: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    refs = run(nlp, ctx, text, published)
    for expression, start, end in expected:
        a = text.index(expression)
        covering = [r for r in refs if r.start < a + len(expression) and r.end > a]
        assert [(r.date_start, r.date_end) for r in covering] == [(start, end)], (expression, covering)
    listed = [(text.index(e), text.index(e) + len(e)) for e, _, _ in expected]
    unlisted = [r for r in refs if r.date_start and not any(r.start < b and r.end > a for a, b in listed)]
    assert not unlisted


# ---------------------------------------------------------------- constructions, one by one
# Friday 15 March 2024, and Monday 1 January 2024 for month and year boundaries.
MARCH_15 = "2024-03-15"
JANUARY_1 = "2024-01-01"


def test_parts_of_a_day_keep_the_day(nlp: Language, ctx: Context) -> None:
    text = (
        "On the night of 14 March the depot burned. In the early hours of Wednesday a bridge was hit. Late on "
        "Tuesday the convoy left. Early Monday the shelling stopped. Overnight into Sunday drones attacked."
    )
    refs = run(nlp, ctx, text, MARCH_15)
    assert dates(only(refs, "On the night of 14 March")) == ("2024-03-14", "2024-03-14", "day")
    assert dates(only(refs, "In the early hours of Wednesday")) == ("2024-03-13", "2024-03-13", "day")
    assert dates(only(refs, "Late on Tuesday")) == ("2024-03-12", "2024-03-12", "day")
    assert dates(only(refs, "Early Monday")) == ("2024-03-11", "2024-03-11", "day")
    assert dates(only(refs, "Overnight into Sunday")) == ("2024-03-10", "2024-03-10", "day")


def test_last_night_in_a_morning_release_is_the_day_before(nlp: Language, ctx: Context) -> None:
    refs = run(
        nlp,
        ctx,
        "Last night the enemy attacked with drones. Overnight, two were shot down. This morning the governor spoke.",
        JANUARY_1,
    )
    assert dates(only(refs, "Last night")) == ("2023-12-31", "2023-12-31", "day")
    assert dates(only(refs, "Overnight")) == ("2023-12-31", "2023-12-31", "day")
    assert dates(only(refs, "This morning")) == ("2024-01-01", "2024-01-01", "day")


def test_the_past_day_and_hours_end_at_publication(nlp: Language, ctx: Context) -> None:
    refs = run(
        nlp,
        ctx,
        "Over the past day, 12 clashes took place. In the last 48 hours the enemy lost 9 tanks. "
        "Two hours ago sirens sounded.",
        JANUARY_1,
    )
    assert dates(only(refs, "Over the past day")) == ("2023-12-31", "2024-01-01", "day")
    assert dates(only(refs, "In the last 48 hours")) == ("2023-12-30", "2024-01-01", "day")
    assert dates(only(refs, "Two hours ago")) == ("2024-01-01", "2024-01-01", "day")


def test_numeric_dates(nlp: Language, ctx: Context) -> None:
    refs = run(
        nlp,
        ctx,
        "A vessel was stopped on 3/14 and searched on 14/03/2024. The cargo listed on "
        "09.03.2024 was seized. Losses from 24.02.22 to 15.03.24 were counted.",
        MARCH_15,
    )
    assert dates(only(refs, "on 3/14")) == ("2024-03-14", "2024-03-14", "day")
    assert dates(only(refs, "on 14/03/2024")) == ("2024-03-14", "2024-03-14", "day")
    assert dates(only(refs, "on 09.03.2024")) == ("2024-03-09", "2024-03-09", "day")
    assert dates(only(refs, "from 24.02.22 to 15.03.24")) == ("2022-02-24", "2024-03-15", "day")


def test_clock_times_fractions_and_model_numbers_are_not_dates(nlp: Language, ctx: Context) -> None:
    refs = run(
        nlp,
        ctx,
        "At 10.30 a 3/4 majority approved it; Shahed-136/131 drones and version 2.12 were cited on 9/11 anniversaries.",
        MARCH_15,
    )
    assert [r.text for r in refs if r.date_start and r.date_start.startswith("2024")] == []
    assert dates(only(refs, "on 9/11")) == ("2001-09-11", "2001-09-11", "day")  # the anchor, not a 2023 day


def test_day_ranges(nlp: Language, ctx: Context) -> None:
    text = (
        "Fighting on March 14-15 was heavy. Between 10 and 12 March the town was cut off. From 28 February to "
        "2 March roads were closed. Shelling on Monday and Tuesday continued."
    )
    refs = run(nlp, ctx, text, MARCH_15)
    assert dates(only(refs, "on March 14-15")) == ("2024-03-14", "2024-03-15", "day")
    assert dates(only(refs, "Between 10 and 12 March")) == ("2024-03-10", "2024-03-12", "day")
    assert dates(only(refs, "From 28 February to 2 March")) == ("2024-02-28", "2024-03-02", "day")
    assert dates(only(refs, "on Monday")) == ("2024-03-11", "2024-03-11", "day")  # two days, not a range
    assert dates(only(refs, "Tuesday")) == ("2024-03-12", "2024-03-12", "day")


def test_a_range_across_new_year(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Strikes from 30 December to 2 January hit the grid.", "2024-01-03")
    assert dates(only(refs, "from 30 December to 2 January")) == ("2023-12-30", "2024-01-02", "day")


def test_parts_of_weeks_months_and_years(nlp: Language, ctx: Context) -> None:
    refs = run(
        nlp,
        ctx,
        "Since the beginning of the week, 40 attacks were repelled. At the end of last month the "
        "front moved. Since the start of the year the unit lost 3 vehicles.",
        "2024-01-03",
    )
    assert dates(only(refs, "Since the beginning of the week")) == ("2024-01-01", "2024-01-03", "week")
    assert dates(only(refs, "At the end of last month")) == ("2023-12-01", "2023-12-31", "month")
    assert dates(only(refs, "Since the start of the year")) == ("2024-01-01", "2024-01-03", "year")


def test_since_a_day_runs_to_publication(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "Since Monday, 4 attacks were recorded; the siege has lasted since 28 February.", MARCH_15)
    assert dates(only(refs, "Since Monday")) == ("2024-03-11", "2024-03-15", "day")
    assert dates(only(refs, "since 28 February")) == ("2024-02-28", "2024-03-15", "day")


def test_mid_month_keeps_month_precision(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "In mid-February the brigade rotated; in early January it had arrived.", MARCH_15)
    assert dates(only(refs, "In mid-February")) == ("2024-02-01", "2024-02-29", "month")
    assert dates(only(refs, "in early January")) == ("2024-01-01", "2024-01-31", "month")


def test_counted_days_follow_the_last_day_named(nlp: Language, ctx: Context) -> None:
    text = (
        "On 10 March a school was hit. Two days later the area was evacuated. The next day, rescuers left. "
        "A week later the road reopened."
    )
    refs = run(nlp, ctx, text, MARCH_15)
    assert dates(only(refs, "Two days later")) == ("2024-03-12", "2024-03-12", "day")
    assert dates(only(refs, "The next day")) == ("2024-03-13", "2024-03-13", "day")
    assert dates(only(refs, "A week later")) == ("2024-03-18", "2024-03-24", "week")


def test_counted_days_without_a_day_named_count_from_publication(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "The previous day, saboteurs were detained.", JANUARY_1)
    assert dates(only(refs, "The previous day")) == ("2023-12-31", "2023-12-31", "day")
    refs = run(nlp, ctx, "During the day, 3 strikes were recorded.", JANUARY_1)
    assert dates(only(refs, "During the day")) == ("2024-01-01", "2024-01-01", "day")


def test_a_counted_phrase_takes_the_day_beside_it(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "A day earlier, on 25 February, a drone hit the rail yard.", MARCH_15)
    assert dates(only(refs, "A day earlier")) == ("2024-02-25", "2024-02-25", "day")


def test_the_day_before_an_event_is_not_counted_from_a_date(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "On 10 March troops massed. They had moved the day before the vote.", MARCH_15)
    assert [r.date_start for r in refs if "day before" in r.text] in ([], [None])


def test_eve_of_an_anchor_and_yearly_days(nlp: Language, ctx: Context) -> None:
    text = (
        "Alerts rose on the eve of the October 7 attack. A truce held on Christmas Eve. Talks will resume on "
        "New Year's Day."
    )
    refs = run(nlp, ctx, text, "2024-03-15")
    assert dates(only(refs, "on the eve of the October 7 attack")) == ("2023-10-06", "2023-10-06", "day")
    assert dates(only(refs, "on Christmas Eve")) == ("2023-12-24", "2023-12-24", "day")
    assert dates(only(refs, "on New Year's Day")) == ("2025-01-01", "2025-01-01", "day")  # future tense


def test_abbreviated_months(nlp: Language, ctx: Context) -> None:
    refs = run(nlp, ctx, "At 8:00 p.m. on Feb. 27, forces struck two boats; on Mar. 2 a missile was fired.", MARCH_15)
    assert dates(only(refs, "on Feb. 27")) == ("2024-02-27", "2024-02-27", "day")
    assert dates(only(refs, "on Mar. 2")) == ("2024-03-02", "2024-03-02", "day")
