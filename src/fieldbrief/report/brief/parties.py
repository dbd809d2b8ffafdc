"""The brief's actors (who acted, who said what), claims with their two sides, and sources with their origins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fieldbrief.model import Article, Claim, ClaimMember, Corpus, Statement
from fieldbrief.report.brief.views import (
    ActorView,
    ClaimView,
    EvidenceIndex,
    MemberView,
    Said,
    SourceView,
    one_line,
    outlet_name,
    plural,
)

SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def actor_views(corpus: Corpus, index: EvidenceIndex) -> list[ActorView]:
    """Who acted and who said what, grouped by resolved entity where the link stage resolved one."""
    groups: dict[str, ActorGroup] = {}
    for article in corpus.articles:
        for statement in article.statements:
            _group(groups, corpus, article, statement.speaker.name, statement.speaker.actor).statements.append(
                (article, statement)
            )
        for event in article.events:
            if event.actor:
                _group(groups, corpus, article, event.actor.name, event.actor.actor).acts += 1
            if event.target:
                _group(groups, corpus, article, event.target.name, event.target.actor).targeted += 1
    ordered = sorted(groups.values(), key=lambda g: (-len(g.statements) - g.acts - g.targeted, g.name))
    return [group.view(index) for group in ordered]


@dataclass
class ActorGroup:
    name: str
    code: str | None
    kind: str | None
    names: set[str] = field(default_factory=set)
    statements: list[tuple[Article, Statement]] = field(default_factory=list)
    acts: int = 0
    targeted: int = 0

    def view(self, index: EvidenceIndex) -> ActorView:
        others = sorted(self.names - {self.name})
        detail = " · ".join(
            part
            for part in (self.kind or "", self.code or "", ("also written: " + ", ".join(others)) if others else "")
            if part
        )
        events = ", ".join(
            text
            for n, text in (
                (self.acts, f"actor in {plural(self.acts, 'event')}"),
                (self.targeted, f"target in {plural(self.targeted, 'event')}"),
            )
            if n
        )
        said = [
            Said(
                one_line(s.content),
                _how(s),
                outlet_name(a),
                index.cite(a.id, s.start, s.end),
            )
            for a, s in self.statements
        ]
        return ActorView(self.name, detail, events, said)


def _how(statement: Statement) -> str:
    """The cue and channel, marked where nothing was asserted ("say (interview), negated")."""
    return statement.marked(statement.cue + (f" ({statement.channel})" if statement.channel else ""))


def _group(groups: dict[str, ActorGroup], corpus: Corpus, article: Article, name: str, code: str | None) -> ActorGroup:
    entity = next(
        (e for e in corpus.entities if article.id in e.article_ids and (name in e.mentions or name == e.name)), None
    )
    if entity is not None:
        key, canonical, kind, code = f"entity:{entity.id}", entity.name, entity.kind, entity.actor or code
    else:
        key, canonical, kind = f"code:{code}" if code else f"name:{name.casefold()}", name, None
    group = groups.setdefault(key, ActorGroup(canonical, code, kind))
    group.names.add(name)
    return group


def claim_view(claim: Claim, index: EvidenceIndex, origin_of: dict[str, str] | None = None) -> ClaimView:
    origin_of = origin_of or {}
    return ClaimView(
        anchor=f"c-{claim.id}",
        summary=claim.summary,
        why=claim.why,
        origins=len(claim.origins),
        articles=len({m.article_id for m in claim.members}),
        outlets=", ".join(sorted({m.outlet or "unknown outlet" for m in claim.members})),
        affirms=[_member_view(m, index, origin_of) for m in claim.side("affirms")],
        disputes=[_member_view(m, index, origin_of) for m in claim.side("disputes")],
        sources=len(claim.sources) if claim.sources else len(claim.origins),
    )


def _member_view(member: ClaimMember, index: EvidenceIndex, origin_of: dict[str, str]) -> MemberView:
    origin = origin_of.get(member.article_id, member.article_id)
    return MemberView(
        who=member.speaker or member.outlet or "unknown",
        outlet=member.outlet or "unknown outlet",
        quote=one_line(member.text),
        value=member.value,
        cite=index.cite(member.article_id, member.start, member.end),
        copy=f"copy of {origin}" if origin != member.article_id else None,
    )


def source_views(corpus: Corpus) -> list[SourceView]:
    out = []
    for article in sorted(corpus.articles, key=lambda a: (a.published or "", outlet_name(a), a.id)):
        origin = next((o for o in corpus.origins if article.id in o.article_ids), None)
        if origin is None or len(origin.article_ids) == 1:
            where = "independent"
        elif origin.id == article.id:
            where = f"original of {plural(len(origin.article_ids) - 1, 'copy', 'copies')}"
        else:
            where = f"copy of {origin.id}"
        out.append(
            SourceView(
                article.id,
                outlet_name(article),
                article.title or "(no title)",
                article.published or "undated",
                article.url if article.url and SAFE_URL.match(article.url) else None,
                where,
            )
        )
    return out
