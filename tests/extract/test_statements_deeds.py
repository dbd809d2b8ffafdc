"""Deeds are not sayings, on fictional sentences.

The learned tagger was trained on political news, where "attacked her rival" is a verbal attack; in conflict news
"the rebels attacked the army base" is an attack, and "security forces detained two men" an arrest. A verb of
deeds (the trigger verbs of plover.toml's material event types, [verbs.acts] in cues.toml) makes no statement
unless it introduces a clause, a quote or a judgement of its object, or a document is its source.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from conftest import statements_of
from fieldbrief.extract.statements import Cues


def test_deed_verbs_come_from_the_event_lexicon_less_the_verbal_and_reporting_ones(cues: Cues) -> None:
    assert {"attack", "detain", "shell", "fire", "target", "find"} <= cues.act_verbs
    # verbs of verbal event types (accuse, threaten, agree) and the rules' reporting verbs are never deeds
    assert not {"accuse", "threaten", "agree", "say", "announce", "claim"} & cues.act_verbs


@pytest.mark.parametrize(
    "text",
    [
        "The rebels attacked the army base near Varholm at dawn.",
        "Security forces detained two suspected militants in the village of Orrin.",
        "Security forces detained a suspected militant as a result of the operation.",
        "The patrol fired on the checkpoint outside the fictional town of Kessel.",
        "Militia fighters targeted a convoy on the road to Varholm.",
        "Soldiers found a weapons cache near the bridge at Orrin.",
    ],
)
def test_a_deed_makes_no_statement(nlp: Language, cues: Cues, text: str) -> None:
    assert statements_of(nlp, cues, text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # a clause: what was found is a proposition
        ("The inquiry found that the army had fired on the crowd.", "inquiry", "the army had fired on the crowd"),
        # a judgement of the object: only words judge
        ("Mayor Ilse Dorne attacked her rival as a fraud during the debate.", "Ilse Dorne", "her rival as a fraud"),
        # a document's finding
        ("A 2019 study by the Varna Institute found 31 cases of fraud.", "Varna Institute", "31 cases of fraud"),
    ],
)
def test_a_deed_verb_that_reports_words_or_findings_still_makes_one(
    nlp: Language, cues: Cues, text: str, speaker: str, content: str
) -> None:
    found = statements_of(nlp, cues, text)
    assert any(content in st.content and speaker in (st.speaker.name or "") for st in found), [
        (st.speaker.name, st.content) for st in found
    ]


def test_a_deed_beside_a_saying_leaves_the_saying(nlp: Language, cues: Cues) -> None:
    text = "The rebels attacked the army base at dawn, a spokesman for the fictional Orrin council said."
    found = statements_of(nlp, cues, text)
    assert [st.content for st in found] == ["The rebels attacked the army base at dawn"]
    assert "spokesman" in (found[0].speaker.name or "")
