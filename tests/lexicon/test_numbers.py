"""Number words: one home (data/numbers.toml) for counts, time arithmetic and tolls."""

from __future__ import annotations

import pytest

from fieldbrief.lexicon.numbers import number_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("17", 17),
        ("1,200", 1200),
        ("seventeen", 17),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("one hundred and twenty", 120),
        ("two dozen", 24),
        ("a dozen", 12),
        ("3 million", 3_000_000),
        ("two thousand three hundred", 2300),
        ("several", None),
        ("insurgents", None),
    ],
)
def test_values(text: str, value: int | None) -> None:
    assert number_words().value(text) == value


def test_vague_quantities_have_ranges_and_time_values() -> None:
    numbers = number_words()
    assert numbers.vague_range("dozens") == (24, 99)
    assert numbers.time_value("a few") == 3 and numbers.time_value("an") == 1 and numbers.time_value("three") == 3
    assert numbers.bounds["more than"] == "above" and numbers.bounds["at least"] == "at_least"
