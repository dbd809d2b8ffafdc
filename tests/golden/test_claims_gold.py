"""The seeds linked across the two outlets: the gold contradiction and the gold corroborated facts
(../shared/gold/seeds.json, `across`)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Claim, Corpus


@pytest.fixture(scope="module")
def corpus(seed_articles: dict[str, Article]) -> Corpus:
    return link_corpus(list(seed_articles.values()))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower().replace("’", "'")))


def test_evidence_spans_are_exact(corpus: Corpus) -> None:
    for claim in corpus.claims:
        for m in claim.members:
            assert corpus.article(m.article_id).text[m.start : m.end] == m.text


def test_nazary_mujahid_is_one_contested_claim(corpus: Corpus, seeds_gold: dict[str, Any]) -> None:
    gold = seeds_gold["thesun_lions_of_panjshir.txt"]["contradiction"]
    hits = [
        c
        for c in corpus.claims
        if c.status == "contested"
        and any(words(gold["a"]) <= words(m.text) for m in c.side("affirms"))
        and any(words(gold["b"]) <= words(m.text) for m in c.side("disputes"))
    ]
    assert len(hits) == 1
    claim = hits[0]
    assert claim.why
    assert {m.speaker for m in claim.members} >= {"Ali Nazary", "Zabihullah Mujahid"}
    others = [c for c in corpus.claims if c.status == "contested" and c is not claim]
    assert not [c for c in others if any(words(gold["b"]) <= words(m.text) for m in c.members)]


# What each gold fact needs from each outlet's members (key words from the gold line, checked per article).
FACTS = {
    "Saleh and Massoud lead the resistance in the Panjshir Valley": [{"saleh", "panjshir"}, {"massoud"}],
    "The Panjshir Valley is the last region holding out against the Taliban": [{"panjshir", "last"}],
    "SAS-trained / SAS-style forces are part of the resistance": [{"sas", "resistance"}],
}


def corroborates(claim: Claim, corpus: Corpus, needs: list[set[str]]) -> bool:
    if claim.status != "corroborated" or len(claim.origins) < 2:
        return False
    outlets = {corpus.article(m.article_id).outlet for m in claim.members}
    if len(outlets) < 2:
        return False
    per_article: dict[str, set[str]] = {}
    for m in claim.members:
        per_article.setdefault(m.article_id, set()).update(words(m.text))
    first, *rest = needs
    return all(first <= w for w in per_article.values()) and all(
        any(extra <= w for w in per_article.values()) for extra in rest
    )


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_gold_fact_is_corroborated_by_both_outlets(corpus: Corpus, seeds_gold_all: dict[str, Any], fact: str) -> None:
    assert any(fact in line for line in seeds_gold_all["across"]["corroborated"])
    assert any(corroborates(c, corpus, FACTS[fact]) for c in corpus.claims), fact


def test_no_other_contradictions_on_the_seeds(corpus: Corpus) -> None:
    assert len([c for c in corpus.claims if c.status == "contested"]) == 1


def test_contested_claims_have_both_sides_and_others_none(corpus: Corpus) -> None:
    for claim in corpus.claims:
        two_sided = bool(claim.side("affirms")) and bool(claim.side("disputes"))
        assert (claim.status == "contested") == two_sided, claim.summary


def test_sentences_sharing_only_the_storys_words_do_not_corroborate(corpus: Corpus) -> None:
    # Daily Mail: special forces heading to the valley; The Sun: the Taliban retreated from it. Both speak of
    # fighters, the resistance and the region, and of nothing else in common.
    for claim in corpus.claims:
        texts = " | ".join(m.text for m in claim.members)
        if claim.status == "corroborated":
            assert not ("special forces soldiers" in texts and "retreated from the valley" in texts), texts
            assert not ("being hunted" in texts and "defeated the Taliban" in texts), texts
