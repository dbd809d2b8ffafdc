"""English personal pronouns by what they can refer to, from data/pronouns.toml (one home for the lists that
speaker resolution and actor resolution use). Plain word sets, no spaCy: compare lower-case words."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Literal

PRONOUNS_FILE = "pronouns.toml"
Gender = Literal["m", "f"]


def _load() -> dict[str, dict[str, list[str]]]:
    text = resources.files("fieldbrief.data").joinpath(PRONOUNS_FILE).read_text(encoding="utf-8")
    data: dict[str, dict[str, list[str]]] = tomllib.loads(text)
    return data


_DATA = _load()

MASCULINE = frozenset(_DATA["person"]["masculine"])
FEMININE = frozenset(_DATA["person"]["feminine"])
PERSON = MASCULINE | FEMININE  # he, she and their other forms: one person
GROUP_SINGULAR = frozenset(_DATA["group"]["singular"])
PLURAL = frozenset(_DATA["group"]["plural"])
GROUP = GROUP_SINGULAR | PLURAL  # it, they and their other forms: an organisation, a state, a group
THIRD_PERSON = PERSON | GROUP
FIRST_PERSON = frozenset(_DATA["speaker"]["first_person"])
SECOND_PERSON = frozenset(_DATA["speaker"]["second_person"])
POSSESSIVE = frozenset(_DATA["forms"]["possessive"])
POSSESSIVE_ENDINGS = tuple(_DATA["forms"]["possessive_endings"])  # "'s" and its curly form


def gender(word: str) -> Gender | None:
    """'m' for he/him/his/himself, 'f' for she/her/hers/herself, None for any other word."""
    low = word.lower()
    if low in MASCULINE:
        return "m"
    if low in FEMININE:
        return "f"
    return None
