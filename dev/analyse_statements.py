"""Error analysis of the learned tagger on PolNeAR dev: cue recall/precision by lemma, content choice given gold cues.

.venv/bin/python dev/analyse_statements.py build/try1
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_statements import Split, token_f1  # noqa: E402

from fieldbrief.extract.statements import tagger as learned  # noqa: E402


def load(folder: Path) -> learned.TaggerWeights:
    return learned.load_weights_from(folder)


def main() -> None:
    w = load(Path(sys.argv[1]))
    dev = Split("dev")
    cut = np.log(w.cue_threshold / (1 - w.cue_threshold))
    fn, fp, tp = collections.Counter(), collections.Counter(), collections.Counter()
    allscores = []
    chosen_ok = avail = total = 0
    kinds_ok, kinds_bad = collections.Counter(), collections.Counter()
    for k, doc in enumerate(dev.docs):
        lg = learned.cue_logits(doc, dev.arrays[k], w)
        gold = dev.gold_cues[k]
        for i in range(len(doc)):
            allscores.append((lg[i], i in gold))
            if i in gold and lg[i] < cut:
                fn[doc[i].lemma_.lower()] += 1
            elif i in gold:
                tp[doc[i].lemma_.lower()] += 1
            elif lg[i] >= cut:
                fp[doc[i].lemma_.lower()] += 1
        for i, contents in gold.items():
            cue = doc[i]
            cands = learned.candidates(doc, cue, dev.indexes[k], dev.quotes[k])
            total += 1
            if not cands:
                continue
            f1 = [max(token_f1(g, doc[c.start : c.end].text) for g in contents) for c in cands]
            avail += max(f1) >= 0.5
            scores = [
                float(
                    w.content_weights[
                        [
                            h & w.mask
                            for h in learned.content_feature_ids(
                                doc, cue, c, dev.arrays[k], (cue.sent.start, cue.sent.end)
                            )
                        ]
                    ].sum()
                )
                for c in cands
            ]
            j = int(np.argmax(scores))
            chosen_ok += f1[j] >= 0.5
            (kinds_ok if f1[j] >= 0.5 else kinds_bad)[cands[j].kinds[0]] += 1
    allscores.sort(key=lambda x: -x[0])
    ngold = sum(g for _, g in allscores)
    for r in (0.8, 0.85, 0.9, 0.95, 0.97):
        hit = 0
        for n, (s, g) in enumerate(allscores):
            hit += g
            if hit >= r * ngold:
                cut = 1 / (1 + np.exp(-s))
                print(f"cue recall {r}: {n + 1} tokens selected, precision {hit / (n + 1):.3f}, p >= {cut:.3f}")
                break
    print("missed cue lemmas:", fn.most_common(40))
    print("false cue lemmas:", fp.most_common(40))
    print(f"content given gold cue: chosen right {chosen_ok}/{total}, a right one offered {avail}/{total}")
    print("chosen kinds right:", kinds_ok.most_common(20))
    print("chosen kinds wrong:", kinds_bad.most_common(20))


if __name__ == "__main__":
    main()
