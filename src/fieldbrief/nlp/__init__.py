"""The spaCy pipeline: sentences, entities and the dependency parse the extraction stages use."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from fieldbrief.errors import FieldbriefError


@lru_cache(maxsize=4)
def load(model: str) -> Language:
    """Load (once per process) the spaCy pipeline named `model`, with our domain entity rules."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # model package missing: say how to fix it
        raise FieldbriefError("model-missing", f"spaCy model {model!r} is not installed; run `make setup`") from exc
    from fieldbrief.nlp.rules import add_domain_rules

    add_domain_rules(nlp)
    return nlp


TEXT_KEY = "fieldbrief:text"


Kept = TypeVar("Kept")


def kept_with_doc(doc: Doc, key: str, make: Callable[[Doc], Kept], kind: type[Kept]) -> Kept:
    """What `make(doc)` gives, made on first use and kept in the doc's `user_data` under `key`, so that every
    later stage reading it pays nothing (`kind`: what it is, checked)."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = make(doc)
    assert isinstance(found, kind)
    return found


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per doc: spaCy joins every token again on each access to `doc.text`, which
    inside a loop over sentences or tokens costs more than the parse itself."""
    return kept_with_doc(doc, TEXT_KEY, lambda d: d.text, str)
