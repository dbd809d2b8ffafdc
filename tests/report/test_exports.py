"""The exports: ACLED-like CSV, PLOVER JSON, GeoJSON of events, JSON Lines of articles; and the map's outline."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import pytest
from report_corpus import make_corpus

from fieldbrief.lexicon.actors import ActorDictionary, load_dictionary
from fieldbrief.model import AcledType, ActorRef, Article, Corpus, Event, Place, TimeRef, article_from_json
from fieldbrief.report import exports
from fieldbrief.report.worldmap import Marker, build_map, load_outline


def _export(writer: Callable[[Corpus, TextIO], None], corpus: Corpus) -> str:
    sink = io.StringIO()
    writer(corpus, sink)
    return sink.getvalue()


NF_ACTORS = """
[[actor]]
code = "NF"
name = "Northern Front"
type = "rebel group"
country = "SD"
"""  # a FICTIONAL rebel group, added the way a user extends the dictionary (--actors)


def nf_dictionary(tmp_path: Path) -> ActorDictionary:
    user = tmp_path / "actors.toml"
    user.write_text(NF_ACTORS, encoding="utf-8")
    return load_dictionary(user)


def acled_rows(corpus: Corpus, tmp_path: Path, **kwargs: Any) -> list[dict[str, str]]:
    sink = io.StringIO()
    exports.export_acled_csv(corpus, sink, dictionary=nf_dictionary(tmp_path), timestamp=1_700_000_000, **kwargs)
    return list(csv.DictReader(io.StringIO(sink.getvalue())))


def test_acled_csv_rows(tmp_path: Path) -> None:
    corpus = make_corpus()
    rows = acled_rows(corpus, tmp_path)
    assert len(rows) == 3 and tuple(rows[0])[:31] == exports.ACLED_COLUMNS and len(exports.ACLED_COLUMNS) == 31
    a, b, c = rows
    assert a["event_id_cnty"] == "SDNev-a1" and a["event_id"] == "ev-a1"
    assert (a["event_date"], a["year"], a["time_precision"]) == ("2024-03-05", "2024", "1")
    # "this week": ACLED codes the middle of the week, precision 2; the week itself stays in our columns
    assert (b["event_date"], b["time_precision"], b["date_start"], b["date_end"]) == (
        "2024-03-07",
        "2",
        "2024-03-04",
        "2024-03-10",
    )
    # no date of its own: the report's date, "on or before", precision 3
    assert (c["event_date"], c["time_precision"], c["date_precision"]) == ("2024-03-07", "3", "reported")
    assert (a["disorder_type"], a["event_type"], a["sub_event_type"]) == (
        "Political violence",
        "Battles",
        "Armed clash",
    )
    assert (a["actor1"], a["inter1"], a["actor2"], a["inter2"]) == (
        "Northern Front",
        "Rebel group",
        "Military Forces of Sudan (2019-)",
        "State forces",
    )
    assert a["interaction"] == "State forces-Rebel group" and a["civilian_targeting"] == ""
    assert (a["iso"], a["region"], a["country"], a["admin1"], a["location"]) == (
        "729",
        "Northern Africa",
        "Sudan",
        "North Darfur",
        "Kessora",
    )
    assert (a["latitude"], a["longitude"], a["geo_precision"]) == ("12.5", "30.25", "1")
    assert (a["fatalities"], b["fatalities"], a["timestamp"]) == ("12", "13", "1700000000")
    assert a["source"] == "Daily Courier" and a["source_scale"] == "" and a["tags"] == a["admin3"] == ""
    assert a["status"] == "asserted" and a["claim_status"] == "corroborated"
    assert (a["actor_text"], a["actor_code"], a["target_text"]) == ("Northern Front", "NF", "army")
    article = corpus.articles[0]
    ref_id, span = a["evidence"].split(":")
    start, end = (int(v) for v in span.split("-"))
    assert ref_id == article.id and article.text[start:end] == a["notes"]


def test_acled_rows_are_acled_events_unless_all(tmp_path: Path) -> None:
    corpus = make_corpus()
    corpus.articles[0].events[0].acled = None
    rows = acled_rows(corpus, tmp_path)
    assert [r["event_id"] for r in rows] == ["ev-b1", "ev-c1"]
    every = acled_rows(corpus, tmp_path, include_all=True)
    assert [r["event_id"] for r in every] == ["ev-a1", "ev-b1", "ev-c1"]
    first = every[0]
    for column in ("event_type", "sub_event_type", "disorder_type", "actor1", "inter1", "interaction"):
        assert first[column] == "", column
    assert first["event_date"] == "2024-03-05" and first["plover_type"] == "ASSAULT"  # the facts stay


@pytest.mark.parametrize(("status", "is_row"), [("planned", False), ("denied", False), ("claimed", True)])
def test_acled_rows_are_events_that_took_place(tmp_path: Path, status: str, is_row: bool) -> None:
    corpus = make_corpus()
    corpus.articles[1].events[0].status = status  # ev-b1: ACLED-typed
    rows = acled_rows(corpus, tmp_path)
    assert ("ev-b1" in [r["event_id"] for r in rows]) is is_row
    every = acled_rows(corpus, tmp_path, include_all=True)
    assert [r["status"] for r in every if r["event_id"] == "ev-b1"] == [status]


def _event(
    acled: tuple[str, str],
    actor: ActorRef | None,
    target: ActorRef | None,
    country: str = "AF",
    when: str | None = "2021-08-20",
) -> tuple[Article, Event]:
    text = "FICTIONAL. Something happened in Charikar."
    place = Place("Charikar", 31, 39, 35.01, 69.17, "city", country, "Parwan", 1148155)
    date = TimeRef("today", 0, 0, when, when, "day") if when else None
    event = Event(
        "ASSAULT",
        "asserted",
        0,
        len(text),
        text,
        acled=AcledType(*acled),
        actor=actor,
        target=target,
        place=place,
        date=date,
        id="ev-x",
    )
    article = Article(source="x.txt", text=text, outlet="Metro Wire", events=[event])
    return article, event


def _row(
    tmp_path: Path, acled: tuple[str, str], actor: ActorRef | None, target: ActorRef | None, **kwargs: Any
) -> dict[str, str]:
    article, _ = _event(acled, actor, target, **kwargs)
    [row] = acled_rows(Corpus([article]), tmp_path)
    return row


def test_acled_actors_in_acleds_style(tmp_path: Path) -> None:
    vac = ("Violence against civilians", "Attack")
    row = _row(tmp_path, vac, ActorRef("the Taliban", "TAL"), ActorRef("villagers", "CIV-AF"))
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Taliban",
        "Rebel group",
        "Civilians (Afghanistan)",
        "Civilians",
    )
    assert row["interaction"] == "Rebel group-Civilians" and row["civilian_targeting"] == "Civilian targeting"
    assert row["disorder_type"] == "Political violence"
    # a perpetrator the report does not name: ACLED's unidentified armed group; victims are civilians
    row = _row(tmp_path, vac, None, None)
    assert (row["actor1"], row["inter1"], row["actor2"]) == (
        "Unidentified Armed Group (Afghanistan)",
        "Political militia",
        "Civilians (Afghanistan)",
    )
    # a phrase the dictionary does not know is never an actor: kept as written in our own column
    row = _row(tmp_path, ("Battles", "Armed clash"), ActorRef("media"), ActorRef("Madrid"))
    assert (row["actor1"], row["inter1"], row["actor2"], row["interaction"]) == ("", "", "", "")
    assert (row["actor_text"], row["target_text"]) == ("media", "Madrid")
    # a state's forces abroad are ACLED's External/Other forces; the period follows the event's date
    row = _row(
        tmp_path,
        ("Explosions/Remote violence", "Air/drone strike"),
        ActorRef("Russian jets", "RUS-MIL"),
        ActorRef("Ukrainian troops", "UKR-MIL"),
        country="UA",
        when="2022-03-01",
    )
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Military Forces of Russia (2000-)",
        "External/Other forces",
        "Military Forces of Ukraine (2019-)",
        "State forces",
    )
    assert row["interaction"] == "State forces-External/Other forces" and row["region"] == "Europe"
    # undated: no period is invented
    row = _row(
        tmp_path, ("Battles", "Armed clash"), ActorRef("Ukrainian troops", "UKR-MIL"), None, country="UA", when=None
    )
    assert row["actor1"] == "Military Forces of Ukraine" and row["event_date"] == "" and row["time_precision"] == ""
    # an official acts for the body he speaks for; an outlet is no actor
    row = _row(
        tmp_path,
        ("Strategic developments", "Agreement"),
        ActorRef("Lavrov", "RUS-GOV-LAVROV"),
        ActorRef("Reuters", "OUT-REUTERS"),
        country="RU",
        when="2021-08-20",
    )
    assert (row["actor1"], row["inter1"], row["actor2"]) == ("Government of Russia (2000-)", "State forces", "")
    assert row["disorder_type"] == "Strategic developments" and row["interaction"] == "State forces only"


def test_acled_protests_have_protesters_and_the_force_that_intervenes(tmp_path: Path) -> None:
    row = _row(
        tmp_path,
        ("Protests", "Protest with intervention"),
        ActorRef("police", "AFG-POL"),
        ActorRef("protesters", "PRO-AF"),
        when="2021-08-01",
    )
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Protesters (Afghanistan)",
        "Protesters",
        "Police Forces of Afghanistan (2004-2021)",
        "State forces",
    )
    assert row["interaction"] == "State forces-Protesters" and row["disorder_type"] == "Demonstrations"
    # after 15 August 2021 ACLED's "(2004-2021)" no longer applies, and no other period is known to us
    row = _row(tmp_path, ("Protests", "Peaceful protest"), ActorRef("police", "AFG-POL"), None, when="2021-08-20")
    assert row["actor2"] == "Police Forces of Afghanistan"
    row = _row(tmp_path, ("Protests", "Excessive force against protesters"), None, None)
    assert row["actor1"] == "Protesters (Afghanistan)"
    assert row["disorder_type"] == "Political violence; Demonstrations"


def test_acled_interaction_codes() -> None:
    from fieldbrief.report.acled import interaction

    assert interaction("Civilians", "State forces") == "State forces-Civilians"
    assert interaction("External/Other forces", "Civilians") == "External/Other forces-Civilians"
    assert interaction("Protesters", "") == "Protesters only" and interaction("", "") == ""


def test_acled_regions_and_countries() -> None:
    from fieldbrief.report.acled import acled_country, acled_country_code, acled_region

    assert [acled_region(c) for c in ("AF", "PK", "IR", "UA", "SD", "MX", "MM", "YE", "GE")] == [
        "Caucasus and Central Asia",
        "South Asia",
        "Middle East",
        "Europe",
        "Northern Africa",
        "North America",
        "Southeast Asia",
        "Middle East",
        "Caucasus and Central Asia",
    ]
    assert acled_country("PS") == "Palestine" and acled_country("CD") == "Democratic Republic of Congo"
    assert acled_country_code("HK") == "CN" and acled_country_code("AF") == "AF"


def test_plover_json_records() -> None:
    records = json.loads(_export(exports.export_plover_json, make_corpus()))
    assert len(records) == 3
    first, second, third = records
    assert first["event"] == "ASSAULT" and first["mode"] == "firearms" and first["quadClass"] == "Material conflict"
    assert first["source"] == [{"actorText": "Northern Front", "code": "NF"}]
    assert first["target"] == [{"actorText": "army", "code": "SDN-MIL"}]
    assert first["date"] == "2024-03-05" and first["dateResolution"] == "day" and first["dead"] == 12
    assert (second["date"], second["enddate"], second["dateResolution"]) == ("2024-03-04", "2024-03-10", "week")
    assert (third["date"], third["dateResolution"]) == ("2024-03-07", "reported")
    geo = first["geolocation"]
    assert geo["placeName"] == "Kessora" and geo["country"] == "SDN" and geo["admin1"] == "North Darfur"
    # a fictional town has no GeoNames record: the id is its province's, and says so
    assert geo["geonamesScope"] == "admin1" and geo["geonamesFeatureCode"] == "ADM1" and geo["geonamesID"] > 0
    assert first["fieldbrief"]["claim_status"] == "corroborated"


def test_geojson_features() -> None:
    collection = json.loads(_export(exports.export_geojson, make_corpus()))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3 and "crs" not in collection
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [30.25, 12.5]}
    props = feature["properties"]
    assert props["plover_type"] == "ASSAULT" and props["outlet"] == "Daily Courier" and props["event_id"] == "ev-a1"
    assert all(not isinstance(v, (dict, list)) for f in collection["features"] for v in f["properties"].values())


def test_jsonl_articles_round_trip_with_origin() -> None:
    corpus = make_corpus()
    lines = _export(exports.export_jsonl, corpus).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [a.id for a in corpus.articles]
    assert records[2]["origin"] == corpus.articles[0].id  # the wire copy points at its original
    assert article_from_json(records[0]).events[0].fatalities == 12


def test_world_outline_is_small_and_complete() -> None:
    from importlib import resources

    data = resources.files("fieldbrief.data").joinpath("world_outline.json")
    assert len(data.read_bytes()) < 300_000
    outline = load_outline()
    assert len(outline) > 150


def test_map_zooms_to_markers_and_shows_world_when_empty() -> None:
    assert build_map([]).view_box == "-1800.0 -900.0 3600.0 1800.0"
    kabul = Marker(34.5, 69.2, "Kabul", "Kabul: 1 event", "#e-1", "event")
    view = build_map([kabul, Marker(39.8, -98.5, "United States", "", "#e-2", "event", precise=False)])
    x, y, width, height = (float(v) for v in view.view_box.split())
    assert x < 692 < x + width and y < -345 < y + height and width < 600
    assert view.event_markers == 2
    assert len(view.paths) < 60  # only the countries in the frame are drawn
