"""A brief covers one situation: a corpus of several countries and months is split, or narrowed by country, dates and
words. The corpora are FICTIONAL (report_corpus.py plus a second conflict written here)."""

from __future__ import annotations

from lxml import html as lxml_html
from report_corpus import make_corpus

from fieldbrief.model import Article, Claim, ClaimMember, Corpus, Origin, Place
from fieldbrief.report.brief import brief_html, build_page
from fieldbrief.report.situations import Selection, narrow, situations

OTHER = "Drones struck a depot in the port town of Belmar on Monday, officials said. Two guards were wounded."


def two_conflicts() -> Corpus:
    first = make_corpus()
    start = OTHER.index("Belmar")
    article = Article(
        "other.txt",
        OTHER,
        outlet="Coast Post",
        published="2024-05-06",
        places=[Place("Belmar", start, start + 6, 44.1, 12.2, "town", "UA", None, canonical="Belmar")],
    )
    claim = Claim(
        "cl-belmar",
        "Drones struck a depot in Belmar",
        "event",
        "single-source",
        [ClaimMember(article.id, article.id, "Coast Post", "sentence", None, OTHER[:76], 0, 76)],
        [article.id],
    )
    return Corpus(
        [*first.articles, article],
        [*first.origins, Origin(article.id, [article.id], 1.0)],
        first.entities,
        [*first.claims, claim],
    )


def test_a_corpus_of_two_conflicts_is_two_situations() -> None:
    found = situations(two_conflicts())
    assert [s.key for s in found] == ["SD-2024-03", "UA-2024-05"]
    sudan, ukraine = found
    assert {c.id for c in sudan.corpus.claims} == {"cl-pass", "cl-attack"}
    assert [c.id for c in ukraine.corpus.claims] == ["cl-belmar"]
    assert len(sudan.corpus.articles) == 3 and len(ukraine.corpus.articles) == 1


def test_narrowing_by_country_dates_and_words() -> None:
    corpus = two_conflicts()
    assert [a.outlet for a in narrow(corpus, Selection(country="ua")).articles] == ["Coast Post"]
    assert len(narrow(corpus, Selection(since="2024-04-01")).articles) == 1
    assert len(narrow(corpus, Selection(until="2024-04-01")).articles) == 3
    kept = narrow(corpus, Selection(query="Varen pass"))
    assert {a.outlet for a in kept.articles} == {"Daily Courier", "Frontier Times"}
    assert [c.id for c in kept.claims] == ["cl-pass"]  # a claim stays only with all its members


def test_one_page_one_brief_per_situation_with_its_own_links() -> None:
    corpus = two_conflicts()
    page = build_page(corpus)
    assert [b.title for b in page.briefs] == ["Situation brief: SD, 2024-03", "Situation brief: UA, 2024-05"]
    html = lxml_html.fromstring(brief_html(corpus))
    ids = [el.get("id") for el in html.iter() if el.get("id")]
    assert len(ids) == len(set(ids))  # two situations, no anchor twice
    hrefs = {a.get("href") for a in html.iter("a") if (a.get("href") or "").startswith("#")}
    assert hrefs and all(h[1:] in set(ids) for h in hrefs)
    assert len(html.find_class("brief")) == 2
    narrowed = build_page(corpus, Selection(country="UA"))
    assert [b.title for b in narrowed.briefs] == ["Situation brief: UA, 2024-05"]


def test_each_claim_is_one_line_with_its_members_one_click_away() -> None:
    html = lxml_html.fromstring(brief_html(make_corpus()))
    claim = html.get_element_by_id("c-cl-pass")
    assert claim.tag == "details"
    line = claim.find("summary").text_content()
    assert "\n" not in line.strip() and "The Northern Front controls the Varen Pass" in line
    assert claim.find_class("affirms") and claim.find_class("disputes")
