"""The brief a person reads: situation, timeline, map, actors and who said what, contested and corroborated claims.

A brief covers one situation: a corpus of several (countries, months) is split into one brief per situation
(report/situations.py), or narrowed first with a Selection (country, dates, words). One view per situation
(`build_brief`) is rendered by two Jinja2 templates, HTML (autoescaped: everything from an article is escaped) and
Markdown (every value escaped by the environment's finalize hook). Each claim is one line (the disputed slot and what
each side says) with its members one click away. Every line cites its evidence as numbered links to
`#a-<article_id>-<start>-<end>` anchors in an appendix that quotes the spans (prefixed per situation when there are
several).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from fieldbrief.model import Article, Claim, ClaimMember, Corpus, Event, Statement
from fieldbrief.report.exports import claim_status_by_record
from fieldbrief.report.situations import Selection, narrow, situations
from fieldbrief.report.worldmap import MapView, Marker, build_map

MAX_SITUATION_CLAIMS = 3
MAX_CITES = 6  # citations shown on one aggregate line
TOP_PLACES = 5
PLACE_CELL = 0.25  # degrees: mentions closer than this are one place on the map
SECTIONS = frozenset({"situation", "timeline", "map", "actors", "contested", "corroborated", "sources", "evidence"})
SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
CONTEXT_CHARS = 160
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


# -- the view ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cite:
    number: int
    anchor: str  # "a-<article_id>-<start>-<end>"


@dataclass
class Line:
    text: str
    cites: list[Cite] = field(default_factory=list)
    section: str | None = None  # id of the part of the brief that the line summarises


@dataclass
class TimelineRow:
    anchor: str
    date: str
    precision: str
    event: str
    actors: str
    place: str
    status: str
    outlet: str
    claim: str | None  # status of the claim this event belongs to
    quote: str
    cite: Cite


@dataclass
class Said:
    quote: str
    how: str  # cue and channel
    outlet: str
    cite: Cite


@dataclass
class ActorView:
    name: str
    detail: str  # code, kind, other names
    events: str  # "actor in 2 events, target of 1"
    said: list[Said]


@dataclass
class MemberView:
    who: str
    outlet: str
    quote: str
    value: str | None
    cite: Cite
    copy: str | None = None  # "copy of <origin>" when the member's article copies an earlier one


@dataclass
class ClaimView:
    anchor: str
    summary: str
    why: str | None
    origins: int  # copy groups among the members
    articles: int
    outlets: str
    affirms: list[MemberView]
    disputes: list[MemberView]
    sources: int = 0  # independent sources (by origin and by cited body): what "corroborated" counts


@dataclass
class SourceView:
    id: str
    outlet: str
    title: str
    published: str
    url: str | None
    origin: str  # "own origin" or "copy of <origin id> (n articles)"


@dataclass
class EvidenceView:
    number: int
    anchor: str
    outlet: str
    title: str
    article_id: str
    start: int
    end: int
    quote: str
    before: str = ""  # the rest of the sentence around the span, for a reader's context
    after: str = ""


@dataclass
class Brief:
    title: str
    coverage: str
    situation: list[Line]
    timeline: list[TimelineRow]
    map: MapView
    map_note: str
    actors: list[ActorView]
    contested: list[ClaimView]
    corroborated: list[ClaimView]
    single_source: list[ClaimView]
    sources: list[SourceView]
    evidence: list[EvidenceView]
    prefix: str = ""  # for the ids of a situation's sections and anchors when a page holds several


@dataclass
class Page:
    title: str
    coverage: str
    briefs: list[Brief]


# -- evidence ---------------------------------------------------------------------------------------------------


class EvidenceIndex:
    """Numbers each cited span once, in order of first citation; the appendix quotes them."""

    def __init__(self, corpus: Corpus, prefix: str = "") -> None:
        self._articles = {a.id: a for a in corpus.articles}
        self._cites: dict[tuple[str, int, int], Cite] = {}
        self.prefix = prefix

    def cite(self, article_id: str, start: int, end: int) -> Cite:
        key = (article_id, start, end)
        if key not in self._cites:
            self._cites[key] = Cite(len(self._cites) + 1, f"{self.prefix}a-{article_id}-{start}-{end}")
        return self._cites[key]

    def views(self) -> list[EvidenceView]:
        out = []
        for (article_id, start, end), cite in self._cites.items():
            article = self._articles.get(article_id)
            text = article.text if article else ""
            before, after = _context(text, start, end)
            out.append(
                EvidenceView(
                    cite.number,
                    cite.anchor,
                    _outlet(article),
                    (article.title or "") if article else "",
                    article_id,
                    start,
                    end,
                    _one_line(text[start:end]),
                    before,
                    after,
                )
            )
        return out


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a span, up to its sentence's ends (bounded, so a quote stays short)."""
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    left = SENTENCE_END.split(left)[-1]
    right_match = SENTENCE_END.search(right)
    right = right[: right_match.start() + 1] if right_match else right
    return _one_line(left).lstrip() + (" " if left[-1:].isspace() else ""), (
        (" " if right[:1].isspace() else "") + _one_line(right)
    )


