"""The multi-outlet sets (tests/link/multi_outlet_sets.py, every report FICTIONAL): each disagreement is held apart
by one contested claim of its type with the two positions on opposite sides and nothing else contested; no
look-alike is contested, copies collapse into one origin, and no corroborated claim joins what may not agree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from multi_outlet_sets import DISAGREEMENTS, LOOK_ALIKES, Report

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Claim, ClaimMember, Corpus, RawDocument
from fieldbrief.pipeline import Pipeline

Analyse = Callable[[tuple[Report, ...]], Corpus]
DISPUTE_TYPES = {"toll", "attackers", "weapon", "perpetrator", "victims", "control", "whereabouts", "occurrence"}
LOOK_ALIKE_KINDS = {"copy", "spun copy", "update", "opposite roles", "different incidents"}


@pytest.fixture(scope="module")
def analyse(pipeline: Pipeline) -> Analyse:
    def run(reports: tuple[Report, ...]) -> Corpus:
        docs = [
            RawDocument(source=f"fictional-{i}.txt", text=t, outlet=o, published=d)
            for i, (o, d, t) in enumerate(reports)
        ]
        articles = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
        assert len(articles) == len(reports)
        return link_corpus(articles)

    return run


def contested(corpus: Corpus) -> list[Claim]:
    return [c for c in corpus.claims if c.status == "contested"]


def show(corpus: Corpus) -> list[str]:
    return [f"{c.dispute}: {c.summary} {[(m.side, m.outlet, m.value) for m in c.members]}" for c in contested(corpus)]


def _mentions(value: str | None, word: str) -> bool:
    return value is not None and word.lower() in value.lower()


def test_the_sets_are_as_large_and_as_varied_as_promised() -> None:
    assert len(DISAGREEMENTS) >= 40 and len(LOOK_ALIKES) >= 20
    assert {d.dispute for d in DISAGREEMENTS.values()} == DISPUTE_TYPES
    assert min(Counter(d.dispute for d in DISAGREEMENTS.values()).values()) >= 3
    assert {x.kind for x in LOOK_ALIKES.values()} == LOOK_ALIKE_KINDS


@pytest.mark.parametrize("name", sorted(DISAGREEMENTS))
def test_a_disagreement_is_one_contested_claim_with_the_positions_apart(analyse: Analyse, name: str) -> None:
    case = DISAGREEMENTS[name]
    corpus = analyse(case.reports)
    claims = contested(corpus)
    assert len(claims) == 1, show(corpus)
    [claim] = claims
    assert claim.dispute == case.dispute, show(corpus)
    sides: list[list[ClaimMember]] = [claim.side("affirms"), claim.side("disputes")]
    if case.one:
        outlets = [{m.outlet for m in side} for side in sides]
        assert sorted(map(sorted, outlets)) == sorted([sorted(case.one), sorted(case.other)]), show(corpus)
    if case.values:
        first, second = case.values
        held = [
            any(_mentions(m.value, first) for m in side) and not any(_mentions(m.value, second) for m in side)
            for side in sides
        ]
        other = [any(_mentions(m.value, second) for m in side) for side in sides]
        assert (held[0] and other[1]) or (held[1] and other[0]), show(corpus)
    assert claim.why and len(claim.sources) >= 2
    for m in claim.members:
        assert corpus.article(m.article_id).text[m.start : m.end] == m.text


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_look_alike_is_no_contest(analyse: Analyse, name: str) -> None:
    case = LOOK_ALIKES[name]
    corpus = analyse(case.reports)
    assert contested(corpus) == [], show(corpus)
    if case.origins is not None:
        assert len(corpus.origins) == case.origins, [o.to_json() for o in corpus.origins]
        assert not [c for c in corpus.claims if c.status == "corroborated"], [c.summary for c in corpus.claims]
    for a, b in case.never_together:
        for claim in corpus.claims:
            if claim.status != "corroborated":
                continue
            members = {(m.outlet, m.article_id) for m in claim.members}
            joined = {o for o, _ in members} >= {a, b} and len({aid for _, aid in members}) > 1
            assert not joined, (claim.summary, claim.sources, [(m.outlet, m.text) for m in claim.members])


def test_two_outlets_reporting_on_their_own_corroborate(analyse: Analyse) -> None:
    corpus = analyse(
        (
            (
                "Quetzal News",
                "2034-09-02",
                "A drone struck a fuel depot in Novorossiysk on Tuesday, setting two tanks on fire.",
            ),
            (
                "Rail Times",
                "2034-09-03",
                "Two fuel tanks at a depot in Novorossiysk caught fire on Tuesday after a drone struck the depot.",
            ),
        )
    )
    corroborated = [c for c in corpus.claims if c.status == "corroborated"]
    assert corroborated and all(len(c.sources) >= 2 for c in corroborated)
    assert any({m.outlet for m in c.members} == {"Quetzal News", "Rail Times"} for c in corroborated)


def test_two_outlets_quoting_one_statement_are_one_source(analyse: Analyse) -> None:
    corpus = analyse(LOOK_ALIKES["copy: two outlets quoting one ministry statement"].reports)
    joined = [c for c in corpus.claims if {m.outlet for m in c.members} == {"Nightjar News", "Osprey Times"}]
    assert joined and all(c.status == "single-source" and len(c.sources) == 1 for c in joined)
