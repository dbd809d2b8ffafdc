"""The Parquet tables of a Spark run: one flat table per record kind, joined on `article_id`.

Why flat tables: a Common Crawl user (cc-pyspark, the columnar URL index) queries flat tables with Spark SQL,
DuckDB or pandas; nested arrays of structs are awkward there. Each column is read from the output contract
(`Article.to_json()` and the records' own `to_json()`), by its path in that JSON, so the tables cannot drift from
the contract; `articles.record` (and `rejections.record`, `claims.record`) keeps the whole contract object as one
JSON string, the same line `fieldbrief analyze --format jsonl` writes, so nothing is lost and fields added to the
contract later travel without a schema change.

A column is (name, path in the record's JSON, Spark SQL type); a path "@x" names a value that is not part of
the contract (the crawl date of a WARC record, the linking block of a claim), "#x" the length of the list x.
The module needs no Spark: rows are plain tuples and schemas DDL strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fieldbrief.model import Article, Claim, Rejection

Column = tuple[str, str, str]  # name, dotted path in the record's JSON, Spark SQL type

ARTICLE_KEY: tuple[Column, ...] = (("article_id", "", "STRING"), ("position", "", "INT"))

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": (
        ("article_id", "id", "STRING"),
        ("source", "source", "STRING"),
        ("url", "url", "STRING"),
        ("fetched", "@fetched", "STRING"),  # a WARC record's WARC-Date (the crawl, not the publication)
        ("outlet", "outlet", "STRING"),
        ("title", "title", "STRING"),
        ("published", "published", "STRING"),
        ("published_from", "published_from", "STRING"),
        ("language", "language", "STRING"),
        ("text", "text", "STRING"),
        ("statement_count", "#statements", "INT"),
        ("event_count", "#events", "INT"),
        ("place_count", "#places", "INT"),
        ("error_count", "#errors", "INT"),
        ("record", "*", "STRING"),
    ),
    "statements": ARTICLE_KEY
    + (
        ("id", "id", "STRING"),
        ("speaker_name", "speaker.name", "STRING"),
        ("speaker_mention", "speaker.mention", "STRING"),
        ("speaker_actor", "speaker.actor", "STRING"),
        ("speaker_kind", "speaker.kind", "STRING"),
        ("speaker_outlet", "speaker.outlet", "STRING"),
        ("speaker_publisher", "speaker.publisher", "STRING"),
        ("cue", "cue", "STRING"),
        ("channel", "channel", "STRING"),
        ("kind", "kind", "STRING"),
        ("mode", "mode", "STRING"),
        ("factuality", "factuality", "STRING"),
        ("attribution", "attribution", "STRING"),
        ("content", "content", "STRING"),
        ("start", "start", "INT"),
        ("end", "end", "INT"),
        ("parts", "parts", "STRING"),  # JSON [[start, end], ...]: the speaker's own words
        ("sentence_start", "sentence_start", "INT"),
        ("sentence_end", "sentence_end", "INT"),
    ),
    "places": ARTICLE_KEY
    + (
        ("name", "name", "STRING"),
        ("start", "start", "INT"),
        ("end", "end", "INT"),
        ("lat", "lat", "DOUBLE"),
        ("lon", "lon", "DOUBLE"),
        ("feature", "feature", "STRING"),
        ("country", "country", "STRING"),
        ("admin1", "admin1", "STRING"),
        ("admin1_ocha", "admin1_ocha", "STRING"),
        ("geonameid", "geonameid", "BIGINT"),
        ("canonical", "canonical", "STRING"),
        ("role", "role", "STRING"),
    ),
    "times": ARTICLE_KEY
    + (
        ("text", "text", "STRING"),
        ("start", "start", "INT"),
        ("end", "end", "INT"),
        ("date_start", "date_start", "STRING"),
        ("date_end", "date_end", "STRING"),
        ("precision", "precision", "STRING"),
    ),
    "events": ARTICLE_KEY
    + (
        ("id", "id", "STRING"),
        ("type", "type", "STRING"),
        ("mode", "mode", "STRING"),
        ("acled_event_type", "acled.event_type", "STRING"),
        ("acled_sub_event_type", "acled.sub_event_type", "STRING"),
        ("actor_name", "actor.name", "STRING"),
        ("actor_code", "actor.actor", "STRING"),
        ("actor_type", "actor.type", "STRING"),
        ("actor_country", "actor.country", "STRING"),
        ("target_name", "target.name", "STRING"),
        ("target_code", "target.actor", "STRING"),
        ("target_type", "target.type", "STRING"),
        ("target_country", "target.country", "STRING"),
        ("place_name", "place.name", "STRING"),
        ("place_lat", "place.lat", "DOUBLE"),
        ("place_lon", "place.lon", "DOUBLE"),
        ("place_feature", "place.feature", "STRING"),
        ("place_country", "place.country", "STRING"),
        ("place_admin1", "place.admin1", "STRING"),
        ("place_admin1_ocha", "place.admin1_ocha", "STRING"),
        ("place_geonameid", "place.geonameid", "BIGINT"),
        ("date_start", "date.start", "STRING"),
        ("date_end", "date.end", "STRING"),
        ("date_precision", "date.precision", "STRING"),
        ("date_text", "date.text", "STRING"),
        ("status", "status", "STRING"),
        ("according_to", "according_to", "STRING"),
        ("fatalities", "fatalities", "BIGINT"),
        ("captured", "captured", "BIGINT"),
        ("fatalities_text", "fatalities_text", "STRING"),
        ("captured_text", "captured_text", "STRING"),
        ("start", "start", "INT"),
        ("end", "end", "INT"),
        ("evidence", "evidence", "STRING"),
    ),
    "rejections": (
        ("source", "source", "STRING"),
        ("code", "code", "STRING"),
        ("reason", "reason", "STRING"),
        ("container", "container", "STRING"),  # a record inside a file (WARC, JSON Lines): that file
        ("index", "index", "BIGINT"),
        ("record", "*", "STRING"),
    ),
    "claims": (
        ("claim_id", "id", "STRING"),
        ("block", "@block", "STRING"),  # the blocking component the claim was linked in (spark-link)
        ("summary", "summary", "STRING"),
        ("kind", "kind", "STRING"),
        ("event_type", "event_type", "STRING"),
        ("status", "status", "STRING"),
        ("dispute", "dispute", "STRING"),
        ("why", "why", "STRING"),
        ("origins", "origins", "ARRAY<STRING>"),
        ("sources", "sources", "ARRAY<STRING>"),
        ("incident", "incident", "STRING"),
        ("country", "country", "STRING"),
        ("date", "date", "STRING"),
        ("place", "place", "STRING"),
        ("member_count", "#members", "INT"),
        ("record", "*", "STRING"),
    ),
    "claim_members": (
        ("claim_id", "", "STRING"),
        ("position", "", "INT"),
        ("side", "side", "STRING"),
        ("article_id", "article_id", "STRING"),
        ("origin_id", "origin_id", "STRING"),
        ("outlet", "outlet", "STRING"),
        ("kind", "kind", "STRING"),
        ("record_id", "record_id", "STRING"),
        ("speaker", "speaker", "STRING"),
        ("source", "source", "STRING"),
        ("value", "value", "STRING"),
        ("text", "text", "STRING"),
        ("start", "start", "INT"),
        ("end", "end", "INT"),
    ),
}
# The tables `fieldbrief spark` writes; `fieldbrief spark-link` writes claims and claim_members.
ANALYSIS_TABLES = ("articles", "statements", "places", "times", "events", "rejections")
LINK_TABLES = ("claims", "claim_members")
# The article's lists that become a table each (the list's name in the contract is the table's name).
RECORD_LISTS = ("statements", "places", "times", "events")

Row = tuple[Any, ...]


def ddl(table: str) -> str:
    """The table's Spark schema as a DDL string ("`article_id` STRING, ...")."""
    return ", ".join(f"`{name}` {kind}" for name, _, kind in TABLES[table])


