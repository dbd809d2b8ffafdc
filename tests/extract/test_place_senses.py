"""False senses of place names found on real text, on sentences written for these tests (fictional events, real
places): an abbreviation that is a word alone, an organisation named "<State> State", generic words that are also
tiny towns, and a city given another division's name by a gazetteer source."""

from __future__ import annotations

from place_support import named, run
from spacy.language import Language

from fieldbrief.extract.gazetteer import NAME_QUALIFIER, Gazetteer, name_key
from fieldbrief.stage import Context

# -- abbreviations valid only after a comma ------------------------------------------------------------------


def test_comma_only_abbreviations_are_qualifier_names() -> None:
    gaz = Gazetteer.load()
    pennsylvania = [c for c in gaz.candidates(name_key("Pa.")) if c.feature == "province"]
    assert [(c.admin1, c.name_kind) for c in pennsylvania] == [("Pennsylvania", NAME_QUALIFIER)]
    gaz.close()


def test_a_bare_abbreviation_is_not_its_division(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Fighting spread to Pa on Monday, officials in Burkina Faso said.")
    assert all(p.admin1 != "Pennsylvania" for p in found), [(p.name, p.admin1) for p in found]
    assert all(p.country == "BF" for p in found)
    assert not [p for p in run(nlp, ctx, "Pa said the road was closed again.") if p.country == "US"]


def test_abbreviations_where_they_name_their_division(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "Sen. Jane Doe, D-Pa., visited a plant near Erie, Pa., where a missing Ill. man worked. "
        "He grew up in Smallvale, Ind., and moved away. The Walker County (Ga.) sheriff was told.",
    )
    assert [p.admin1 for p in found if p.name == "Pa."] == ["Pennsylvania", "Pennsylvania"]
    assert named(found, "Ill.").admin1 == "Illinois"  # its period ends no sentence
    assert named(found, "Ind.").admin1 == "Indiana"  # after a comma and a town the gazetteer does not know
    assert named(found, "Ga.").admin1 == "Georgia"  # in parentheses after a place


# -- "<State> State" names an organisation ---------------------------------------------------------------------


def test_a_state_named_organisation_does_not_absorb_its_cue_word(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "She studied at Ohio State University and coached at Florida State before moving to Columbus.",
    )
    names = {p.name for p in found}
    assert "Ohio State" not in names and "Florida State" not in names, names
    assert named(found, "Ohio").admin1 == "Ohio"


def test_a_state_of_a_country_that_names_its_divisions_so(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Gunmen attacked a village in Kano State and a market in Borno State, police said.")
    assert (named(found, "Kano State").feature, named(found, "Kano State").country) == ("province", "NG")
    assert named(found, "Borno State").admin1 == "Borno"
    within = run(nlp, ctx, "Migrants camped in Matias Romero, Oaxaca State, Mexico, on Wednesday.")
    assert (named(within, "Oaxaca State").admin1, named(within, "Oaxaca State").role) == ("Oaxaca", "literal")


# -- generic words that are also tiny towns ------------------------------------------------------------------


def test_generic_facility_words_are_no_towns(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "The plane landed at the Airport near Greer, and families waited at City Park until the fire was out.",
    )
    assert {p.name for p in found} == {"Greer"}
    assert named(found, "Greer").admin1 == "South Carolina"


# -- a city's division in the coding its division names come from --------------------------------------------


def test_a_city_keeps_its_own_division(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Cases rose in Ho Chi Minh City, Vietnam's largest city, health officials said.")
    assert named(found, "Ho Chi Minh City").admin1 == "Ho Chi Minh City"
