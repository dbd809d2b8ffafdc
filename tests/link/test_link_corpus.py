"""Linking small multi-article sets. Every article here is FICTIONAL, written for these tests from common
real-world patterns (wire copy reprinted by several outlets, a disputed death toll, a government denial,
transliteration variants of one name, two people with one surname)."""

from __future__ import annotations

import pytest

from fieldbrief.link import link_corpus
from fieldbrief.link.lexicon import lexicon
from fieldbrief.link.origins import containment, paragraphs, params, verify
from fieldbrief.model import Article, Corpus, RawDocument
from fieldbrief.pipeline import Pipeline

WIRE = (
    "Rebel fighters shelled the northern town of Kunduz overnight, forcing hundreds of families to flee their "
    "homes, local officials said on Tuesday. The fighting began after the rebels rejected a proposal for talks "
    "and moved heavy weapons into the hills above the town, according to residents reached by telephone. "
    "Aid groups warned that food and medicine were running low in the area and called for a pause in the "
    "fighting so that convoys could reach the wounded."
)


def analyse(pipeline: Pipeline, items: list[tuple[str, str, str]]) -> list[Article]:
    """(outlet, published, text) -> analysed articles, in order."""
    docs = [
        RawDocument(source=f"fictional-{i}.txt", text=t, outlet=o, published=d) for i, (o, d, t) in enumerate(items)
    ]
    out = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
    assert len(out) == len(items)
    return out


def contested(corpus: Corpus) -> list:
    return [c for c in corpus.claims if c.status == "contested"]


