"""Compare trafilatura's extraction with and without its readability/jusText comparison (`fast`) on the
scrapinghub article-extraction-benchmark: mean token F1 of the text against the benchmark's `articleBody`, CPU
seconds, and the pages whose text differs. read/html.py extracts with fast=True on the strength of this.

    git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/aeb   (MIT licence; 181 pages)
    .venv/bin/python dev/html_extraction.py /tmp/aeb

Nothing of the benchmark enters the project; token F1 is score.py html's (lower-cased word tokens).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import time
from pathlib import Path

import trafilatura

from fieldbrief.read.page_parse import page_tree

WORD = re.compile(r"\w+")


def token_f1(got: str, expected: str) -> float:
    a, b = collections.Counter(WORD.findall(got.lower())), collections.Counter(WORD.findall(expected.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("benchmark", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark")
    args = ap.parse_args()
    truth = json.loads((args.benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    seconds = {False: 0.0, True: 0.0}
    scores: dict[bool, list[float]] = {False: [], True: []}
    differing = []
    for key, expected in sorted(truth.items()):
        html = gzip.decompress((args.benchmark / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        tree = page_tree(html)[0]
        if tree is None:
            continue
        texts = {}
        for fast in (False, True):
            started = time.process_time()
            result = trafilatura.bare_extraction(
                tree, with_metadata=False, include_comments=False, include_tables=True, as_dict=False, fast=fast
            )
            seconds[fast] += time.process_time() - started
            texts[fast] = (result.text if result and not isinstance(result, dict) else "") or ""
            scores[fast].append(token_f1(texts[fast], expected.get("articleBody", "")))
        if texts[False] != texts[True]:
            differing.append(f"  {key[:12]}: F1 {scores[False][-1]:.3f} -> {scores[True][-1]:.3f}")
    n = len(scores[False])
    for fast in (False, True):
        mean = sum(scores[fast]) / max(n, 1)
        print(f"fast={fast}: {n} pages, mean token F1 {mean:.4f}, {seconds[fast]:.2f} CPU s")
    print(f"{len(differing)} pages differ (without -> with fast):", *differing, sep="\n")


if __name__ == "__main__":
    main()
