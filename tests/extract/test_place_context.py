"""Places resolved by context, press abbreviations and associative toponyms, on sentences written for these
tests (fictional events, real places); and events never placed at an associative mention."""

from __future__ import annotations

from place_support import named, run
from spacy.language import Language

from fieldbrief.extract.gazetteer import Gazetteer, name_key, read_tsv
from fieldbrief.model import Article, RawDocument
from fieldbrief.pipeline import Pipeline
from fieldbrief.stage import Context

# -- one name, two contexts --------------------------------------------------------------------------------


def test_london_in_a_canadian_local_story_is_london_ontario(nlp: Language, ctx: Context) -> None:
    canada = run(
        nlp,
        ctx,
        "Police in London said the fire started near Western University. Ontario's fire "
        "marshal and crews from Woodstock and St. Thomas were called.",
    )
    assert (named(canada, "London").country, named(canada, "London").admin1) == ("CA", "Ontario")
    england = run(
        nlp,
        ctx,
        "Police in London said the fire started near Westminster. Crews from Surrey and "
        "Kent were called, England's fire service said.",
    )
    assert named(england, "London").country == "GB"


def test_springfield_by_the_state_written_after_it(nlp: Language, ctx: Context) -> None:
    illinois = run(nlp, ctx, "The governor spoke in Springfield, Ill., on Monday.")
    missouri = run(nlp, ctx, "The rally was held in Springfield, Mo., on Monday.")
    assert named(illinois, "Springfield").admin1 == "Illinois"
    assert named(missouri, "Springfield").admin1 == "Missouri"
    assert named(illinois, "Ill.").feature == "province"  # the qualifier is a place of its own


