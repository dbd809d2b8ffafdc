"""Every export loaded as its users load it, from a real store: the seeds analysed and stored with the FICTIONAL
report corpus (dated, located events) and a FICTIONAL event west of Greenwich whose texts start like formulas.

ACLED CSV through the stdlib csv module with ACLED's own header, and pandas; PLOVER JSON through json and the
JSON Schema kept in the repository; GeoJSON through GDAL (pyogrio, as QGIS reads it) and geopandas; the store in
Datasette with the metadata fieldbrief writes. The round trip store -> export -> load keeps every event's id,
date, place and type.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas
import jsonschema
import pandas
import pyogrio
import pytest
from report_corpus import make_corpus
from typer.testing import CliRunner

from fieldbrief.cli import app
from fieldbrief.corpus import linked_corpus
from fieldbrief.model import AcledType, ActorRef, Article, Corpus, Event, Place, TimeRef
from fieldbrief.pipeline import Pipeline
from fieldbrief.report import exports
from fieldbrief.report.datasette import datasette_metadata, fts_shadow_tables, store_schema
from fieldbrief.report.places import PlaceIndex
from fieldbrief.store import Store

# ACLED's export, as ACLED's codebook lists it (written out here, not taken from the code under test)
ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
DISORDER_TYPES = {
    "Political violence",
    "Demonstrations",
    "Political violence; Demonstrations",
    "Strategic developments",
}
INTER = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
]
ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "South Asia",
    "Southeast Asia",
    "Middle East",
    "Europe",
    "Caucasus and Central Asia",
    "Central America",
    "South America",
    "Caribbean",
    "East Asia",
    "North America",
    "Oceania",
    "Antarctica",
}


def western_event() -> Article:
    """FICTIONAL: a protest in Lima (west of Greenwich: negative longitude) whose texts start like formulas."""
    text = "-Police dispersed a march in Lima on Monday, =officials said."
    lima, monday = text.index("Lima"), text.index("on Monday")
    place = Place("Lima", lima, lima + 4, -12.04318, -77.02824, "city", "PE", "Lima", 3936456)
    event = Event(
        "PROTEST",
        "asserted",
        0,
        len(text),
        text,
        acled=AcledType("Protests", "Protest with intervention"),
        actor=ActorRef("-protesters", "PRO-PE"),
        target=ActorRef("police", "POL-PE"),
        place=place,
        date=TimeRef("on Monday", monday, monday + 9, "2030-05-06", "2030-05-06", "day"),
        id="ev-lima",
    )
    return Article(source="lima.txt", text=text, outlet="+Wire", published="2030-05-07", events=[event], places=[place])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, seed_articles: dict[str, Article], pipeline: Pipeline) -> Path:
    db = tmp_path_factory.mktemp("loads") / "fb.db"
    with Store(db) as store:
        for article in [*seed_articles.values(), *make_corpus().articles, western_event()]:
            store.add(article, pipeline.provenance)
        linked_corpus(store)
    return db


@pytest.fixture(scope="module")
def corpus(store_path: Path) -> Corpus:
    with Store(store_path) as store:
        return linked_corpus(store)


@pytest.fixture(scope="module")
def stored_events(store_path: Path) -> dict[str, dict[str, Any]]:
    """The events as the store's own table has them."""
    import sqlite3

    conn = sqlite3.connect(store_path)
    conn.row_factory = sqlite3.Row
    rows = {
        r["id"]: dict(r)
        for r in conn.execute("SELECT e.*, a.published FROM events e JOIN articles a ON a.id = e.article_id")
    }
    conn.close()
    assert len(rows) > 20
    return rows


