"""Score event typing on the dev split of our events set (`make eval-events`).

Each dev example (a sentence of ours or of real public-domain text) is analysed by the full pipeline, as a report
of its own; like the held-out set, it is scored by the ACLED sub-event type of its first coded event (the first
event that carries an ACLED type; none when no event does). Prints the weighted F1 over sub-event types and none
(weights: each class's share of the gold labels), the precision of none, the same on the real part alone, the
PLOVER main-type accuracy (first event's type against the label, events only) and a per-class table.

Run: .venv/bin/python dev/events/evaluate.py [--rules-only] [--split dev]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dataset import Example, load  # noqa: E402
from examples import PUBLISHED  # noqa: E402
from labels import NONE  # noqa: E402

from fieldbrief.extract.events import rules_only  # noqa: E402
from fieldbrief.model import Article, Event, RawDocument  # noqa: E402
from fieldbrief.options import Options  # noqa: E402
from fieldbrief.pipeline import Pipeline  # noqa: E402

WEIGHTED_F1_BAR = 0.80
NONE_PRECISION_BAR = 0.85


@dataclass(frozen=True)
class Outcome:
    example: Example
    acled: str  # predicted sub-event type or none
    plover: str  # type of the first event or none


def first_coded(events: list[Event]) -> Event | None:
    return next((e for e in events if e.acled is not None), None)


def predict(examples: list[Example], rules: bool) -> list[Outcome]:
    pipeline = Pipeline(Options(published=PUBLISHED, learn_boilerplate=False))
    if rules:
        rules_only(pipeline.context)
    docs = [RawDocument(source=e.id, text=e.text, published=PUBLISHED) for e in examples]
    out = []
    for example, result in zip(examples, pipeline.run_documents(docs), strict=True):
        events = result.events if isinstance(result, Article) else []
        coded = first_coded(events)
        acled = coded.acled.sub_event_type if coded is not None and coded.acled is not None else NONE
        out.append(Outcome(example, acled, events[0].type if events else NONE))
    return out


def prf(outcomes: list[Outcome], label: str) -> tuple[float, float, float, int]:
    tp = sum(o.acled == label and o.example.label.acled == label for o in outcomes)
    predicted = sum(o.acled == label for o in outcomes)
    gold = sum(o.example.label.acled == label for o in outcomes)
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), gold


def weighted_f1(outcomes: list[Outcome]) -> float:
    support = Counter(o.example.label.acled for o in outcomes)
    total = sum(support.values())
    return sum(prf(outcomes, label)[2] * n / total for label, n in support.items()) if total else 0.0


def plover_accuracy(outcomes: list[Outcome]) -> float:
    events = [o for o in outcomes if o.example.label.plover != NONE]
    return sum(o.plover == o.example.label.plover for o in events) / len(events) if events else 0.0


def report(outcomes: list[Outcome]) -> list[str]:
    real = [o for o in outcomes if o.example.real]
    lines = [
        f"examples {len(outcomes)} ({len(real)} real text, {len(real) / len(outcomes):.0%})",
        f"ACLED sub-event weighted F1 {weighted_f1(outcomes):.3f} (bar {WEIGHTED_F1_BAR}); "
        f"none precision {prf(outcomes, NONE)[0]:.3f} (bar {NONE_PRECISION_BAR}), recall {prf(outcomes, NONE)[1]:.3f}",
        f"real text only: weighted F1 {weighted_f1(real):.3f}; none precision {prf(real, NONE)[0]:.3f}",
        f"PLOVER type of the first event (labelled events): accuracy {plover_accuracy(outcomes):.3f}",
        f"{'class':<38} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}",
    ]
    for label, _ in Counter(o.example.label.acled for o in outcomes).most_common():
        p, r, f, n = prf(outcomes, label)
        lines.append(f"{label:<38} {p:5.2f} {r:5.2f} {f:5.2f} {n:4d}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules-only", action="store_true", help="score the rules without the classifier")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified examples")
    args = parser.parse_args(argv)
    examples = load(args.split)
    if not any(e.real for e in examples):
        sys.stderr.write("evaluate: no real sentences found; run dev/events/build_set.py first\n")
    outcomes = predict(examples, args.rules_only)
    sys.stdout.write("\n".join(report(outcomes)) + "\n")
    wrong = [o for o in outcomes if o.acled != o.example.label.acled]
    for o in wrong[: args.errors]:
        sys.stdout.write(f"  {o.example.label.acled} -> {o.acled}: {o.example.text[:150]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