# -- building the view -------------------------------------------------------------------------------------------


def build_brief(corpus: Corpus, title: str = "Situation brief", prefix: str = "") -> Brief:
    """Everything the templates show for one situation, computed once from its corpus."""
    index = EvidenceIndex(corpus, prefix)
    origin_of = {aid: o.id for o in corpus.origins for aid in o.article_ids}
    claims_by_record = claim_status_by_record(corpus.claims)
    contested = [_claim_view(c, index, origin_of) for c in corpus.claims if c.status == "contested"]
    corroborated = [
        _claim_view(c, index, origin_of)
        for c in sorted(
            (c for c in corpus.claims if c.status == "corroborated"),
            key=lambda c: (-len(c.sources or c.origins), c.summary),
        )
    ]
    timeline = _timeline(corpus, index, claims_by_record)
    markers, map_note = _markers(corpus, index)
    situation = _situation(corpus, index, contested, corroborated)
    actors = _actors(corpus, index)
    single = [_claim_view(c, index, origin_of) for c in corpus.claims if c.status == "single-source"]
    return Brief(
        title=title,
        coverage=_coverage(corpus),
        situation=situation,
        timeline=timeline,
        map=build_map(markers),
        map_note=map_note,
        actors=actors,
        contested=contested,
        corroborated=corroborated,
        single_source=single,
        sources=_sources(corpus),
        evidence=index.views(),
        prefix=prefix,
    )


def build_page(corpus: Corpus, selection: Selection | None = None) -> Page:
    """The briefs of a corpus: narrowed by `selection`, then one per situation (country x month)."""
    chosen = narrow(corpus, selection)
    found = situations(chosen)
    if len(found) == 1:
        briefs = [build_brief(found[0].corpus, _title(found[0].title))]
    else:
        briefs = [build_brief(s.corpus, _title(s.title), f"{s.key}-") for s in found]
    briefs = [_prefixed(b) for b in briefs]
    return Page("Situation briefs" if len(briefs) > 1 else briefs[0].title, _coverage(chosen), briefs)


def _title(situation: str) -> str:
    return f"Situation brief: {situation}" if not situation.startswith("unknown place, undated") else "Situation brief"


def _prefixed(brief: Brief) -> Brief:
    """Section links of a situation's lines point into its own sections."""
    for line in brief.situation:
        if line.section in SECTIONS:
            line.section = brief.prefix + line.section
    return brief


def _coverage(corpus: Corpus) -> str:
    outlets = {a.outlet for a in corpus.articles if a.outlet}
    dates = sorted(a.published for a in corpus.articles if a.published)
    origin_of = {aid: o.id for o in corpus.origins for aid in o.article_ids}
    origins = len({origin_of.get(a.id, a.id) for a in corpus.articles})
    span = f", published {dates[0]} to {dates[-1]}" if dates else ""
    return (
        f"{_plural(len(corpus.articles), 'report')} from {_plural(len(outlets), 'outlet')} "
        f"({_plural(origins, 'independent origin')}){span}."
    )


def _situation(
    corpus: Corpus, index: EvidenceIndex, contested: list[ClaimView], corroborated: list[ClaimView]
) -> list[Line]:
    lines: list[Line] = []
    for view in contested[:MAX_SITUATION_CLAIMS]:
        lines.append(Line(f"Contested: {view.summary}", _claim_cites(view), section=view.anchor))
    for view in corroborated[:MAX_SITUATION_CLAIMS]:
        text = f"Corroborated by {_plural(view.sources, 'independent source')}: {view.summary}"
        lines.append(Line(text, _claim_cites(view), section=view.anchor))
    lines += _event_lines(corpus, index)
    lines += _place_lines(corpus, index)
    return lines


def _event_lines(corpus: Corpus, index: EvidenceIndex) -> list[Line]:
    events = [(a, e) for a in corpus.articles for e in a.events]
    if not events:
        return [Line("No events were extracted from these reports.", section="timeline")]
    types = Counter(_event_kind(e) for _, e in events)
    text = f"{_plural(len(events), 'event')} reported: " + ", ".join(f"{n} {t}" for t, n in types.most_common())
    lines = [Line(text, [index.cite(a.id, e.start, e.end) for a, e in events[:MAX_CITES]], section="timeline")]
    located = Counter(_place_name(e) for _, e in events if e.place and e.place.feature != "country")
    if located:
        place, n = located.most_common(1)[0]
        cites = [index.cite(a.id, e.start, e.end) for a, e in events if e.place and _place_name(e) == place]
        lines.append(Line(f"Most reported location: {place} ({_plural(n, 'event')})", cites[:MAX_CITES], "map"))
    return lines


