"""The Spark commands (`fieldbrief spark`, `fieldbrief spark-link`): thin Typer layers over fieldbrief.scale.

Registered on the main app by cli.py; pyspark is imported only when one of them runs (`pip install
fieldbrief[spark]`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from fieldbrief.cli_args import parse_limits
from fieldbrief.options import Options
from fieldbrief.scale.blocks import DEFAULT_BLOCK_DAYS
from fieldbrief.scale.tables import ANALYSIS_TABLES, LINK_TABLES

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

err = Console(stderr=True, highlight=False, soft_wrap=True)

MasterOpt = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="Spark master when run directly (default local[*]); under spark-submit its --master is used.",
    ),
]
OverwriteOpt = Annotated[bool, typer.Option("--overwrite", help="Replace tables already in the output folder.")]
PartitionsOpt = Annotated[int | None, typer.Option("--partitions", min=1, help="Spark partitions (tasks).")]
ActorsOpt = Annotated[
    Path | None, typer.Option("--actors", exists=True, dir_okay=False, help="Extra actor dictionary (TOML).")
]


def _session(master: str | None) -> SparkSession:
    try:
        from fieldbrief.scale import spark_session
    except ImportError as exc:  # pragma: no cover - depends on the install
        err.print("error: pyspark is not installed: pip install 'fieldbrief[spark]'", markup=False)
        raise typer.Exit(2) from exc
    return spark_session(master)


def _check_output(output: str, tables: tuple[str, ...], overwrite: bool) -> None:
    """Refuse before Spark starts to write over tables of an earlier run (a local folder; Spark checks URIs)."""
    if overwrite or "://" in output:
        return
    present = [t for t in tables if (Path(output) / t).exists()]
    if present:
        err.print(f"error: {output} already holds {', '.join(present)}: add --overwrite to replace them", markup=False)
        raise typer.Exit(2)


def _report(counts: dict[str, int], output: str) -> None:
    err.print(f"\nwrote {output}: " + ", ".join(f"{n} {table}" for table, n in counts.items()), markup=False)


def spark(
    inputs: Annotated[
        list[str], typer.Option("--input", help="Files, folders or globs (WARC, WARC.gz, JSONL, text, HTML, feeds).")
    ],
    output: Annotated[str, typer.Option("--output", help="Folder for the Parquet tables (one folder per table).")],
    partitions: PartitionsOpt = None,
    master: MasterOpt = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that give none.")] = None,
    actors: ActorsOpt = None,
    limit: Annotated[
        list[str] | None,
        typer.Option("--limit", help="Change a limit, NAME=VALUE (repeatable; README § Limits lists them)."),
    ] = None,
    prefilter: Annotated[
        bool,
        typer.Option("--prefilter", help="As `analyze --prefilter`: off-topic articles become off-topic rejections."),
    ] = False,
    overwrite: OverwriteOpt = False,
) -> None:
    """Analyse inputs on Spark (one file per task) into Parquet: articles, statements, places, times, events and
    rejections, joined on article_id."""
    from fieldbrief.scale import analyze_to_parquet
    from fieldbrief.scale.analyze import prepare_resources, rejection_tally

    _check_output(output, ANALYSIS_TABLES, overwrite)
    limits = parse_limits(limit or [])
    options = Options(published=published, outlet=outlet, actors_file=actors, limits=limits, prefilter=prefilter)
    session = _session(master)
    prepare_resources()
    counts = analyze_to_parquet(
        session, inputs, output, options, partitions, "overwrite" if overwrite else "errorifexists"
    )
    _report(counts, output)
    if counts["rejections"]:
        tally = rejection_tally(session, output)
        err.print("rejected: " + ", ".join(f"{n} {code}" for code, n in tally.items()), markup=False)
    if counts["articles"] == 0:
        raise typer.Exit(1)


def spark_link(
    input: Annotated[str, typer.Option("--input", help="The output folder of `fieldbrief spark`.")],
    output: Annotated[str, typer.Option("--output", help="Folder for the claims and claim_members tables.")],
    block_days: Annotated[
        int, typer.Option("--block-days", min=1, help="Days per blocking period (articles are linked per block).")
    ] = DEFAULT_BLOCK_DAYS,
    partitions: PartitionsOpt = None,
    master: MasterOpt = None,
    actors: ActorsOpt = None,
    overwrite: OverwriteOpt = False,
) -> None:
    """Link the analysed articles across outlets on Spark, block by block: claims with their members."""
    from fieldbrief.scale import link_parquet

    _check_output(output, LINK_TABLES, overwrite)
    session = _session(master)
    counts = link_parquet(
        session, input, output, actors, block_days, partitions, "overwrite" if overwrite else "errorifexists"
    )
    _report(counts, output)


def register(app: typer.Typer) -> None:
    app.command("spark")(spark)
    app.command("spark-link")(spark_link)
