"""Domain entity rules added in front of spaCy's statistical NER (patterns live in data/)."""

from __future__ import annotations

import json
from importlib import resources

from spacy.language import Language

PATTERNS_FILE = "entity_patterns.jsonl"


def load_patterns() -> list[dict[str, object]]:
    text = resources.files("fieldbrief.data").joinpath(PATTERNS_FILE).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("//")]


def add_domain_rules(nlp: Language) -> None:
    """Put an entity ruler before `ner` so names the small model mislabels come out right."""
    if "fieldbrief_entities" in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return
    ruler = nlp.add_pipe("entity_ruler", name="fieldbrief_entities", before="ner")
    ruler.add_patterns(load_patterns())  # type: ignore[attr-defined]
