"""Which side a speaker speaks for, read from the words that own the speaker's name (FICTIONAL sentences: invented
people, future dates). The sentence lemmas drop the possessive "'s", so the text itself must tell "Russia's Ivan
Petrovsky" (he speaks for Russia) from "Russia's claims, Ivan Petrovsky said" (he owns nothing)."""

from __future__ import annotations

from fieldbrief.lexicon.actors import load_dictionary
from fieldbrief.link.claims.sides import ArticleSides
from fieldbrief.link.entities import resolve
from fieldbrief.link.lexicon import lexicon
from fieldbrief.link.origins import find_origins
from fieldbrief.model import Article, RawDocument
from fieldbrief.pipeline import Pipeline


def sides_of(pipeline: Pipeline, text: str) -> tuple[Article, ArticleSides]:
    docs = [RawDocument(source="fictional-0.txt", text=text, outlet="Fictional Post", published="2031-05-02")]
    articles = [a for a in pipeline.run_documents(docs) if isinstance(a, Article)]
    assert len(articles) == 1
    lex = lexicon()
    entities, mentions = resolve(articles, None)
    by_id = {e.id: e for e in entities}
    article = articles[0]
    sides = ArticleSides(
        article, find_origins(articles, lex), mentions.get(article.id, []), by_id, load_dictionary(None), lex
    )
    return article, sides


def owner(pipeline: Pipeline, text: str) -> str | None:
    article, sides = sides_of(pipeline, text)
    assert article.statements, text
    return sides._owner_of_speaker(sides.views[0], article.statements[0].speaker.mention or "")


def test_a_possessor_before_a_speaker_s_name_is_his_side(pipeline: Pipeline) -> None:
    assert owner(pipeline, "Russia's Ivan Petrovsky said on Monday that the town had fallen.") == "RUS"
    assert owner(pipeline, "Russia's top general Ivan Petrovsky said on Monday that the town had fallen.") == "RUS"


def test_a_possessor_of_another_phrase_owns_no_speaker(pipeline: Pipeline) -> None:
    text = "In reply to Russia's claims, army spokesman Ivan Petrovsky said on Monday that the town still held."
    article, _ = sides_of(pipeline, text)
    assert [s.speaker.name for s in article.statements] == ["Ivan Petrovsky"]
    assert owner(pipeline, text) is None


def test_the_text_shows_the_possessive_the_lemmas_drop(pipeline: Pipeline) -> None:
    _, sides = sides_of(pipeline, "Ukraine\u2019s army said on Monday that Moscow's claims were false.")
    view = sides.views[0]
    possessors = [view.words[k] for k in range(len(view.words)) if view.is_possessor(k)]
    assert possessors == ["ukraine", "moscow"]
