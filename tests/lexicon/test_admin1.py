"""OCHA COD-AB names of first-level divisions: the table agrees with the gazetteer, the contract carries both
names, and text written with OCHA's spelling resolves to the division (sentences fictional, places real)."""

from __future__ import annotations

from spacy.language import Language

from fieldbrief.extract import places
from fieldbrief.extract.gazetteer import Gazetteer, name_key
from fieldbrief.lexicon.admin1 import ocha_admin1, ocha_divisions, ocha_name_of
from fieldbrief.model import Article, Place
from fieldbrief.stage import Context


def test_every_row_is_a_division_of_the_gazetteer_with_that_id_and_name() -> None:
    gaz = Gazetteer.load()
    for row in ocha_divisions():
        entry = gaz.by_geonameid(row.geonameid)
        assert entry is not None and entry.feature == "province", row
        assert (entry.country, entry.admin1) == (row.country, row.geonames_name), row
    gaz.close()


def test_one_row_per_division_and_per_name() -> None:
    rows = ocha_divisions()
    assert len({r.geonameid for r in rows}) == len(rows)
    assert len({(r.country, r.ocha_name) for r in rows}) == len(rows)


def test_lookup_by_geonames_name_and_by_id() -> None:
    assert ocha_admin1("AF", "Paktia") == "Paktya"
    assert ocha_admin1("AF", "helmand") == "Hilmand"
    assert ocha_admin1("AF", "Kandahar") == "Kandahar"  # same in both
    assert ocha_admin1("US", "Kentucky") is None  # a country the table does not cover
    assert ocha_admin1("AF", None) is None
    assert ocha_name_of(1131821) == "Nimroz"
    assert ocha_name_of(None) is None


def test_place_json_carries_both_names() -> None:
    place = Place("Paktiya", 0, 7, 33.7, 69.4, "province", "AF", "Paktia", 1131257)
    assert place.to_json()["admin1"] == "Paktia" and place.to_json()["admin1_ocha"] == "Paktya"
    assert place.to_event_json()["admin1_ocha"] == "Paktya"
    assert Place("Kyiv", 0, 4, country="UA", admin1="Kyiv City").to_json()["admin1_ocha"] is None


def test_ocha_spellings_are_names_of_their_division() -> None:
    gaz = Gazetteer.load()
    for spelling, geonames in (("Paktya", "Paktia"), ("Hilmand", "Helmand"), ("Sar-e-Pul", "Sar-e Pol")):
        cands = gaz.candidates(name_key(spelling))
        assert any(c.feature == "province" and c.admin1 == geonames for c in cands), spelling
        assert name_key(spelling) in gaz.matchable
    gaz.close()


def test_text_in_ocha_spelling_resolves(nlp: Language, ctx: Context) -> None:
    text = "A convoy was ambushed in Zurmat district, Paktya province, on Tuesday, officials said."
    article = Article(source="test", text=text, published="2013-05-08")
    places.STAGE.run(nlp(text), article, ctx)
    found = {p.name: p for p in article.places}
    assert found["Paktya"].admin1 == "Paktia" and found["Paktya"].to_json()["admin1_ocha"] == "Paktya"
