"""The places and actors steps that visit only the words that can matter to them (capitalised words, cue words,
alias starts: read from the doc's columns) find what visiting every word finds; the ACLED rules compiled once
decide as the conditions read; remembered answers (datelines, actor lookups) are the answers. Texts: the seeds
(read from ../shared) and fictional sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from conftest import SEEDS, require
from fieldbrief.extract.actors import dictionary_for
from fieldbrief.extract.actors import mentions as actor_mentions
from fieldbrief.extract.events import lexicon_for
from fieldbrief.extract.events.lexicon import AcledRule
from fieldbrief.extract.gazetteer import Gazetteer, name_key
from fieldbrief.extract.places.mentions import (
    APOSTROPHES,
    capitalised,
    capitalised_text,
    is_demonym,
    longest_known,
    span_key,
)
from fieldbrief.extract.places.rules import PlaceRules, load_rules
from fieldbrief.lexicon import actors as actor_lexicon
from fieldbrief.lexicon.datelines import wire_datelines
from fieldbrief.model import AcledType
from fieldbrief.stage import Context

FICTIONAL = (
    "KOLMAR, March 3 (Reuters) - Fighting in Nad-e Ali district of Helmand province killed 12, the Afghan army said.\n"
    "St. Louis, Mo., and Springfield, Ill., sent aid; Sen. Bob Casey, D-Pa., spoke in the valley near Kabul.\n"
    "The anti-Taliban front and the Taliban met in Musa Qal\u2019ah; Ukrainian troops left the province.\n"
    "Officials of the Democratic Republic of the Congo said the U.S. Centers for Disease Control helped."
)


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    texts = [FICTIONAL] + [p.read_text(encoding="utf-8") for p in sorted(require(SEEDS).glob("*.txt"))]
    return [nlp(text) for text in texts]


@pytest.fixture(scope="module")
def place_rules() -> PlaceRules:
    return load_rules()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _capitalised_token_by_token(token: Token) -> bool:
    """The test as it read each spaCy Token (its IS_ALPHA flag), before the columns answered it."""
    text = token.text
    return bool(text) and text[0].isupper() and (token.is_alpha or "." in text or APOSTROPHES.sub("", text).isalpha())


def test_capitalised_columns_agree_with_each_token(docs: list[Doc]) -> None:
    for doc in docs:
        assert capitalised(doc).tolist() == [_capitalised_token_by_token(t) for t in doc]
        assert any(capitalised(doc))


def _longest_known_by_spans(
    doc: Doc, start: int, limit: int, gaz: Gazetteer, rules: PlaceRules, require_matchable: bool
) -> tuple[int, str] | None:
    """longest_known as it read: every span's key joined from its tokens, every token's case read from it."""
    best: tuple[int, str] | None = None
    for end in range(start + 1, min(limit, start + 3 * gaz.max_words) + 1):
        token = doc[end - 1]
        key = span_key(doc[start:end])
        ends_well = _capitalised_token_by_token(token) or token.lower_ in rules.cue_features
        if ends_well and key and (key in gaz.matchable or (not require_matchable and gaz.candidates(key))):
            best = (end, key)
        if end < limit:
            nxt = doc[end]
            if not (
                _capitalised_token_by_token(nxt) or nxt.lower_ in rules.connectors or nxt.lower_ in rules.cue_features
            ):
                break
            if require_matchable and key and key not in gaz.prefixes and key not in gaz.matchable:
                break
    return best


def test_longest_known_as_from_joined_spans(docs: list[Doc], gaz: Gazetteer, place_rules: PlaceRules) -> None:
    found = 0
    for doc in docs:
        for start in range(len(doc) + 1):  # the end of the doc too: nothing starts there
            for matchable in (True, False):
                limit = min(len(doc), start + 8)
                hit = longest_known(doc, start, limit, gaz, place_rules, require_matchable=matchable)
                assert hit == _longest_known_by_spans(doc, start, limit, gaz, place_rules, matchable)
                found += hit is not None
    assert found > 10


def test_span_key_from_the_text_slice_is_the_joined_key(docs: list[Doc]) -> None:
    """What longest_known relies on: a span's tokens joined with their spaces are the doc's text over the span."""
    doc = docs[0]
    for start in range(len(doc) - 3):
        span = doc[start : start + 3]
        assert span_key(span) == name_key(doc.text[span.start_char : span.end_char].strip())


def test_demonyms_of_either_table_in_the_singular_or_plural(place_rules: PlaceRules) -> None:
    assert is_demonym("Afghan", place_rules) and is_demonym("Afghans", place_rules)
    assert not is_demonym("Kabul", place_rules) and not is_demonym("s", place_rules)


def test_alias_mentions_from_alias_starts_as_from_every_word(docs: list[Doc], ctx: Context) -> None:
    dictionary = dictionary_for(ctx)

    def every_word(doc: Doc, lowers: list[int]) -> list[actor_mentions.Mention]:  # the walk over every token
        strings, by_hash = doc.vocab.strings, actor_mentions.alias_index(dictionary).by_hash
        orths = doc.to_array("ORTH")
        out, free = [], 0
        for i in [i for i, h in enumerate(lowers) if h in by_hash]:
            if i < free:
                continue
            for pat, hashes in by_hash[lowers[i]]:
                k = len(hashes)
                if (
                    i + k <= len(lowers)
                    and lowers[i : i + k] == list(hashes)
                    and all(actor_mentions._case_fits(strings[int(orths[i + j])], pat.case[j]) for j in range(k))
                ):
                    if not actor_mentions._opposed(lowers, i):
                        out.append(actor_mentions.Mention(i, i + k, pat.code, pat.context, pat.metonym))
                    free = i + k
                    break
        return out

    total = 0
    for doc in docs:
        lowers = doc.to_array("LOWER").tolist()
        found = actor_mentions._alias_mentions(doc, dictionary, lowers)
        assert found == every_word(doc, lowers)
        total += len(found)
    assert total > 5


def test_actor_lookup_remembers_the_answer_and_forgets_past_its_bound(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary = dictionary_for(ctx)
    for name in ("the Taliban", "Talibaan", "Kolmar Pioneers", "Taliban's"):
        assert dictionary.lookup(name) == dictionary._lookup(name)
        assert dictionary.lookup(name) == dictionary._lookup(name)  # remembered
    taliban = dictionary.lookup("the Taliban")
    assert taliban is not None and taliban.code == "TAL"
    monkeypatch.setattr(actor_lexicon, "MAX_KEPT_LOOKUPS", 2)
    for name in ("a", "b", "c"):
        dictionary.lookup(name)
    assert len(dictionary._answers) <= 2


def _holds_as_read(conditions: dict[str, Any], facts: dict[str, Any]) -> bool:
    """The rule's conditions as the events step read them for every event before they were compiled."""
    return all((facts[k] in v) if isinstance(v, list) else bool(facts[k]) == bool(v) for k, v in conditions.items())


