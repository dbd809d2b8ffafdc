"""The pronoun lists shared by speaker resolution and actor resolution (data/pronouns.toml)."""

from __future__ import annotations

from fieldbrief.extract.actors import resolver as actors
from fieldbrief.extract.statements import speakers
from fieldbrief.lexicon import pronouns


def test_every_form_of_each_person_is_listed() -> None:
    assert {"he", "him", "his", "himself"} <= pronouns.MASCULINE
    assert {"she", "her", "hers", "herself"} <= pronouns.FEMININE
    assert {"it", "its", "they", "them", "their"} <= pronouns.GROUP
    assert {"i", "we", "my", "our"} <= pronouns.FIRST_PERSON


def test_lists_do_not_overlap() -> None:
    assert not pronouns.PERSON & pronouns.GROUP
    assert not pronouns.THIRD_PERSON & (pronouns.FIRST_PERSON | pronouns.SECOND_PERSON)


def test_gender() -> None:
    assert pronouns.gender("She") == "f"
    assert pronouns.gender("his") == "m"
    assert pronouns.gender("they") is None
    assert pronouns.gender("Shelby") is None


def test_statements_and_actors_use_the_same_lists() -> None:
    assert actors.PERSON_PRONOUNS == pronouns.PERSON
    assert actors.GROUP_PRONOUNS == pronouns.GROUP
    assert actors.FIRST_PERSON == pronouns.FIRST_PERSON
    assert {"my", "our", "your"} == speakers.FIRST_PERSON_POSSESSIVES
