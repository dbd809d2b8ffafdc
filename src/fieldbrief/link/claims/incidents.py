"""Incidents: the scenes of different articles that report one happening, bound into one incident.

Claims can only corroborate or contest within one incident, so an incident must never join different happenings: two
scenes join when their kind of happening, country, place, dates and what was hit are compatible (scenes.scenes_agree);
and a scene joins an incident only when it agrees with every scene already in it (complete linkage), so no chain of
look-alikes carries two happenings into one. Candidates come from blocks of one country and nearby dates, never from
all pairs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from fieldbrief.link.claims.records import Scene
from fieldbrief.link.claims.scenes import scene_fit
from fieldbrief.link.lexicon import Lexicon

BLOCK_DAYS = 7  # scenes whose dates lie further apart than this are never compared


@dataclass(frozen=True)
class IncidentParams:
    window_days: int
    max_days_apart: int


def params(lex: Lexicon) -> IncidentParams:
    c = lex.section("incidents")
    return IncidentParams(int(c["event_window_days"]), int(c["max_days_apart"]))


def anchor(scene: Scene) -> dt.date | None:
    if scene.window is not None:
        return scene.window[0]
    return scene.published


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    """Dates close enough to compare; an unknown date is close to any."""
    return a is None or b is None or abs((a - b).days) <= BLOCK_DAYS


def bind(scenes: list[Scene], lex: Lexicon) -> dict[str, list[Scene]]:
    """Incident id -> its scenes; sets each scene's `incident`. A scene is compared only with the open incidents that
    share one of its places, place names or participants (an index, not all pairs), in date order."""
    p = params(lex)
    members: list[list[Scene]] = []
    index: dict[str, list[int]] = defaultdict(list)
    incidents: dict[str, list[Scene]] = {}
    for scene in sorted(scenes, key=lambda s: (anchor(s) or dt.date.min, s.id)):
        day = anchor(scene)
        keys = _keys(scene)
        candidates = sorted({i for key in keys for i in index.get(key, ())}, reverse=True)
        number = next(
            (i for i in candidates if _near(day, anchor(members[i][-1])) and _fits(scene, members[i], p)), None
        )
        if number is None:
            number = len(members)
            members.append([])
            incidents[scene.id] = members[number]
        for key in keys:
            if not index[key] or index[key][-1] != number:
                index[key].append(number)
        members[number].append(scene)
        scene.incident = members[number][0].id
    return incidents


def _keys(scene: Scene) -> set[str]:
    return {f"p:{k}" for k in scene.places} | {f"n:{n}" for n in scene.names} | {f"a:{a}" for a in scene.participants}


def _fits(scene: Scene, incident: list[Scene], p: IncidentParams) -> bool:
    """No scene of the incident rules the new one out, and most of them (and the first) agree with it outright."""
    if any(other.article_id == scene.article_id for other in incident):
        return False  # an article's own scenes are different incidents (scenes.ArticleFrames joined the rest)
    fits = [
        scene_fit(scene, other, slack_days=p.window_days) if reported_together(scene, other, p) else "no"
        for other in incident
    ]
    return "no" not in fits and fits[0] == "yes" and 2 * fits.count("yes") >= len(fits)


def reported_together(a: Scene, b: Scene, p: IncidentParams) -> bool:
    """Reports far apart in time are one incident only when both date the happening and the dates meet."""
    if a.window is not None and b.window is not None:
        return True
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= p.max_days_apart
