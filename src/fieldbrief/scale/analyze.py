"""`fieldbrief spark`: the per-article pipeline in Spark's mapPartitions, written as Parquet tables (tables.py).

The driver expands the inputs (globs, folders) into files and hands out one file per task, as cc-pyspark hands out
WARC files: a file is read record by record on the executor that got it, through the same readers, cleaning,
parse and stages as `fieldbrief analyze`. Each Python worker loads the pipeline (the spaCy model, then the
gazetteer and actor dictionary through the stages' Context) once and keeps it for every partition it runs.
Every input ends as rows: an article row with its records, or a rejection row; a file whose reading fails half way
keeps what it gave and adds a rejection naming the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from fieldbrief.model import RawDocument, Rejection
from fieldbrief.options import Options
from fieldbrief.pipeline import Pipeline
from fieldbrief.read import expand_paths, read_paths
from fieldbrief.scale.tables import ANALYSIS_TABLES, Row, ddl, outcome_rows

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

Task = str | dict[str, Any]  # a file to read, or the JSON of a rejection found on the driver (no such file)


@lru_cache(maxsize=2)
def worker_pipeline(options: Options) -> Pipeline:
    """One pipeline per Python worker process, kept across tasks (Spark reuses its Python workers)."""
    return Pipeline(options)


def analyze_file(pipeline: Pipeline, path: str) -> Iterator[tuple[str, Row]]:
    """Rows for every record of one file; the crawl date of a WARC record travels beside its article."""
    fetched: deque[tuple[str, str | None]] = deque()

    def documents() -> Iterator[RawDocument | Rejection]:
        for doc in read_paths([path], pipeline.options.limits):
            fetched.append((doc.source, doc.fetched if isinstance(doc, RawDocument) else None))
            yield doc

    done = 0
    try:
        for outcome in pipeline.run_documents(documents()):  # one outcome per document, in order
            source, when = fetched.popleft()
            yield from outcome_rows(outcome, when if outcome.source == source else None)
            done += 1
    except Exception as exc:  # a reader or pipeline bug must not lose the other files of the task
        reason = f"failed after {done} records: {type(exc).__name__}: {exc}"
        yield from outcome_rows(Rejection(path, "internal-error", reason))


def analyze_partition(tasks: Iterable[Task], options: Options) -> Iterator[tuple[str, Row]]:
    """mapPartitions: (table, row) pairs for the files of one partition."""
    for task in tasks:
        if isinstance(task, dict):
            yield from outcome_rows(Rejection(task["source"], task["code"], task["reason"]))
        else:
            yield from analyze_file(worker_pipeline(options), task)


def tasks_of(inputs: list[str]) -> list[Task]:
    """The files to read (globs and folders expanded here, on the driver), and the inputs that match nothing."""
    return [item if isinstance(item, str) else item.to_json() for item in expand_paths(inputs)]


def prepare_resources() -> None:
    """Build the gazetteer here, once, if it is missing, rather than in every executor at the same time (local
    runs and shared installs; a cluster's packed environment carries it built, see the README)."""
    from fieldbrief.extract.gazetteer.lookup import Gazetteer

    Gazetteer.load()


def analyze_to_parquet(
    spark: SparkSession,
    inputs: list[str],
    output: str,
    options: Options | None = None,
    partitions: int | None = None,
    mode: str = "errorifexists",
) -> dict[str, int]:
    """Analyse the inputs on Spark and write one Parquet folder per table under `output`; rows per table."""
    from pyspark import StorageLevel

    options = options or Options()
    tasks = tasks_of(inputs)
    slices = max(1, min(partitions or len(tasks), len(tasks)))
    rows = spark.sparkContext.parallelize(tasks, slices).mapPartitions(lambda part: analyze_partition(part, options))
    rows.persist(StorageLevel.MEMORY_AND_DISK)  # the pipeline runs once; each table is a filter of its output
    try:
        return write_tables(spark, rows, ANALYSIS_TABLES, output, mode)
    finally:
        rows.unpersist()


def write_tables(
    spark: SparkSession, rows: RDD[tuple[str, Row]], tables: tuple[str, ...], output: str, mode: str
) -> dict[str, int]:
    """Each table's rows as a Parquet folder `output/table`; the rows written per table."""
    counts: dict[str, int] = {}
    for table in tables:
        path = f"{output.rstrip('/')}/{table}"
        spark.createDataFrame(_of_table(rows, table), ddl(table)).write.mode(mode).parquet(path)
        counts[table] = spark.read.parquet(path).count()
    return counts


def rejection_tally(spark: SparkSession, output: str) -> dict[str, int]:
    """Rejections written under `output`, per code."""
    table = spark.read.parquet(f"{output.rstrip('/')}/rejections").groupBy("code").count().collect()
    return {str(r["code"]): int(r["count"]) for r in sorted(table, key=lambda r: -int(r["count"]))}


def _of_table(rows: RDD[tuple[str, Row]], table: str) -> RDD[Row]:
    return rows.filter(lambda pair: pair[0] == table).map(lambda pair: pair[1])
