"""Office phrases standing for a person ("the Taliban's spokesman", "the country's vice president") resolve to the
one person the corpus names with that office. The articles are FICTIONAL."""

from __future__ import annotations

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, Corpus, RawDocument
from fieldbrief.pipeline import Pipeline


def link(pipeline: Pipeline, texts: list[str]) -> Corpus:
    docs = [
        RawDocument(source=f"roles-{i}.txt", text=t, outlet=f"Outlet {i}", published="2031-02-01")
        for i, t in enumerate(texts)
    ]
    return link_corpus([a for a in pipeline.run_documents(docs) if isinstance(a, Article)])


def test_office_phrase_resolves_to_its_named_holder(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            "Rebel spokesman Daud Rahimi said the convoy had been stopped at the bridge.",
            "Kamal Yusufi, the vice president, said on Monday that the talks would resume.",
            "The rebels' spokesman told reporters the bridge was closed. Later, Bakhtar's vice president said talks "
            "would resume next week.",
        ],
    )
    rahimi = next(e for e in corpus.entities if e.name == "Daud Rahimi")
    yusufi = next(e for e in corpus.entities if e.name == "Kamal Yusufi")
    assert len(yusufi.article_ids) == 2 and any("vice president" in m for m in yusufi.mentions)
    assert len(rahimi.article_ids) == 1  # "the rebels' spokesman" is not "Rebel spokesman": another body's office


def test_an_office_two_people_hold_resolves_to_neither(pipeline: Pipeline) -> None:
    corpus = link(
        pipeline,
        [
            "Nasir Hakimi, the governor, said the road was open.",
            "Jawed Amiri, the governor, said the market had reopened.",
            "Kandor's governor said the curfew would end on Friday.",
        ],
    )
    for name in ("Nasir Hakimi", "Jawed Amiri"):
        entity = next(e for e in corpus.entities if e.name == name)
        assert len(entity.article_ids) == 1 and not any("governor" in m for m in entity.mentions)
