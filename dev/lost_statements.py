"""Where the statements stage loses PolNeAR dev contents after the tagger: for every attribution the tagger
proposes and the stage does not keep, the reason (a rule of `FrameFinder.rejection`, no source, speaker not
resolved, ...), and how many of them would be right (a gold content not found otherwise) or wrong if kept.

    .venv/bin/python dev/lost_statements.py [--examples REASON]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear  # noqa: E402
from train_statements import MATCH, token_f1  # noqa: E402

from fieldbrief.extract.statements import extract, load_cues  # noqa: E402
from fieldbrief.extract.statements.combine import _reports_inside, tagged_frame  # noqa: E402
from fieldbrief.extract.statements.frames import FrameFinder  # noqa: E402
from fieldbrief.extract.statements.quotes import scan_quotes  # noqa: E402
from fieldbrief.extract.statements.speakers import SpeakerResolver  # noqa: E402
from fieldbrief.extract.statements.tagger import tag  # noqa: E402
from fieldbrief.extract.statements.text import DocIndex  # noqa: E402
from fieldbrief.model import Article  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default="", help="print the dropped attributions of this reason")
    ap.add_argument("--cuts", default="", help="also count by the tagger's confidence: comma-separated cuts")
    args = ap.parse_args()
    cuts = [float(c) for c in args.cuts.split(",") if c]
    scored: collections.Counter[tuple[str, float, bool]] = collections.Counter()
    articles, docs = polnear.parsed("dev")
    cues = load_cues()
    right: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    for art, doc in zip(articles, docs, strict=True):
        article = Article(source=art.stem + ".txt", text=art.text)
        kept = [s.content for s in extract(doc, article, cues)]
        gold = [" ".join(art.text[s:e] for s, e in a.content) for a in art.attributions]
        missed = [g for g in gold if not any(token_f1(g, p) >= MATCH for p in kept)]
        quotes = scan_quotes(art.text)
        index = DocIndex(doc)
        finder = FrameFinder(doc, art.text, index, cues, quotes)
        rule_frames = finder.frames()
        ruled = {f.cue.i for f in rule_frames}
        resolver = SpeakerResolver(doc, index, article, cues, quotes)
        for t in tag(doc, index, quotes):
            if t.cue.i in ruled:
                continue
            span = doc[t.start : t.end]
            reason = None
            if finder.quoted(t.cue):
                reason = "cue-quoted"
            else:
                reason = finder.rejection(t.cue, span)
                if reason is None and _reports_inside(t, rule_frames):
                    reason = "reports-inside"
            frame = tagged_frame(finder, doc, t)
            if reason is None:
                if frame is None:
                    reason = "no-frame"  # (a frame without a source is kept, unattributed or unresolved)
                elif resolver.resolve(frame) is None:
                    reason = "speaker-unresolved"
                else:
                    continue  # kept (or a duplicate of a kept span)
            content = frame.cue.doc.text[frame.start : frame.end] if frame is not None else span.text
            hit = [g for g in missed if token_f1(g, content) >= MATCH]
            (right if hit else wrong)[reason] += 1
            for cut in cuts:
                scored[reason, cut, bool(hit)] += t.score >= cut
            if reason == args.examples:
                sentence = index.sentence(t.cue).text.replace("\n", " ")
                print(f"{'RIGHT' if hit else 'wrong'} cue={t.cue.text!r} :: {sentence[:240]}")
    print("reason: right/wrong if kept")
    for reason in sorted(set(right) | set(wrong), key=lambda r: -(right[r] + wrong[r])):
        by_cut = " ".join(f"{c}: {scored[reason, c, True]}/{scored[reason, c, False]}" for c in cuts)
        print(f"  {reason}: {right[reason]}/{wrong[reason]}" + (f" (confidence >= {by_cut})" if cuts else ""))


if __name__ == "__main__":
    main()
