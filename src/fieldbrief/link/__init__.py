"""Across articles: copies collapse into origins, names into entities, propositions into claims.

corpus = link_corpus(articles)   # Corpus(articles, origins, entities, claims)

Steps (a module each): copies.py (MinHash LSH near-duplicates of articles and paragraphs -> Origin),
entities.py (actor dictionary + rapidfuzz with context -> Entity), units.py (one proposition per sentence,
enriched by statements and events), claims.py (corroborated / single-source / contested claims).
Word lists live in data/link.toml.
"""

from __future__ import annotations

from fieldbrief.link.claims import build_claims, locate_people
from fieldbrief.link.copies import copied_paragraphs, find_origins
from fieldbrief.link.entities import resolve
from fieldbrief.link.placenames import repair_places
from fieldbrief.link.text import Lexicon, lexicon
from fieldbrief.link.units import Unit, build_units, display_name, event_window, party
from fieldbrief.model import Article, Corpus, Event

# Bump when linking changes what it produces: stored links from another version are recomputed.
LINK_VERSION = "1.4"


def link_corpus(articles: list[Article]) -> Corpus:
    """Origins, entities and claims over a set of analysed articles."""
    lex = lexicon()
    origins = find_origins(articles)
    origin_of = {aid: o.id for o in origins for aid in o.article_ids}
    copied: dict[str, dict[tuple[int, int], str]] = {}
    for para in copied_paragraphs(articles, origins):
        copied.setdefault(para.article_id, {(-1, -1): origin_of[para.article_id]})[(para.start, para.end)] = (
            para.origin_id
        )
    entities, mentions = resolve(articles)
    by_id = {e.id: e for e in entities}
    units: list[Unit] = []
    events: list[tuple[Unit, Event]] = []
    for article in articles:
        article_units = build_units(
            article, copied.get(article.id, origin_of[article.id]), mentions[article.id], by_id, lex
        )
        persons = [(m.start, m.end, eid) for m, eid in mentions[article.id] if by_id[eid].kind == "person"]
        for unit in article_units:
            unit.whereabouts = locate_people(unit, persons, article.text)
        units.extend(article_units)
        events.extend(_event_units(article, article_units, lex))
    # groups and states are never places; a "person" written after "in" may well be a town ("in Khan Younis")
    actor_names = {e.name for e in entities if e.kind != "person"} | {
        m.text for ms in mentions.values() for m, _ in ms if m.code}
    repair_places([*units, *(u for u, _ in events)], articles, actor_names, lex)
    claims = build_claims(units, events, {e.id: e.name for e in entities})
    return Corpus(articles, origins, entities, claims)


def _event_units(article: Article, units: list[Unit], lex: Lexicon) -> list[tuple[Unit, Event]]:
    """Each event with the unit of its sentence, its evidence span as the member span."""
    out = []
    for event in article.events:
        host = next((u for u in units if u.tokens and u.tokens[0].start <= event.start <= u.tokens[-1].end), None)
        if host is None or event.start < 0:
            continue
        unit = Unit(**{**host.__dict__, "start": event.start, "end": event.end,
                       "text": article.text[event.start : event.end], "kind": "event", "record_id": event.id,
                       "speaker": event.according_to or host.speaker, "event_type": event.type,
                       "when": event_window(event) or host.when,
                       "actor_name": display_name(event.actor, lex),
                       "target": party(event.target)})
        out.append((unit, event))
    return out


__all__ = ["LINK_VERSION", "link_corpus"]
