"""Speakers and what they said, on fictional sentences: "the mayor" is never "Defence Minister Tomas Varga", a plural
("the experts") is no one person, "forced X to admit" is X's admission, and "answered questions" says nothing."""

from __future__ import annotations

from spacy.language import Language

from conftest import said_by
from fieldbrief.extract.statements import Cues


def test_a_role_refers_back_only_to_a_person_given_that_role(nlp: Language, cues: Cues) -> None:
    text = (
        "Defence Minister Tomas Varga said the troops would stay.\n\n"
        "The mayor said the bridge would reopen in May.\n\n"
        "The minister said the border was calm.\n\n"
        "Ana Roe, the mayor of the fictional town, said the water was falling. The mayor added that schools would "
        "reopen.\n"
    )
    assert said_by(nlp, cues, text) == [
        ("Tomas Varga", "the troops would stay"),
        ("mayor", "the bridge would reopen in May"),
        ("Tomas Varga", "the border was calm"),
        ("Ana Roe", "the water was falling"),
        ("Ana Roe", "schools would reopen"),
    ]


def test_a_generic_description_still_refers_back(nlp: Language, cues: Cues) -> None:
    text = "Defence Minister Tomas Varga spoke on Monday. The official said the troops would stay.\n"
    assert said_by(nlp, cues, text) == [("Tomas Varga", "the troops would stay")]


def test_a_plural_description_is_no_one_person(nlp: Language, cues: Cues) -> None:
    text = "Professor Ana Roe studied the fictional dam. The experts said the dam would hold.\n"
    assert [name for name, _ in said_by(nlp, cues, text)] == ["unnamed expert"]


def test_forced_to_admit_is_the_objects_admission(nlp: Language, cues: Cues) -> None:
    text = (
        "Senator Ana Roe questioned the fictional bank's chief, Ivo Dorne, for three hours. The senator forced "
        "Dorne to admit that no executive had been punished.\n"
    )
    assert ("Ivo Dorne", "no executive had been punished") in said_by(nlp, cues, text)


def test_what_was_answered_is_not_what_was_said(nlp: Language, cues: Cues) -> None:
    text = (
        "The fictional minister answered questions from reporters on Monday.\n\n"
        "The mayor answered critics of the bridge plan.\n\n"
        "The governor answered that the bridge would reopen in May.\n"
    )
    assert [content for _, content in said_by(nlp, cues, text)] == ["the bridge would reopen in May"]
