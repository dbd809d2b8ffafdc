"""Shared fixtures: the model and a stage context, the seeds analysed once per session, the shared gold, and
paths to the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from fieldbrief.extract.statements import Cues, extract, load_cues
from fieldbrief.model import Article, Statement
from fieldbrief.nlp import load
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.stage import Context

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
HTML = SHARED / "corpus" / "html"
GOLD = SHARED / "gold" / "seeds.json"


def require(path: Path) -> Path:
    """The shared corpus is part of CI's checkout; its absence is an error, not a skip."""
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: tests need ../shared beside the checkout")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The spaCy model with our entity rules, for tests of one stage."""
    return load(Options().model)


@pytest.fixture(scope="module")
def cues() -> Cues:
    """The statements stage's cue lists (data/cues.toml)."""
    return load_cues()


def statements_of(nlp: Language, cues: Cues, text: str) -> list[Statement]:
    """The statements stage on one text, each statement's content checked against its offsets."""
    found = extract(nlp(text), Article(source="test", text=text), cues)
    for st in found:
        assert text[st.start : st.end] == st.content
    return found


def said_by(nlp: Language, cues: Cues, text: str) -> list[tuple[str, str]]:
    """(speaker name, content) of each statement of one text (`statements_of`)."""
    return [(s.speaker.name, s.content) for s in statements_of(nlp, cues, text)]


@pytest.fixture(scope="module")
def ctx() -> Context:
    """A stage's context with the default options."""
    return Context(Options())


@pytest.fixture(scope="session")
def seed_articles(pipeline: Pipeline) -> dict[str, Article]:
    outcomes = list(pipeline.run_paths([str(require(SEEDS))]))
    articles = {Path(a.source).name: a for a in outcomes if isinstance(a, Article)}
    assert len(articles) == 2, outcomes
    return articles


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(require(GOLD).read_text(encoding="utf-8"))["documents"]
    return gold


@pytest.fixture(scope="session")
def seeds_gold_all() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(require(GOLD).read_text(encoding="utf-8"))
    return gold
