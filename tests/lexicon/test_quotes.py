"""Quotation marks have one home (lexicon/quotes.py): the cleaner and the statements stage read the same marks."""

from __future__ import annotations

from fieldbrief.clean.paragraphs import paragraph_key
from fieldbrief.extract.statements import scan_quotes
from fieldbrief.lexicon.quotes import CLOSING_MARKS, OPENING_MARKS, QUOTE_MARKS, STRAIGHT_FORMS


def test_every_mark_but_the_straight_ones_has_a_straight_form() -> None:
    assert {mark for mark, _ in STRAIGHT_FORMS} >= QUOTE_MARKS - {'"', "'"}
    assert OPENING_MARKS | CLOSING_MARKS <= QUOTE_MARKS


def test_two_copies_of_a_paragraph_in_other_quote_styles_are_one_paragraph() -> None:
    # fictional
    copies = [
        "\u00abWe will hold the bridge,\u00bb the mayor said.",
        "\u201cWe will hold the bridge,\u201d the mayor said.",
    ]
    assert (
        paragraph_key(copies[0])
        == paragraph_key(copies[1])
        == paragraph_key('"We will hold the bridge," the mayor said')
    )


def test_the_statements_stage_reads_the_same_marks() -> None:
    text = "\u00abWe will hold the bridge,\u00bb the mayor said."  # fictional
    [quote] = scan_quotes(text)
    assert text[quote.start : quote.end].startswith("We will hold the bridge")
