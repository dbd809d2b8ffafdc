"""Typed disputes and agreements: within one incident, the frames that fill one slot either conflict or agree.

Two frames conflict when independent voices give values of one slot that cannot both be true (conflicts.py holds
the test of each slot).

Voices are independent when their keys differ (records.Voice): one body quoted by many outlets is one voice, and an
outlet (or a wire) reporting on its own is one voice in all its articles. A group with conflicts becomes a contest of
two sides (the most-voiced value and what conflicts with it); a group without conflicts agrees, and corroborates when
two or more independent sources (by origin, wire and cited body) stand behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldbrief.link.claims.conflicts import (
    CONFLICTS,
    days_apart,
    ranges_conflict,
    roles_agree,
    same_party,
    weapons_conflict,
)
from fieldbrief.link.claims.records import Frame
from fieldbrief.link.lexicon import Lexicon

PRIORITY = ("perpetrator", "control", "whereabouts", "victims", "toll", "attackers", "occurrence", "weapon")


@dataclass
class Group:
    """Frames of one slot (and key) in one incident, and what they make of each other."""

    incident: str
    slot: str
    key: str
    frames: list[Frame]


@dataclass
class Contest:
    slot: str
    incident: str
    affirms: list[Frame]
    disputes: list[Frame]
    pairs: set[frozenset[tuple[str, int, int]]]  # evidence spans that conflict
    parts: list[Contest] = field(default_factory=list)  # the contests of other slots merged into this one


@dataclass
class Agreement:
    slot: str
    incident: str
    frames: list[Frame]


# ------------------------------------------------------------------------------------------- contests
def independent(a: Frame, b: Frame) -> bool:
    return a.voice.key != b.voice.key


# Slots about a standing state rather than a happening: who holds a place, where a person is. Their frames meet by
# place or person and by the days they were published, whatever incident their sentences report.
STATES = frozenset({"control", "whereabouts"})


def groups(frames: list[Frame], max_days: int) -> list[Group]:
    by: dict[tuple[str, str, str], list[Frame]] = defaultdict(list)
    for f in frames:
        if f.slot in STATES:
            by[("", f.slot, f.key)].append(f)
        elif f.slot in CONFLICTS and f.scene.incident:
            by[(f.scene.incident, f.slot, f.key)].append(f)
    out = []
    for (incident, slot, key), fs in sorted(by.items()):
        if slot in STATES:
            for moment in _moments(fs, max_days):
                out.append(Group(moment[0].scene.incident or moment[0].scene.id, slot, key, moment))
        else:
            out.append(Group(incident, slot, key, fs))
    return out


def _moments(frames: list[Frame], max_days: int) -> list[list[Frame]]:
    """Frames published within `max_days` of the first of their run."""
    ordered = sorted(frames, key=lambda f: (f.published or "", f.article_id, f.start))
    out: list[list[Frame]] = []
    for f in ordered:
        if out and (not f.published or not out[-1][0].published or days_apart(f, out[-1][0]) <= max_days):
            out[-1].append(f)
        else:
            out.append([f])
    return out


def span(frame: Frame) -> tuple[str, int, int]:
    return (frame.article_id, frame.start, frame.end)


def contests(group: Group, lex: Lexicon, max_days: int) -> list[Contest]:
    """Every controversy of a group: one slot of one incident may hold two ("opened fire" against "a stampede",
    and "shelled by tanks" against "no knowledge of shelling"). The frames of values outside the first contest
    that still conflict among themselves make the next. Only weapons, for now: two weapons named for one happening
    are two questions, while two perpetrators are one."""
    out: list[Contest] = []
    frames = group.frames
    while frames and (not out or group.slot == "weapon"):
        found = contest(Group(group.incident, group.slot, group.key, frames), lex, max_days)
        if found is None:
            break
        out.append(found)
        taken = {str(f.value) for f in found.affirms + found.disputes}  # values already in a controversy
        rest = [f for f in frames if str(f.value) not in taken]
        if len(rest) == len(frames):
            break
        frames = rest
    return out


def contest(group: Group, lex: Lexicon, max_days: int) -> Contest | None:
    """Two sides when independent voices conflict: the most-voiced value's frames against those conflicting
    with it."""
    check = CONFLICTS[group.slot]
    frames = group.frames
    if group.slot == "perpetrator":
        _name_causes(frames, lex)
    if group.slot == "weapon":
        check = _weapons_of_the_sentence(frames)
    conflicts: set[tuple[int, int]] = set()
    for x, a in enumerate(frames):
        for b in frames[x + 1 :]:
            if independent(a, b) and check(a, b, lex, max_days):
                conflicts.add((id(a), id(b)))
                conflicts.add((id(b), id(a)))
    if not conflicts:
        return None
    conflicted = [f for f in frames if any((id(f), id(g)) in conflicts for g in frames)]

    def support(f: Frame) -> tuple[int, bool, int]:
        voices = {g.voice.key for g in frames if _agrees(f, g) and not check(f, g, lex, max_days)}
        return (len(voices), not f.weak, -f.start)

    pivot = max(conflicted, key=support)
    against = [f for f in frames if (id(pivot), id(f)) in conflicts]
    side = [
        f
        for f in frames
        if f not in against and _agrees(pivot, f) and not any((id(f), id(g)) in conflicts for g in [pivot])
    ]
    # a frame that agrees with the pivot's side joins it; others that conflict with that side join the other
    for f in frames:
        if f in side or f in against:
            continue
        if any((id(f), id(g)) in conflicts for g in side):
            against.append(f)
    # a voice stands on one side, where it says most firmly: "fired by Ukrainian air defence trying to fend off an
    # attack from Russia" blames Ukraine (a claim) and names Russia only as an event's actor; on a tie, against
    side_rank, against_rank = _firmest(side), _firmest(against)
    side = _strongest([f for f in side if against_rank.get(f.voice.key, -1) < side_rank[f.voice.key]])
    against = _strongest([f for f in against if side_rank.get(f.voice.key, -1) <= against_rank[f.voice.key]])
    if not against or not side:
        return None
    pairs = {frozenset((span(a), span(b))) for a in side for b in against if (id(a), id(b)) in conflicts}
    return Contest(group.slot, group.incident, side, against, pairs)


def _weapons_of_the_sentence(frames: list[Frame]) -> Callable[[Frame, Frame, Lexicon, int], bool]:
    """A sentence that names several weapons reports them used together ("a plane dropped a bomb, then a
    helicopter opened fire"): its frames dispute a weapon only when none of the weapons it names agrees with it."""
    named: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in frames:
        named[(f.article_id, f.end)].add(str(f.value))

    def several(values: set[str], lex: Lexicon) -> set[str]:
        """The values of a sentence that name different weapons ("a NASAMS missile" is one weapon, named twice)."""
        return values if any(weapons_conflict(x, y, lex) for x in values for y in values) else set()

    def check(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
        x, y = str(a.value), str(b.value)
        return all(weapons_conflict(v, y, lex) for v in several(named[(a.article_id, a.end)], lex) | {x}) and all(
            weapons_conflict(x, v, lex) for v in several(named[(b.article_id, b.end)], lex) | {y}
        )

    return check


def _name_causes(frames: list[Frame], lex: Lexicon) -> None:
    """A cause reported without a party ("the blaze was caused by a secondary explosion", "we hit their weapons
    storage") is the party that other reports of the incident name with a cause of the same account ("secondary
    explosions of Hamas munitions", "mines planted by the PDF"): one account, not two. Only where the reports name
    one party for it."""

    def account(f: Frame) -> str:
        return lex.cause_accounts.get(f.cause or "", f.cause or "")

    owners: dict[str, set[str]] = defaultdict(set)
    for f in frames:
        if f.cause and not str(f.value).startswith(("cause:", "not:")):
            owners[account(f)].add(str(f.value))
    for f in frames:
        named = owners.get(account(f), set()) if f.cause else set()
        if str(f.value).startswith("cause:") and len(named) == 1:
            f.value = next(iter(named))


def _rank(f: Frame) -> int:
    """What a frame says most firmly: a named value, then a denial, then an event's bare actor."""
    return 0 if f.weak else 1 if str(f.value).startswith("not:") else 2


def _firmest(frames: list[Frame]) -> dict[str, int]:
    best: dict[str, int] = {}
    for f in frames:
        best[f.voice.key] = max(best.get(f.voice.key, -1), _rank(f))
    return best


def _strongest(frames: list[Frame]) -> list[Frame]:
    """Per voice, only its firmest frames: "X said it carried out the bombing" needs no "X's fighters" beside it."""
    best: dict[str, int] = {}
    for f in frames:
        best[f.voice.key] = max(best.get(f.voice.key, 0), _rank(f))
    return [f for f in frames if _rank(f) == best[f.voice.key]]


def denies(frame: Frame) -> bool:
    """Whether a frame takes the disputing side of its slot: it denies, holds against a capture, or says the
    fighting goes on."""
    return frame.value == "denies" or str(frame.value).startswith("not:") or frame.stance in ("hold", "contest")


def _agrees(a: Frame, b: Frame) -> bool:
    """Frames that say the same of the slot (the same value, or overlapping counts)."""
    if a.slot in ("toll", "attackers"):
        return not ranges_conflict(a, b)
    return bool(a.value == b.value) or (
        isinstance(a.value, str) and isinstance(b.value, str) and same_party(a.value, b.value)
    )


def agreement(group: Group, lex: Lexicon, max_days: int) -> list[Agreement]:
    """Frames of a group without conflicts that say the same thing, clustered by value (and roles)."""
    if group.slot in ("weapon", "victims", "attackers"):
        return []
    clusters: list[list[Frame]] = []
    for f in sorted(group.frames, key=lambda f: f.weak):  # a bare actor joins what someone named outright
        if (group.slot == "occurrence" and f.value != "affirms") or (f.weak and not clusters):
            continue
        host = next((c for c in clusters if all(_agrees(f, g) and roles_agree(f, g) for g in c)), None)
        if host is None:
            clusters.append([f])
        else:
            host.append(f)
    return [Agreement(group.slot, group.incident, c) for c in clusters if len(c) > 1 and not all(f.weak for f in c)]


def merge(contests: list[Contest], related: Callable[[str, str], bool] | None = None) -> list[Contest]:
    """One controversy found in several slots (a strike blamed on the other side is a perpetrator, a weapon and an
    occurrence dispute between the same voices) is one contest: contests of one incident whose sides hold the same
    voices (and never a voice on the opposite side) merge, under the slot that says most. A denial that names no
    other culprit of a happening also denied is a dispute of occurrence, not of perpetrator."""
    merged: list[list[Contest]] = []
    for c in sorted(contests, key=lambda c: PRIORITY.index(c.slot)):
        host = next(
            (
                m
                for m in merged
                if (m[0].incident == c.incident or (related and related(m[0].incident, c.incident)))
                and _orientation(m, c) is not None
            ),
            None,
        )
        if host is None:
            merged.append([c])
            continue
        if _orientation(host, c) is False:
            c.affirms, c.disputes = c.disputes, c.affirms
        host.append(c)
    out = []
    for parts in merged:
        first = parts[0]
        slots = [p.slot for p in parts]
        slot = first.slot
        if slot == "perpetrator" and "occurrence" in slots and _only_denials(first):
            slot = "occurrence"
        affirms, disputes = _one_side_per_voice(
            [f for p in parts for f in p.affirms], [f for p in parts for f in p.disputes]
        )
        if sum(map(denies, affirms)) > sum(map(denies, disputes)):  # who asserts stands on the affirming side
            affirms, disputes = disputes, affirms
        pairs = set().union(*(p.pairs for p in parts))
        contest = Contest(slot, first.incident, affirms, disputes, pairs)
        contest.parts = parts
        out.append(contest)
    return out


def _one_side_per_voice(affirms: list[Frame], disputes: list[Frame]) -> tuple[list[Frame], list[Frame]]:
    """A voice found on both sides of a merged contest (a bare actor on one, its own claim on the other) stands
    where it says most firmly: "Russia's foreign ministry said it was Ukrainian fire, not Russia" is no support of
    Russia's blame because its sentence names Russia."""

    def firmness(frames: list[Frame], voice: str) -> tuple[int, int]:
        ranks = [_rank(f) for f in frames if f.voice.key == voice and f.slot != "occurrence"]
        return (max(ranks, default=-1), len(ranks))

    both = _voices(affirms) & _voices(disputes)
    drop_a, drop_d = set(), set()
    for voice in both:
        a, d = firmness(affirms, voice), firmness(disputes, voice)
        if a > d:
            drop_d.add(voice)
        elif d > a:
            drop_a.add(voice)
    kept_a = [f for f in affirms if f.voice.key not in drop_a]
    kept_d = [f for f in disputes if f.voice.key not in drop_d]
    return (kept_a, kept_d) if kept_a and kept_d else (affirms, disputes)


def _voices(frames: list[Frame]) -> set[str]:
    return {f.voice.key for f in frames}


def _orientation(host: list[Contest], c: Contest) -> bool | None:
    """True: c's sides line up with the host's; False: flipped; None: they share no voice, or cross. Contests that
    share no voice line up by their values: the same two values of one slot ("a stampede" against "Israeli fire")
    reported by other voices are the same controversy."""
    by_voice = _voice_orientation(host, c)
    if by_voice is not None:
        return by_voice
    return _value_orientation(host, c)


def _values(frames: list[Frame]) -> set[str]:
    return {str(f.value) for f in frames}


def _value_orientation(host: list[Contest], c: Contest) -> bool | None:
    same_slot = [p for p in host if p.slot == c.slot]
    if not same_slot or c.slot == "occurrence":  # "yes" and "no" of two happenings are no shared values
        return None
    a = set().union(*(_values(p.affirms) for p in same_slot))
    d = set().union(*(_values(p.disputes) for p in same_slot))
    ca, cd = _values(c.affirms), _values(c.disputes)
    if ca <= a and cd <= d and not (ca & d or cd & a):
        return True
    if ca <= d and cd <= a and not (ca & a or cd & d):
        return False
    return None


def _voice_orientation(host: list[Contest], c: Contest) -> bool | None:
    a = set().union(*(_voices(p.affirms) for p in host))
    d = set().union(*(_voices(p.disputes) for p in host))
    ca, cd = _voices(c.affirms), _voices(c.disputes)
    # the sides line up as most of the voices they share do: a voice found on the other side in one slot (a
    # bare actor on one side, its own blame on the other) is settled by _one_side_per_voice
    same, crossed = len(ca & a) + len(cd & d), len(ca & d) + len(cd & a)
    if same > crossed and same >= 2 * crossed:
        return True
    if crossed > same and crossed >= 2 * same:
        return False
    return None


def _only_denials(c: Contest) -> bool:
    """A perpetrator contest whose one side only denies (names no other culprit)."""
    return any(all(str(f.value).startswith("not:") for f in side) for side in (c.affirms, c.disputes))


def value_shown(frame: Frame) -> str:
    return frame.shown


def summary_value(frames: list[Frame]) -> str:
    return " / ".join(dict.fromkeys(f.shown for f in frames if f.shown))


def as_dict(frame: Frame) -> dict[str, Any]:  # for debugging
    return {"slot": frame.slot, "value": frame.value, "voice": frame.voice.key, "text": frame.text[:80]}
