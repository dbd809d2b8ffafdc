"""A development check of event typing on labelled stories (one PLOVER type per story).

The data: ../shared/data/plover/synthetic_events.csv.zip (4,500 synthetic stories from ahalterman/NGEC-2025,
MIT; every row is labelled with one PLOVER type and, for about half, a mode). For each story we analyse its
lead (the first few sentences, where news states its main event) and compare the events found with the label:

- coverage: share of stories with at least one event;
- accuracy: share of covered stories whose main event (the first one in the text) has the label's type;
- recall@any: share of all stories where some event has the label's type;
- a confusion matrix label -> main type ("-" for none).

Run: ``.venv/bin/python dev/events/synthetic_eval.py ../shared/data/plover/synthetic_events.csv.zip --per-type 60``.
Synthetic stories are a dev set, not a benchmark: use the confusions to find missing or wrong readings.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldbrief.model import Article, Event, RawDocument

NO_EVENT = "-"
LEAD_SENTENCES = 3
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d']?\s+(?=[\"\u201c']?[A-Z])")
PLACEHOLDER = re.compile(r"\{[a-z_]+\d*\}")  # the stories' templating slots ("{country_1}")


@dataclass(frozen=True)
class Story:
    text: str
    label: str
    mode: str | None = None


@dataclass
class Report:
    total: int = 0
    covered: int = 0
    correct: int = 0
    any_hit: int = 0
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def coverage(self) -> float:
        return self.covered / self.total if self.total else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.covered if self.covered else 0.0

    @property
    def recall_any(self) -> float:
        return self.any_hit / self.total if self.total else 0.0

    def add(self, label: str, events: Sequence[Event]) -> None:
        main = main_event(events)
        self.total += 1
        self.covered += main is not None
        self.correct += main is not None and main.type == label
        self.any_hit += any(e.type == label for e in events)
        self.confusion[label][main.type if main else NO_EVENT] += 1

    def lines(self) -> Iterator[str]:
        yield (
            f"stories {self.total}  coverage {self.coverage:.3f}  main-type accuracy {self.accuracy:.3f}  "
            f"recall@any {self.recall_any:.3f}"
        )
        for label in sorted(self.confusion):
            row = self.confusion[label]
            n = sum(row.values())
            top = ", ".join(f"{k} {v}" for k, v in row.most_common(5))
            yield f"  {label:<10} n={n:<4} right {row[label] / n:.2f}  none {row[NO_EVENT] / n:.2f}  | {top}"


def main_event(events: Sequence[Event]) -> Event | None:
    """The story's main event: the first one in the text that is not denied."""
    kept = [e for e in events if e.status != "denied"] or list(events)
    return min(kept, key=lambda e: e.start) if kept else None


def lead(text: str, sentences: int = LEAD_SENTENCES) -> str:
    """The first sentences of a story, on one paragraph, with template slots made neutral."""
    flat = " ".join(PLACEHOLDER.sub("the country", text).split())
    return " ".join(SENTENCE_END.split(flat)[:sentences])


def read_stories(path: Path) -> list[Story]:
    """The stories of the synthetic CSV (inside its zip or unpacked)."""
    csv.field_size_limit(1 << 26)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            name = next(n for n in zf.namelist() if n.endswith(".csv"))
            raw = zf.read(name).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return [Story(r["text"], r["label"].strip().upper(), (r.get("mode") or "").strip() or None) for r in rows]


def sample(stories: Sequence[Story], per_type: int | None, seed: int = 13) -> list[Story]:
    """Up to `per_type` stories of each label (all with None), in a fixed random order."""
    if per_type is None:
        return list(stories)
    rng = random.Random(seed)
    by_label: dict[str, list[Story]] = defaultdict(list)
    for s in stories:
        by_label[s.label].append(s)
    out: list[Story] = []
    for label in sorted(by_label):
        pool = by_label[label][:]
        rng.shuffle(pool)
        out.extend(pool[:per_type])
    return out


def evaluate(stories: Iterable[Story], articles: Iterable[Article | object]) -> Report:
    report = Report()
    for story, article in zip(stories, articles, strict=True):
        report.add(story.label, article.events if isinstance(article, Article) else [])
    return report


def main(argv: Sequence[str] | None = None) -> int:
    from fieldbrief.pipeline import Pipeline  # the spaCy load only when run as a tool

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--per-type", type=int, default=None, help="stories per label (default: all)")
    parser.add_argument("--sentences", type=int, default=LEAD_SENTENCES)
    args = parser.parse_args(argv)
    stories = sample(read_stories(args.data), args.per_type)
    docs = [RawDocument(source=f"story-{i}", text=lead(s.text, args.sentences)) for i, s in enumerate(stories)]
    report = evaluate(stories, Pipeline().run_documents(docs))
    sys.stdout.write("\n".join(report.lines()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
