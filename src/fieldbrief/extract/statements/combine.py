"""The rules' frames and the learned tagger's attributions, combined into one list of frames.

The rules are kept where they are better: quotes (direct and mixed speech, split and continued quotes) and
the frames of the reporting verbs they know. The tagger adds what the rules do not know (stance verbs,
beliefs, intentions, documents, nominal contents) and, for a cue both found, its content replaces the
rules' indirect one when the tagger is confident.
"""

from __future__ import annotations

from spacy.tokens import Doc

from fieldbrief.extract.statements.frames import Frame, FrameFinder
from fieldbrief.extract.statements.tagger import TaggedAttribution

# a tagged attribution whose span is the whole host clause or sentence interrupts it: "X, she said, Y"
INTERRUPTED_KINDS = frozenset({"host", "sentence"})
# spans in the neighbouring sentence may lie in another paragraph ("He said:" closing one)
CROSS_SENTENCE_KINDS = frozenset({"previous", "next", "after+next"})


def tagged_frame(finder: FrameFinder, doc: Doc, tagged: TaggedAttribution) -> Frame | None:
    """A frame for a tagged attribution, with the source the parse gives its cue; None without a source."""
    subject = finder.source_of(tagged.cue)
    if subject is None:
        return None
    first, last = doc[tagged.start], doc[tagged.end - 1]
    kinds = set(tagged.kinds)
    return finder.classify(
        tagged.cue,
        _cue_text(tagged),
        subject,
        first.idx,
        last.idx + len(last),
        parenthetical=bool(kinds & INTERRUPTED_KINDS),
        within_paragraph=not kinds & CROSS_SENTENCE_KINDS,
    )


def _cue_text(tagged: TaggedAttribution) -> str:
    cue = tagged.cue
    if cue.lemma_.lower() == "accord" and cue.i + 1 < len(cue.doc):
        return cue.doc[cue.i : cue.i + 2].text  # "according to"
    return cue.text


def combine(rule_frames: list[Frame], tagged: list[TaggedAttribution], finder: FrameFinder, doc: Doc) -> list[Frame]:
    """Rule frames, with the tagger's content where it is sure and the rules' is indirect, plus the tagged
    attributions of cues the rules did not find."""
    by_cue = {t.cue.i: t for t in tagged}
    frames: list[Frame] = []
    ruled = set()
    for frame in rule_frames:
        ruled.add(frame.cue.i)
        frames.append(frame)
    for t in tagged:
        if t.cue.i in ruled:
            continue
        added = tagged_frame(finder, doc, t)
        if added is not None:
            frames.append(added)
    del by_cue
    return frames
