"""Spark: the same per-article pipeline and the same linking as on a laptop, over a news archive.

    spark = spark_session("local[2]")                      # or the session spark-submit gives
    analyze_to_parquet(spark, ["crawl/*.warc.gz"], "out")  # out/articles, statements, places, times, events, rejections
    link_parquet(spark, "out", "out")                      # out/claims, out/claim_members

analyze.py runs the pipeline in mapPartitions (one pipeline per Python worker), link.py links block by block
(blocks.py), tables.py declares the Parquet tables. pyspark is the optional extra `fieldbrief[spark]`; importing
this package needs no Spark.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from fieldbrief.scale.analyze import analyze_to_parquet
from fieldbrief.scale.link import link_parquet

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def spark_session(master: str | None = None, app_name: str = "fieldbrief") -> SparkSession:
    """The session spark-submit prepared (its --master and --conf rule), or a new one at `master` (default
    "local[*]": every core of this machine; "spark://...", "yarn" from a machine of the cluster).

    Started here and without PYSPARK_PYTHON, the Python workers run this very interpreter, so they import the
    same fieldbrief; under spark-submit they run what its `spark.pyspark.python` says (a packed environment)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if "PYSPARK_GATEWAY_PORT" in os.environ:  # started by spark-submit: its settings stand
        return builder.getOrCreate()
    builder = builder.master(master or "local[*]")
    # pyspark starts its local Python workers with PYSPARK_PYTHON (default: the first python3 on PATH)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.getOrCreate()


__all__ = ["analyze_to_parquet", "link_parquet", "spark_session"]
