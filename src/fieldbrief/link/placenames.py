"""Place names the places stage left unresolved in one sentence, recovered from the corpus as a whole.

Two articles about one town often differ only in whether the gazetteer caught the name: one writes "in Kupiansk"
and resolves it, another's dateline or parse hides it; or the town is too small or too ambiguous for the gazetteer
at all ("the village of Novoselivka"). A sentence naming no resolved place would then share no place with its
counterpart, and a real dispute is lost. Here a sentence with no place key takes the key of a name that another
sentence of the corpus resolved, or a name-only key for a capitalised name the texts use as a place (after "in",
"of the village of", "near" ...) that is neither a country nor a known actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fieldbrief.link.text import Lexicon
from fieldbrief.link.units import Unit, place_key
from fieldbrief.model import Article

NAME = r"[A-Z][\w’'-]*[a-z][\w’'-]*"  # a capitalised word with a lower-case letter: not an all-caps dateline


def _place_use(lex: Lexicon) -> re.Pattern[str]:
    preps = "|".join(sorted((re.escape(w) for w in lex.section("placenames")["prepositions"]), key=len, reverse=True))
    return re.compile(rf"\b(?:{preps})\s+({NAME}(?:[ -]{NAME})?)\b")


def repair_places(units: list[Unit], articles: Iterable[Article], actor_names: set[str], lex: Lexicon) -> None:
    """Give sentences that resolved no place the keys of place names they write (in place, on `units`)."""
    articles = list(articles)
    known, unresolved = _known_names(articles), _used_as_places(articles, actor_names, lex)
    keys = {**{n: f"?/{n}" for n in unresolved}, **known}
    if not keys:
        return
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(keys, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
    for unit in units:
        if unit.place_keys:
            continue
        found = {m.group(1).lower() for m in pattern.finditer(unit.text) if m.group(1)[:1].isupper()}
        if found:
            unit.place_keys = frozenset(keys[n] for n in found)
            unit.scene = unit.place_keys
            unit.place_names = tuple(sorted(found))


def _known_names(articles: list[Article]) -> dict[str, str]:
    """Surface name (lower case) -> place key, for every name the places stage resolved below country level."""
    out: dict[str, str] = {}
    for article in articles:
        for place in article.places:
            key = place_key(place)
            if key and place.name[:1].isupper():
                out.setdefault(place.name.lower(), key)
    return out


def _used_as_places(articles: list[Article], actor_names: set[str], lex: Lexicon) -> set[str]:
    """Capitalised names written where a place goes that no stage resolved: not a country, not an actor."""
    pattern = _place_use(lex)
    ignore = {w.lower() for w in lex.section("placenames")["not_places"]} | {n.lower() for n in actor_names}
    suffixes = tuple(lex.section("placenames")["demonym_endings"])
    countries = {p.name.lower() for a in articles for p in a.places if p.feature == "country"}
    out = set()
    for article in articles:
        resolved = {article.text[p.start : p.end].lower() for p in article.places}
        for m in pattern.finditer(article.text):
            name = m.group(1).lower()
            if name in resolved or name in countries or name in ignore or name in lex.stopwords:
                continue
            if not name.endswith(suffixes):
                out.add(name)
    return out
