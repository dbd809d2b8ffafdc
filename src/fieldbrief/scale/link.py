"""`fieldbrief spark-link`: cross-article linking over the Parquet of `fieldbrief spark`, partitioned by blocks.

1. Each article's blocking keys (blocks.py) are computed where its row lies; only (article id, keys) pairs come
   to the driver, which joins keys into blocks (connected components: a few bytes per article).
2. Articles are grouped by block (a shuffle of the articles' records) and each block is linked on one executor with
   `link_corpus`, the same function `fieldbrief claims` runs: no pair of articles from different blocks is ever
   compared, and a block's cost grows with its own size only.
3. Claims are written as the `claims` and `claim_members` tables (tables.py), each claim with its block.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from fieldbrief.link import link_corpus
from fieldbrief.model import Article, article_from_json
from fieldbrief.scale.analyze import write_tables
from fieldbrief.scale.blocks import DEFAULT_BLOCK_DAYS, blocking_keys, components
from fieldbrief.scale.tables import LINK_TABLES, Row, claim_rows

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def link_order(article: Article) -> tuple[bool, str, str]:
    """The order `fieldbrief claims` links a store's articles in (ORDER BY published, id; undated first): linking
    depends on it (the first report of a scene opens its incident)."""
    return (article.published is not None, article.published or "", article.id)


def block_claims(block: str, records: Iterable[str], actors: Path | None = None) -> Iterator[tuple[str, Row]]:
    """Link one block's articles (their contract JSON): (table, row) for every claim."""
    articles = sorted((article_from_json(json.loads(r)) for r in records), key=link_order)
    corpus = link_corpus(articles, actors)
    for claim in corpus.claims:
        yield from claim_rows(claim, block)


def keys_of(record: str, block_days: int) -> tuple[str, list[str]]:
    article = article_from_json(json.loads(record))
    return article.id, blocking_keys(article, block_days)


def link_parquet(
    spark: SparkSession,
    analysis: str,
    output: str,
    actors: Path | None = None,
    block_days: int = DEFAULT_BLOCK_DAYS,
    partitions: int | None = None,
    mode: str = "errorifexists",
) -> dict[str, int]:
    """Link the articles table under `analysis` block by block and write the claim tables under `output`."""
    from pyspark import StorageLevel

    table = spark.read.parquet(f"{analysis.rstrip('/')}/articles").select("article_id", "record")
    records = table.rdd.map(lambda r: (str(r["article_id"]), str(r["record"])))
    records.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        keys = records.map(lambda pair: keys_of(pair[1], block_days)).collect()
        block_of = spark.sparkContext.broadcast(components(keys))
        blocks = len(set(block_of.value.values()))
        by_block = records.map(lambda pair: (block_of.value[pair[0]], pair[1])).groupByKey(partitions or max(1, blocks))
        rows = by_block.flatMap(lambda group: block_claims(group[0], group[1], actors))
        rows.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            return {**write_tables(spark, rows, LINK_TABLES, output, mode), "blocks": blocks}
        finally:
            rows.unpersist()
    finally:
        records.unpersist()
