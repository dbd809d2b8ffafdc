"""Statements on PolNeAR dev that add nothing to the content score: each matches only gold contents another
statement of the same article matches already (the scorer counts it in precision's denominator only). Counted
by the construction that relates it to the statement it repeats.

    .venv/bin/python dev/redundant_statements.py [--examples CONSTRUCTION]
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


def construction(text: str, st: Statement, other: Statement) -> str:
    """How `st` relates to `other`, a statement matching the same gold content."""
    same = st.speaker.name == other.speaker.name
    first, second = (st, other) if st.start < other.start else (other, st)
    if st.start < other.end and other.start < st.end:
        return "overlap, same speaker" if same else "overlap, other speaker"
    gap = text[first.end : second.start]
    apart = "paragraph" if "\n" in gap else "sentence"
    if first.kind == second.kind == "direct":
        if apart == "sentence" and len(gap) <= 80:
            return "split quote around its attribution" if same else "split quote, other speaker"
        return f"direct quotes, next {apart}" + ("" if same else ", other speaker")
    if first.kind != second.kind and "direct" in (first.kind, second.kind):
        return f"direct + {'indirect' if 'indirect' in (first.kind, second.kind) else 'mixed'} apart"
    return f"{first.kind} + {second.kind} apart, {'same' if same else 'other'} speaker"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default="", help="print the redundant statements of this construction")
    args = ap.parse_args()
    articles, docs = polnear.parsed("dev")
    cues = load_cues()
    counts: collections.Counter[str] = collections.Counter()
    total = 0
    for art, doc in zip(articles, docs, strict=True):
        statements = extract(doc, Article(source=art.stem + ".txt", text=art.text), cues)
        total += len(statements)
        gold = [" ".join(art.text[s:e] for s, e in a.content) for a in art.attributions]
        hits = [{g for g, content in enumerate(gold) if token_f1(content, s.content) >= MATCH} for s in statements]
        # statements that are not needed: greedily, the ones whose gold contents others cover
        needed = list(range(len(statements)))
        for i in sorted(range(len(statements)), key=lambda k: len(statements[k].content)):
            others = set().union(*(hits[j] for j in needed if j != i)) if len(needed) > 1 else set()
            if hits[i] and hits[i] <= others:
                needed.remove(i)
                partner = next(j for j in needed if hits[i] & hits[j])
                kind = construction(art.text, statements[i], statements[partner])
                counts[kind] += 1
                if kind == args.examples:
                    a, b = sorted((statements[i], statements[partner]), key=lambda s: s.start)
                    print(f"{a.kind}/{b.kind} {a.speaker.name!r}/{b.speaker.name!r} ::", end=" ")
                    print(repr(art.text[max(0, a.start - 1) : min(b.end + 1, a.start + 400)]))
    print(f"{total} statements; {sum(counts.values())} repeat a gold content another statement matches:")
    for kind, n in counts.most_common():
        print(f"  {kind}: {n}")


if __name__ == "__main__":
    main()
