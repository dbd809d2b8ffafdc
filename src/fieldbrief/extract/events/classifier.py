"""The learned half of the events stage: per sentence, whether there is an event, of which PLOVER type and mode,
and of which ACLED sub-event type (or none: a disaster, an accident, crime, diplomacy, history, a threat). It
reads the sentences where some trigger word of plover.toml occurs (the rest of an article, most of it, costs
nothing and can make no event).

A linear model (three softmax heads over the features of `features.py`) trained on our labelled set
(dev/events/, `make train-events`); weights, vocabulary and the decision thresholds ship in
fieldbrief/models/events/ with a PROVENANCE file, loaded once per process. The rules keep finding the event
clause, actor, target, status and source; the model decides over their candidates:

- none (confident): the sentence's candidates keep their PLOVER reading but carry no ACLED type; a bare toll the
  model confidently reads as no event at all (an accident, a disaster) is dropped;
- a sub-event: the first candidate whose type can carry it (data/plover.toml [acled_plover]) carries it, with the
  model's mode, and comes first in its sentence; candidates of other types only: the rules' reading stands; no
  candidate at all: a trigger reading the rules' gates held back ("five activists were arrested": no actor) is
  made an event, failing that (and only when very sure) the model's event is read at the sentence's main verb,
  with the rules' arguments and status;
- the candidate of the PLOVER type the model reads comes first in its sentence (the sentence's main event).
Status is never the model's business: denials, plans and hedges stay what the rules read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

NONE = "none"
MODEL_FOLDER = "models/events"
WEIGHTS_FILE = "weights.npz"
VOCABULARY_FILE = "vocabulary.txt"
MODEL_FILE = "model.json"
HEADS = ("acled", "plover", "mode")


@dataclass(frozen=True)
class Head:
    """One softmax over a label set: weights (features x labels) and a bias per label."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return self.softmax(self.weights[rows].sum(axis=0))

    def softmax(self, summed: np.ndarray) -> np.ndarray:
        """The probabilities of the labels, given the sum of the weight rows of a sentence's features."""
        z = self.bias + summed
        z = np.exp(z - z.max())
        out: np.ndarray = z / z.sum()
        return out


@dataclass(frozen=True)
class Reading:
    """The model's reading of one sentence: the most probable label of each head and its probability."""

    acled: str
    acled_p: float
    plover: str
    plover_p: float
    mode: str | None
    mode_p: float

    @property
    def is_event(self) -> bool:
        return self.acled != NONE


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds, chosen on the training set's cross-validation (model.json)."""

    none: float = 0.5  # an ACLED none at least this sure is the reading (and clears the rules' ACLED types)
    new_event: float = 0.5  # a sub-event this sure makes an event of a trigger reading the rules' gates held back
    # a sub-event this sure makes an event at a sentence's main verb where no trigger word is: strict, for in a long
    # article most sentences are no event (fixed, not tuned: training sentences are events more often than not)
    new_root: float = 0.8
    drop: float = 0.85  # a PLOVER none this sure (with an ACLED none) drops the rules' candidates
    agree: float = 0.5  # the PLOVER head must agree this surely before the model reads an event at a main verb
    mode: float = 0.5  # a mode this sure fills the main event's mode


@dataclass(frozen=True)
class EventModel:
    vocabulary: dict[str, int]
    heads: dict[str, Head]
    thresholds: Thresholds
    metadata: dict[str, Any]
    _stacked: np.ndarray = field(init=False, repr=False, compare=False)
    _columns: dict[str, tuple[int, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the heads' weights side by side: one gather and one sum of a sentence's rows serve all three (the
        # rows are added in the same order, column by column, so each head's sums are the same to the bit)
        names = tuple(self.heads)
        stacked = np.ascontiguousarray(np.hstack([self.heads[n].weights for n in names]))
        ends = np.cumsum([self.heads[n].weights.shape[1] for n in names]).tolist()
        columns = {n: (end - self.heads[n].weights.shape[1], end) for n, end in zip(names, ends, strict=True)}
        object.__setattr__(self, "_stacked", stacked)
        object.__setattr__(self, "_columns", columns)

    def read(self, features: Sequence[str]) -> Reading:
        vocabulary = self.vocabulary
        rows = np.array([i for f in features if (i := vocabulary.get(f)) is not None], dtype=np.int64)
        summed = self._stacked[rows].sum(axis=0)
        acled = self.heads["acled"]
        acled_p_all = acled.softmax(self._part(summed, "acled"))
        acled_label, acled_p = decide_acled(acled.labels, acled_p_all, self.thresholds.none)
        plover, plover_p = self._best("plover", summed)
        mode, mode_p = self._best("mode", summed)
        return Reading(acled_label, acled_p, plover, plover_p, None if mode == NONE else mode, mode_p)

    def _part(self, summed: np.ndarray, name: str) -> np.ndarray:
        start, end = self._columns[name]
        part: np.ndarray = summed[start:end]
        return part

    def _best(self, name: str, summed: np.ndarray) -> tuple[str, float]:
        head = self.heads[name]
        p = head.softmax(self._part(summed, name))
        k = int(p.argmax())
        return head.labels[k], float(p[k])


def decide_acled(labels: Sequence[str], p: np.ndarray, none_threshold: float) -> tuple[str, float]:
    """None when its probability reaches the threshold; otherwise the most probable sub-event type."""
    k_none = labels.index(NONE)
    if p[k_none] >= none_threshold:
        return NONE, float(p[k_none])
    q = p.copy()
    q[k_none] = -1.0
    k = int(q.argmax())
    return labels[k], float(p[k])


def load_model() -> EventModel | None:
    """The shipped model, or None when the package carries no weights (the rules alone then decide)."""
    folder = resources.files("fieldbrief").joinpath(MODEL_FOLDER)
    if not folder.joinpath(MODEL_FILE).is_file():
        return None
    meta = json.loads(folder.joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    vocabulary = folder.joinpath(VOCABULARY_FILE).read_text(encoding="utf-8").split("\n")
    arrays = np.load(io.BytesIO(folder.joinpath(WEIGHTS_FILE).read_bytes()))
    heads = {
        name: Head(
            tuple(meta["labels"][name]),
            arrays[f"{name}_weights"].astype(np.float32),
            arrays[f"{name}_bias"].astype(np.float32),
        )
        for name in HEADS
    }
    return EventModel(
        {f: i for i, f in enumerate(vocabulary)},
        heads,
        Thresholds(**meta.get("thresholds", {})),
        meta.get("metadata", {}),
    )


def save_model(
    folder: Any, vocabulary: Sequence[str], heads: dict[str, Head], thresholds: Thresholds, metadata: dict[str, Any]
) -> None:
    """Write a model where `load_model` reads it (used by dev/events/train.py); weights as float16."""
    arrays = {}
    for name, head in heads.items():
        arrays[f"{name}_weights"] = head.weights.astype(np.float16)
        arrays[f"{name}_bias"] = head.bias.astype(np.float16)
    np.savez_compressed(folder / WEIGHTS_FILE, **arrays)  # type: ignore[arg-type]
    (folder / VOCABULARY_FILE).write_text("\n".join(vocabulary), encoding="utf-8")
    meta = {
        "labels": {name: list(head.labels) for name, head in heads.items()},
        "thresholds": thresholds.__dict__,
        "metadata": metadata,
    }
    (folder / MODEL_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
