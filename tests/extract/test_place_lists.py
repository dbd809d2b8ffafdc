"""Two contexts that decide a name on real news, on sentences written for these tests (fictional events, real
places): a small town NER did not tag, found only inside a country the article names, and a name listed among
first-level divisions of one country, which is that country's division."""

from __future__ import annotations

from place_support import named, run
from spacy.language import Language

from fieldbrief.stage import Context

# -- small towns inside a country the article names ----------------------------------------------------------


def test_a_small_town_ner_missed_is_found_in_the_country_named(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Inspectors in the UK traced the leak to the Pirbright laboratory on Tuesday.")
    pirbright = named(found, "Pirbright")
    assert (pirbright.country, pirbright.admin1) == ("GB", "England")


def test_a_small_town_of_a_country_the_article_never_names_is_no_place(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Inspectors in Kenya traced the leak to the Pirbright laboratory on Tuesday.")
    assert "Pirbright" not in {p.name for p in found}


def test_months_speakers_and_heads_of_longer_names_are_no_small_towns(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "Officials in the United States said in August that Vanderbilt University had closed a ward. "
        '"We are ready," said Clifford in Texas.',
    )
    names = {p.name for p in found}
    assert not names & {"August", "Vanderbilt", "Clifford"}, names


# -- a name listed among divisions --------------------------------------------------------------------------


def test_a_name_listed_among_divisions_is_that_countrys_division(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "Cases were confirmed in Canada: fifteen in British Columbia, twelve in Ontario, eight in Alberta. "
        "Officials in the United States investigated cases in Washington, Pennsylvania and California.",
    )
    ontario = named(found, "Ontario")
    assert (ontario.feature, ontario.country) == ("province", "CA")
    washington = named(found, "Washington")
    assert (washington.feature, washington.admin1) == ("province", "Washington")


def test_a_qualifier_is_no_list_neighbour(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "The senator flew from Arlington, Va., and Washington to a rally in Ohio.")
    assert named(found, "Washington").feature == "city"


# -- what the text rules out, and names NER split or mislabelled --------------------------------------------


def test_a_place_qualified_by_a_division_it_is_not_in_stays_unresolved(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "He was released on a promise to appear in a Bradford, Ontario court on May 12.")
    assert "Bradford" not in {p.name for p in found}  # the gazetteer knows England's Bradford, not Ontario's
    assert named(found, "Ontario").country == "CA"


def test_a_person_entity_ending_in_a_facility_noun_is_no_person(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "Horses at Randwick Racecourse in Sydney fell ill. If the flu spreads at Randwick, races in Australia stop.",
    )
    assert [p.country for p in found if p.name == "Randwick"] == ["AU"]


def test_an_organisation_entity_that_is_a_place_name_is_no_organisation(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Two women died in Egypt this week: one from Daqahliya and one from Beni Suef.")
    assert "Beni" not in {p.name for p in found}  # a town in Congo, the first word of the Egyptian city
    assert named(found, "Beni Suef").country == "EG"
