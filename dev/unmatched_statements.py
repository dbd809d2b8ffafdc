"""Statements on PolNeAR dev that match no gold content (each costs precision), counted by how they relate to
the gold: a gold content with the same cue but another span (too long, too short, elsewhere), a cue the
annotators did not mark (no gold cue at the statement's cue), and by the statement's kind, mode and cue word.

    .venv/bin/python dev/unmatched_statements.py [--examples CLASS] [--cue WORD]
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
from fieldbrief.model import Article, Statement  # noqa: E402


def relation(art: polnear.PolnearArticle, st: Statement, cue_at: int) -> str:
    """How an unmatched statement relates to the gold attributions of its article."""
    same_cue = [a for a in art.attributions if any(s <= cue_at < e for s, e in a.cue)]
    if not same_cue:
        overlapping = [a for a in art.attributions if any(s < st.end and st.start < e for s, e in a.content)]
        return "unmarked cue, inside a gold content" if overlapping else "unmarked cue"
    spans = [(min(s for s, _ in a.content), max(e for _, e in a.content)) for a in same_cue if a.content]
    if any(s >= st.start and e <= st.end for s, e in spans):
        return "gold cue, content too long"
    if any(s <= st.start and st.end <= e for s, e in spans):
        return "gold cue, content too short"
    if any(s < st.end and st.start < e for s, e in spans):
        return "gold cue, content shifted"
    return "gold cue, content elsewhere"


def cue_offset(art: polnear.PolnearArticle, st: Statement) -> int:
    """Where the statement's cue is written: the nearest occurrence of its word to the content."""
    text, word = art.text, st.cue
    lo, hi = max(0, (st.sentence_start or st.start) - 1), (st.sentence_end or st.end) + 1
    hits = [i for i in range(lo, hi) if text.startswith(word, i) and not st.start <= i < st.end]
    return min(hits, key=lambda i: min(abs(i - st.start), abs(i - st.end)), default=-1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default="", help="print the unmatched statements of this class")
    ap.add_argument("--cue", default="", help="only statements with this cue word (lower case)")
    args = ap.parse_args()
    articles, docs = polnear.parsed("dev")
    cues = load_cues()
    classes: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    words: collections.Counter[str] = collections.Counter()
    total = 0
    for art, doc in zip(articles, docs, strict=True):
        statements = extract(doc, Article(source=art.stem + ".txt", text=art.text), cues)
        total += len(statements)
        gold = [" ".join(art.text[s:e] for s, e in a.content) for a in art.attributions]
        for st in statements:
            if any(token_f1(g, st.content) >= MATCH for g in gold):
                continue
            if args.cue and st.cue.lower() != args.cue:
                continue
            cls = relation(art, st, cue_offset(art, st))
            classes[cls] += 1
            kinds[f"{st.kind}/{st.mode}"] += 1
            words[st.cue.lower()] += 1
            if cls == args.examples:
                best = max(gold, key=lambda g: token_f1(g, st.content), default="")
                print(f"{st.kind}/{st.mode} {st.speaker.name!r} {st.cue!r} :: {st.content[:200]!r}")
                print(f"    best gold {token_f1(best, st.content):.2f}: {best[:200]!r}")
    print(f"{total} statements; {sum(classes.values())} match no gold content:")
    for name, counter in (("relation", classes), ("kind/mode", kinds)):
        print(f"  by {name}: " + ", ".join(f"{k} {n}" for k, n in counter.most_common()))
    print("  by cue: " + ", ".join(f"{k} {n}" for k, n in words.most_common(25)))


if __name__ == "__main__":
    main()