def test_compiled_acled_rules_decide_as_their_conditions_read(ctx: Context) -> None:
    rules = lexicon_for(ctx).acled_rules
    assert rules
    values: dict[str, set[Any]] = {}
    for rule in rules:
        for key, wanted in rule.conditions.items():
            values.setdefault(key, {None, True, False, "other"}).update(wanted if isinstance(wanted, list) else [])
    keys = sorted(values)
    for rule in rules:
        for n in range(40):  # facts taking each key's values in turn, shifted per key
            facts = {k: sorted(values[k], key=repr)[(n + i) % len(values[k])] for i, k in enumerate(keys)}
            assert rule.holds(facts) == _holds_as_read(rule.conditions, facts)
    rule = AcledRule({"type": ["ASSAULT"], "fatalities": True}, AcledType("Violence against civilians", "Attack"))
    assert rule.holds({"type": "ASSAULT", "fatalities": 3})
    assert not rule.holds({"type": "ASSAULT", "fatalities": 0})
    assert not rule.holds({"type": "PROTEST", "fatalities": 3})


def test_remembered_datelines_are_a_fresh_list_each_time() -> None:
    text = "KOLMAR, March 3 (Reuters) - Rebels fired on the town.\n\nBERO, March 4 (AP) - Talks resumed."
    first = wire_datelines(text)
    assert [text[d.start : d.end].split(",")[0] for d in first] == ["KOLMAR", "BERO"]
    first.clear()
    assert len(wire_datelines(text)) == 2
    assert wire_datelines(text.replace("KOLMAR", "Kolmar is calm. KOLMAR")) != []


def test_capitalised_words_read_as_words() -> None:
    """The test reads a word's text alone: "Qal’ah", "St." and "KOLMAR" are capitalised; "12", "the", "D-Pa" not."""
    assert all(capitalised_text(w) for w in ("Qal\u2019ah", "St.", "KOLMAR", "Kabul"))
    assert not any(capitalised_text(w) for w in ("12", "the", "D-Pa", "", "(AP)"))