def column_names(table: str) -> list[str]:
    return [name for name, _, _ in TABLES[table]]


def _at(record: dict[str, Any], path: str, extra: dict[str, Any]) -> Any:
    """The value at a dotted path (None where a level is missing); '*' the record itself as JSON; '#x' len(x)."""
    if path == "*":
        return json.dumps(record, ensure_ascii=False)
    if path.startswith("@"):
        return extra.get(path[1:])
    if path.startswith("#"):
        return len(record.get(path[1:]) or [])
    value: Any = record
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _typed(value: Any, kind: str) -> Any:
    """A value as the Spark type expects it (Spark checks types and never widens an int to a double)."""
    if value is None:
        return None
    if kind == "DOUBLE":
        return float(value)
    if kind in ("INT", "BIGINT"):
        return int(value)
    if kind == "STRING":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if kind == "ARRAY<STRING>":
        return [str(v) for v in value]
    return value


def row(table: str, record: dict[str, Any], key: tuple[Any, ...] = (), extra: dict[str, Any] | None = None) -> Row:
    """One row of `table` from a record's JSON; `key` fills the leading columns, `extra` the "@" columns."""
    columns = TABLES[table]
    values = list(key)
    for _name, path, kind in columns[len(key) :]:
        values.append(_typed(_at(record, path, extra or {}), kind))
    return tuple(values)


def outcome_rows(outcome: Article | Rejection, fetched: str | None = None) -> Iterator[tuple[str, Row]]:
    """(table, row) for one outcome of the pipeline: its article row and a row per record, or its rejection."""
    if isinstance(outcome, Rejection):
        yield "rejections", row("rejections", outcome.to_json())
        return
    record = outcome.to_json()
    yield "articles", row("articles", record, extra={"fetched": fetched})
    for table in RECORD_LISTS:
        for position, item in enumerate(record.get(table) or []):
            yield table, row(table, item, (outcome.id, position))


def claim_rows(claim: Claim, block: str) -> Iterator[tuple[str, Row]]:
    """(table, row) for one claim: its claims row and a row per member."""
    record = claim.to_json()
    yield "claims", row("claims", record, extra={"block": block})
    for position, member in enumerate(claim.members):
        yield "claim_members", row("claim_members", member.to_json(), (claim.id, position))


def article_record(articles_row: dict[str, Any]) -> dict[str, Any]:
    """The contract object of an articles row (what `fieldbrief analyze --format jsonl` writes for it)."""
    record: dict[str, Any] = json.loads(articles_row["record"])
    return record
