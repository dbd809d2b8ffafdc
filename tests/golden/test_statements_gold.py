"""The statements stage on the seed articles against ../shared/gold/seeds.json (same rules as score.py)."""

from __future__ import annotations

from typing import Any

from fieldbrief.model import Article
from scoring import f1, name_match, token_f1

CONTENT_MATCH = 0.5  # a gold statement is found when the token F1 of the contents reaches this
CONTENT_F1_FLOOR = 0.9
SPEAKERS_RIGHT_FLOOR = 20  # of the 22 gold statements


def _score(seed_articles: dict[str, Article], seeds_gold: dict[str, Any]) -> tuple[int, int, int, int]:
    found = predicted = gold_total = speakers = 0
    for name, gold in seeds_gold.items():
        statements = seed_articles[name].statements
        predicted += len(statements)
        gold_total += len(gold["statements"])
        for g in gold["statements"]:
            best = max(statements, key=lambda s: token_f1(g["content"], s.content), default=None)
            if best is not None and token_f1(g["content"], best.content) >= CONTENT_MATCH:
                found += 1
                speakers += name_match(g["speaker"], best.speaker.name)
    return found, predicted, gold_total, speakers


def test_seed_statement_contents(seed_articles: dict[str, Article], seeds_gold: dict[str, Any]) -> None:
    found, predicted, gold_total, _ = _score(seed_articles, seeds_gold)
    assert gold_total == 22
    assert f1(found, predicted, gold_total) >= CONTENT_F1_FLOOR


def test_seed_statement_speakers(seed_articles: dict[str, Article], seeds_gold: dict[str, Any]) -> None:
    _, _, _, speakers = _score(seed_articles, seeds_gold)
    assert speakers >= SPEAKERS_RIGHT_FLOOR


def test_seed_statements_keep_offsets(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        assert article.statements
        for st in article.statements:
            assert article.text[st.start : st.end] == st.content


def test_seed_unnamed_source_and_outlet_speaker(seed_articles: dict[str, Article]) -> None:
    kinds = {(s.speaker.kind, s.speaker.name) for s in seed_articles["dailymail_panjshir_resistance.txt"].statements}
    assert ("unnamed", "unnamed source (The Sun Online)") in kinds
    assert ("outlet", "The Sun") in kinds
