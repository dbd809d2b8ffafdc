"""The command line: a thin Typer layer over the public API. Only the cli modules print or set exit codes.

Exit codes: 0 done; 1 nothing could be read (or, with --strict, something was rejected); 2 a bad argument,
always as a one-line `error: ...` message. Everything printed that came from an article passes through
`printable` (no control characters) and is printed with Rich markup off.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from fieldbrief.cli_args import (
    ActorsOpt,
    DbOpt,
    check_out,
    check_store_to_write,
    err,
    existing_file,
    fail,
    iso_date,
    open_out,
    open_store,
    parse_limits,
    store_to_read,
)
from fieldbrief.cli_outputs import register as register_output_commands
from fieldbrief.cli_spark import register as register_spark_commands
from fieldbrief.errors import FieldbriefError
from fieldbrief.model import Rejection
from fieldbrief.options import Options
from fieldbrief.pipeline import Outcome, Pipeline
from fieldbrief.read import expand_paths
from fieldbrief.report.codes import rejection_codes
from fieldbrief.report.console import printable
from fieldbrief.report.summary import article_summary, tally_line
from fieldbrief.store import StoreWriter

app = typer.Typer(
    help="fieldbrief: turn news reports about armed conflict into a sourced situation picture.",
    no_args_is_help=True,
    add_completion=False,
)

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, or - for stdin.")]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD of the inputs; a date given in a JSON Lines record wins over it, and it "
        "wins over the page's metadata and the text's dateline.",
    ),
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that give none.")]
WorkersOpt = Annotated[
    int,
    typer.Option("--workers", min=1, help="Processes that parse and extract (one model each); output order kept."),
]
PrefilterOpt = Annotated[
    bool,
    typer.Option(
        "--prefilter",
        help="Skip the parse of articles with no conflict, political-violence or crisis content (each reported "
        "as an off-topic rejection with its relevance score).",
    ),
]
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 1 if any input is rejected.")]
LimitOpt = Annotated[
    list[str] | None,
    typer.Option("--limit", help="Change a limit, NAME=VALUE (repeatable; README § Limits lists them)."),
]
RejectionsOpt = Annotated[
    Path | None, typer.Option("--rejections", help="Also write every rejection here, one JSON object per line.")
]


def _options(
    published: str | None,
    outlet: str | None,
    workers: int,
    batch: int,
    actors: Path | None,
    limits: list[str] | None,
    prefilter: bool = False,
) -> Options:
    return Options(
        published=iso_date(published),
        outlet=outlet,
        workers=workers,
        batch_size=batch,
        actors_file=existing_file(actors, "--actors"),
        limits=parse_limits(limits or []),
        prefilter=prefilter,
    )


def _pipeline(options: Options) -> Pipeline:
    try:
        return Pipeline(options)
    except FieldbriefError as exc:
        fail(exc.message)


# -- running the pipeline --------------------------------------------------------------------------------------


@contextmanager
def _progress(paths: list[str]) -> Iterator[Progress | None]:
    """A progress bar on runs over many files, shown only to a person at a terminal."""
    if not err.is_terminal:
        yield None
        return
    files = sum(1 for p in expand_paths(paths) if isinstance(p, str))
    if files < 5:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        progress.add_task("analyse", total=files)
        yield progress


def _run(pipeline: Pipeline, paths: list[str]) -> Iterator[Outcome]:
    with _progress(paths) as progress:
        for outcome in pipeline.run_paths(paths):
            if progress is not None:
                progress.advance(progress.task_ids[0])
            yield outcome


def _rejection_line(rejection: Rejection) -> Text:
    where = printable(rejection.source)
    if rejection.container is not None and rejection.container not in rejection.source:
        where += f" (record {rejection.index} of {printable(rejection.container)})"
    return Text(f"rejected {where}: [{rejection.code}] {printable(rejection.reason)}")


def _finish(articles: int, rejections: list[Rejection], strict: bool) -> None:
    for rejection in rejections:
        err.print(_rejection_line(rejection))
    err.print(Text(tally_line(articles, rejections)))
    advice = rejection_codes()
    for code in sorted({r.code for r in rejections}):
        if code in advice:
            err.print(Text(f"  {code}: {advice[code].action}"))
    if articles == 0 or (strict and rejections):
        raise typer.Exit(1)


def _json_line(record: object, ascii_only: bool) -> str:
    return json.dumps(record, ensure_ascii=ascii_only) + "\n"


def _stdout_is_utf8() -> bool:
    return (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "") == "utf8"


@app.command()
def analyze(
    paths: PathsArg,
    format: Annotated[str, typer.Option("--format", help="jsonl (the output contract) or summary.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")] = None,
    summary: Annotated[bool, typer.Option(help="With --out: also print a short human summary.")] = True,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    workers: WorkersOpt = 1,
    batch_size: BatchOpt = 32,
    actors: ActorsOpt = None,
    limit: LimitOpt = None,
    rejections_out: RejectionsOpt = None,
    strict: StrictOpt = False,
    prefilter: PrefilterOpt = False,
) -> None:
    """Analyse articles and write one JSON object per article (the JSON Lines contract)."""
    if format not in ("jsonl", "summary"):
        fail("--format takes jsonl or summary")
    options = _options(published, outlet, workers, batch_size, actors, limit, prefilter)
    check_out(out)
    check_out(rejections_out)
    pipeline = _pipeline(options)
    sink = open_out(out) if out is not None else sys.stdout
    rejected_sink = open_out(rejections_out) if rejections_out is not None else None
    ascii_only = out is None and not _stdout_is_utf8()  # JSON escapes what this terminal cannot show
    articles, rejections = 0, []
    try:
        for outcome in _run(pipeline, paths):
            if isinstance(outcome, Rejection):
                rejections.append(outcome)
                if rejected_sink is not None:
                    rejected_sink.write(_json_line(outcome.to_json(), False))
                continue
            articles += 1
            if format == "jsonl":
                sink.write(_json_line(outcome.to_json(), ascii_only))
            if format == "summary" or (out is not None and summary):
                target = sink if format == "summary" else err.file
                print("\n".join(printable(line) for line in article_summary(outcome)), file=target)
    finally:
        for handle in (sink if out is not None else None, rejected_sink):
            if handle is not None:
                handle.close()
    if out is not None:
        err.print(Text(f"wrote {printable(out)}"))
    _finish(articles, rejections, strict)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = Path("fieldbrief.db"),
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    workers: WorkersOpt = 1,
    batch_size: BatchOpt = 32,
    actors: ActorsOpt = None,
    limit: LimitOpt = None,
    strict: StrictOpt = False,
    prefilter: PrefilterOpt = False,
) -> None:
    """Analyse articles and store them (idempotent: re-ingesting the same article adds nothing).

    Work is committed in small transactions as it is done: an interrupted run keeps what it analysed, and
    running it again finishes the job."""
    options = _options(published, outlet, workers, batch_size, actors, limit, prefilter)
    check_store_to_write(db)
    pipeline = _pipeline(options)
    with open_store(db, readonly=False) as store, StoreWriter(store, pipeline.provenance) as writer:
        for outcome in _run(pipeline, paths):
            writer.add(outcome)
    results = writer.results
    err.print(
        Text(
            f"{printable(db)}: {results['added']} added, {results['updated']} updated, {results['unchanged']} unchanged"
        )
    )
    _finish(sum(results.values()), writer.rejections, strict)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOpt = Path("fieldbrief.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored JSON record.")] = False,
) -> None:
    """Print one stored article, with what the cleaner removed."""
    with store_to_read(db) as store:
        record = store.get(article_id)
    if record is None:
        err.print(Text(f"no single article with id {printable(article_id)!r} in {printable(db)}"))
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(record, ensure_ascii=not _stdout_is_utf8(), indent=2))
        return
    out = Console(highlight=False, soft_wrap=True)
    out.print(Text(printable(record["title"] or "(no title)"), style="bold"))
    line = f"{record['outlet'] or 'unknown outlet'} · {record['published'] or 'undated'} · {record['id']}"
    out.print(Text(printable(line)))
    out.print(Text("sources: " + ", ".join(printable(s) for s in record["sources"])))
    out.print()
    out.print(Text(printable(record["text"], one_line=False)))
    out.print()
    out.print(Text(f"Removed ({len(record['removed'])})", style="bold"))
    for removal in record["removed"]:
        out.print(Text(printable(f"  [{removal['kind']}] ({removal['reason']}) {removal['text']}")))
    for note in record.get("notes", []):
        out.print(Text(printable(f"  note [{note['code']}] {note['detail']}")))
    counts = {k: len(record[k]) for k in ("statements", "places", "times", "events")}
    out.print(Text(", ".join(f"{n} {k}" for k, n in counts.items())))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="FTS5 query, e.g. 'Panjshir AND resistance'.")],
    db: DbOpt = Path("fieldbrief.db"),
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search over stored articles."""
    with store_to_read(db) as store:
        try:
            hits = store.search(query, limit)
        except FieldbriefError as exc:
            fail(exc.message)
    for hit in hits:
        head = f"{hit['id']}  {hit['published'] or '----------'}  {hit['outlet'] or '?'}  {hit['title'] or ''}"
        print(printable(head))
        print("    " + printable(hit["snippet"]))
    err.print(Text(f"{len(hits)} hits"))


