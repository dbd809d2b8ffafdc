"""The dev-set checker: lead sentences, sampling and the report's figures (no spaCy)."""

from __future__ import annotations

from synthetic_eval import NO_EVENT, Report, Story, lead, main_event, sample

from fieldbrief.model import Event


def _event(type_: str, start: int, status: str = "asserted") -> Event:
    return Event(type=type_, status=status, start=start, end=start + 1, evidence="x")  # type: ignore[arg-type]


def test_lead_keeps_the_first_sentences_and_neutralises_slots() -> None:
    text = "Rebels attacked {country_1}'s capital. Troops fled.\n\nTalks began. Nobody came."
    assert lead(text, 2) == "Rebels attacked the country's capital. Troops fled."


def test_main_event_is_the_first_one_not_denied() -> None:
    assert main_event([_event("PROTEST", 9), _event("ASSAULT", 2, "denied"), _event("AGREE", 5)]).type == "AGREE"
    assert main_event([]) is None


def test_report_counts_coverage_accuracy_and_confusions() -> None:
    report = Report()
    report.add("ASSAULT", [_event("ASSAULT", 0)])
    report.add("ASSAULT", [_event("PROTEST", 0), _event("ASSAULT", 4)])
    report.add("AGREE", [])
    assert (report.total, report.covered, report.correct, report.any_hit) == (3, 2, 1, 2)
    assert report.confusion["AGREE"][NO_EVENT] == 1
    assert report.accuracy == 0.5


def test_sample_takes_up_to_n_per_label() -> None:
    stories = [Story("t", "A")] * 5 + [Story("t", "B")] * 2
    picked = sample(stories, 3)
    assert sorted(s.label for s in picked) == ["A", "A", "A", "B", "B"]