def _place_lines(corpus: Corpus, index: EvidenceIndex) -> list[Line]:
    groups = _place_groups(corpus)
    if not groups:
        return []
    top = sorted(groups, key=lambda g: (-len(g.spans), g.name))[:TOP_PLACES]
    text = "Places most mentioned: " + ", ".join(f"{g.name} ({len(g.spans)})" for g in top)
    return [Line(text, [index.cite(*g.spans[0]) for g in top], "map")]


@dataclass
class PlaceGroup:
    """Mentions of one location (within one grid cell), under the name it is most often given."""

    lat: float
    lon: float
    names: Counter[str]
    spans: list[tuple[str, int, int]]  # article id, start, end

    @property
    def name(self) -> str:
        # a proper name beats a reference like "the valley"
        return max(self.names.items(), key=lambda kv: (kv[0][:1].isupper(), kv[1], -len(kv[0])))[0]


def _place_groups(corpus: Corpus) -> list[PlaceGroup]:
    """Located, sub-country place mentions grouped by grid cell (a country has only a centroid, not a place)."""
    groups: dict[tuple[int, int], PlaceGroup] = {}
    for article in corpus.articles:
        for place in article.places:
            if place.lat is None or place.lon is None or place.feature == "country":
                continue
            group = groups.setdefault(_cell(place.lat, place.lon), PlaceGroup(place.lat, place.lon, Counter(), []))
            group.names[place.canonical or place.name] += 1
            group.spans.append((article.id, place.start, place.end))
    return list(groups.values())


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return round(lat / PLACE_CELL), round(lon / PLACE_CELL)


def _claim_cites(view: ClaimView) -> list[Cite]:
    return [m.cite for m in (view.affirms + view.disputes)][:MAX_CITES]


def _timeline(corpus: Corpus, index: EvidenceIndex, claims: dict[str, str]) -> list[TimelineRow]:
    rows = []
    for article in corpus.articles:
        for event in article.events:
            rows.append((_date_key(event, article), _timeline_row(article, event, index, claims)))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _date_key(event: Event, article: Article) -> tuple[str, int, str, int]:
    when = event.date.date_start if event.date and event.date.date_start else "9999"
    precision = PRECISION_RANK.get(event.date.precision or "", 9) if event.date else 9
    return when, precision, article.published or "", event.start


def _timeline_row(article: Article, event: Event, index: EvidenceIndex, claims: dict[str, str]) -> TimelineRow:
    return TimelineRow(
        anchor=_event_anchor(article, event, index.prefix),
        date=_date_label(event, article),
        precision=(event.date.precision if event.date and event.date.date_start else None) or "unknown",
        event=_event_label(event),
        actors=_actors_label(event),
        place=_place_name(event) or "",
        status=_status_label(event),
        outlet=_outlet(article),
        claim=claims.get(event.id) if event.id else None,
        quote=_one_line(event.evidence),
        cite=index.cite(article.id, event.start, event.end),
    )


def _event_anchor(article: Article, event: Event, prefix: str = "") -> str:
    return prefix + (f"e-{event.id}" if event.id else f"e-{article.id}-{event.start}-{event.end}")


def _date_label(event: Event, article: Article) -> str:
    if not event.date or not event.date.date_start:
        reported = f", reported {article.published}" if article.published else ""
        written = f' ("{event.date.text}")' if event.date and event.date.text else ""
        return f"date unknown{written}{reported}"
    start, end, precision = event.date.date_start, event.date.date_end or event.date.date_start, event.date.precision
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        return start
    if precision == "year":
        return str(first.year)
    if precision == "month":
        return first.strftime("%B %Y")
    if precision == "week" or first != last:
        return f"{first.day} {first:%b} to {last.day} {last:%b %Y}"
    return f"{first.day} {first:%B %Y}"


def _event_kind(event: Event) -> str:
    return event.acled.event_type if event.acled else event.type


def _event_label(event: Event) -> str:
    label = event.type + (f" ({event.mode})" if event.mode else "")
    if event.acled:
        label += f" · {event.acled.event_type}: {event.acled.sub_event_type}"
    if event.fatalities is not None:
        label += f" · {_plural(event.fatalities, 'fatality', 'fatalities')}"
    return label


def _actors_label(event: Event) -> str:
    actor = event.actor.name if event.actor else "unknown actor"
    return f"{actor} → {event.target.name}" if event.target else actor


def _status_label(event: Event) -> str:
    by = f" by {event.according_to}" if event.according_to else ""
    return f"{event.status}{by}"


def _place_name(event: Event) -> str | None:
    return (event.place.canonical or event.place.name) if event.place else None


