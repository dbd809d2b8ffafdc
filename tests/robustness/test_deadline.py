"""Per-step time limits: a step past its deadline is stopped; loading a shared resource does not count."""

from __future__ import annotations

import contextlib
import time

import pytest

from fieldbrief.deadline import Timeout, deadline, paused
from fieldbrief.model import Article, RawDocument
from fieldbrief.options import Limits, Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.stage import Context, Stage


def test_a_step_past_its_deadline_is_stopped_even_inside_except_exception() -> None:
    started = time.monotonic()
    with pytest.raises(Timeout), deadline(0.2):
        while True:
            with contextlib.suppress(Exception):  # a stage's own broad except cannot swallow the timeout
                time.sleep(0.01)
    assert time.monotonic() - started < 2


def test_loading_a_resource_pauses_the_clock() -> None:
    context = Context(Options())
    with deadline(0.3):
        value = context.resource("slow", lambda: time.sleep(0.6) or 42)  # type: ignore[func-returns-value]
    assert value == 42


def test_a_slow_stage_becomes_an_error_on_its_article_and_adds_nothing() -> None:
    def slow(doc: object, article: Article, context: Context) -> None:
        article.times.append(article.times[0] if article.times else None)  # type: ignore[arg-type]
        while True:
            time.sleep(0.01)

    quick = Pipeline(Options(limits=Limits(max_stage_seconds=1)))
    quick.stages = (*quick.stages[:1], Stage("slow", "1", slow), *quick.stages[1:])
    text = "Fictional militia fighters attacked a checkpoint in the town of Example on Monday, officials said."
    [article] = list(quick.run_documents([RawDocument(source="t", text=text)]))
    assert isinstance(article, Article)
    assert [e.stage for e in article.errors] == ["slow"] and "max_stage_seconds" in article.errors[0].error
    assert None not in article.times and article.statements  # the later stages still ran


def test_paused_outside_a_deadline_is_harmless() -> None:
    with paused():
        pass
