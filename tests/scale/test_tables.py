"""The Spark job's pure parts, without Spark: blocking keys and blocks, and the Parquet rows of the contract."""

from __future__ import annotations

import json

from fieldbrief.model import Article, Event, Place, Rejection, Speaker, Statement
from fieldbrief.scale.blocks import blocking_keys, components, period
from fieldbrief.scale.tables import TABLES, ddl, outcome_rows

TEXT = "FICTIONAL. Militia fighters attacked Riverside on Monday, a spokesman told reporters."


def _article(published: str | None, *countries: str, associative: str | None = None) -> Article:
    places = [Place(f"Town {c}", 0, 4, 1, 2.5, "city", c) for c in countries]
    if associative:
        places.append(Place("Russian", 0, 4, country=associative, role="associative"))
    return Article(source="x", text=TEXT + " ".join(countries), published=published, places=places)


def test_blocking_keys_are_country_and_period() -> None:
    assert period("2021-08-05", 28) == period("2021-09-01", 28) == "2021-08-05" != period("2021-09-02", 28)
    assert period("2021-08-04", 28) == "2021-07-08"  # the period before
    assert period(None, 28) == period("not a date", 28) == "undated"
    keys = blocking_keys(_article("2021-08-27", "AF", "PK", associative="RU"), 28)
    assert keys == [f"AF|{period('2021-08-27', 28)}", f"PK|{period('2021-08-27', 28)}"]  # a demonym is no place
    assert blocking_keys(_article(None), 28) == ["-|undated"]


def test_articles_sharing_a_key_share_a_block_and_blocks_join_through_an_article() -> None:
    blocks = components([("a", ["AF|1"]), ("b", ["PK|1"]), ("c", ["UA|1"]), ("d", ["PK|1", "AF|1"]), ("e", ["AF|2"])])
    assert blocks == {"a": "AF|1", "b": "AF|1", "c": "UA|1", "d": "AF|1", "e": "AF|2"}


def test_rows_follow_the_contract() -> None:
    article = _article("2021-08-27", "AF")
    speaker = Speaker("Tomas Vell", "a spokesman", "person")
    article.statements = [Statement(speaker, "told", "direct", TEXT[2:12], 2, 12, parts=[(2, 5), (9, 12)])]
    article.events = [Event("ASSAULT", "asserted", 0, 10, TEXT[:10], place=article.places[0], fatalities=3)]
    rows = list(outcome_rows(article, fetched="2021-08-28"))
    statements = dict(zip([c for c, _, _ in TABLES["statements"]], rows[1][1], strict=True))
    assert json.loads(statements["parts"]) == [[2, 5], [9, 12]]  # a split quote's own words, as JSON
    assert [table for table, _ in rows] == ["articles", "statements", "places", "events"]
    for table, values in rows:
        assert len(values) == len(TABLES[table])
    articles = dict(zip([c for c, _, _ in TABLES["articles"]], rows[0][1], strict=True))
    assert json.loads(articles["record"]) == article.to_json()  # the contract line, without the crawl date
    assert articles["fetched"] == "2021-08-28" and articles["statement_count"] == 1
    events = dict(zip([c for c, _, _ in TABLES["events"]], rows[3][1], strict=True))
    assert events["place_country"] == "AF" and events["fatalities"] == 3 and events["place_lat"] == 1.0
    assert isinstance(events["place_lat"], float)  # Spark never widens an int into a DOUBLE column
    [(table, values)] = outcome_rows(Rejection("crawl.warc.gz", "invalid-warc", "not a WARC file"))
    assert table == "rejections" and values[:3] == ("crawl.warc.gz", "invalid-warc", "not a WARC file")


def test_schemas_quote_every_column() -> None:
    assert ddl("times").startswith("`article_id` STRING, `position` INT, `text` STRING, `start` INT, `end` INT")