def expected_interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction labels: the lower-coded category first, "External/Other forces-Civilians" as ACLED
    writes it, "<category> only" for a sole actor."""
    if not inter2:
        return f"{inter1} only"
    a, b = sorted((INTER.index(inter1), INTER.index(inter2)))
    return "External/Other forces-Civilians" if (a, b) == (6, 7) else f"{INTER[a]}-{INTER[b]}"


def run_export(store_path: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["export", "--db", str(store_path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def same_date(exported: str | None, precision: str | None, stored: dict[str, Any]) -> bool:
    if stored["date_start"]:
        return exported == stored["date_start"] and precision == stored["date_precision"]
    return (exported or None) == (stored["published"] or None) and (precision or None) == (
        "reported" if stored["published"] else None
    )


# ------------------------------------------------------------------------------------------------- ACLED CSV
def test_acled_csv_loads_with_acleds_header_and_vocabularies(store_path: Path, stored_events: dict[str, Any]) -> None:
    text = run_export(store_path, "--format", "acled-csv")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header[:31] == ACLED_HEADER
    rows = [dict(zip(header, values, strict=True)) for values in reader]
    took_place = {"asserted", "claimed", "hedged"}  # planned and denied events are no ACLED events
    acled_ids = {i for i, e in stored_events.items() if e["acled_event_type"] and e["status"] in took_place}
    assert {r["event_id"] for r in rows} == acled_ids  # only ACLED events are rows
    assert any(e["acled_event_type"] and e["status"] not in took_place for e in stored_events.values())
    for row in rows:
        assert row["sub_event_type"] in SUB_EVENT_TYPES[row["event_type"]]
        assert row["disorder_type"] in DISORDER_TYPES
        assert row["inter1"] in [*INTER, ""] and row["inter2"] in [*INTER, ""]
        assert bool(row["actor1"]) == bool(row["inter1"]) and bool(row["actor2"]) == bool(row["inter2"])
        if row["inter1"]:  # an actor the dictionary does not know (the fictional "NF") has no category
            assert row["interaction"] == expected_interaction(row["inter1"], row["inter2"])
        else:
            assert row["interaction"] == ""
        assert row["region"] in ACLED_REGIONS and row["iso"].isdigit()
        assert row["time_precision"] in ("1", "2", "3", "") and row["geo_precision"] in ("1", "2", "3")
        assert row["civilian_targeting"] in ("", "Civilian targeting")
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
        assert row["timestamp"].isdigit()
        if row["event_date"]:
            assert row["year"] == row["event_date"][:4]


def test_acled_csv_seeds_rows_are_complete(store_path: Path, seed_articles: dict[str, Article]) -> None:
    """The issue's check on the seeds: an event type, a disorder type, an actor category and a numeric iso."""
    seed_ids = {a.id for a in seed_articles.values()}
    rows = [
        r
        for r in csv.DictReader(io.StringIO(run_export(store_path, "--format", "acled-csv")))
        if r["article_id"] in seed_ids
    ]
    assert rows
    for row in rows:
        assert row["event_type"] and row["disorder_type"] and row["inter1"] in INTER, row
        assert row["iso"] == "4" and row["country"] == "Afghanistan"
        assert row["actor1"] not in ("", "media") and not row["actor1"].islower()


def test_acled_csv_in_pandas_numbers_are_numbers_text_is_inert(store_path: Path) -> None:
    frame = pandas.read_csv(io.StringIO(run_export(store_path, "--format", "acled-csv")), parse_dates=["event_date"])
    assert list(frame.columns[:31]) == ACLED_HEADER
    assert frame["iso"].dtype.kind == "i" and frame["latitude"].dtype.kind == "f"
    assert frame["longitude"].dtype.kind == "f" and frame["timestamp"].dtype.kind == "i"
    lima = frame[frame["event_id"] == "ev-lima"].iloc[0]
    assert lima["longitude"] == pytest.approx(-77.02824)  # a negative number stays a number
    assert lima["notes"].startswith("'-Police") and lima["source"] == "'+Wire"  # text cannot run as a formula
    assert lima["actor1"] == "Protesters (Peru)" and lima["inter2"] == "State forces"
    assert str(lima["event_date"].date()) == "2030-05-06" and lima["region"] == "South America"
    text_columns = [c for c in frame.columns if frame[c].dtype == object]
    for column in text_columns:
        assert not frame[column].dropna().astype(str).str.match(r"^[=+\-@\t\r]").any(), column


def test_acled_round_trip_keeps_id_date_place_type(store_path: Path, stored_events: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export(store_path, "--format", "acled-csv", "--all"))))
    assert {r["event_id"] for r in rows} == set(stored_events)
    for row in rows:
        event = stored_events[row["event_id"]]
        assert row["plover_type"] == event["type"]
        assert row["event_type"] == (event["acled_event_type"] or "")
        assert same_date(row["date_start"] or None, row["date_precision"] or None, event)
        assert row["location"] == (event["place_name"] or "")
        if event["lat"] is not None:
            assert (float(row["latitude"]), float(row["longitude"])) == (event["lat"], event["lon"])


