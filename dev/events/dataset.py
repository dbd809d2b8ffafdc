"""The labelled examples of the events set: our own sentences (data/own_*.txt) and the real-text sentences
re-created by build_set.py (../devsets/events/real.jsonl by default)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from labels import Label, parse_label

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
REAL = Path(os.environ.get("EVENTS_REAL", HERE.parents[1].parent / "devsets" / "events" / "real.jsonl"))


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: Label
    source: str  # own | isaf | gsr | voa
    split: str  # train | dev

    @property
    def real(self) -> bool:
        return self.source != "own"


def read_own(split: str) -> list[Example]:
    out = []
    path = DATA / f"own_{split}.txt"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        spec, text = line.split(" | ", 1)
        out.append(Example(f"own-{split}:{n}", text.strip(), parse_label(spec), "own", split))
    return out


def read_real(path: Path = REAL) -> list[Example]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append(Example(row["id"], row["text"], parse_label(row["label"]), row["source"], row["split"]))
    return out


def load(split: str, real: Path = REAL) -> list[Example]:
    """Every example of a split: ours, then the real ones (when build_set.py has been run)."""
    return read_own(split) + [e for e in read_real(real) if e.split == split]
