"""Constructions the learned attribution tagger brings to the statements stage, on sentences written for these
tests (fictional people, places, polls and reports), run on the shipped weights: documents and polls as
sources, beliefs and intentions, nominal contents, attributions over two sentences, "declined to comment"."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest
from spacy.language import Language

from conftest import statements_of
from fieldbrief.extract.statements import Cues, scan_quotes
from fieldbrief.extract.statements.combine import SECOND_CONTENT_CONFIDENCE, combine
from fieldbrief.extract.statements.frames import FrameFinder
from fieldbrief.extract.statements.tagger import (
    CONFIG_FILE,
    MODEL_PACKAGE,
    ParseArrays,
    TaggedAttribution,
    candidates,
    cue_feature_ids,
    load_weights,
    mix,
    mix_arrays,
    tag,
)
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.model import Statement


def find(statements: list[Statement], content: str) -> Statement:
    """The statement whose content is `content`, give or take edge punctuation."""
    for st in statements:
        if st.content.strip(' .,\u201c\u201d"') == content:
            return st
    raise AssertionError(f"no statement {content!r} in {[(s.speaker.name, s.content) for s in statements]}")


# -- the shipped weights ------------------------------------------------------------------------------------
def test_weights_ship_with_their_provenance() -> None:
    folder = resources.files(MODEL_PACKAGE)
    provenance = folder.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    for needed in ("PolNeAR", "Licence", "test split was never read", "P/R/F1", "EXPERIMENTS.md"):
        assert needed in provenance
    assert folder.joinpath("EXPERIMENTS.md").is_file()  # the hand-written history training never overwrites
    config = json.loads(folder.joinpath(CONFIG_FILE).read_text(encoding="utf-8"))
    weights = load_weights()
    assert weights.cue_embed.shape == (2 ** config["cue_bits"], config["hidden"])
    assert weights.content_weights.shape == (2 ** config["bits"],)
    assert 0 < weights.cue_threshold < weights.content_threshold < 1


def test_feature_hashing_is_the_same_for_numbers_and_arrays() -> None:
    """Training hashes with arrays, inference with both: the two must agree exactly."""
    values = np.array([0, 7, 2**63 + 5], dtype=np.uint64)
    assert [int(h) for h in mix_arrays(3, values, values)] == [mix(3, int(v), int(v)) for v in values]


def test_cue_features_see_the_parse(nlp: Language) -> None:
    doc = nlp("The mayor said that the bridge would reopen.")
    arrays = ParseArrays.of(doc, [])
    said = next(t for t in doc if t.text == "said")
    assert arrays.child_mask[said.i] != 0  # a subject and a clausal complement
    assert arrays.subject_lemma[said.i] == doc[1].lemma
    assert cue_feature_ids(arrays).shape[0] == len(doc)


def test_candidates_offer_the_clausal_complement(nlp: Language) -> None:
    doc = nlp("The mayor said that the bridge would reopen in May.")
    said = next(t for t in doc if t.text == "said")
    spans = {doc[c.start : c.end].text: c.kinds for c in candidates(doc, said, DocIndex(doc), [])}
    assert "child:ccomp" in spans["the bridge would reopen in May"]


def test_the_tagger_finds_a_plain_report(nlp: Language) -> None:
    doc = nlp("The harbour master said the ferry would not sail on Friday.")
    found = tag(doc, DocIndex(doc), scan_quotes(doc.text))
    assert [(t.cue.text, doc[t.start : t.end].text) for t in found] == [("said", "the ferry would not sail on Friday")]


# -- constructions ------------------------------------------------------------------------------------------
def test_a_poll_is_a_document_with_its_publisher(nlp: Language, cues: Cues) -> None:
    text = "A new Marlow Institute poll shows that most residents of Corrin oppose the dam."
    st = find(statements_of(nlp, cues, text), "most residents of Corrin oppose the dam")
    assert st.mode == "document"
    assert st.speaker.kind == "document"
    assert st.speaker.publisher == "Marlow Institute"
    assert st.speaker.name == "Marlow Institute poll"


def test_the_report_refers_back_to_the_report_named(nlp: Language, cues: Cues) -> None:
    text = (
        "The Corrin water board published a report on Monday. "
        "The report found that the reservoir had lost a third of its capacity since 2010."
    )
    st = find(statements_of(nlp, cues, text), "the reservoir had lost a third of its capacity since 2010")
    assert st.mode == "document"
    assert st.speaker.kind == "document"


def test_a_belief(nlp: Language, cues: Cues) -> None:
    text = "Mayor Lena Varga believes the bridge will reopen before the winter."
    st = find(statements_of(nlp, cues, text), "the bridge will reopen before the winter")
    assert st.mode == "belief"
    assert st.speaker.name == "Lena Varga"
    assert st.kind == "indirect"


def test_an_intention(nlp: Language, cues: Cues) -> None:
    text = "The Kesra Front wants to seize the northern pass before the snow falls."
    st = find(statements_of(nlp, cues, text), "to seize the northern pass before the snow falls")
    assert st.mode == "intention"
    assert st.speaker.name == "Kesra Front"


def test_speech_keeps_its_kind_and_mode(nlp: Language, cues: Cues) -> None:
    text = 'Colonel Omar Tal said the convoy was "completely safe" after the attack.'
    st = find(statements_of(nlp, cues, text), 'the convoy was "completely safe" after the attack')
    assert (st.mode, st.kind) == ("speech", "mixed")


def test_nominal_contents(nlp: Language, cues: Cues) -> None:
    praised = statements_of(nlp, cues, "Senator Ana Bell praised the tenure of the outgoing governor.")
    assert find(praised, "the tenure of the outgoing governor").speaker.name == "Ana Bell"
    called = statements_of(nlp, cues, "The Corrin council called for a special prosecutor on Tuesday.")
    assert any("a special prosecutor" in s.content for s in called)


def test_an_attribution_over_two_paragraphs(nlp: Language, cues: Cues) -> None:
    text = (
        "Colonel Omar Tal told reporters in Kesra:\n\n"
        "The northern pass is lost. The town will fall within days unless the bridge is rebuilt.\n\n"
        "The army has not confirmed his account."
    )
    st = find(
        statements_of(nlp, cues, text),
        "The northern pass is lost. The town will fall within days unless the bridge is rebuilt",
    )
    assert st.speaker.name == "Omar Tal"
    assert st.kind == "indirect"


def test_declined_to_comment(nlp: Language, cues: Cues) -> None:
    text = "A spokesman for the Corrin ministry declined to comment on the report."
    statements = statements_of(nlp, cues, text)
    assert statements, "a refusal to comment is a statement"
    st = statements[0]
    assert "the report" in st.content
    assert st.speaker.kind in {"person", "unnamed"}
    assert st.mode == "speech", "a no-comment is a response, not an intention"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The governor of Kessa refused to discuss the strike.", "speech"),
        ("The general declined to withdraw his troops from Kessa.", "intention"),
    ],
)
def test_a_refusal_is_speech_only_where_what_was_refused_is_speaking(
    nlp: Language, cues: Cues, text: str, mode: str
) -> None:
    """Fictional."""
    assert [st.mode for st in statements_of(nlp, cues, text)] == [mode]


def test_the_second_half_of_a_quote_split_by_a_long_attribution(nlp: Language, cues: Cues) -> None:
    text = (
        "\u201cThe bridge is gone,\u201d said Amina Karimi, a farmer from the northern valley who has lived there "
        "for forty years. \u201cWe cannot reach the market any more and the winter is coming.\u201d"
    )
    found = statements_of(nlp, cues, text)  # one utterance: one statement, its parts the two halves
    assert [(s.speaker.name, s.kind) for s in found] == [("Amina Karimi", "direct")]
    assert [text[a:b].rstrip(".") for a, b in found[0].parts] == [
        "The bridge is gone",
        "We cannot reach the market any more and the winter is coming",
    ]


@pytest.mark.parametrize(
    ("confidence", "tagged_words", "contents"),
    [
        # the quote before the report is a second content of "said", apart from the rules' complement
        (0.95, "It is finished", ["the talks in Karsk had failed", "It is finished"]),
        (SECOND_CONTENT_CONFIDENCE - 0.1, "It is finished", ["the talks in Karsk had failed"]),  # not sure enough
        (0.95, "the talks in Karsk", ["the talks in Karsk had failed"]),  # overlaps the rules' content
    ],
)
def test_a_confident_second_content_of_a_cue_the_rules_framed(
    nlp: Language, cues: Cues, confidence: float, tagged_words: str, contents: list[str]
) -> None:
    text = "\u201cIt is finished.\u201d Lena Varga said the talks in Karsk had failed."
    doc = nlp(text)
    index, quotes = DocIndex(doc), scan_quotes(text)
    finder = FrameFinder(doc, text, index, cues, quotes)
    cue = next(t for t in doc if t.lower_ == "said")
    start = text.index(tagged_words)
    span = doc.char_span(start, start + len(tagged_words))
    assert span is not None
    tagged = TaggedAttribution(cue, span.start, span.end, confidence, ("quote:before",))
    frames = combine(finder.frames(), [tagged], finder, doc, cues)
    assert [text[f.start : f.end].rstrip(".") for f in frames if f.cue.i == cue.i] == contents


@pytest.mark.parametrize(
    ("reason", "text", "cue_word", "words"),
    [
        ("infinitive", "Mayor Talia Brennan vowed to rebuild the bridge.", "vowed", "to rebuild the bridge"),
        # negated or hypothetical, the vow is still an intention the rules leave to the verbs of wanting
        ("infinitive", "Mayor Talia Brennan did not vow to rebuild the bridge.", "vow", "to rebuild the bridge"),
        ("infinitive", "Mayor Talia Brennan would vow to rebuild the bridge.", "vow", "to rebuild the bridge"),
        ("passive", "It was reported by the ministry that the bridge fell.", "reported", "the bridge fell"),
    ],
)
def test_a_confident_tagger_never_overrules_the_rules_principles(
    nlp: Language, cues: Cues, reason: str, text: str, cue_word: str, words: str
) -> None:
    doc = nlp(text)
    index, quotes = DocIndex(doc), scan_quotes(text)
    finder = FrameFinder(doc, text, index, cues, quotes)
    cue = next(t for t in doc if t.lower_ == cue_word)
    span = doc.char_span(text.index(words), text.index(words) + len(words))
    assert span is not None
    assert finder.rejection(cue, span) == reason
    tagged = TaggedAttribution(cue, span.start, span.end, 0.99, ("ccomp",))
    rules = finder.frames()
    assert combine(rules, [tagged], finder, doc, cues) == rules  # the tagger adds nothing however sure