# ----------------------------------------------------------------------------------------------- PLOVER JSON
def plover_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        resources.files("fieldbrief.data").joinpath(exports.PLOVER_SCHEMA).read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_plover_json_validates_and_keeps_geonames_ids(store_path: Path, stored_events: dict[str, Any]) -> None:
    records = json.loads(run_export(store_path, "--format", "plover-json"))
    jsonschema.validate(records, plover_schema(), cls=jsonschema.Draft202012Validator)
    assert {r["id"] for r in records} == set(stored_events)
    for record in records:
        event = stored_events[record["id"]]
        assert record["event"] == event["type"]
        assert same_date(record["date"], record["dateResolution"], event)
        geo = record["geolocation"]
        if event["lat"] is not None:
            assert geo["geonamesID"] and geo["geonamesScope"], record
            assert (geo["lat"], geo["lon"], geo["placeName"]) == (event["lat"], event["lon"], event["place_name"])
    kabul = [r for r in records if r["geolocation"] and r["geolocation"]["placeName"] == "Kabul"]
    assert kabul and all(r["geolocation"]["geonamesID"] == 1138958 for r in kabul)  # GeoNames' Kabul
    valley = [r for r in records if r["geolocation"] and r["geolocation"]["placeName"] == "Panjshir Valley"]
    assert valley and all(r["geolocation"]["geonamesScope"] == "admin1" for r in valley)  # the province's id
    assert all(r["geolocation"]["geonamesID"] == 6957555 for r in valley)


def test_plover_schema_rejects_what_it_should() -> None:
    schema = plover_schema()
    article, event = _first_event(make_corpus())
    record = json.loads(json.dumps(exports.plover_record(article, event, "", PlaceIndex.default())))
    jsonschema.validate([record], schema, cls=jsonschema.Draft202012Validator)
    for broken in ({"dateResolution": "unknown"}, {"event": "FIGHTING"}, {"date": "5 March 2024"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([{**record, **broken}], schema, cls=jsonschema.Draft202012Validator)
    located_without_id = {**record, "geolocation": {**record["geolocation"], "geonamesID": None}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([located_without_id], schema, cls=jsonschema.Draft202012Validator)


def _first_event(corpus: Corpus) -> tuple[Article, Event]:
    article = corpus.articles[0]
    return article, article.events[0]


# ---------------------------------------------------------------------------------------------------- GeoJSON
def test_geojson_loads_in_gdal_and_geopandas(store_path: Path, stored_events: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    path.write_text(run_export(store_path, "--format", "geojson"), encoding="utf-8")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection" and "crs" not in raw
    info = pyogrio.read_info(path)
    assert info["driver"] == "GeoJSON" and info["geometry_type"] == "Point" and "event_id" in list(info["fields"])
    frame = geopandas.read_file(path)
    assert frame.crs.to_epsg() == 4326
    located = {i: e for i, e in stored_events.items() if e["lat"] is not None}
    assert set(frame["event_id"]) == set(located)
    for _, feature in frame.iterrows():
        event = located[feature["event_id"]]
        assert (feature.geometry.x, feature.geometry.y) == (event["lon"], event["lat"])  # lon, lat
        assert feature["plover_type"] == event["type"] and feature["place"] == event["place_name"]
        assert feature["geonameid"] > 0
    lima = frame[frame["event_id"] == "ev-lima"].iloc[0]
    assert lima.geometry.x < 0 and str(lima["date"].date()) == "2030-05-06"


# -------------------------------------------------------------------------------------------------- Datasette
def test_datasette_metadata_describes_every_table_and_column(store_path: Path) -> None:
    schema = store_schema(store_path)
    shadows = fts_shadow_tables(schema)
    tables = datasette_metadata(store_path)["databases"][store_path.stem]["tables"]
    missing = [
        f"{t}.{c}"
        for t, cols in schema.items()
        if t not in shadows
        for c in cols
        if c not in tables[t].get("columns", {})
    ]
    assert not missing, f"describe these store columns in data/store_tables.toml: {missing}"
    assert all(tables[t].get("description") for t in schema if t not in shadows)


def test_store_opens_in_datasette_with_its_metadata(store_path: Path, tmp_path: Path) -> None:
    from datasette.app import Datasette

    metadata_path = tmp_path / "metadata.json"
    metadata_path.write_text(run_export(store_path, "--format", "datasette-metadata"), encoding="utf-8")
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    name = store_path.stem

    async def visit() -> tuple[Any, Any, str]:
        ds = Datasette(files=[str(store_path)], metadata=metadata)
        await ds.invoke_startup()
        database = (await ds.client.get(f"/{name}.json")).json()
        events = (await ds.client.get(f"/{name}/events.json?_shape=objects&_size=5")).json()
        page = (await ds.client.get(f"/{name}/events")).text
        return database, events, page

    database, events, page = asyncio.run(visit())
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    assert {"event_facets", "schema_migrations", "articles_fts_data"} <= hidden
    assert "events" not in hidden and "claims" not in hidden
    assert "type" in {f for f in events["facet_results"]} and len(events["rows"]) == 5
    assert metadata["databases"][name]["tables"]["events"]["description"].split(":")[0] in page
    assert "actor dictionary code of the actor" in page  # column descriptions are shown
