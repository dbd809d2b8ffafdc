"""Every event dated, and its casualty and detention counts (fictional reports written for these tests)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from fieldbrief.extract.events import dating
from fieldbrief.model import Article, Event, RawDocument, TimeRef
from fieldbrief.pipeline import Pipeline

WEDNESDAY = "2023-03-15"


def analyze(pipeline: Pipeline, text: str, published: str | None = WEDNESDAY) -> Article:
    (out,) = list(pipeline.run_documents([RawDocument(source="fictional", text=text, published=published)]))
    assert isinstance(out, Article), out
    return out


def event_of(article: Article, word: str) -> Event:
    found = [e for e in article.events if word in e.evidence and e.date is not None]
    assert found, [(e.type, e.evidence, e.date) for e in article.events]
    return found[0]


def dated(event: Event) -> tuple[str | None, str | None]:
    assert event.date is not None
    return event.date.date_start, event.date.precision


# -- the publication date, from the text, dates the events -------------------------------------------------
def test_yesterday_in_a_press_release_dated_by_its_dateline(pipeline: Pipeline) -> None:
    text = (
        "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\n\nDuring a security operation in the fictional "
        "district of Example, yesterday, a fictional security force killed the insurgent leader Badar."
    )
    article = analyze(pipeline, text, published=None)
    assert (article.published, article.published_from) == ("2013-01-25", "dateline")
    event = next(e for e in article.events if e.fatalities == 1)
    assert dated(event) == ("2013-01-24", "day")


def test_the_filing_date_is_not_the_event_date(pipeline: Pipeline) -> None:
    text = "KABUL, Afghanistan (Jan. 25, 2013) \u2013 A fictional security force arrested a bomb maker in Example."
    article = analyze(pipeline, text, published=None)
    event = event_of(article, "arrested")
    assert dated(event) == ("2013-01-25", "reported")  # on or before the day it was reported
    assert event.to_json()["date"]["precision"] == "reported"


def test_weekdays_count_back_from_publication_unless_future(pipeline: Pipeline) -> None:
    past = analyze(pipeline, "Fictional militants attacked a police checkpoint near the town of Example on Tuesday.")
    assert dated(event_of(past, "attacked")) == ("2023-03-14", "day")
    future = analyze(pipeline, "The fictional army will attack the rebel town of Example on Friday.")
    assert dated(event_of(future, "attack")) == ("2023-03-17", "day")


def test_last_night_and_earlier_this_week(pipeline: Pipeline) -> None:
    night = analyze(pipeline, "Fictional gunmen attacked a checkpoint outside the town of Example last night.")
    assert dated(event_of(night, "attacked")) == ("2023-03-14", "day")
    week = analyze(pipeline, "Fictional troops shelled rebel positions near Example earlier this week.")
    assert dated(event_of(week, "shelled")) == ("2023-03-13", "week")


def test_a_record_or_a_history_is_not_the_event_date(pipeline: Pipeline) -> None:
    record = analyze(
        pipeline, "Fictional jets struck the market of Example on Monday in the deadliest strike since 2008."
    )
    assert dated(event_of(record, "struck")) == ("2023-03-13", "day")
    first = analyze(pipeline, "Fictional troops attacked the town of Example for the first time since 2001.")
    assert dated(event_of(first, "attacked")) == (WEDNESDAY, "reported")
    history = analyze(pipeline, "Fictional troops killed a commander who fought the Soviets 20 years ago.")
    assert dated(event_of(history, "killed")) == (WEDNESDAY, "reported")


def test_a_paragraph_without_a_date_continues_the_lead(pipeline: Pipeline) -> None:
    text = (
        "Fictional militants attacked a police checkpoint near the town of Example on Monday.\n\n"
        "The militants also ambushed a police convoy on the road to the district centre."
    )
    article = analyze(pipeline, text)
    assert dated(event_of(article, "ambushed")) == ("2023-03-13", "day")


def test_without_a_publication_date_a_relative_date_keeps_its_text(pipeline: Pipeline) -> None:
    article = analyze(pipeline, "Fictional militants attacked a police checkpoint near Example on Tuesday.", None)
    event = next(e for e in article.events if "attacked" in e.evidence)
    assert event.date is not None and event.date.text == "on Tuesday" and event.date.date_start is None


# -- counts ------------------------------------------------------------------------------------------------
def test_killed_counts(pipeline: Pipeline) -> None:
    two = analyze(pipeline, "Fictional troops raided a compound in Example, killing two insurgents.")
    assert [e.fatalities for e in two.events if e.fatalities] == [2]
    one = analyze(pipeline, "A fictional Taliban leader was killed in an air strike in the district of Example.")
    assert [e.fatalities for e in one.events if e.fatalities] == [1]
    above = analyze(pipeline, "More than 30 fictional fighters were killed in clashes near Example on Monday.")
    assert [e.fatalities for e in above.events if e.fatalities] == [31]


def test_a_vague_toll_keeps_its_words_and_no_number(pipeline: Pipeline) -> None:
    article = analyze(pipeline, "Fictional coalition forces killed several insurgents during a patrol near Example.")
    (event,) = [e for e in article.events if e.fatalities_text]
    assert event.fatalities is None and event.fatalities_text == "several insurgents"


def test_a_toll_told_twice_is_counted_once(pipeline: Pipeline) -> None:
    text = (
        "A fictional security force killed five insurgents during an operation in the district of Example.\n\n"
        "As a result, five insurgents were killed."
    )
    article = analyze(pipeline, text)
    assert sum(e.fatalities or 0 for e in article.events if e.type == "ASSAULT") == 5


def test_detention_counts(pipeline: Pipeline) -> None:
    article = analyze(
        pipeline,
        "A fictional security force detained the senior leader along with three of his associates in Example.",
    )
    (event,) = [e for e in article.events if e.captured is not None]
    assert event.captured == 4 and event.to_json()["captured"] == 4
    vague = analyze(pipeline, "A fictional security force detained several suspected insurgents in Example.")
    (event,) = [e for e in vague.events if e.captured_text]
    assert event.captured is None and event.captured_text == "several suspected insurgents"


def test_a_date_in_a_participants_history_does_not_date_the_operation(pipeline: Pipeline) -> None:
    text = (  # fictional
        "KABUL, Afghanistan (Jan. 9) \u2013 Afghan and coalition forces targeted a Taliban leader responsible for "
        "an attack Jan. 7 in Example district during a security operation detaining four suspected insurgents in "
        "Logar province yesterday."
    )
    article = analyze(pipeline, text, published="2011-01-09")
    assert dated(event_of(article, "detaining")) == ("2011-01-08", "day")


def test_the_lead_date_closing_its_paragraph_governs_the_next_paragraphs(pipeline: Pipeline) -> None:
    text = (  # fictional
        "KABUL, Afghanistan (Apr. 21) \u2014 An Afghan and coalition security force conducted an operation to "
        "capture a rebel facilitator in Example district, Baghlan province, Wednesday.\n\n"
        "The facilitator is responsible for multiple attacks.\n\n"
        "The security force detained one suspected insurgent and destroyed a rocket launcher."
    )
    article = analyze(pipeline, text, published="2012-04-21")
    assert dated(event_of(article, "detained")) == ("2012-04-18", "day")


def test_a_day_without_year_takes_the_release_numbers_year_without_a_publication_date(pipeline: Pipeline) -> None:
    text = (  # fictional
        "2010-07-CA-129\n\nFor Immediate Release\n\nA fictional security force detained two suspected insurgents "
        "in Example district July 16.\n\nThe force will return next week."
    )
    article = analyze(pipeline, text, published=None)
    assert article.published is None  # a month is no publication date
    assert dated(event_of(article, "detained")) == ("2010-07-16", "day")
    times = {t.text: t.date_start for t in article.times}
    assert times["next week"] is None  # relative expressions need the publication date


def test_a_release_number_far_from_the_day_completes_nothing(pipeline: Pipeline) -> None:
    text = "2010-02-CA-011\n\nFor Immediate Release\n\nFictional forces detained two suspected insurgents July 16."
    times = {t.text: t.date_start for t in analyze(pipeline, text, published=None).times}
    assert times["July 16"] is None


def test_a_date_closing_a_relative_clause_dates_the_event_in_it() -> None:
    # a parse given by hand (fictional sentence), so the rule is tested whatever the parser's reading
    words = ["Forces", "investigate", "an", "incident", "where", "a", "man", "was", "killed", "by", "gunmen"]
    words += ["planting", "bombs", "last", "night", "."]
    heads = [1, 1, 3, 1, 8, 6, 8, 8, 3, 8, 9, 10, 11, 14, 11, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "advmod", "det", "nsubjpass", "auxpass", "relcl", "agent", "pobj", "acl"]
    deps += ["dobj", "amod", "npadvmod", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    night = doc[13:15]
    ref = TimeRef("last night", night.start_char, night.end_char, "2023-03-14", "2023-03-14", "day")
    attached = dating._attachment(doc, ref, doc[-1].idx + 1)
    assert attached is not None and attached.text == "killed"
    assert not dating._describes_participant(attached, doc[8])  # the killing is dated by it
    assert dating._describes_participant(attached, doc[1])  # the investigation is not
