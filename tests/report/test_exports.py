"""The exports: ACLED-like CSV, PLOVER JSON, GeoJSON of events, JSON Lines of articles; and the map's outline."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TextIO

from report_corpus import make_corpus

from fieldbrief.model import Corpus, article_from_json
from fieldbrief.report import exports
from fieldbrief.report.worldmap import Marker, build_map, load_outline


def _export(writer: Callable[[Corpus, TextIO], None], corpus: Corpus) -> str:
    sink = io.StringIO()
    writer(corpus, sink)
    return sink.getvalue()


def test_acled_csv_rows() -> None:
    corpus = make_corpus()
    rows = list(csv.DictReader(io.StringIO(_export(exports.export_acled_csv, corpus))))
    assert len(rows) == 3 and tuple(rows[0]) == exports.ACLED_COLUMNS
    a, b, c = rows
    assert a["event_id_cnty"] == "SDNev-a1"
    assert (a["event_date"], a["year"], a["time_precision"]) == ("2024-03-05", "2024", "1")
    assert (b["event_date"], b["time_precision"]) == ("2024-03-04", "2")
    assert (c["event_date"], c["time_precision"]) == ("2024-03-07", "3")  # undated: publication date, coarse
    assert (a["event_type"], a["sub_event_type"]) == ("Battles", "Armed clash")
    assert (a["actor1"], a["actor2"], a["country"], a["admin1"], a["location"]) == (
        "Northern Front",
        "army",
        "Sudan",
        "North Darfur",
        "Kessora",
    )
    assert (a["latitude"], a["longitude"], a["geo_precision"]) == ("12.5", "30.25", "1")
    assert (a["fatalities"], b["fatalities"]) == ("12", "13")
    assert a["source"] == "Daily Courier" and a["source_scale"] == ""
    assert a["status"] == "asserted" and a["claim_status"] == "corroborated"
    article = corpus.articles[0]
    ref_id, span = a["evidence"].split(":")
    start, end = (int(v) for v in span.split("-"))
    assert ref_id == article.id and article.text[start:end] == a["notes"]


def test_plover_json_records() -> None:
    records = json.loads(_export(exports.export_plover_json, make_corpus()))
    assert len(records) == 3
    first = records[0]
    assert first["event"] == "ASSAULT" and first["mode"] == "firearms" and first["quadClass"] == "Material conflict"
    assert first["source"] == [{"actorText": "Northern Front", "code": "NF"}]
    assert first["target"] == [{"actorText": "army", "code": "SDN-MIL"}]
    assert first["date"] == "2024-03-05" and first["dateResolution"] == "day" and first["dead"] == 12
    assert first["geolocation"]["placeName"] == "Kessora" and first["geolocation"]["country"] == "SDN"
    assert first["fieldbrief"]["claim_status"] == "corroborated"


def test_geojson_features() -> None:
    collection = json.loads(_export(exports.export_geojson, make_corpus()))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [30.25, 12.5]}
    assert feature["properties"]["type"] == "ASSAULT" and feature["properties"]["outlet"] == "Daily Courier"


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
