"""The events set itself (dev/events): its label files parse, the dev split meets its size and real-text share,
every ACLED sub-event type and none is in both splits, and the real sentences re-created from ../shared match
the keys we labelled."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "dev" / "events"))  # a script folder, not a package

from build_set import SHARED, build, is_dev, read_labels  # noqa: E402
from dataset import read_own  # noqa: E402
from labels import NONE, SUB_EVENT_TYPES, parse_label  # noqa: E402
from segment import key, sentences  # noqa: E402


def _real_split_counts() -> Counter[str]:
    rows = read_labels()
    order: dict[str, int] = {}
    for row in rows:
        if row["source"] == "voa":
            order.setdefault(row["doc"], len(order))
    return Counter("dev" if is_dev(r["source"], r["doc"], order) else "train" for r in rows)


def test_the_dev_split_is_large_enough_and_mostly_real() -> None:
    own_dev = read_own("dev")
    real = _real_split_counts()
    total = len(own_dev) + real["dev"]
    assert total >= 600
    assert real["dev"] / total >= 0.40


def test_every_sub_event_type_and_none_in_both_splits() -> None:
    labels = {row["label"] for row in read_labels()}
    for split in ("train", "dev"):
        seen = {e.label.acled for e in read_own(split)} | {parse_label(lab).acled for lab in labels}
        assert seen >= set(SUB_EVENT_TYPES) | {NONE}, set(SUB_EVENT_TYPES) - seen
        assert len({e.label.acled for e in read_own(split)}) == len(SUB_EVENT_TYPES) + 1


def test_real_sentences_are_recreated_from_shared_with_matching_keys() -> None:
    rows = list(build(SHARED, {}))  # ISAF and PLOVER records, from ../shared
    wanted = [r for r in read_labels() if r["source"] != "voa"]
    assert len(rows) == len(wanted)
    assert all(key(r["text"]) == w["key"] for r, w in zip(rows, wanted, strict=True))


def test_sentence_keys_are_stable() -> None:
    text = (
        "KABUL, Afghanistan (Jan. 25, 2013)\nForces detained two men in Kuma.\u2028"
        "The U.S. Army said they were held. No."
    )
    spans = [text[a:b] for a, b in sentences(text)]
    assert spans == ["Forces detained two men in Kuma.", "The U.S. Army said they were held."]
    assert key("  two  words ") == key("two words")
