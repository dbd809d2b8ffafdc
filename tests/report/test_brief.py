"""The brief's sections, its evidence links, and escaping of hostile article text (HTML and Markdown)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from lxml import html as lxml_html
from report_corpus import hostile_corpus, make_corpus

from fieldbrief.model import Corpus
from fieldbrief.report.brief import brief_html, brief_markdown, build_brief, markdown_escape

ANCHOR = re.compile(r"^a-([0-9a-f]+)-(\d+)-(\d+)$")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return make_corpus()


@pytest.fixture(scope="module")
def page(corpus: Corpus) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(brief_html(corpus))


def test_sections_present(page: lxml_html.HtmlElement) -> None:
    ids = {el.get("id") for el in page.iter() if el.get("id")}
    assert {"situation", "timeline", "map", "actors", "contested", "corroborated", "sources", "evidence"} <= ids


def test_every_citation_resolves_to_a_quoted_span(corpus: Corpus, page: lxml_html.HtmlElement) -> None:
    texts = {a.id: a.text for a in corpus.articles}
    targets = {el.get("id"): el for el in page.iter() if el.get("id")}
    cites = [a.get("href")[1:] for a in page.iter("a") if (a.get("href") or "").startswith("#a-")]
    assert len(cites) >= 8
    for anchor in cites:
        match = ANCHOR.match(anchor)
        assert match, anchor
        article_id, start, end = match.group(1), int(match.group(2)), int(match.group(3))
        item = targets[anchor]  # the appendix entry exists
        quoted = item.find(".//mark").text_content()
        assert quoted == " ".join(texts[article_id][start:end].split())


def test_every_internal_link_has_a_target(page: lxml_html.HtmlElement) -> None:
    ids = {el.get("id") for el in page.iter() if el.get("id")}
    hrefs = {a.get("href") for a in page.iter("a") if (a.get("href") or "").startswith("#")}
    assert hrefs and all(h[1:] in ids for h in hrefs), sorted(h for h in hrefs if h[1:] not in ids)


def test_timeline_is_ordered_by_date_with_precision(corpus: Corpus) -> None:
    rows = build_brief(corpus).timeline
    assert [r.anchor for r in rows] == ["e-ev-b1", "e-ev-a1", "e-ev-c1"]  # week from the 4th, day 5th, undated
    assert [r.precision for r in rows] == ["week", "day", "unknown"]
    assert rows[1].date == "5 March 2024"
    assert rows[0].date == "4 Mar to 10 Mar 2024"
    assert rows[2].date.startswith("date unknown") and "2024-03-07" in rows[2].date
    assert rows[0].claim == "corroborated"
    assert "12 fatalities" in rows[1].event and "Battles: Armed clash" in rows[1].event


def test_contested_claim_side_by_side(page: lxml_html.HtmlElement) -> None:
    claim = page.get_element_by_id("c-cl-pass")
    affirms = claim.find_class("affirms")[0].text_content()
    disputes = claim.find_class("disputes")[0].text_content()
    assert "Northern Front" in affirms and "Daily Courier" in affirms and "controls the Varen Pass" in affirms
    assert "interior ministry" in disputes and "Frontier Times" in disputes and "denied" in disputes
    assert "assertion vs denial" in claim.text_content()


def test_corroborated_claim_counts_origins_not_copies(page: lxml_html.HtmlElement) -> None:
    claim = page.get_element_by_id("c-cl-attack")
    text = claim.text_content()
    assert "2 independent origins" in text and "3 articles" in text
    assert "Metro Wire" in text


def test_situation_lines_link_to_evidence(corpus: Corpus) -> None:
    situation = build_brief(corpus).situation
    contested = [line for line in situation if line.text.startswith("Contested:")]
    assert len(contested) == 1 and len(contested[0].cites) == 2
    assert any(line.text.startswith("Corroborated by 2 independent sources") for line in situation)
    assert any("3 events reported" in line.text and line.cites for line in situation)
    assert any(line.text == "Most reported location: Kessora (3 events)" for line in situation)


def test_map_markers_zoomed_to_events(corpus: Corpus, page: lxml_html.HtmlElement) -> None:
    view = build_brief(corpus).map
    x, y, width, height = (float(v) for v in view.view_box.split())
    assert width < 600  # zoomed to the region, not the world (3600)
    assert x < 302.5 < x + width and y < -125 < y + height  # Kessora inside the frame
    events = page.xpath("//*[local-name()='circle'][@class='event']")
    assert len(events) == 1  # three events, one location
    places = page.xpath("//*[local-name()='circle'][@class='place']")
    assert len(places) == 1  # Varen Pass: mentioned, no event
    assert page.xpath("//*[local-name()='path'][@class='land']")
    assert events[0].xpath("string(./*[local-name()='title'])").startswith("Kessora: 3 events")


def test_actors_and_who_said_what(corpus: Corpus) -> None:
    actors = {a.name: a for a in build_brief(corpus).actors}
    assert actors["Northern Front"].events == "actor in 3 events"
    said = actors["Tomas Vell"].said
    assert len(said) == 1 and said[0].quote == "We repelled the attack," and said[0].outlet == "Daily Courier"


def test_markdown_brief(corpus: Corpus) -> None:
    md = brief_markdown(corpus)
    for heading in (
        "## Situation",
        "## Timeline of events",
        "## Map",
        "## Actors and who said what",
        "## Contested claims",
        "## Corroborated claims",
        "## Evidence",
    ):
        assert heading in md
    anchors = set(re.findall(r'<a id="([ac]-[^"]+)"></a>', md))
    links = set(re.findall(r"\]\(#([ac]-[^)]+)\)", md))
    assert links and links <= anchors
    # each claim one line; its members one link away, each with the side it takes
    assert "## Members of the claims" in md and "- Affirms: " in md and "- Disputes: " in md


def test_hostile_text_is_escaped_in_html() -> None:
    out = brief_html(hostile_corpus())
    page = lxml_html.fromstring(out)
    assert not page.xpath("//script") and not page.xpath("//img") and not page.xpath("//body//b")
    assert "&lt;script&gt;" in out
    assert not [a for a in page.iter("a") if (a.get("href") or "").lower().startswith("javascript")]
    assert not [el for el in page.iter() if any(k.startswith("on") for k in el.attrib)]


def test_hostile_text_is_escaped_in_markdown() -> None:
    md = brief_markdown(hostile_corpus())
    own_anchors = re.compile(r'<a id="(?:a-[0-9a-f]+-\d+-\d+|c-[\w-]+)"></a>')
    assert not re.search(r"(?<!\\)[<>]", own_anchors.sub("", md))  # every other angle bracket is escaped
    assert "\\<script\\>" in md and "](javascript" not in md
    assert markdown_escape("[x](http://e)") == "\\[x\\](http://e)"


def test_what_a_speaker_did_not_say_is_marked_in_who_said_what() -> None:
    corpus = make_corpus()
    article = corpus.articles[0]
    [said] = [s for s in article.statements if s.speaker.name == "Tomas Vell"]
    article.statements.append(replace(said, id=said.id + "-n", factuality="negated"))
    [vell] = [a for a in build_brief(corpus).actors if a.name == "Tomas Vell"]
    assert sorted(s.how for s in vell.said) == [said.cue, f"{said.cue}, negated"]
