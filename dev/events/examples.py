"""Examples through the pipeline: each text is analysed with the rules alone, then its features are read as the
events stage reads them (the same `sentence_features`, the same rule candidates)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fieldbrief.extract.actors import dictionary_for
from fieldbrief.extract.events import rules_only
from fieldbrief.extract.events.candidates import Found
from fieldbrief.extract.events.features import sentence_features
from fieldbrief.extract.events.finder import EventFinder
from fieldbrief.extract.events.lexicon import lexicon_for
from fieldbrief.extract.events.triggers import Match
from fieldbrief.model import Article, RawDocument
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline

PUBLISHED = "2024-01-15"  # a publication date, so relative dates resolve as in news


def rule_features(texts: Sequence[str], batch: int = 64) -> Iterator[list[str] | None]:
    """The features of each text (all its sentences together), or None when the pipeline rejected it."""
    pipeline = Pipeline(Options(published=PUBLISHED, learn_boilerplate=False))
    rules_only(pipeline.context)
    lex = lexicon_for(pipeline.context)
    dictionary = dictionary_for(pipeline.context)
    docs = (RawDocument(source=f"example-{i}", text=t, published=PUBLISHED) for i, t in enumerate(texts))
    outcomes = list(pipeline.run_documents(docs))
    articles = [o for o in outcomes if isinstance(o, Article) and o.language == "en"]
    parsed = dict(zip((id(a) for a in articles), pipeline.nlp.pipe(a.text for a in articles), strict=True))
    for outcome in outcomes:
        doc = parsed.get(id(outcome))
        if not isinstance(outcome, Article) or doc is None:
            yield None
            continue
        finder = EventFinder(doc, outcome, lex, dictionary)
        matches: list[Match] = []
        found: list[Found] = []
        for sent in doc.sents:
            m, f = finder.candidates(sent)
            matches += m
            found += f
        yield sentence_features(doc, matches, found, lex, dictionary)
