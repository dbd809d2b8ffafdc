"""Statements never made, attributions without a source, and utterances that run past a long attribution, on
fictional sentences.

A verification desk must never read "Mayor X did not say that the bridge would reopen" as the mayor saying it, nor
lose it ("the ministry did not confirm the strike" is news): a negated or hypothetical reporting verb gives a
statement whose `factuality` says so, and which is no claim of the speaker's (`Statement.claimed`). An attribution
whose source the text does not give is kept as unattributed, never given a guessed speaker.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from conftest import statements_of
from fieldbrief.extract.statements import Cues
from fieldbrief.extract.statements.frames import factuality


@pytest.mark.parametrize(
    ("expected", "text", "cue_word"),
    [
        ("negated", "Mayor Talia Brennan did not say that the bridge would reopen.", "say"),
        ("negated", "Mayor Talia Brennan never claimed that the bridge had reopened.", "claimed"),
        ("negated", "Mayor Talia Brennan has not yet confirmed that the bridge had reopened.", "confirmed"),
        ("negated", "Mayor Talia Brennan neither confirmed nor denied that the bridge had closed.", "confirmed"),
        ("negated", "Mayor Talia Brennan neither confirmed nor denied that the bridge had closed.", "denied"),
        ("negated", "Mayor Talia Brennan would not confirm or deny that the bridge had closed.", "deny"),
        ("hypothetical", "Mayor Talia Brennan would claim that the bridge had reopened.", "claim"),
        ("hypothetical", "Mayor Talia Brennan could confirm that the bridge reopened.", "confirm"),
        ("hypothetical", "Mayor Talia Brennan might announce that the bridge reopens.", "announce"),
        ("asserted", "Mayor Talia Brennan said that she would not rebuild the bridge.", "said"),
        ("asserted", "Mayor Talia Brennan did not travel but said that the bridge was closed.", "said"),
        # the negation is her words, hung on the verb by the parser: she said it
        ("asserted", '"Probably not," Mayor Talia Brennan said.', "said"),
    ],
)
def test_the_factuality_of_a_reporting_verb(cue_word: str, expected: str, text: str, nlp: Language) -> None:
    doc = nlp(text)
    assert factuality(next(t for t in doc if t.lower_ == cue_word)) == expected


@pytest.mark.parametrize(
    ("text", "expected", "content"),
    [
        ("Mayor Talia Brennan did not say that the bridge would reopen.", "negated", "the bridge would reopen"),
        ("Mayor Talia Brennan never claimed that the bridge had reopened.", "negated", "the bridge had reopened"),
        ("Mayor Talia Brennan would claim that the bridge had reopened.", "hypothetical", "the bridge had reopened"),
        # a question left open is news too: what she would not say
        ("Talia Brennan did not say whether the bridge would reopen.", "negated", "whether the bridge would reopen"),
    ],
)
def test_a_negated_or_hypothetical_statement_is_kept_and_is_no_claim(
    nlp: Language, cues: Cues, text: str, expected: str, content: str
) -> None:
    [st] = statements_of(nlp, cues, text)
    assert (st.speaker.name, st.content.rstrip("."), st.factuality) == ("Talia Brennan", content, expected)
    assert not st.claimed and st.to_json()["factuality"] == expected


def test_a_negated_quote_is_marked_negated(nlp: Language, cues: Cues) -> None:
    [st] = statements_of(nlp, cues, '"The bridge is open," Mayor Talia Brennan did not say.')
    assert (st.kind, st.factuality, st.claimed) == ("direct", "negated", False)


def test_an_attribution_without_a_source_is_unattributed(nlp: Language, cues: Cues) -> None:
    text = "The mayor of Norvale fled the town, reportedly carrying the flood fund with him."
    found = [s for s in statements_of(nlp, cues, text) if s.cue == "reportedly"]
    assert [(s.attribution, s.speaker.name, s.speaker.kind, s.claimed) for s in found] == [
        ("unattributed", "unattributed", "unnamed", False)
    ]


def test_according_to_a_source_the_parser_misread_still_names_it(nlp: Language, cues: Cues) -> None:
    # the parser reads "show" for a verb and "insiders" for its object: still whom "according to" names
    [st] = statements_of(nlp, cues, "The mayor hid the flood fund, according to show insiders.")
    assert (st.speaker.name, st.attribution, st.content) == (
        "unnamed insider",
        "sourced",
        "The mayor hid the flood fund",
    )


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the negation belongs to the first verb only: "but said" says it
        ("Mayor Talia Brennan did not travel but said that the bridge was closed.", "the bridge was closed"),
        ("Mayor Talia Brennan denied that the bridge had closed.", "the bridge had closed"),
        ("Mayor Talia Brennan said the bridge had closed.", "the bridge had closed"),
        # what is negated is inside what she said: her statement stands
        ("Mayor Talia Brennan said that she would not rebuild the bridge.", "she would not rebuild the bridge"),
    ],
)
def test_a_cue_that_is_not_itself_negated_or_hypothetical_still_reports(
    nlp: Language, cues: Cues, text: str, content: str
) -> None:
    found = statements_of(nlp, cues, text)
    assert [(s.speaker.name, s.content.rstrip(".")) for s in found] == [("Talia Brennan", content)]


def test_a_quote_goes_on_after_a_long_attribution_as_one_utterance(nlp: Language, cues: Cues) -> None:
    text = (
        '"The bridge is unsafe," said Talia Brennan, the mayor of Norvale, who has fought the county over the '
        'repairs for years. "We will close it on Monday."'
    )
    [st] = statements_of(nlp, cues, text)
    assert st.speaker.name == "Talia Brennan" and st.kind == "direct"
    assert st.words(text) == "The bridge is unsafe We will close it on Monday."
    assert "said Talia Brennan" in st.content and len(st.parts) == 2  # her words without the attribution


def test_a_quote_after_another_sentence_of_narration_is_not_joined(nlp: Language, cues: Cues) -> None:
    text = (
        '"The bridge is unsafe," said Talia Brennan, the mayor of Norvale, who has fought the county over the '
        'repairs for years. The county disagrees. "We will close it on Monday."'
    )
    found = statements_of(nlp, cues, text)
    assert all(len(s.parts) == 1 for s in found)
    assert any(s.content == "The bridge is unsafe" for s in found)


def test_a_verb_describing_the_speaker_takes_no_quote_of_the_main_attribution(nlp: Language, cues: Cues) -> None:
    text = (
        '"We will hold the bridge," said Talia Brennan, the mayor of Norvale, who has argued with the county over '
        'the repairs for years. "It is our only road."'
    )
    [st] = statements_of(nlp, cues, text)  # not "Norvale argued: 'It is our only road'"
    assert st.speaker.name == "Talia Brennan" and st.words(text) == "We will hold the bridge It is our only road."


def test_a_verb_describing_someone_keeps_the_quote_it_introduces(nlp: Language, cues: Cues) -> None:
    text = 'Talia Brennan, the mayor, who argued with the county: "It is our only road."'
    [st] = statements_of(nlp, cues, text)
    assert (st.speaker.name, st.cue, st.content) == ("Talia Brennan", "argued", "It is our only road.")


def test_a_report_in_the_attribution_of_a_joined_quote_is_kept(nlp: Language, cues: Cues) -> None:
    text = (
        '"We will hold the bridge," said Talia Brennan, who told reporters on Monday that the water was falling. '
        '"It is our only road."'
    )
    found = statements_of(nlp, cues, text)
    assert [(s.cue, s.words(text)) for s in found] == [
        ("said", "We will hold the bridge It is our only road."),
        ("told", "the water was falling"),  # hers too, and not her quote's words: no restatement of it
    ]
