"""Stores and clients for the web app's tests: the seeds (analysed once per session, linked in full), a synthetic
store of fictional articles, and a FastAPI TestClient over a fresh copy of either."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fieldbrief.corpus import linked_corpus
from fieldbrief.model import Article
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store
from fieldbrief.web import create_app
from fieldbrief.web.synthetic import fill_store
from web.web_helpers import copy_store

SYNTHETIC_ARTICLES = 300


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seed_articles: dict[str, Article], pipeline: Pipeline) -> Path:
    """The two seed articles stored and linked (as `fieldbrief ingest` then `fieldbrief claims` leave them)."""
    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with Store(path) as store:
        for article in seed_articles.values():
            store.add(article, pipeline.provenance)
        linked_corpus(store)
    return path


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "synthetic.db"
    with Store(path) as store:
        fill_store(store, SYNTHETIC_ARTICLES, seed=7)
    return path


@pytest.fixture
def seeds_copy(seeds_db: Path, tmp_path: Path) -> Path:
    return copy_store(seeds_db, tmp_path)


@pytest.fixture
def client(seeds_copy: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    """The app over a copy of the seeds store; jobs use the session's pipeline (spaCy loaded once)."""
    app = create_app(seeds_copy, pipeline_factory=lambda: pipeline, max_upload_bytes=200_000)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def synthetic_client(synthetic_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(copy_store(synthetic_db, tmp_path), link_on_start=False)
    with TestClient(app) as test_client:
        yield test_client
