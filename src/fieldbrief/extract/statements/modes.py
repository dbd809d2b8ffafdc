"""The mode of a statement (the contract's `mode`): speech, belief, intention or document.

A statement whose source is a document ("the poll shows") is a document's, whatever its cue; otherwise the
cue decides, from the lists of data/cues.toml [modes]: "she believes that ..." is a belief, "they want to
..." an intention. Any other cue with an infinitive content that reaches this point states an intention too,
except a refusal to speak ("declined to comment on the report": speech);
a reporting verb with an infinitive ("vowed to fight on", "expects to win") is no statement at all (frames.py),
unless it asks its object to act ("urged North Korea to resume talks"): that is speech.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.frames import Frame, directive
from fieldbrief.model import Speaker, StatementMode


def mode_of(frame: Frame, speaker: Speaker, cues: Cues) -> StatementMode:
    if speaker.kind == "document":
        return "document"
    lemma = frame.cue.lemma_.lower()
    doc = frame.cue.doc
    content = doc.char_span(frame.start, frame.end, alignment_mode="expand")
    if content is not None and len(content) and directive(frame.cue, content, cues):
        return "speech"  # "urged North Korea to resume talks": what was asked of someone else
    infinitive = _infinitive_at(doc, frame.start)
    if infinitive is not None and lemma in cues.refusal_verbs and _speaking(infinitive, cues):
        return "speech"  # "declined to comment on the report": a response, not an intention
    if lemma in cues.intention_mode or infinitive is not None:
        return "intention"  # "want to", and any "to" content that frames.py keeps
    if lemma in cues.belief_mode:
        return "belief"
    return "speech"


def _infinitive_at(doc: Doc, offset: int) -> Token | None:
    """The bare verb of a content that opens with 'to' and one: 'to win', 'to be re-elected'; else None."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    if token.tag_ == "TO" and token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "VB":
        return doc[token.i + 1]
    return None


def _speaking(verb: Token, cues: Cues) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in cues.reporting_verbs or lemma in cues.speaking_verbs