@app.command()
def bench(
    paths: Annotated[list[str] | None, typer.Argument(help="Articles to measure (default: the shared corpus).")] = None,
    articles: Annotated[int, typer.Option("--articles", min=1, help="Repeat inputs to at least this many.")] = 500,
    workers: WorkersOpt = 1,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Alternate the two runs this often; best counts.")] = 2,
    prefilter_stream: Annotated[
        bool, typer.Option("--prefilter-stream", help="Also the pre-filter's speed-up on a mixed stream.")
    ] = False,
    memory: Annotated[
        bool, typer.Option("--memory", help="Also peak memory analysing 500 and 5,000 articles (fresh processes).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    link: Annotated[
        int | None, typer.Option("--link", min=4, help="Measure linking instead: this many composed articles.")
    ] = None,
) -> None:
    """Measure spaCy alone and the full pipeline on the same articles: speed, per-stage time, memory. With --link N:
    linking N articles composed from the analysed inputs' paragraphs (and N/4, N/2: memory should grow linearly)."""
    from fieldbrief.bench import default_corpus, run_benchmark

    if link is not None:
        from fieldbrief.linkbench import run_link_benchmark

        results = run_link_benchmark(paths or default_corpus(), [link // 4, link // 2, link])
        print(f"fieldbrief bench --link: linking on one core, articles composed from {results[0].pool} paragraphs")
        for r in results:
            print(r.render())
        return

    try:
        result = run_benchmark(
            paths or default_corpus(),
            min_articles=articles,
            workers=workers,
            repeat=repeat,
            prefilter_stream=prefilter_stream,
            memory=memory,
        )
    except FieldbriefError as exc:
        fail(exc.message)
    print(json.dumps(result.to_json(), indent=2) if as_json else result.render())


register_output_commands(app)
register_spark_commands(app)


def main() -> None:
    """The `fieldbrief` command: Typer's app with usage errors as one line (exit 2) and no tracebacks for a
    closed pipe or Ctrl-C."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        code = app(standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        err.print(Text("interrupted"))
        code = 130
    except typer.TyperException as exc:  # Typer's usage errors (bad option value, unknown option, ...)
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `fieldbrief`: the help, as Typer shows it
            exc.show()  # type: ignore[attr-defined]
        else:
            err.print(Text("error: " + printable(exc.format_message())))
        code = 2
    except BrokenPipeError:  # `fieldbrief analyze ... | head`: the reader left; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