def test_one_sense_per_article_for_a_repeated_name(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Flooding hit Paris, Texas, overnight. Residents of Paris said the water rose fast.")
    assert {p.admin1 for p in found if p.name == "Paris"} == {"Texas"}


def test_district_of_a_named_province_carries_the_province(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Two soldiers were wounded in Nad-e Ali district, Helmand province, on Monday.")
    assert {p.admin1 for p in found} == {"Helmand"}


def test_weak_foreign_match_stays_unresolved(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Militants attacked a checkpoint in Andar district, Ghazni province, officials said.")
    assert [p.country for p in found] == ["AF"]  # no "Andar" abroad; the province is found


# -- abbreviations -----------------------------------------------------------------------------------------


def test_press_abbreviations_are_their_divisions(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "The company moved from Louisville, Ky., to Vancouver, B.C., and opened an office in N.S.W. last year.",
    )
    assert (named(found, "Ky.").admin1, named(found, "Ky.").country) == ("Kentucky", "US")
    assert named(found, "Louisville").admin1 == "Kentucky"
    assert named(found, "B.C.").admin1 == "British Columbia"
    assert named(found, "Vancouver").country == "CA"
    assert named(found, "N.S.W.").admin1 == "New South Wales"


def test_ambiguous_abbreviation_needs_a_place_before_it() -> None:
    gaz = Gazetteer.load()
    ill = [e for e in gaz.candidates(name_key("Ill.")) if e.feature == "province"]
    assert [e.admin1 for e in ill] == ["Illinois"]
    assert name_key("Ill.") not in gaz.matchable  # "he fell ill." is no place
    assert name_key("Calif.") in gaz.matchable
    gaz.close()


def test_every_abbreviation_names_a_division_of_the_gazetteer() -> None:
    gaz = Gazetteer.load()
    for row in read_tsv("admin1_abbreviations.tsv"):
        cands = gaz.candidates(name_key(row["abbreviation"]))
        assert any(
            c.feature == "province" and c.country == row["country"] and c.admin1 == row["admin1"] for c in cands
        ), row
    gaz.close()


# -- the world gazetteer -----------------------------------------------------------------------------------


def test_divisions_of_every_country_with_sources() -> None:
    gaz = Gazetteer.load()
    for name, country in [
        ("Alberta", "CA"),
        ("Queensland", "AU"),
        ("Sichuan", "CN"),
        ("Kentucky", "US"),
        ("Laurel County", "US"),
        ("Kanawha County", "US"),
    ]:
        cands = [c for c in gaz.candidates(name_key(name)) if c.country == country]
        assert cands and cands[0].feature in ("province", "district"), name
        assert cands[0].source.startswith(("geonames", "curated")), cands[0].source
    africa = [c for c in gaz.candidates("africa") if c.feature == "region"]
    assert africa and africa[0].geonameid == 6255146  # GeoNames' continent record
    gaz.close()


# -- associative toponyms ----------------------------------------------------------------------------------


def test_demonym_is_an_associative_place_of_its_country(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Turkish officials met Canadian diplomats in Ankara.")
    assert [(p.name, p.country, p.role) for p in found] == [
        ("Turkish", "TR", "associative"),
        ("Canadian", "CA", "associative"),
        ("Ankara", "TR", "literal"),
    ]


def test_capital_that_speaks_is_associative_and_a_border_literal(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Moscow said the talks had failed. Shelling continued near the Syrian border.")
    assert named(found, "Moscow").role == "associative"
    assert named(found, "Syrian").role == "literal"


def test_an_event_is_never_placed_at_an_associative_mention() -> None:
    pipeline = Pipeline()
    (article,) = list(
        pipeline.run_documents(
            [
                RawDocument(
                    source="test",
                    published="2023-03-10",
                    text="Moscow said its troops shelled the town of Kupiansk on Thursday. Russian forces also "
                    "attacked positions, the Ukrainian military said.",
                )
            ]
        )
    )
    assert isinstance(article, Article)
    associative = {(p.start, p.end) for p in article.places if p.role == "associative"}
    assert associative  # "Moscow", "Russian", "Ukrainian"
    placed = [e for e in article.events if e.place is not None]
    assert placed and all(e.place.name not in ("Moscow", "Russia") for e in placed), [
        (e.type, e.place) for e in article.events
    ]


# -- a local story's names agree on their state (fictional events) -----------------------------------------


def test_doubtful_names_follow_the_state_of_their_neighbours(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "New sirens will be installed in Columbus and Grove City this year, and Franklin County will pay "
        "for two more near the Dublin city line.",
    )
    assert named(found, "Franklin County").admin1 == "Ohio"  # not the first Franklin County by name
    assert named(found, "Dublin").country == "US"


def test_a_town_named_like_a_country_in_a_story_about_its_county(nlp: Language, ctx: Context) -> None:
    story = (
        "The Palestine city council met on Monday. Anderson County commissioners and Freestone County "
        "officials, both in Texas, joined the meeting in Palestine."
    )
    assert {(p.country, p.admin1) for p in run(nlp, ctx, story) if p.name == "Palestine"} == {("US", "Texas")}
    abroad = run(nlp, ctx, "Talks on Palestine resumed in Cairo, with envoys from Israel and Jordan.")
    assert named(abroad, "Palestine").country == "PS"


def test_a_county_named_by_an_organisation_is_context(nlp: Language, ctx: Context) -> None:
    found = run(
        nlp,
        ctx,
        "Paris will plant 40 trees this spring. Donations go to the Edgar County Community Foundation, "
        "the mayor of Paris said.",
    )
    assert {p.admin1 for p in found if p.name == "Paris"} == {"Illinois"}


def test_a_country_name_split_by_ner_is_one_place(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Cases rose in the Democratic Republic of the Congo and in French Guiana last week.")
    assert named(found, "Democratic Republic of the Congo").country == "CD"
    assert named(found, "French Guiana").country == "GF"
    assert "Congo" not in {p.name for p in found}


def test_demonyms_of_regions_and_divisions(nlp: Language, ctx: Context) -> None:
    found = run(nlp, ctx, "Chechen fighters and South Ossetian militias were seen, and Texans sent aid.")
    chechen, ossetian, texans = named(found, "Chechen"), named(found, "South Ossetian"), named(found, "Texans")
    assert (chechen.feature, chechen.country, chechen.role) == ("province", "RU", "associative")
    assert (ossetian.country, ossetian.canonical) == ("GE", "South Ossetia")
    assert (texans.admin1, texans.role) == ("Texas", "associative")