def test_containment_sees_a_truncated_copy(pipeline: Pipeline) -> None:
    lex = lexicon()
    full, half, other = analyse(
        pipeline,
        [
            ("A", "2031-05-06", WIRE),
            ("B", "2031-05-06", WIRE[: len(WIRE) // 2]),
            (
                "C",
                "2031-05-06",
                "Something else entirely was said about the weather "
                "in the capital, where the rains came early this year.",
            ),
        ],
    )
    [a], [b], [c] = (paragraphs(x, lex, params(lex)) for x in (full, half, other))
    assert containment(a.shingles, b.shingles) >= 0.9  # only the shingle cut mid-sentence is missing
    assert containment(a.shingles, c.shingles) == 0.0


def test_wire_story_copied_by_three_outlets_is_one_origin(pipeline: Pipeline) -> None:
    rewrite = WIRE.replace("local officials said on Tuesday", "officials said").replace("overnight", "late on Monday")
    own = (
        "In the capital, the parliament met to discuss the budget for schools and hospitals next year, and "
        "ministers promised new roads for the southern provinces after months of delays."
    )
    items = [
        ("Wire A", "2031-05-06", WIRE),
        ("Paper B", "2031-05-06", WIRE + "\n\nEditor's note."),
        ("Site C", "2031-05-07", rewrite),
        ("Paper D", "2031-05-06", own),
    ]
    articles = analyse(pipeline, items)
    corpus = link_corpus(articles)
    groups = sorted(len(o.article_ids) for o in corpus.origins)
    assert groups == [1, 3]
    wire = next(o for o in corpus.origins if len(o.article_ids) == 3)
    assert wire.id == articles[0].id  # the earliest copy names the origin
    assert wire.similarity >= 0.6
    # the copies corroborate nothing: one origin is one source
    assert not [c for c in corpus.claims if c.status == "corroborated"]


def test_numeric_disagreement_between_outlets(pipeline: Pipeline) -> None:
    a = (
        "An airstrike hit a crowded market in Kunduz on Monday. Hospital staff said 30 people were killed in the "
        "airstrike on the market."
    )
    b = (
        "The army said its aircraft struck a rebel position near the market in Kunduz on Monday. A military "
        "spokesman said only 7 people were killed in the airstrike, all of them fighters."
    )
    corpus = link_corpus(analyse(pipeline, [("Daily Alpha", "2031-03-02", a), ("Beta News", "2031-03-02", b)]))
    numbers = [c for c in contested(corpus) if c.kind == "number"]
    assert len(numbers) == 1
    claim = numbers[0]
    assert {m.value for m in claim.members if m.value} == {"30", "7"}
    assert claim.side("affirms") and claim.side("disputes")
    assert len(claim.origins) == 2 and claim.why


def test_government_denial_of_an_attack(pipeline: Pipeline) -> None:
    a = (
        "Residents said government troops attacked the village of Charikar on Sunday, burning several houses. "
        '"They attacked us at dawn," said Ahmad Wali, a farmer.'
    )
    b = (
        'The defence ministry denied that its forces had attacked Charikar. "There was no fighting in Charikar," '
        "ministry spokesman Karim Sadat told reporters on Monday."
    )
    corpus = link_corpus(analyse(pipeline, [("Gamma Times", "2031-04-12", a), ("Delta Post", "2031-04-13", b)]))
    denials = [c for c in contested(corpus) if c.kind == "event"]
    assert len(denials) == 1
    claim = denials[0]
    assert {m.article_id for m in claim.side("affirms")} != {m.article_id for m in claim.side("disputes")}
    for m in claim.members:
        text = corpus.article(m.article_id).text
        assert text[m.start : m.end] == m.text


def test_whereabouts_dispute(pipeline: Pipeline) -> None:
    a = "President Ashraf Ghani fled the country on Sunday as the Taliban entered Kabul, officials said."
    b = "Aides insisted on Sunday that Ashraf Ghani is in Kabul and working from the presidential palace."
    corpus = link_corpus(analyse(pipeline, [("Echo", "2031-08-15", a), ("Foxtrot", "2031-08-15", b)]))
    where = [c for c in contested(corpus) if c.kind == "whereabouts"]
    assert len(where) == 1 and len(where[0].origins) == 2


def test_no_contradiction_between_agreeing_or_unrelated_reports(pipeline: Pipeline) -> None:
    a = "Rebels attacked an army post in Kunduz on Friday, officials said. Five soldiers were killed."
    b = "In Herat, the governor said there had been no fighting this week and markets reopened."
    c = "Five soldiers were killed when rebels attacked an army post in Kunduz on Friday, a spokesman said."
    items = [("One", "2031-02-06", a), ("Two", "2031-02-06", b), ("Three", "2031-02-06", c)]
    corpus = link_corpus(analyse(pipeline, items))
    assert contested(corpus) == []
    assert any(c.status == "corroborated" and len(c.origins) == 2 for c in corpus.claims)


def test_spelling_variants_and_titles_resolve_to_one_entity(pipeline: Pipeline) -> None:
    a = "Ahmad Massoud said his fighters were ready. Massoud spoke from the valley."
    b = "Ahmad Masood, the resistance leader, told reporters that talks had failed."
    c = "The commander Rahim Qaderi said the road was open. Mr Qaderi added that supplies were arriving."
    d = "Rahim Qadiri, a local commander, said on Friday that the road had been closed again."
    corpus = link_corpus(
        analyse(
            pipeline, [("P", "2031-01-01", a), ("Q", "2031-01-01", b), ("R", "2031-01-02", c), ("S", "2031-01-02", d)]
        )
    )
    massoud = [e for e in corpus.entities if "Massoud" in e.name or "Masood" in e.name]
    assert len(massoud) == 1 and len(massoud[0].article_ids) == 2
    qaderi = [e for e in corpus.entities if "qad" in e.name.lower()]
    assert len(qaderi) == 1, [e.to_json() for e in qaderi]
    assert {"Qaderi", "Rahim Qadiri"} <= set(qaderi[0].mentions)  # "Mr Qaderi" and the variant spelling
    assert len(qaderi[0].article_ids) == 2


def test_two_people_who_share_a_surname_stay_apart(pipeline: Pipeline) -> None:
    a = "General Omar Haidari said the bridge was destroyed. His cousin Farid Haidari, a teacher, disagreed."
    b = "Omar Haidari told reporters on Monday that the bridge would be rebuilt within weeks."
    corpus = link_corpus(analyse(pipeline, [("P", "2031-06-01", a), ("Q", "2031-06-02", b)]))
    names = sorted(e.name for e in corpus.entities if "haidari" in e.name.lower())
    assert names == ["Farid Haidari", "Omar Haidari"]
    omar = next(e for e in corpus.entities if e.name == "Omar Haidari")
    assert len(omar.article_ids) == 2


@pytest.mark.parametrize("text", ["", "Short."])
def test_tiny_articles_do_not_break_linking(text: str) -> None:
    corpus = link_corpus([Article(source="x", text=text or " ")])
    assert len(corpus.origins) == 1


def test_a_rewrite_may_drop_a_number_but_never_change_one(pipeline: Pipeline) -> None:
    """Paragraph verification: "a 24-hour silence" left out of a reworded paragraph keeps it a rewrite; a toll of 13
    written as 12 makes it another report."""
    lex = lexicon()
    p = params(lex)
    first = (
        "The defence ministry said on Monday that its missile strike on the town of Kunduz killed more than 60 "
        "fighters during a meeting of rebel commanders, breaking a 24-hour silence as it denied targeting civilians."
    )
    dropped = (
        "On Monday the defence ministry confirmed its strike with missiles on Kunduz town, claiming it killed more "
        "than 60 fighters during a meeting of rebel commanders after a day of silence, and it denied targeting "
        "civilians."
    )
    changed = dropped.replace("60", "50")
    a, b, c = (
        paragraphs(x, lex, p)[0] for x in analyse(pipeline, [("A", "2031-05-06", t) for t in (first, dropped, changed)])
    )
    assert verify(a, b, p) == "reworded"
    assert verify(a, c, p) is None


def test_one_sentence_paragraphs_of_a_rewritten_wire_story_are_its_copy(pipeline: Pipeline) -> None:
    """Wire copy often runs one sentence per paragraph: a rewrite that reorders a short paragraph's clauses and
    keeps its names is still a copy of it, and the article that carries all of them is the wire's."""
    wire = (
        "Mystery surrounded the whereabouts of the governor, who was no longer in Kunduz when rebels captured the "
        "city on Sunday.\n\n"
        "Two senior police officers said the governor had boarded a helicopter early on Sunday in Kunduz for an "
        "unknown destination.\n\n"
        "The governor has not spoken in public since the sudden rebel advance a week ago, when fighters seized "
        "the northern districts in a surprise attack before marching on the city.\n\n"
        "A military helicopter took off from the Kunduz airfield around the time the city was reported to have "
        "been taken by rebels, according to flight tracking data."
    )
    rewrite = (
        "The governor boarded a helicopter in Kunduz for an unknown destination early on Sunday, two senior "
        "police officers said, as rebel forces seized the city and ousted him after six years in office.\n\n"
        "The governor has not spoken in public since the sudden rebel advance a week ago, when fighters seized "
        "the northern districts in a surprise attack before marching on the city.\n\n"
        "Local radio said on Saturday that he was still in Kunduz and would address the elders at the mosque."
    )
    corpus = link_corpus(analyse(pipeline, [("Wire A", "2031-05-06", wire), ("Site B", "2031-05-06", rewrite)]))
    assert len(corpus.origins) == 1
