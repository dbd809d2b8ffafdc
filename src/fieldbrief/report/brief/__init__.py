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
from collections import Counter
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from fieldbrief.model import Corpus
from fieldbrief.report.brief.events import event_kind, event_markers, place_groups, place_name, timeline_rows
from fieldbrief.report.brief.parties import actor_views, claim_view, source_views
from fieldbrief.report.brief.views import Brief, Cite, ClaimView, EvidenceIndex, Line, Page, plural
from fieldbrief.report.exports import claim_status_by_record
from fieldbrief.report.situations import Selection, narrow, situations
from fieldbrief.report.worldmap import build_map

__all__ = ["Brief", "Page", "brief_html", "brief_markdown", "build_brief", "build_page", "markdown_escape"]

MAX_SITUATION_CLAIMS = 3
MAX_CITES = 6  # citations shown on one aggregate line
TOP_PLACES = 5
SECTIONS = frozenset({"situation", "timeline", "map", "actors", "contested", "corroborated", "sources", "evidence"})


# -- building the view -------------------------------------------------------------------------------------------


def build_brief(corpus: Corpus, title: str = "Situation brief", prefix: str = "") -> Brief:
    """Everything the templates show for one situation, computed once from its corpus."""
    index = EvidenceIndex(corpus, prefix)
    origin_of = {aid: o.id for o in corpus.origins for aid in o.article_ids}
    claims_by_record = claim_status_by_record(corpus.claims)
    contested = [claim_view(c, index, origin_of) for c in corpus.claims if c.status == "contested"]
    corroborated = [
        claim_view(c, index, origin_of)
        for c in sorted(
            (c for c in corpus.claims if c.status == "corroborated"),
            key=lambda c: (-len(c.sources or c.origins), c.summary),
        )
    ]
    timeline = timeline_rows(corpus, index, claims_by_record)
    markers, map_note = event_markers(corpus, index)
    situation = _situation(corpus, index, contested, corroborated)
    actors = actor_views(corpus, index)
    single = [claim_view(c, index, origin_of) for c in corpus.claims if c.status == "single-source"]
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
        sources=source_views(corpus),
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
        f"{plural(len(corpus.articles), 'report')} from {plural(len(outlets), 'outlet')} "
        f"({plural(origins, 'independent origin')}){span}."
    )


def _situation(
    corpus: Corpus, index: EvidenceIndex, contested: list[ClaimView], corroborated: list[ClaimView]
) -> list[Line]:
    lines: list[Line] = []
    for view in contested[:MAX_SITUATION_CLAIMS]:
        lines.append(Line(f"Contested: {view.summary}", _claim_cites(view), section=view.anchor))
    for view in corroborated[:MAX_SITUATION_CLAIMS]:
        text = f"Corroborated by {plural(view.sources, 'independent source')}: {view.summary}"
        lines.append(Line(text, _claim_cites(view), section=view.anchor))
    lines += _event_lines(corpus, index)
    lines += _place_lines(corpus, index)
    return lines


def _event_lines(corpus: Corpus, index: EvidenceIndex) -> list[Line]:
    events = [(a, e) for a in corpus.articles for e in a.events]
    if not events:
        return [Line("No events were extracted from these reports.", section="timeline")]
    types = Counter(event_kind(e) for _, e in events)
    text = f"{plural(len(events), 'event')} reported: " + ", ".join(f"{n} {t}" for t, n in types.most_common())
    lines = [Line(text, [index.cite(a.id, e.start, e.end) for a, e in events[:MAX_CITES]], section="timeline")]
    located = Counter(place_name(e) for _, e in events if e.place and e.place.feature != "country")
    if located:
        place, n = located.most_common(1)[0]
        cites = [index.cite(a.id, e.start, e.end) for a, e in events if e.place and place_name(e) == place]
        lines.append(Line(f"Most reported location: {place} ({plural(n, 'event')})", cites[:MAX_CITES], "map"))
    return lines


def _place_lines(corpus: Corpus, index: EvidenceIndex) -> list[Line]:
    groups = place_groups(corpus)
    if not groups:
        return []
    top = sorted(groups, key=lambda g: (-len(g.spans), g.name))[:TOP_PLACES]
    text = "Places most mentioned: " + ", ".join(f"{g.name} ({len(g.spans)})" for g in top)
    return [Line(text, [index.cite(*g.spans[0]) for g in top], "map")]


def _claim_cites(view: ClaimView) -> list[Cite]:
    return [m.cite for m in (view.affirms + view.disputes)][:MAX_CITES]


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
