"""Issue 13, output safety: CSV cells cannot start a spreadsheet formula (OWASP), the brief keeps every
article-derived string inert in element, attribute and URL contexts. All texts are fictional."""

from __future__ import annotations

import csv
import io

from lxml import html as lxml_html
from report_corpus import member, span

from fieldbrief.model import ActorRef, Article, Claim, Corpus, Event, Place
from fieldbrief.report import exports
from fieldbrief.report.brief import brief_html
from fieldbrief.report.claims import write_claims_csv

FORMULAS = (
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def formula_corpus() -> Corpus:
    text = '=HYPERLINK("http://evil.example") militants attacked a post in Kessora, -officials said.'
    sentence = text
    start, end = span(text, sentence)
    article = Article(
        source="f.txt",
        text=text,
        outlet=FORMULAS[0],
        title=FORMULAS[1],
        published="2024-01-02",
        url="https://example.org/x",
    )
    place = Place(
        "Kessora",
        *span(text, "Kessora"),
        lat=-12.5,
        lon=-30.25,
        feature="town",
        country="SD",
        admin1="@North",
        canonical="-Kessora",
    )
    article.events = [
        Event(
            "ASSAULT",
            "asserted",
            start,
            end,
            sentence,
            actor=ActorRef(FORMULAS[2]),
            target=ActorRef(FORMULAS[3]),
            place=place,
            id="ev-f",
            according_to=FORMULAS[4],
        )
    ]
    article.places = [place]
    claim = Claim("cl-f", FORMULAS[5], "fact", "single-source", [member(article, sentence)], [article.id], why="=why")
    return Corpus([article], claims=[claim])


def cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_acled_csv_neutralises_formulas_but_keeps_numbers() -> None:
    sink = io.StringIO()
    exports.export_acled_csv(formula_corpus(), sink, include_all=True)  # the event has no ACLED type
    [row] = cells(sink.getvalue())
    for column, value in row.items():
        if column not in ("latitude", "longitude"):
            assert not value.startswith(DANGEROUS_START), (column, value)
    assert row["source"] == "'" + FORMULAS[0] and row["actor_text"] == "'" + FORMULAS[2]
    assert row["target_text"] == "'" + FORMULAS[3]
    assert row["notes"].startswith("'=HYPERLINK") and row["according_to"] == "'" + FORMULAS[4]
    assert (row["latitude"], row["longitude"]) == ("-12.5", "-30.25")  # numbers stay numbers


def test_claims_csv_neutralises_formulas() -> None:
    corpus = formula_corpus()
    sink = io.StringIO()
    write_claims_csv(corpus.claims, corpus, sink)
    [row] = cells(sink.getvalue())
    assert all(not v.startswith(DANGEROUS_START) for v in row.values()), row
    assert row["summary"] == "'" + FORMULAS[5] and row["why"] == "'=why"


ATTRIBUTE_BREAKERS = "\"><svg onload=alert(1)> ' onmouseover=alert(2) x='"


def test_brief_keeps_payloads_inert_in_attributes_and_urls() -> None:
    corpus = formula_corpus()
    article = corpus.articles[0]
    article.outlet = ATTRIBUTE_BREAKERS
    article.title = "</title><script>alert(3)</script>"
    article.url = 'https://example.org/"><script>alert(4)</script>'
    corpus.claims[0].summary = "{{ 7*7 }} {% raw %} ${7*7} " + ATTRIBUTE_BREAKERS
    page = lxml_html.fromstring(brief_html(corpus))
    assert not page.xpath("//script") and not page.xpath("//svg//svg") and not page.xpath("//*[@onload]")
    assert not [el for el in page.iter() if any(k.lower().startswith("on") for k in el.attrib)]
    assert "{{ 7*7 }}" in page.text_content()  # article text is data, never a template
    hrefs = [a.get("href") or "" for a in page.iter("a")]
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
