#!/usr/bin/env python3
"""Score cross-article linking on a multi-outlet dev set kept outside the repository.

    .venv/bin/python scripts/score_multi_outlet.py /work/devsets/multi-outlet [--verbose]

The directory holds `articles.jsonl` (fieldbrief input: url, outlet, published, text) and `manifest.json` with the
known disagreements (two positions, each a list of [item id, exact evidence quote]) and the known copies (groups of
item ids). Items are matched to analysed articles by URL.

Scored as the held-out multi-outlet corpus is:
- a disagreement is *held apart* when one contested claim has members on the evidence of both positions, all members
  on the evidence of one position on one side and all on the other position's evidence on the other side;
- a contested claim that holds no known disagreement apart is *no disagreement*;
- a copy group is *collapsed* when all its items share one origin; two items of one origin outside any labelled
  group are a *false merge*;
- a corroborated claim with members on the evidence of both positions of one disagreement is a *false corroboration*.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Claim, ClaimMember, Corpus
from fieldbrief.pipeline import Pipeline


def spans(article: Article, quotes: list[str]) -> list[tuple[int, int]]:
    out = []
    for quote in quotes:
        at = article.text.find(quote)
        if at < 0:
            at = article.text.replace("\u2019", "'").find(quote)
        if at >= 0:
            out.append((at, at + len(quote)))
    return out


def on(member: ClaimMember, evidence: dict[str, list[tuple[int, int]]]) -> bool:
    return any(s < member.end and member.start < e for s, e in evidence.get(member.article_id, []))


def evidence_of(position: list[list[str]], article_of: dict[str, Article]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for item, quote in position:
        article = article_of.get(item)
        if article is not None:
            out.setdefault(article.id, []).extend(spans(article, [quote]))
    return out


def holds_apart(claim: Claim, a: dict[str, list[tuple[int, int]]], b: dict[str, list[tuple[int, int]]]) -> bool:
    sides_a = {m.side for m in claim.members if on(m, a) and not on(m, b)}
    sides_b = {m.side for m in claim.members if on(m, b) and not on(m, a)}
    return len(sides_a) == 1 and len(sides_b) == 1 and sides_a != sides_b


def score(corpus: Corpus, manifest: dict[str, Any], article_of: dict[str, Article], verbose: bool) -> dict[str, Any]:
    contested = [c for c in corpus.claims if c.status == "contested"]
    used: set[str] = set()
    held = []
    for d in manifest["disagreements"]:
        a, b = evidence_of(d["a"], article_of), evidence_of(d["b"], article_of)
        hits = [c for c in contested if holds_apart(c, a, b)]
        used.update(c.id for c in hits)
        held.append((d, bool(hits)))
        false_corr = [
            c
            for c in corpus.claims
            if c.status == "corroborated" and any(on(m, a) for m in c.members) and any(on(m, b) for m in c.members)
        ]
        d["_false_corroborations"] = len(false_corr)
    stray = [c for c in contested if c.id not in used]
    origin_of = {aid: o.id for o in corpus.origins for aid in o.article_ids}
    item_of = {a.id: item for item, a in article_of.items()}
    collapsed = [g for g in manifest["copies"] if len({origin_of[article_of[i].id] for i in g if i in article_of}) == 1]
    group_of = {i: n for n, g in enumerate(manifest["copies"]) for i in g}
    false_merges = []
    for o in corpus.origins:
        items = sorted(item_of[a] for a in o.article_ids if a in item_of)
        for x, i in enumerate(items):
            for j in items[x + 1 :]:
                if group_of.get(i) is None or group_of.get(i) != group_of.get(j):
                    false_merges.append((i, j))
    by_type: dict[str, list[int]] = {}
    for d, ok in held:
        by_type.setdefault(d["type"], [0, 0])
        by_type[d["type"]][0] += ok
        by_type[d["type"]][1] += 1
    if verbose:
        for d, ok in held:
            print(f"{'HELD' if ok else 'MISS'}  {d['id']:<24} {d['type']:<12} {d['what']}")
        for c in stray:
            outlets = [(m.side, m.outlet) for m in c.members][:6]
            print(f"NO DISAGREEMENT  [{c.dispute if hasattr(c, 'dispute') else c.kind}] {c.summary[:110]} {outlets}")
        for i, j in false_merges:
            print(f"FALSE MERGE  {i} ~ {j}")
        for g in manifest["copies"]:
            if g not in collapsed:
                print(f"NOT COLLAPSED  {g}")
    return {
        "disagreements_held_apart": f"{sum(ok for _, ok in held)}/{len(held)}",
        "by_type": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_type.items())},
        "contested_claims": len(contested),
        "contested_no_disagreement": len(stray),
        "copy_groups_collapsed": f"{len(collapsed)}/{len(manifest['copies'])}",
        "false_copy_merges": len(false_merges),
        "false_corroborations": sum(d["_false_corroborations"] for d, _ in held),
        "corroborated_claims": sum(c.status == "corroborated" for c in corpus.claims),
        "origins": len(corpus.origins),
        "articles": len(corpus.articles),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    manifest = json.loads((args.devset / "manifest.json").read_text(encoding="utf-8"))
    url_of = {item["id"]: item["url"] for item in manifest["items"]}
    pipeline = Pipeline()
    articles = [a for a in pipeline.run_paths([str(args.devset / "articles.jsonl")]) if isinstance(a, Article)]
    by_url = {a.url or a.source: a for a in articles}
    article_of = {item: by_url[url] for item, url in url_of.items() if url in by_url}
    missing = sorted(set(url_of) - set(article_of))
    if missing:
        print(f"not analysed (rejected?): {missing}", file=sys.stderr)
    started = time.perf_counter()
    corpus = link_corpus(articles)
    seconds = time.perf_counter() - started
    result = score(corpus, manifest, article_of, args.verbose)
    result["link_seconds"] = round(seconds, 2)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
