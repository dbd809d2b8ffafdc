"""The actor dictionary and resolver: dictionary names, demonym + noun, people acting for bodies, unknown actors,
the user's --actors file, and the actors stage on statements. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from fieldbrief.extract.actors import ActorDictionary, ActorResolver, find_mentions, load_dictionary, speaker_code
from fieldbrief.model import ActorRef, Article, RawDocument
from fieldbrief.pipeline import Pipeline


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_dictionary()


@pytest.fixture(scope="module")
def nlp(pipeline: Pipeline) -> Language:
    return pipeline.nlp


def subject(doc: Doc) -> Token:
    return next(t for t in doc if t.dep_ in {"nsubj", "nsubjpass"})


def resolve_subject(nlp: Language, dictionary: ActorDictionary, text: str) -> ActorRef | None:
    doc = nlp(text)
    return ActorResolver(doc, dictionary).resolve(subject(doc))


def test_dictionary_name(nlp: Language, dictionary: ActorDictionary) -> None:
    ref = resolve_subject(nlp, dictionary, "The Taliban captured the district centre on Monday.")
    assert ref is not None and ref.actor == "TAL"


def test_demonym_and_generic_noun(nlp: Language, dictionary: ActorDictionary) -> None:
    ref = resolve_subject(nlp, dictionary, "Sudanese soldiers entered the camp before dawn.")
    assert ref is not None and ref.actor == "SDN-MIL" and ref.name == "Sudanese soldiers"


def test_person_acts_for_a_body(dictionary: ActorDictionary) -> None:
    assert speaker_code(dictionary, "Sergei Lavrov") == "RUS-GOV"
    assert speaker_code(dictionary, "Lavrov") == "RUS-GOV"


def test_generic_class_takes_the_article_country(nlp: Language, dictionary: ActorDictionary) -> None:
    doc = nlp("Gunmen stormed the market at noon.")
    ref = ActorResolver(doc, dictionary, country="NG").resolve(subject(doc))
    assert ref is not None and ref.actor == "UAG-NG"


def test_unknown_actor_keeps_name_and_ner_type(nlp: Language, dictionary: ActorDictionary) -> None:
    ref = resolve_subject(nlp, dictionary, "Kwame Mensah Boateng visited the camp on Friday.")
    assert ref is not None and ref.actor is None
    assert "Boateng" in ref.name and ref.type == "person"


def test_anti_prefix_is_not_the_actor(nlp: Language, dictionary: ActorDictionary) -> None:
    ref = resolve_subject(nlp, dictionary, "Anti-Taliban fighters gathered in the valley.")
    assert ref is None or ref.actor != "TAL"


def test_mentions_take_the_longest_alias_and_respect_case(nlp: Language, dictionary: ActorDictionary) -> None:
    doc = nlp("The National Resistance Front and the Taliban met, but anti-Taliban fighters stayed away.")
    found = [(doc[m.start : m.end].text, m.code) for m in find_mentions(doc, dictionary) if m.code]
    assert any(text == "National Resistance Front" for text, _ in found)
    assert [text for text, code in found if code == "TAL"] == ["Taliban"]  # "anti-Taliban" names what they oppose


def test_mentions_of_an_empty_doc(nlp: Language, dictionary: ActorDictionary) -> None:
    assert find_mentions(nlp(""), dictionary) == []


def test_user_file_is_merged_over_the_shipped_dictionary(tmp_path: Path, nlp: Language) -> None:
    user = tmp_path / "actors.toml"
    user.write_text(
        '[[actor]]\ncode = "BMB"\nname = "Blue Mountain Brigade"\ntype = "militia"\ncountry = "SS"\n'
        'aliases = ["BMB", "Blue Mountain fighters"]\n',
        encoding="utf-8",
    )
    merged = load_dictionary(user)
    assert merged.lookup("Blue Mountain Brigade") is not None
    assert "TAL" in merged.entries  # the shipped entries are still there
    ref = ActorResolver(doc := nlp("The BMB attacked a police post."), merged).resolve(subject(doc))
    assert ref is not None and ref.actor == "BMB" and ref.type == "militia"


def test_stage_fills_speaker_actor(pipeline: Pipeline) -> None:
    text = "Sergei Lavrov told reporters in Moscow on Thursday that the talks had been constructive."
    (article,) = list(pipeline.run_documents([RawDocument(source="t", text=text, published="2023-03-10")]))
    assert isinstance(article, Article)
    assert [s.speaker.actor for s in article.statements] == ["RUS-GOV"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia's Defence Ministry said on Friday that its forces had taken a fictional village.", "RUS-MIL"),
        ("BANGKOK - Myanmar's military said on Wednesday that it had struck a fictional depot.", "MMR-MIL"),
    ],
)
def test_a_speaker_named_with_its_country_gets_that_countrys_code(pipeline: Pipeline, text: str, code: str) -> None:
    (article,) = list(pipeline.run_documents([RawDocument(source="t", text=text, published="2023-03-10")]))
    assert isinstance(article, Article)
    assert [s.speaker.actor for s in article.statements] == [code]


def test_fuzzy_lookup_requires_the_given_names_to_agree() -> None:
    from fieldbrief.extract.actors import given_names_agree, load_dictionary

    assert not given_names_agree("rahim dashti", "fahim dashty")
    assert given_names_agree("fahim dashti", "fahim dashty")
    dictionary = load_dictionary()
    assert dictionary.lookup("Rahim Dashti") is None


@pytest.mark.parametrize(
    ("text", "type_", "country"),
    [
        ("Unidentified Armed Group (Mali) attacked a convoy near Kidal.", "unidentified armed group", "ML"),
        ("Protesters (Pakistan) marched through Lahore.", "protesters", "PK"),
        ("Civilians (Sudan) fled the town of Tawila.", "civilians", "SD"),
    ],
)
def test_acled_generic_names_resolve_to_their_class_and_bracketed_country(
    nlp: Language, text: str, type_: str, country: str
) -> None:
    doc = nlp(text)
    ref = ActorResolver(doc, load_dictionary()).resolve(subject(doc))
    assert ref is not None and (ref.type, ref.country) == (type_, country)


def test_a_named_group_ending_in_a_generic_word_keeps_its_name() -> None:
    dictionary = load_dictionary()
    assert dictionary.generic_named("Rioters") is not None
    assert dictionary.generic_named("Unidentified Armed Group") is not None
    assert dictionary.generic_named("Blue Mountain Forces") is None
