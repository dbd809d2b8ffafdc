"""--workers N: the same output in the same order as one process, the model loaded only in the workers, and a
worker that dies costing only its batch (as coded rejections)."""

from __future__ import annotations

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from conftest import SEEDS, require
from fieldbrief import Options, Pipeline, analyze
from fieldbrief.model import Article, RawDocument, Rejection
from fieldbrief.parallel import WorkerPool

# Fictional articles written for these tests.
STORIES = [
    f"Fictional militia fighters attacked checkpoint {i} outside the town of Example on Monday, a regional "
    "official said. The army said it had repelled the attack and two soldiers were wounded."
    for i in range(5)
]


def _inputs() -> list[RawDocument]:
    seeds = [RawDocument(source=p.name, text=p.read_text(encoding="utf-8")) for p in sorted(require(SEEDS).glob("*"))]
    fictional = [RawDocument(source=f"story-{i}", text=t) for i, t in enumerate(STORIES)]
    return [fictional[0], seeds[0], RawDocument(source="empty", text="  "), *fictional[1:], seeds[1]]


def test_workers_give_the_same_records_in_the_same_order() -> None:
    one = [o.to_json() for o in analyze(_inputs(), Options(workers=1))]
    two = [o.to_json() for o in analyze(_inputs(), Options(workers=2))]
    assert [o["source"] for o in two] == [o["source"] for o in one]
    assert json.dumps(two, sort_keys=True) == json.dumps(one, sort_keys=True)
    assert one[2]["code"] == "empty"  # the rejection keeps its place


def test_with_workers_the_main_process_loads_no_model() -> None:
    pipeline = Pipeline(Options(workers=2))
    outcomes = list(pipeline.run_documents(_inputs()[:2]))
    assert all(isinstance(o, Article) for o in outcomes)
    assert "nlp" not in pipeline.__dict__  # the parse ran in the workers, each with its own model
    assert pipeline.timings.seconds["spacy"] > 0  # the workers' timings come back


def test_a_dead_worker_costs_only_its_batch_as_internal_error_rejections() -> None:
    pool = WorkerPool.__new__(WorkerPool)  # only _collect is exercised: no processes needed
    batch: list[Article | Rejection] = [Article(source="a", text=STORIES[0]), Rejection("b", "empty", "nothing")]
    future: Future[tuple[list[Article | Rejection], dict[str, float]]] = Future()
    future.set_exception(BrokenProcessPool("killed"))
    out = pool._collect(batch, future, Pipeline(Options()))
    assert isinstance(out[0], Rejection) and out[0].code == "internal-error" and out[0].source == "a"
    assert out[1] is batch[1]
