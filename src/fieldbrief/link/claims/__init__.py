"""Claims across articles: frames (frames.py; their records in records.py, an article's voices and sides in
sides.py, its scenes in scenes.py, the slot readers in slots.py, blame.py and control.py) bound into incidents
(incidents.py), typed disputes and agreements within each incident (disputes.py with the conflict test of each
slot in conflicts.py, facts.py), assembled into Claims
(assembly.py).

    claims = build_claims(articles, frames, scenes, entity_names)
"""

from __future__ import annotations

from fieldbrief.link.claims import assembly, disputes, facts, incidents
from fieldbrief.link.claims.records import Frame, Scene
from fieldbrief.link.claims.scenes import scene_fit
from fieldbrief.link.lexicon import Lexicon, lexicon
from fieldbrief.model import Article, Claim

STATUS_ORDER = {"contested": 0, "corroborated": 1, "single-source": 2}


def build_claims(
    articles: list[Article], frames: list[Frame], scenes: list[Scene], names: dict[str, str], lex: Lexicon | None = None
) -> list[Claim]:
    """Every claim of the corpus: contested, corroborated and single-source, strongest first."""
    lex = lex or lexicon()
    bound = incidents.bind(scenes, lex)
    info = assembly.IncidentInfos(bound)
    max_days = int(lex.setting("incidents", "max_days_apart"))
    _share_roles(frames, lex)
    groups = disputes.groups(frames, max_days)

    window = incidents.params(lex)

    def related(a: str, b: str) -> bool:
        """Two incidents that binding kept apart but that may be one happening (no record rules it out, and they
        were reported together)."""
        return any(
            incidents.reported_together(x, y, window)
            and scene_fit(x, y, same_article=x.article_id == y.article_id, slack_days=window.window_days) != "no"
            for x in bound.get(a, [])
            for y in bound.get(b, [])
        )

    contests = disputes.merge([c for g in groups for c in disputes.contests(g, lex, max_days)], related)
    claims = [assembly.contested_claim(c, info[c.incident], names) for c in contests]
    contested_spans = {disputes.span(f) for c in contests for f in c.affirms + c.disputes}
    agreements = [
        a
        for g in groups
        for a in disputes.agreement(g, lex, max_days)
        if not any(disputes.span(f) in contested_spans and g.slot == c.slot for c in contests for f in a.frames)
    ]
    agreements += facts.agreements(frames, lex)
    agreed = [assembly.agreed_claim(a, info[a.incident]) for a in agreements]
    claims += _without_repeats(agreed)
    claims += _single_events(frames, claims, info)
    taken = {(m.article_id, m.start) for c in claims for m in c.members}
    statements = {a.id: a.statements for a in articles}
    taken |= {
        (m.article_id, st.start)
        for c in claims
        for m in c.members
        for st in statements.get(m.article_id, ())
        if m.start <= st.start < m.end
    }
    origin_at = {(f.article_id, f.start): f.origin_id for f in frames}
    claims += assembly.single_statement_claims(articles, taken, origin_at, {})
    ranked = sorted(claims, key=lambda c: (STATUS_ORDER[c.status], c.id))
    return list({c.id: c for c in reversed(ranked)}.values())[::-1]


def _share_roles(frames: list[Frame], lex: Lexicon) -> None:
    """Slot frames of a sentence take the roles of its violent event: a toll of "30 Taliban fighters killed by the
    resistance" is not one of "30 resistance fighters killed by the Taliban"."""
    roles: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    for f in frames:
        if f.slot == "occurrence" and f.key == "violence" and (f.actor or f.target):
            roles.setdefault((f.article_id, f.start), (f.actor, f.target))
    for f in frames:
        if f.slot in ("toll", "victims", "weapon", "attackers") and not (f.actor or f.target):
            f.actor, f.target = roles.get((f.article_id, f.start), (None, None))


def _single_events(frames: list[Frame], claims: list[Claim], info: assembly.IncidentInfos) -> list[Claim]:
    """Every event record belongs to a claim: an event no other source reports is a single-source claim."""
    held = {m.record_id for c in claims for m in c.members if m.record_id}
    out = []
    for f in frames:
        if f.slot == "occurrence" and f.member_kind == "event" and f.record_id and f.record_id not in held:
            held.add(f.record_id)
            incident = info.get(f.scene.incident or "") or assembly.incident_info([f.scene])
            out.append(assembly.single_event_claim(f, incident))
    return out


def _without_repeats(claims: list[Claim]) -> list[Claim]:
    """A corroborated claim whose evidence another claim already holds says nothing new."""
    by_size = sorted(claims, key=lambda c: -len(c.members))
    kept: list[Claim] = []
    holders: dict[tuple[str, int, int], list[int]] = {}  # span -> kept claims holding it
    spans: list[set[tuple[str, int, int]]] = []
    for claim in by_size:
        own = {(m.article_id, m.start, m.end) for m in claim.members}
        first = next(iter(own), None)
        if first is not None and any(own <= spans[k] for k in holders.get(first, ())):
            continue
        for span in own:
            holders.setdefault(span, []).append(len(kept))
        kept.append(claim)
        spans.append(own)
    return kept


__all__ = ["build_claims"]
