"""The typed records that flow through fieldbrief: one home for every type in the output contract.

records.py holds an article and what the stages find in it, corpus.py the corpus-level records (origins, entities,
claims), reading.py the readers of the JSON contract back into records; every name is imported from here.

Offsets (`start`, `end`) are always character offsets into `Article.text` (end exclusive).
Each record knows how to serialise itself to the JSON Lines contract in DESIGN.md (`to_json`).
"""

from __future__ import annotations

from fieldbrief.model.corpus import Claim, ClaimKind, ClaimMember, ClaimStatus, Corpus, Entity, Origin, Side
from fieldbrief.model.reading import article_from_json, claim_from_json, entity_from_json
from fieldbrief.model.records import (
    AcledType,
    ActorRef,
    Article,
    Attribution,
    DateEvidence,
    Event,
    EventStatus,
    EvidenceField,
    Factuality,
    Figure,
    FigureKind,
    Note,
    Place,
    Precision,
    PublishedFrom,
    Qualifier,
    RawDocument,
    Rejection,
    Removal,
    RemovalKind,
    Sentence,
    Span,
    Speaker,
    SpeakerKind,
    StageError,
    Statement,
    StatementKind,
    StatementMode,
    TimeRef,
    content_id,
)

__all__ = [
    "AcledType",
    "ActorRef",
    "Article",
    "Attribution",
    "Claim",
    "ClaimKind",
    "ClaimMember",
    "ClaimStatus",
    "Corpus",
    "DateEvidence",
    "Entity",
    "Event",
    "EventStatus",
    "EvidenceField",
    "Factuality",
    "Figure",
    "FigureKind",
    "Note",
    "Origin",
    "Place",
    "Precision",
    "PublishedFrom",
    "Qualifier",
    "RawDocument",
    "Rejection",
    "Removal",
    "RemovalKind",
    "Sentence",
    "Side",
    "Span",
    "Speaker",
    "SpeakerKind",
    "StageError",
    "Statement",
    "StatementKind",
    "StatementMode",
    "TimeRef",
    "article_from_json",
    "claim_from_json",
    "content_id",
    "entity_from_json",
]