def _markers(corpus: Corpus, index: EvidenceIndex) -> tuple[list[Marker], str]:
    """Event locations, and the places the reports mention (fainter), which keep the map useful without events."""
    events: dict[tuple[float, float], list[tuple[Article, Event]]] = defaultdict(list)
    for article in corpus.articles:
        for event in article.events:
            if event.place and event.place.lat is not None and event.place.lon is not None:
                events[(round(event.place.lat, 3), round(event.place.lon, 3))].append((article, event))
    markers = [_event_marker(point, found, index.prefix) for point, found in events.items()]
    cells = {_cell(lat, lon) for lat, lon in events}
    mentions = [g for g in _place_groups(corpus) if _cell(g.lat, g.lon) not in cells]
    for group in mentions:
        cite = index.cite(*group.spans[0])
        title = f"{group.name}: mentioned {_plural(len(group.spans), 'time')} (no event located here)"
        markers.append(Marker(group.lat, group.lon, group.name, title, f"#{cite.anchor}", "place", len(group.spans)))
    located = sum(len(v) for v in events.values())
    total = sum(len(a.events) for a in corpus.articles)
    note = (
        f"{_plural(located, 'event')} of {total} located at {_plural(len(events), 'place')} (filled circles); "
        f"{_plural(len(mentions), 'other place')} mentioned in the reports (open circles)."
    )
    return markers, note


def _event_marker(point: tuple[float, float], found: list[tuple[Article, Event]], prefix: str = "") -> Marker:
    article, first = found[0]
    name = _place_name(first) or ""
    kinds = Counter(e.type for _, e in found)
    title = f"{name}: {_plural(len(found), 'event')} — " + ", ".join(f"{t} ×{n}" for t, n in kinds.most_common())
    precise = bool(first.place and first.place.feature != "country")
    href = f"#{_event_anchor(article, first, prefix)}"
    return Marker(point[0], point[1], name, title, href, "event", len(found), precise)


def _actors(corpus: Corpus, index: EvidenceIndex) -> list[ActorView]:
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
                (self.acts, f"actor in {_plural(self.acts, 'event')}"),
                (self.targeted, f"target in {_plural(self.targeted, 'event')}"),
            )
            if n
        )
        said = [
            Said(
                _one_line(s.content),
                s.cue + (f" ({s.channel})" if s.channel else ""),
                _outlet(a),
                index.cite(a.id, s.start, s.end),
            )
            for a, s in self.statements
        ]
        return ActorView(self.name, detail, events, said)


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


def _claim_view(claim: Claim, index: EvidenceIndex, origin_of: dict[str, str] | None = None) -> ClaimView:
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
        quote=_one_line(member.text),
        value=member.value,
        cite=index.cite(member.article_id, member.start, member.end),
        copy=f"copy of {origin}" if origin != member.article_id else None,
    )


def _sources(corpus: Corpus) -> list[SourceView]:
    out = []
    for article in sorted(corpus.articles, key=lambda a: (a.published or "", _outlet(a), a.id)):
        origin = next((o for o in corpus.origins if article.id in o.article_ids), None)
        if origin is None or len(origin.article_ids) == 1:
            where = "independent"
        elif origin.id == article.id:
            where = f"original of {_plural(len(origin.article_ids) - 1, 'copy', 'copies')}"
        else:
            where = f"copy of {origin.id}"
        out.append(
            SourceView(
                article.id,
                _outlet(article),
                article.title or "(no title)",
                article.published or "undated",
                article.url if article.url and SAFE_URL.match(article.url) else None,
                where,
            )
        )
    return out


def _outlet(article: Article | None) -> str:
    return (article.outlet if article else None) or "unknown outlet"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# -- rendering --------------------------------------------------------------------------------------------------

WHITESPACE = re.compile(r"\s+")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def markdown_escape(value: object) -> str:
    """Every value shown in the Markdown brief: newlines folded, markup characters backslash-escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):  # already rendered by the template itself (citation links)
        return str(value)
    text = WHITESPACE.sub(" ", str(value))
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


@lru_cache(maxsize=2)
def _environment(markdown: bool) -> Environment:
    if markdown:
        env = Environment(
            loader=PackageLoader("fieldbrief.report", "templates"),
            autoescape=False,
            finalize=markdown_escape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    else:
        env = Environment(
            loader=PackageLoader("fieldbrief.report", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return env


def brief_html(corpus: Corpus, selection: Selection | None = None) -> str:
    """The briefs as one self-contained HTML page (inline CSS and SVG; no scripts, no network)."""
    return _environment(False).get_template("brief.html.j2").render(page=build_page(corpus, selection))


def brief_markdown(corpus: Corpus, selection: Selection | None = None) -> str:
    return _environment(True).get_template("brief.md.j2").render(page=build_page(corpus, selection))
