"""Assembly: contests and agreements become Claims, with their members, sources, status and one-line summaries.

Status is what the members bear out: contested with a member on each side; corroborated when two or more
independent sources stand behind it; single-source otherwise. Sources are counted after joining every two members
that share an origin (a copy), a wire, a cited body, or an outlet's own voice: two outlets quoting one ministry are
one source, an AP story in three papers is one source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from fieldbrief.link.claims.disputes import Agreement, Contest
from fieldbrief.link.claims.records import Frame, Scene
from fieldbrief.link.lexicon import lexicon
from fieldbrief.model import Article, Claim, ClaimKind, ClaimMember, ClaimStatus, Side, content_id

KIND_OF_SLOT: dict[str, ClaimKind] = {
    "toll": "number",
    "attackers": "number",
    "whereabouts": "whereabouts",
    "fact": "fact",
}
MAX_VOICES_SHOWN = 2


def short(text: str, limit: int = 160) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# ------------------------------------------------------------------------------------------- sources
class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def dependency_keys(frame: Frame) -> list[str]:
    keys = [f"origin:{frame.origin_id}", f"voice:{frame.voice.key}"]
    if frame.wire:
        keys.append(f"wire:{frame.wire}")
    if not frame.voice.cited and frame.outlet:
        keys.append(f"outlet:{frame.outlet}")
    return keys


def independent_sources(frames: Iterable[Frame], voices_only: bool = False) -> list[str]:
    """The independent sources behind some frames, each named by its most telling voice. For agreement, two frames
    are one source when they share an origin, a wire, a cited body or an outlet's own voice; the sides of a contest
    are told apart by voice alone (one story quoting both sides holds two sources)."""
    frames = list(frames)
    union = _Union()
    for f in frames:
        keys = [f"voice:{f.voice.key}"] if voices_only else dependency_keys(f)
        for k in keys[1:]:
            union.join(keys[0], k)
    named: dict[str, str] = {}
    for f in sorted(frames, key=lambda f: (not f.voice.cited, f.article_id, f.start)):
        root = union.find(f"voice:{f.voice.key}" if voices_only else dependency_keys(f)[0])
        named.setdefault(root, f.voice.shown)
    return sorted(named.values(), key=str.lower)


# ------------------------------------------------------------------------------------------- members
def member(frame: Frame, side: Side, with_value: bool) -> ClaimMember:
    """A frame as a claim's evidence: the span of its record (what a statement says, an event's words), inside
    its sentence."""
    start, end = frame.evidence or (frame.start, frame.end)
    offset = start - frame.start
    return ClaimMember(
        article_id=frame.article_id,
        origin_id=frame.origin_id,
        outlet=frame.outlet,
        kind=frame.member_kind,  # type: ignore[arg-type]
        record_id=frame.record_id,
        text=frame.text[offset : offset + end - start] if frame.start <= start and end <= frame.end else frame.text,
        start=start if frame.start <= start and end <= frame.end else frame.start,
        end=end if frame.start <= start and end <= frame.end else frame.end,
        side=side,
        speaker=frame.speaker,
        value=frame.shown if with_value and frame.shown else None,
        source=frame.voice.shown,
    )


def members(sides: Iterable[tuple[Frame, Side]], with_value: bool) -> list[ClaimMember]:
    out: list[ClaimMember] = []
    seen: set[tuple[str, int, int, str, str | None]] = set()
    for frame, side in sides:
        m = member(frame, side, with_value)
        key = (m.article_id, m.start, m.end, m.side, m.value)
        if key not in seen:
            seen.add(key)
            out.append(m)
    out.sort(key=lambda m: (m.side, m.article_id, m.start))
    return out


# ------------------------------------------------------------------------------------------- summaries
@dataclass(frozen=True)
class IncidentInfo:
    id: str
    place: str | None
    country: str | None
    date: str | None
    event_type: str | None


class IncidentInfos:
    """What claims say of their incident, computed for the incidents claims name (not all of them)."""

    def __init__(self, bound: dict[str, list[Scene]]) -> None:
        self.bound = bound
        self.cache: dict[str, IncidentInfo] = {}

    def __getitem__(self, incident: str) -> IncidentInfo:
        if incident not in self.cache:
            self.cache[incident] = incident_info(self.bound.get(incident) or [])
        return self.cache[incident]

    def get(self, incident: str) -> IncidentInfo | None:
        return self[incident] if incident in self.bound else None


def incident_info(scenes: list[Scene]) -> IncidentInfo:
    if not scenes:
        return IncidentInfo("", None, None, None, None)
    place = next((s.place_shown for s in scenes if s.place_shown), None)
    if place is None:
        names = sorted(n for s in scenes for n in s.names)
        place = names[0].title() if names else None
    country = next((s.country for s in scenes if s.country), None)
    windows = [s.window for s in scenes if s.window]
    day = min(w[0] for w in windows).isoformat() if windows else None
    if day is None:
        published = [s.published for s in scenes if s.published]
        day = min(published).isoformat() if published else None
    family = next((s.family for s in scenes if s.family), None)
    return IncidentInfo(scenes[0].incident or scenes[0].id, place, country, day, family)


PRONOUNS = frozenset({"they", "he", "she", "it", "we", "i", "you", "them", "who", "which", "that"})


def _label(slot: str, key: str, frames: list[Frame], names: dict[str, str], info: IncidentInfo) -> tuple[str, bool]:
    """The disputed slot as the line's head ("Toll (killed)", "Whether the Taliban attacked Panjshir"), from the
    templates of data/link.toml, and whether it names the place already."""
    templates = lexicon().section("summaries")
    if slot == "occurrence":
        questions = templates["questions"]
        family = questions.get(frames[0].key) or questions["default"]
        actor = _actor_shown(frames)
        if actor and info.place:
            return family["actor_place"].format(actor=actor, place=info.place), True
        if info.place:
            return family["place"].format(place=info.place), True
        return family["none"], False
    place = next((f.scene.place_shown for f in frames if f.scene.place_shown), None)
    fields = {
        "key": key,
        "place": place or key.split("/")[-1].title(),
        "person": names.get(key, "the person"),
    }
    return str(templates["disputes"].get(slot, slot)).format(**fields), slot == "control"


def _actor_shown(frames: list[Frame]) -> str | None:
    """Who acted, as the reports write it ("Taliban", not "they"), when every report that names an actor names the
    same one and none has it the other way round (the attacked); else the question names no actor."""
    happening = [f for f in frames if f.slot == "occurrence"]
    actors = {f.actor for f in happening if f.actor}
    if len(actors) != 1 or any(f.target in actors for f in happening):
        return None
    written = [f.actor_shown for f in happening if f.actor_shown and f.actor_shown.lower() not in PRONOUNS]
    return max(dict.fromkeys(written), key=written.count) if written else None


def _side_line(frames: list[Frame], slot: str) -> str:
    if slot == "occurrence":
        values = list(dict.fromkeys("yes" if f.value == "affirms" else "no" for f in frames if f.slot == slot))
    else:  # the disputed slot's values; frames of other slots merged into the contest only add voices
        values = list(dict.fromkeys(f.shown for f in frames if f.shown and f.slot == slot))
        values = values or list(dict.fromkeys(f.shown for f in frames if f.shown))
    voices = list(dict.fromkeys(f.voice.shown for f in frames))
    shown = ", ".join(voices[:MAX_VOICES_SHOWN]) + (
        f" +{len(voices) - MAX_VOICES_SHOWN}" if len(voices) > MAX_VOICES_SHOWN else ""
    )
    value = " / ".join(values[:2]) if values else short(frames[0].text, 60)
    return f"{value} ({shown})"


def _where(info: IncidentInfo, place_named: bool = False) -> str:
    parts = [p for p in (None if place_named else info.place, info.date) if p]
    return f" [{', '.join(parts)}]" if parts else ""


def _why(sides: list[list[Frame]]) -> str:
    parts = []
    for frames in sides:
        voices: dict[str, Frame] = {}
        for f in frames:
            voices.setdefault(f.voice.key, f)
        parts.append(
            "; ".join(
                f"{f.voice.shown} ({f.outlet or 'unknown outlet'}): “{short(f.text, 120)}”"
                for f in list(voices.values())[:3]
            )
        )
    return " vs ".join(parts)


# ------------------------------------------------------------------------------------------- claims
def contested_claim(c: Contest, info: IncidentInfo, names: dict[str, str]) -> Claim:
    frames = c.affirms + c.disputes
    label, place_named = _label(c.slot, c.affirms[0].key, frames, names, info)
    summary = f"{label}{_where(info, place_named)}: {_side_line(c.affirms, c.slot)} vs {_side_line(c.disputes, c.slot)}"
    sides = [(f, "affirms") for f in c.affirms] + [(f, "disputes") for f in c.disputes]
    claim_members = members(sides, with_value=True)  # type: ignore[arg-type]
    return _claim(
        summary,
        KIND_OF_SLOT.get(c.slot, "event"),
        "contested",
        claim_members,
        frames,
        info,
        c.slot,
        why=_why([c.affirms, c.disputes]),
    )


def agreed_claim(a: Agreement, info: IncidentInfo) -> Claim:
    central = min(a.frames, key=lambda f: (len(f.text), f.article_id))
    summary = short(central.text)
    if a.slot in ("toll", "control", "perpetrator", "whereabouts") and central.shown:
        summary = f"{summary} ({central.shown})"
    kind: ClaimKind = KIND_OF_SLOT.get(a.slot, "event")
    if a.slot == "fact" and any(f.member_kind == "statement" for f in a.frames):
        kind = "statement"
    claim_members = members(((f, "affirms") for f in a.frames), with_value=a.slot != "fact")
    sources = independent_sources(a.frames)
    status: ClaimStatus = "corroborated" if len(sources) >= 2 else "single-source"
    return _claim(summary, kind, status, claim_members, a.frames, info, None)


def single_event_claim(frame: Frame, info: IncidentInfo) -> Claim:
    side: Side = "disputes" if frame.value == "denies" else "affirms"
    return _claim(short(frame.text), "event", "single-source", [member(frame, side, False)], [frame], info, None)


def single_statement_claims(
    articles: list[Article],
    taken: set[tuple[str, int]],
    origin_at: dict[tuple[str, int], str],
    voices: dict[tuple[str, int], str],
) -> list[Claim]:
    """Statements no other source repeats: single-source claims. A statement that is no one's claim (negated,
    hypothetical, without a source: `Statement.claimed`) is none."""
    out = []
    for article in articles:
        for st in article.statements:
            if not st.claimed or (article.id, st.start) in taken:
                continue
            origin = origin_at.get((article.id, st.start), article.id)
            m = ClaimMember(
                article.id,
                origin,
                article.outlet,
                "statement",
                st.id,
                st.content,
                st.start,
                st.end,
                "affirms",
                st.speaker.name,
                None,
                st.speaker.name,
            )
            cid = content_id("statement", f"{article.id}:{st.start}:{st.end}")
            out.append(
                Claim(
                    cid, short(st.content, 200), "statement", "single-source", [m], [origin], sources=[st.speaker.name]
                )
            )
    return out


def _claim(
    summary: str,
    kind: ClaimKind,
    status: ClaimStatus,
    claim_members: list[ClaimMember],
    frames: list[Frame],
    info: IncidentInfo,
    dispute: str | None,
    why: str | None = None,
) -> Claim:
    cid = content_id(
        kind, dispute or "", *(f"{m.article_id}:{m.start}:{m.end}:{m.side}:{m.value}" for m in claim_members)
    )
    origins = sorted({m.origin_id for m in claim_members})
    sources = independent_sources(frames, voices_only=status == "contested")
    if status == "contested" and not (
        any(m.side == "affirms" for m in claim_members) and any(m.side == "disputes" for m in claim_members)
    ):
        status = "corroborated" if len(sources) >= 2 else "single-source"
    return Claim(
        cid,
        short(summary, 240),
        kind,
        status,
        claim_members,
        origins,
        why,
        info.event_type.upper()
        if info.event_type and info.event_type != "violence"
        else ("ASSAULT" if info.event_type == "violence" else None),
        dispute,
        sources,
        info.id,
        info.country,
        info.date,
        info.place,
    )
