"""When two frames of one slot cannot both be true: the conflict test of each slot.

toll, attackers   ranges that do not meet ("7" vs "30"; "more than 30" vs "at least 50" meet), counting the
                  same people (a toll of soldiers is no toll of attackers; civilians against militants is a
                  victims dispute, not a toll dispute); one source revising its count, or an outlet printing a
                  later count on a later day, is an update
weapon            classes no one weapon can be ("a drone" vs "artillery"; "not rocket fire" vs "rockets")
perpetrator       different sides, a side and its denial, a side and a cause that is no one's deed
victims           civilians vs combatants
control           two holders, or a holder against "still fought over"
whereabouts       abroad vs at home, or two places far apart
occurrence        asserted vs denied, with compatible roles
"""

from __future__ import annotations

from collections.abc import Callable

from fieldbrief.link.claims.records import INF, Frame, parse_day
from fieldbrief.link.claims.scenes import km
from fieldbrief.link.lexicon import Lexicon

GENERIC_COUNTED = frozenset({None, "people", "person", "man", "individual", "palestinian", "israeli"})


def days_apart(a: Frame, b: Frame) -> int:
    da, db = parse_day(a.published), parse_day(b.published)
    return abs((da - db).days) if da and db else 0


def ranges_conflict(a: Frame, b: Frame) -> bool:
    (alo, ahi), (blo, bhi) = a.value, b.value
    return bool(ahi < blo or bhi < alo)


def _counts_conflict(a: Frame, b: Frame, lex: Lexicon) -> bool:
    """Counts that cannot both be true. A vague quantity is a floor ("dozens injured" is no denial of "117
    injured", though it is of "three"); exact counts a few apart are one count as reporters round and revise it
    ("144" and "145" killed), not a controversy (they do not corroborate each other either: see `_agrees`)."""
    (alo, ahi), (blo, bhi) = a.value, b.value
    if a.vague:
        ahi = INF
    if b.vague:
        bhi = INF
    if not (ahi < blo or bhi < alo):
        return False
    near = lex.setting("frames", "main")["near_counts"]
    gap = blo - ahi if ahi < blo else alo - bhi
    larger = max(alo, blo)
    return not (gap <= int(near["max_apart"]) and gap <= float(near["max_share"]) * larger)


def _same_people(a: Frame, b: Frame) -> bool:
    if a.counted in GENERIC_COUNTED or b.counted in GENERIC_COUNTED or a.counted == b.counted:
        return not (a.victims and b.victims and a.victims != b.victims)
    return a.victims == b.victims == "civilians"


def _is_update(a: Frame, b: Frame, max_days: int) -> bool:
    """A count that one source revises, or that a later report of one outlet raises, is no contradiction."""
    if a.voice.key == b.voice.key:
        return True
    if a.outlet is not None and a.outlet == b.outlet and a.published != b.published:
        return True
    later, earlier = (a, b) if (a.published or "") >= (b.published or "") else (b, a)
    if later.update and later.value[0] >= earlier.value[1]:
        return True
    return days_apart(a, b) > max_days


def toll_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    return _same_people(a, b) and _counts_conflict(a, b, lex) and not _is_update(a, b, max_days)


def attackers_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    return _counts_conflict(a, b, lex) and not _is_update(a, b, max_days)


def weapon_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    return weapons_conflict(str(a.value), str(b.value), lex)


def weapons_conflict(x: str, y: str, lex: Lexicon) -> bool:
    if x.startswith("not:") or y.startswith("not:"):
        return x.removeprefix("not:") == y.removeprefix("not:") and x != y
    if x == y or x in lex.neutral_weapons or y in lex.neutral_weapons:
        return False
    return frozenset((x, y)) not in lex.weapon_compatible


def same_party(x: str, y: str) -> bool:
    return x == y or x.startswith(y + "-") or y.startswith(x + "-")


def perpetrator_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    x, y = str(a.value), str(b.value)
    if x.startswith("not:") and y.startswith("not:"):
        return False
    if x.startswith("not:") or y.startswith("not:"):
        denied, named = (x[4:], y) if x.startswith("not:") else (y[4:], x)
        return same_party(denied, named)
    if same_party(x, y):
        return False
    # two events that merely name different attackers are no contest (a clash, a joint raid, two descriptions of
    # one group): someone must claim, blame, deny or name a cause
    return not (a.weak and b.weak)


def victims_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    return bool(a.value != b.value)


def control_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    x, y = str(a.value), str(b.value)
    if x == "contested" or y == "contested":
        # "still fought over" denies a capture; a side that says it holds out while fighting goes on says the same
        return x != y and "hold" not in (a.stance, b.stance)
    return not same_party(x, y)


def whereabouts_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    x, y = a.value, b.value
    if x[0] == "abroad" and y[0] == "abroad":
        return False
    if x[0] == "abroad" or y[0] == "abroad":
        away, home = (x, y) if x[0] == "abroad" else (y, x)
        return away[1] is None or away[1] != home[4]
    if x[1] == y[1]:
        return False
    if None in (x[2], x[3], y[2], y[3]):
        return x[4] != y[4]
    return km((x[2], x[3]), (y[2], y[3])) > float(lex.setting("frames", "whereabouts")["same_place_km"])


def roles_agree(a: Frame, b: Frame) -> bool:
    """Actor and target compatible, never reversed ("the army shelled rebels" is no "rebels shelled the army")."""
    if a.actor and b.actor and a.actor != b.actor:
        return False
    if a.target and b.target and a.target != b.target:
        return False
    return not ((a.actor and a.actor == b.target) or (b.actor and b.actor == a.target))


def occurrence_conflict(a: Frame, b: Frame, lex: Lexicon, max_days: int) -> bool:
    return a.value != b.value and roles_agree(a, b)


CONFLICTS: dict[str, Callable[[Frame, Frame, Lexicon, int], bool]] = {
    "toll": toll_conflict,
    "attackers": attackers_conflict,
    "weapon": weapon_conflict,
    "perpetrator": perpetrator_conflict,
    "victims": victims_conflict,
    "control": control_conflict,
    "whereabouts": whereabouts_conflict,
    "occurrence": occurrence_conflict,
}
