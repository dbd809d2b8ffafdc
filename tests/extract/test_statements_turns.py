"""Transcript turns ("VARGA: No. Our units did not fire.") on fictional transcripts: the label's speaker says the
turn's words, verbatim; newsroom furniture and one-off capitals are no speaker; a label never ends up inside
someone else's words."""

from __future__ import annotations

from spacy.language import Language

from conftest import said_by, statements_of
from fieldbrief.extract.statements import Cues
from fieldbrief.extract.statements.turns import stage_direction

EXCHANGE = (
    "Transcript of Sunday Report, a fictional broadcast.\n\n"
    "The host, Maria Keller, interviewed the defence minister, Tomas Varga, about the border.\n\n"
    "KELLER: Minister, were your troops shelling the village on Friday?\n\n"
    "VARGA: No. Our units did not fire a single round across the river.\n\n"
    "KELLER: The observers say otherwise.\n\n"
    "VARGA: The observers were not there. (CROSSTALK.)\n\n"
    "UPDATE: This story has been corrected.\n"
)


def test_each_turn_is_its_speakers_words(nlp: Language, cues: Cues) -> None:
    turns = [(s.speaker.name, s.kind, s.cue, s.content) for s in statements_of(nlp, cues, EXCHANGE)]
    assert turns == [
        ("Maria Keller", "direct", ":", "Minister, were your troops shelling the village on Friday?"),
        ("Tomas Varga", "direct", ":", "No. Our units did not fire a single round across the river."),
        ("Maria Keller", "direct", ":", "The observers say otherwise."),
        ("Tomas Varga", "direct", ":", "The observers were not there. (CROSSTALK.)"),
    ]


def test_quoted_transcript_paragraphs_are_turns_not_one_long_quote(nlp: Language, cues: Cues) -> None:
    # printed as one quotation running over its paragraphs, each reopened with a quote mark
    text = (
        "The fictional minister was on the programme on Sunday.\n\n"
        '"HOST: Will the ferry run in winter?\n\n'
        '"ORTIZ: It will run every day of the year.\n\n'
        '"HOST: Even in storms?\n\n'
        '"ORTIZ: Unless the harbour master closes the port."\n'
    )
    found = said_by(nlp, cues, text)
    assert found == [
        ("Host", "Will the ferry run in winter?"),
        ("Ortiz", "It will run every day of the year."),
        ("Host", "Even in storms?"),
        ("Ortiz", "Unless the harbour master closes the port."),
    ]
    assert not [content for _, content in found if "HOST:" in content or "ORTIZ:" in content]


def test_a_single_turn_speaks_where_the_label_names_a_person_of_the_article(nlp: Language, cues: Cues) -> None:
    for label in ("SOKOLOVA", "MS. SOKOLOVA"):
        text = (
            "Foreign Minister Elena Sokolova spoke to reporters in the fictional capital on Monday.\n\n"
            f"{label}: We have seen no such reports and we reject them.\n"
        )
        assert said_by(nlp, cues, text) == [("Elena Sokolova", "We have seen no such reports and we reject them.")]


def test_furniture_and_one_off_capitals_are_no_speakers(nlp: Language, cues: Cues) -> None:
    text = (
        "The fictional council met on Monday to discuss the harbour.\n\n"
        "UPDATE: The meeting was moved to Tuesday.\n\n"
        "BREAKING: The harbour will close for a week.\n\n"
        "BOOM: The pier collapsed overnight.\n\n"
        "Q: When will it reopen?\n\n"
        "A: Nobody knows yet.\n"
    )
    assert [s for s in statements_of(nlp, cues, text) if s.cue == ":"] == []


def test_a_briefings_unnamed_questioners_are_no_speakers(nlp: Language, cues: Cues) -> None:
    text = (
        "The fictional ministry's spokesman, Ivo Dorne, briefed reporters on Monday.\n\n"
        "QUESTION: Did troops cross the river?\n\n"
        "MR. DORNE: They did not.\n\n"
        "QUESTION: Will observers be let in?\n\n"
        "MR. DORNE: They are welcome at any time.\n"
    )
    assert said_by(nlp, cues, text) == [
        ("Ivo Dorne", "They did not."),
        ("Ivo Dorne", "They are welcome at any time."),
    ]


def test_stage_directions() -> None:
    assert stage_direction("(CROSSTALK.)")
    assert stage_direction(" [LAUGHTER] ")
    assert not stage_direction("(The minister smiled.) We will not leave.")
    assert not stage_direction("We will not leave.")


def test_a_headline_opening_with_a_persons_name_is_their_claim(nlp: Language, cues: Cues) -> None:
    text = (
        "Sokolova: No Troops Crossed the River.\n\n"
        "Foreign Minister Elena Sokolova spoke to reporters in the fictional capital on Monday.\n"
    )
    found = [s for s in statements_of(nlp, cues, text) if s.cue == ":"]
    assert [(s.speaker.name, s.kind, s.content) for s in found] == [
        ("Elena Sokolova", "indirect", "No Troops Crossed the River")
    ]


def test_a_headline_opening_with_a_place_or_a_topic_is_no_ones_claim(nlp: Language, cues: Cues) -> None:
    for headline in ("Corrin: Ferry Service Cut Again.", "Analysis: The Ferry Plan Is Failing."):
        text = headline + "\n\nThe fictional council of Corrin voted on Monday to cut the ferry service.\n"
        assert [s for s in statements_of(nlp, cues, text) if s.cue == ":"] == []
