"""The benchmark's inputs and figures (its speed goals are read by people from `make bench`, never asserted)."""

from __future__ import annotations

from fieldbrief.bench import BenchResult, generated_articles, memory_profile, mixed_stream


def test_mixed_stream_has_the_asked_share_of_conflict_spread_through_it() -> None:
    stream, conflict, sources = mixed_stream(0.1)
    assert 0.08 <= conflict / len(stream) <= 0.12 and "ISAF" in sources
    positions = [i for i, d in enumerate(stream) if d.source.startswith("isaf:") or "seeds" in d.source]
    assert len(positions) == conflict and positions[0] < len(stream) / 5 and positions[-1] > len(stream) * 0.7


def test_generated_articles_are_distinct_and_made_one_at_a_time() -> None:
    articles = generated_articles(300)
    assert not isinstance(articles, list)
    texts = [a.text for a in articles]
    assert len(texts) == 300 and len(set(texts)) == 300


def test_peak_memory_does_not_follow_the_number_of_articles() -> None:
    """Streaming: four times the articles, about the same peak (a fresh process each, once its caches are warm)."""
    peaks = memory_profile((100, 400))
    assert set(peaks) == {100, 400} and peaks[100] > 100
    assert peaks[400] < peaks[100] + 30, peaks


def test_the_report_accounts_for_the_whole_full_run() -> None:
    """Steps + what lies outside them = the full run; the parse inside the run is set against spaCy alone."""
    result = BenchResult(
        articles=10,
        tokens=1000,
        spacy_seconds=4.0,
        full_seconds=6.0,
        stage_seconds={"read+clean": 0.5, "spacy": 4.5, "events": 0.75},
        peak_rss_mb=500.0,
        workers=1,
    )
    figures = result.to_json()
    assert figures["parse_in_run_minus_spacy_alone_seconds"] == 0.5
    assert figures["unattributed_seconds"] == 0.25
    assert "outside" in result.render() and "+12.50 % of spaCy alone" in result.render()


def test_with_several_workers_cpu_and_wall_seconds_are_not_mixed() -> None:
    result = BenchResult(10, 1000, 4.0, 6.0, {"spacy": 8.0}, 500.0, workers=2)
    assert "unattributed_seconds" not in result.to_json() and "outside" not in result.render()
