"""Statements the stage once dropped after the tagger and now keeps, each construction on fictional sentences:
directives ("urged X to ..."), sources the parse left out, past tenses tagged as participles. The tagger's
proposals are built by hand, so these test the stage's rules whatever weights ship."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from fieldbrief.extract.statements import Cues, extract, scan_quotes
from fieldbrief.extract.statements.combine import combine
from fieldbrief.extract.statements.frames import Frame, FrameFinder
from fieldbrief.extract.statements.modes import mode_of
from fieldbrief.extract.statements.speakers import SpeakerResolver
from fieldbrief.extract.statements.tagger import TaggedAttribution
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.model import Article, Speaker


def finder_of(nlp: Language, cues: Cues, text: str) -> tuple[Doc, FrameFinder]:
    doc = nlp(text)
    return doc, FrameFinder(doc, text, DocIndex(doc), cues, scan_quotes(text))


def tagged_frames(
    nlp: Language, cues: Cues, text: str, cue_word: str, content: str, kinds: tuple[str, ...] = ("xcomp",)
) -> tuple[Doc, list[Frame]]:
    """The stage's frames where the tagger proposes `content` for the cue `cue_word` (and the rules find none),
    as a span of these kinds ("host": the clause the cue interrupts)."""
    doc, finder = finder_of(nlp, cues, text)
    cue = next(t for t in doc if t.text == cue_word)
    start = text.index(content)
    span = doc.char_span(start, start + len(content))
    assert span is not None
    tagged = TaggedAttribution(cue, span.start, span.end, 0.9, kinds)
    return doc, [f for f in combine([], [tagged], finder, doc, cues) if f.cue.i == cue.i]


@pytest.mark.parametrize(
    ("text", "cue", "proposed", "content"),
    [
        (
            "Minister Lena Varga urged the Karsk council to reopen the northern bridge.",
            "urged",
            "to reopen the northern bridge",
            "the Karsk council to reopen the northern bridge",
        ),
        (
            "Colonel Omar Tal told his soldiers at the checkpoint to let the convoy pass.",
            "told",
            "to let the convoy pass",
            "his soldiers at the checkpoint to let the convoy pass",
        ),
        (
            "The Kesra Front called on the Norland army to withdraw from the pass.",
            "called",
            "to withdraw from the pass",
            "the Norland army to withdraw from the pass",
        ),
    ],
)
def test_a_directive_is_what_the_speaker_asked_of_someone(
    nlp: Language, cues: Cues, text: str, cue: str, proposed: str, content: str
) -> None:
    doc, frames = tagged_frames(nlp, cues, text, cue, proposed)
    assert [text[f.start : f.end] for f in frames] == [content]
    assert mode_of(frames[0], Speaker("someone", "someone", "person"), cues) == "speech"


@pytest.mark.parametrize(
    ("text", "cue", "proposed"),
    [
        ("Minister Lena Varga vowed to reopen the northern bridge.", "vowed", "to reopen the northern bridge"),
        ("Colonel Omar Tal asked to speak to the convoy's drivers.", "asked", "to speak to the convoy's drivers"),
    ],
)
def test_an_infinitive_without_an_addressee_is_still_no_statement(
    nlp: Language, cues: Cues, text: str, cue: str, proposed: str
) -> None:
    """A reporting verb's own infinitive says what the speaker means to do: the rules' choice stays."""
    doc, frames = tagged_frames(nlp, cues, text, cue, proposed)
    assert frames == []
    _, finder = finder_of(nlp, cues, text)
    word = next(t for t in finder.doc if t.text == cue)
    start = text.index(proposed)
    span = finder.doc.char_span(start, start + len(proposed))
    assert span is not None
    assert finder.rejection(word, span) == "infinitive"


def test_a_source_the_parse_left_out_is_the_name_before_the_cue(nlp: Language, cues: Cues) -> None:
    text = "In an interview with the board of the Karsk Times Omar Tal said that the pass was lost."
    doc, finder = finder_of(nlp, cues, text)
    said = next(t for t in doc if t.text == "said")
    assert not any(c.dep_ == "nsubj" for c in said.children), "the construction: the parse gives no subject"
    source = finder.source_of(said)
    assert source is not None and source.text == "Tal"
    resolver = SpeakerResolver(doc, finder.index, Article(source="test", text=text), cues, finder.quotes)
    _, frames = tagged_frames(nlp, cues, text, "said", "the pass was lost")
    speaker = resolver.resolve(frames[0])
    assert speaker is not None and speaker.name == "Omar Tal"


def test_a_place_before_a_cue_without_subject_is_no_source(nlp: Language, cues: Cues) -> None:
    """'... in Karsk shows that ...': the noun before the cue is the object of a preposition, no speaker."""
    doc, finder = finder_of(nlp, cues, "The growing queue of trucks in Karsk shows the border is closing.")
    shows = next(t for t in doc if t.text == "shows")
    source = finder.source_of(shows)
    assert source is None or source.text != "Karsk"


def test_punctuation_is_never_a_subject(nlp: Language, cues: Cues) -> None:
    text = "The governor spoke of the border ― Varga boasted, \u201cThat makes us safe.\u201d"
    doc, finder = finder_of(nlp, cues, text)
    boasted = next(t for t in doc if t.text == "boasted")
    source = finder.source_of(boasted)
    assert source is None or not source.is_punct


def test_what_is_acknowledged_is_conceded(nlp: Language, cues: Cues) -> None:
    text = "Minister Lena Varga acknowledged their uphill battle for the northern pass."
    found = extract(nlp(text), Article(source="test", text=text), cues)
    assert [(s.speaker.name, s.content) for s in found] == [("Lena Varga", "their uphill battle for the northern pass")]


def test_what_is_admitted_is_a_report_only_when_propositional(nlp: Language, cues: Cues) -> None:
    text = "Norland admitted three hundred refugees from Kesra last year."
    assert extract(nlp(text), Article(source="test", text=text), cues) == []


def test_a_content_never_names_its_own_source(nlp: Language, cues: Cues) -> None:
    text = "The raid, which the Karsk ministry says killed 12 civilians, drew condemnation abroad."
    _, frames = tagged_frames(
        nlp, cues, text, "says", "The raid, which the Karsk ministry says killed 12 civilians", ("host",)
    )
    assert [text[f.start : f.end] for f in frames] == ["killed 12 civilians"]


def test_an_interrupting_attribution_keeps_both_halves(nlp: Language, cues: Cues) -> None:
    text = "The bridge, the mayor said, will reopen in May."
    _, frames = tagged_frames(nlp, cues, text, "said", "The bridge, the mayor said, will reopen in May", ("host",))
    assert [text[f.start : f.end] for f in frames] == ["The bridge, the mayor said, will reopen in May"]
