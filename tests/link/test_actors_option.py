"""A user actor dictionary (`--actors FILE`) reaches linking: entities, perpetrators and the stored links follow it.
The article and the group are FICTIONAL."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from fieldbrief.cli import app
from fieldbrief.corpus import link_version, linked_corpus
from fieldbrief.link import link_corpus
from fieldbrief.model import Article, RawDocument
from fieldbrief.pipeline import Pipeline
from fieldbrief.store import Store

TEXT = (
    "The Crimson Lotus claimed responsibility for the ambush of an army convoy near Menaka on Tuesday, "
    "in a statement posted online."
)
USER = """
[[actor]]
code = "CLF"
name = "Crimson Lotus Front"
aliases = ["Crimson Lotus"]
country = "ML"
type = "rebel group"
"""


def test_a_user_dictionary_names_an_actor_the_shipped_one_lacks(tmp_path: Path, pipeline: Pipeline) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text(USER, encoding="utf-8")
    articles = [
        a
        for a in pipeline.run_documents([RawDocument("f.txt", TEXT, outlet="Kestrel Post", published="2034-10-09")])
        if isinstance(a, Article)
    ]
    shipped = link_corpus(articles)
    assert not [e for e in shipped.entities if e.actor == "CLF"]
    user = link_corpus(articles, actors)
    assert [e.name for e in user.entities if e.actor == "CLF"] == ["Crimson Lotus Front"]


def test_stored_links_follow_the_actor_dictionary(tmp_path: Path, pipeline: Pipeline) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text(USER, encoding="utf-8")
    db = tmp_path / "fb.db"
    with Store(db) as store:
        for article in pipeline.run_documents([RawDocument("f.txt", TEXT, published="2034-10-09")]):
            assert isinstance(article, Article)
            store.add(article, pipeline.provenance)
        linked_corpus(store)
        assert store.links_are_current(link_version()) and not store.links_are_current(link_version(actors))
        corpus = linked_corpus(store, actors)
        assert store.links_are_current(link_version(actors))
    assert [e.actor for e in corpus.entities if e.name == "Crimson Lotus Front"] == ["CLF"]
    result = CliRunner().invoke(app, ["claims", "--db", str(db), "--actors", str(actors)])
    assert result.exit_code == 0, result.output
