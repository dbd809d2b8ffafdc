"""The relevance pre-filter: the shipped model on real reports and real other news, the lexicon, the coded skip,
and the pipeline and CLI with --prefilter."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from conftest import SEEDS, SHARED, require
from fieldbrief import Options, analyze
from fieldbrief.cli import app
from fieldbrief.model import Article, Rejection
from fieldbrief.prefilter import RelevanceModel, features, lexicon_features, screen, shipped_model

# Fictional articles written for these tests.
CONFLICT = (
    "Fictional rebels shelled the town of Example on Monday, killing four soldiers, the army said. "
    "Government troops launched a counteroffensive and an airstrike hit a militia base near the frontline."
)
SKIP_CODE = "off-topic"
OTHER = (
    "The Example City council approved a new budget for parks and libraries on Tuesday after a long debate "
    "about property taxes. The mayor said the library will open on Sundays, and the swimming pool will get "
    "a new roof before the summer season."
)


def test_shipped_model_keeps_every_real_conflict_report_of_the_shared_data() -> None:
    """ISAF releases and the seeds (real reports of fighting): none may be skipped."""
    model = shipped_model()
    releases = [json.loads(line)["text"] for line in require(SHARED / "data" / "isaf-dev" / "releases.jsonl").open()]
    seeds = [p.read_text(encoding="utf-8") for p in require(SEEDS).glob("*.txt")]
    missed = [text[:80] for text in releases + seeds if not model.relevant(text)[0]]
    assert not missed, missed


def test_shipped_model_skips_most_political_news_it_never_learned_from() -> None:
    """PolNeAR's dev split (US election news, not conflict; the model never saw it): the skip-rate floor."""
    model = shipped_model()
    texts = [p.read_text(encoding="utf-8") for p in require(SHARED / "data" / "polnear" / "dev" / "text").glob("*.txt")]
    skipped = sum(1 for text in texts if not model.relevant(text)[0])
    assert len(texts) > 50 and skipped / len(texts) >= 0.8, f"{skipped}/{len(texts)}"


def test_scores_order_conflict_above_other_news() -> None:
    model = shipped_model()
    assert model.relevant(CONFLICT)[0]
    keep, score = model.relevant(OTHER)
    assert not keep and 0.0 <= score < model.score(CONFLICT)
    assert model.score("") == 0.0


def test_lexicon_counts_are_features_the_model_weighs() -> None:
    """The number of distinct conflict terms named becomes "#lexicon>=k" features up to the model's levels; they
    count only as much as their learned weights say (here: naming 3 terms is what lifts the score)."""
    terms = frozenset({"airstrike", "troops", "militia"})
    three = "An airstrike hit the militia; troops moved in."
    assert lexicon_features(features(three), terms, 2) == {"#lexicon>=1", "#lexicon>=2"}
    assert lexicon_features(features("An airstrike hit."), terms, 5) == {"#lexicon>=1"}
    learned = RelevanceModel({"#lexicon>=3": 100.0}, -10.0, 0.5, "test", terms, 3)
    assert learned.relevant(three)[0]
    assert not learned.relevant("An airstrike hit the militia.")[0]
    assert not RelevanceModel({"#lexicon>=3": 100.0}, -10.0, 0.5, "test").relevant(three)[0]  # no lexicon: no count


def test_shipped_model_reads_the_lexicon_it_was_trained_with() -> None:
    model = shipped_model()
    assert model.levels > 0 and model.terms
    assert any(name.startswith("#lexicon>=") for name in model.weights)
    assert RelevanceModel.from_json(model.to_json()).levels == model.levels


def test_screen_turns_off_topic_articles_into_coded_rejections_in_place() -> None:
    kept = Article(source="a", text=CONFLICT)
    other = Article(source="b", text=OTHER, title="Council budget")
    rejected = Rejection("c", "empty", "nothing")
    out = screen([kept, other, rejected])
    assert out[0] is kept and out[2] is rejected
    skip = out[1]
    assert isinstance(skip, Rejection) and skip.source == "b" and skip.code == SKIP_CODE
    assert "relevance" in skip.reason and "Council budget" in skip.reason


def test_pipeline_with_prefilter_parses_only_what_is_relevant() -> None:
    outcomes = list(analyze([OTHER, CONFLICT, OTHER], Options(prefilter=True)))
    assert [type(o).__name__ for o in outcomes] == ["Rejection", "Article", "Rejection"]
    assert isinstance(outcomes[1], Article) and outcomes[1].events
    assert all(isinstance(o, Rejection) and o.code == SKIP_CODE for o in (outcomes[0], outcomes[2]))
    # without the pre-filter both are analysed
    assert all(isinstance(o, Article) for o in analyze([OTHER, CONFLICT], Options()))


def test_cli_prefilter_reports_and_stores_the_skipped(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "conflict.txt").write_text(CONFLICT)
    (inputs / "other.txt").write_text(OTHER)
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(inputs), "--prefilter"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [Path(r["source"]).name for r in lines] == ["conflict.txt"]
    assert SKIP_CODE in result.output and "other.txt" in result.output
    db = tmp_path / "store.db"
    result = runner.invoke(app, ["ingest", str(inputs), "--prefilter", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT source, code FROM rejections").fetchall()
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert [(Path(s).name, c) for s, c in rows] == [("other.txt", SKIP_CODE)] and articles == 1
