"""The spaCy pipeline: sentences, entities and the dependency parse the extraction stages use."""

from __future__ import annotations

from functools import lru_cache

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


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per doc: spaCy joins every token again on each access to `doc.text`, which
    inside a loop over sentences or tokens costs more than the parse itself."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    assert isinstance(text, str)
    return text
