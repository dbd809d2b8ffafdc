"""The rules' frames and the learned tagger's attributions, combined into one list of frames.

The rules are kept where they are better: quotes (direct and mixed speech, split and continued quotes) and
the frames of the reporting verbs they know. The tagger adds what the rules do not know (stance verbs,
beliefs, intentions, documents, nominal contents). For a cue both found the rules' content stands (they
know what is not content: the time of the saying, the channel, a dateline), but where the rules took the
quote before the attribution and the tagger the one after it, both are kept; so is any other span the tagger
is confident the cue attributes, apart from the rules' ("'It is over.' She said the talks had failed.").
A tagged attribution whose source the parse does not give is kept, marked unattributed or unresolved.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.frames import Frame, FrameFinder, addressee, infinitive_after
from fieldbrief.extract.statements.tagger import TaggedAttribution
from fieldbrief.model import Attribution

# a tagged attribution whose span is the whole host clause or sentence interrupts it: "X, she said, Y"
INTERRUPTED_KINDS = frozenset({"host", "sentence"})
# spans in the neighbouring sentence may lie in another paragraph ("He said:" closing one)
CROSS_SENTENCE_KINDS = frozenset({"previous", "next", "after+next"})
# the tagger's confidence at which a span apart from the rules' content is a second content of the same cue
# (PolNeAR dev, statements stage F1: 0.5, 0.7 and 0.9 alike, +0.003 over none; precision kept)
SECOND_CONTENT_CONFIDENCE = 0.7


def tagged_frame(finder: FrameFinder, doc: Doc, tagged: TaggedAttribution) -> Frame | None:
    """A frame for a tagged attribution, with the source the parse gives its cue; without one, the frame says
    whether the text gives it none (`unattributed`) or one the parse did not show us (`unresolved`)."""
    subject = finder.source_of(tagged.cue)
    first, last = doc[tagged.start], doc[tagged.end - 1]
    asked = addressee(tagged.cue, finder.cues)
    if asked is not None and infinitive_after(tagged.cue, asked) == tagged.start:
        first = doc[asked.left_edge.i]  # "urged North Korea to resume talks": whom the speaker asked belongs to it
    kinds = set(tagged.kinds)
    own = _own_complement(tagged, subject) if subject is not None else None
    if own is not None:  # "The attack, which Ukraine says killed 34": what Ukraine says, without Ukraine
        first, kinds = doc[own], kinds - INTERRUPTED_KINDS
    frame = finder.classify(
        tagged.cue,
        _cue_text(tagged),
        subject,
        first.idx,
        last.idx + len(last),
        parenthetical=bool(kinds & INTERRUPTED_KINDS),
        within_paragraph=not kinds & CROSS_SENTENCE_KINDS,
    )
    if frame is None or subject is not None:
        return frame
    return replace(frame, attribution=_sourceless(tagged.cue))


def _sourceless(cue: Token) -> Attribution:
    """A cue that has no source by its construction ("reportedly", "allegedly"; a noun with no owner in a clause
    with a verb: "calls to establish a commission were rejected") is unattributed; a verb whose subject the parse
    did not give us is unresolved ("In a meeting with the Post Trump said ...", the name run into the paper's),
    and so is a noun in a sentence parsed without a verb: a verb taken for a noun ("Trump charges that ...")."""
    if cue.pos_ == "ADV":
        return "unattributed"
    parsed_as_clause = cue.dep_ != "ROOT" and cue.sent.root.pos_ in {"VERB", "AUX"}
    return "unattributed" if cue.pos_ in {"NOUN", "PROPN"} and parsed_as_clause else "unresolved"


def _own_complement(tagged: TaggedAttribution, subject: Token) -> int | None:
    """Where the content starts when a span that interrupts its host holds the source itself, and the cue has a
    clause of its own after it: "The attack, which Ukraine says killed 34 civilians" says "killed 34 civilians"
    (a content never names its own source; "X, she said, Y" has no clause of the cue's and stays whole)."""
    cue = tagged.cue
    if not set(tagged.kinds) & INTERRUPTED_KINDS or not tagged.start <= subject.i < tagged.end:
        return None
    clause = next((c for c in cue.children if c.dep_ == "ccomp" and cue.i < c.i < tagged.end), None)
    return None if clause is None else max(clause.left_edge.i, cue.i + 1)


def _cue_text(tagged: TaggedAttribution) -> str:
    cue = tagged.cue
    if cue.lemma_.lower() == "accord" and cue.i + 1 < len(cue.doc):
        return cue.doc[cue.i : cue.i + 2].text  # "according to"
    return cue.text


def combine(
    rule_frames: list[Frame], tagged: list[TaggedAttribution], finder: FrameFinder, doc: Doc, cues: Cues
) -> list[Frame]:
    """One frame per cue: the rules' where they found one (joined by the tagger's quote after their quote
    before the attribution, or by another span of the tagger's: `_second_content`); else
    the tagger's, unless the rules reject it on principle (negated or hypothetical cues, hedges, nothing
    said: `FrameFinder.rejects`). Cues inside a quote are the quoted speaker's words: left out."""
    frames = list(rule_frames)
    by_cue = {f.cue.i: f for f in rule_frames}
    taken = set(by_cue)
    for t in tagged:
        if t.cue.i in by_cue and _second_half(t, by_cue[t.cue.i], doc):
            added = tagged_frame(finder, doc, t)
            if added is not None and added.kind == "direct":
                frames.append(added)
            continue
        if t.cue.i in by_cue:
            added = _second_content(t, by_cue[t.cue.i], finder, doc, rule_frames)
            if added is not None:
                frames.append(added)
            continue
        if t.cue.i in taken or finder.quoted(t.cue):
            continue
        if finder.rejects(t.cue, doc[t.start : t.end]) or _reports_inside(t, rule_frames):
            continue
        added = tagged_frame(finder, doc, t)
        if added is not None:
            frames.append(added)
            taken.add(t.cue.i)
    return frames


def _second_half(tagged: TaggedAttribution, rule: Frame, doc: Doc) -> bool:
    """'"...," said X, a farmer from Y. "..."': where the rules took the quote before the attribution and the
    tagger the quote after it, both are the speaker's (the second half is too far for `continuations`)."""
    if rule.kind != "direct":
        return False
    first = doc[tagged.start]
    return first.idx >= rule.end


def _reports_inside(tagged: TaggedAttribution, rule_frames: list[Frame]) -> bool:
    """'issued a statement saying that the drills had ended': the rules' report inside the tagged span is
    what was said; the span around it is only its channel."""
    return any(tagged.start <= f.cue.i < tagged.end for f in rule_frames)


def _second_content(
    tagged: TaggedAttribution, rule: Frame, finder: FrameFinder, doc: Doc, rule_frames: list[Frame]
) -> Frame | None:
    """A content of a cue the rules framed, apart from theirs, that the tagger is confident of: the quote
    before "She said the talks had failed", the plan after "announced plans": held to the same principles
    as the tagger's other attributions; None where it overlaps the rules' content."""
    first, last = doc[tagged.start], doc[tagged.end - 1]
    if tagged.score < SECOND_CONTENT_CONFIDENCE or (first.idx < rule.end and rule.start < last.idx + len(last)):
        return None  # (most of the tagger's spans are the rules' content: the cheap test first)
    if finder.rejects(tagged.cue, doc[tagged.start : tagged.end]) or _reports_inside(tagged, rule_frames):
        return None
    added = tagged_frame(finder, doc, tagged)
    if added is None or (added.start < rule.end and rule.start < added.end):
        return None
    return added
