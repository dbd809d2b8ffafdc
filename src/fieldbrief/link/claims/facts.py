"""Statements that no slot captures ("Saleh and Massoud lead the resistance in the Panjshir Valley") corroborate
when two sources in one incident say the same: most of the smaller sentence's content lemmas in the other, enough of
them words said about the names (not only the names) and words distinctive in their block (not only the story's
"resistance", "fighters", "region"), the same polarity, and roles that agree.

Candidate pairs come from an index of rare lemmas and names (blocking), never from all pairs; a sentence that fills a
slot of its incident (a toll, a control claim ...) is compared through that slot instead, so two tolls that share their
wording are never corroborated here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from fieldbrief.link.claims.conflicts import days_apart
from fieldbrief.link.claims.disputes import Agreement
from fieldbrief.link.claims.records import Frame
from fieldbrief.link.lexicon import Lexicon

SLOTTED = frozenset({"toll", "attackers", "weapon", "perpetrator", "victims", "control", "whereabouts"})


@dataclass(frozen=True)
class FactParams:
    min_overlap: float
    min_shared: int
    min_salient: int
    max_block_share: float
    min_block_df: int
    distinctive_share: float
    min_distinctive: int
    min_block_for_share: int


def params(lex: Lexicon) -> FactParams:
    c = lex.section("claims")
    return FactParams(
        float(c["min_overlap"]),
        int(c["min_shared"]),
        int(c["min_salient"]),
        float(c["max_block_share"]),
        int(c["min_block_df"]),
        float(c["distinctive_share"]),
        int(c["min_distinctive"]),
        int(c["min_block_for_share"]),
    )


def _features(f: Frame) -> set[str]:
    return set(f.words) | {f"E:{e}" for e in f.names}


def agreements(frames: list[Frame], lex: Lexicon) -> list[Agreement]:
    p = params(lex)
    max_days = int(lex.setting("incidents", "max_days_apart"))
    slotted = {(f.article_id, f.start) for f in frames if f.slot in SLOTTED}
    facts = [f for f in frames if f.slot == "fact" and (f.article_id, f.start) not in slotted]
    edges: list[tuple[int, int]] = []
    for block in _blocks(facts).values():
        edges += _edges(facts, block, p, max_days)
    return _clusters(facts, edges)


def _blocks(facts: list[Frame]) -> dict[str, list[int]]:
    """Facts of reports published in the same week (undated ones together): statements far apart in time are no
    corroboration of each other, and blocks keep the comparison near-linear."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        try:
            year, week, _ = dt.date.fromisoformat((f.published or "")[:10]).isocalendar()
            key = f"{year}-{week}"
        except ValueError:
            key = "undated"
        blocks[key].append(i)
    return blocks


def _edges(facts: list[Frame], block: list[int], p: FactParams, max_days: int) -> list[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i in block:
        for feature in _features(facts[i]):
            index[feature].append(i)
    limit = max(p.min_block_df, int(p.max_block_share * len(block)))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for posting in index.values():
        if len(posting) > limit:
            continue
        for x, i in enumerate(posting):
            for j in posting[x + 1 :]:
                if facts[i].article_id != facts[j].article_id:
                    shared[(i, j)] += 1
    common_words = _story_words(facts, block, p)
    return [
        (i, j)
        for (i, j), k in shared.items()
        if k >= 2
        and _same_statement(facts[i], facts[j], p, max_days)
        and len((facts[i].words & facts[j].words) - common_words) >= p.min_distinctive
    ]


def _story_words(facts: list[Frame], block: list[int], p: FactParams) -> frozenset[str]:
    """The words of the block's story: lemmas in a large share of its statements (none in a small block)."""
    if len(block) < p.min_block_for_share:
        return frozenset()
    df: dict[str, int] = defaultdict(int)
    for i in block:
        for word in facts[i].words:
            df[word] += 1
    return frozenset(w for w, n in df.items() if n >= p.distinctive_share * len(block))


def _same_statement(a: Frame, b: Frame, p: FactParams, max_days: int) -> bool:
    if a.value != b.value or not _roles(a, b) or not _same_story(a, b, max_days):
        return False
    common = a.words & b.words
    if len(common) < p.min_shared or len(common - a.proper - b.proper) < p.min_salient:
        return False
    return len(common) / max(min(len(a.words), len(b.words)), 1) >= p.min_overlap


def _roles(a: Frame, b: Frame) -> bool:
    """Statements are read loosely (their objects are whole phrases), but never with the roles reversed."""
    if a.actor and b.actor and a.actor != b.actor:
        return False
    return not ((a.actor and a.actor == b.target) or (b.actor and b.actor == a.target))


def _same_story(a: Frame, b: Frame, max_days: int) -> bool:
    """A statement is no incident's: one country (when both are known) and reports of the same days."""
    if a.scene.incident is not None and a.scene.incident == b.scene.incident:
        return True
    if a.scene.country and b.scene.country and a.scene.country != b.scene.country:
        return False
    return days_apart(a, b) <= max_days


def _clusters(facts: list[Frame], edges: list[tuple[int, int]]) -> list[Agreement]:
    """Groups in which every two members say the same (complete linkage: no chains of look-alikes)."""
    groups: list[list[int]] = []
    home: dict[int, int] = {}
    linked = {(i, j) for i, j in edges} | {(j, i) for i, j in edges}
    for i, j in sorted(edges):
        if i not in home and j not in home:
            home[i] = home[j] = len(groups)
            groups.append([i, j])
            continue
        if i in home and j in home:
            continue
        grown, new = (home[i], j) if i in home else (home[j], i)
        if all((new, k) in linked for k in groups[grown]):
            home[new] = grown
            groups[grown].append(new)
    return [
        Agreement("fact", facts[g[0]].scene.incident or facts[g[0]].scene.id, [facts[k] for k in g]) for g in groups
    ]
