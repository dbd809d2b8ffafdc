"""The command line: a thin Typer layer over the public API. Only this module prints or sets exit codes."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

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

from fieldbrief.cli_spark import register as register_spark_commands
from fieldbrief.errors import FieldbriefError
from fieldbrief.model import Corpus, Rejection
from fieldbrief.options import Options
from fieldbrief.pipeline import Outcome, Pipeline
from fieldbrief.read import expand_paths
from fieldbrief.report.summary import article_summary, tally_line
from fieldbrief.store import Store

app = typer.Typer(
    help="fieldbrief: turn news reports about armed conflict into a sourced situation picture.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, or - for stdin.")]
DbOpt = Annotated[Path, typer.Option("--db", help="SQLite store file.")]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD of the inputs; a date given in a JSON Lines record wins over it, and it "
        "wins over the page's metadata and the text's dateline.",
    ),
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that give none.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Processes for the spaCy parse.")]
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")]
ActorsOpt = Annotated[
    Path | None, typer.Option("--actors", exists=True, dir_okay=False, help="Extra actor dictionary (TOML).")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 1 if any input is rejected.")]


def _options(published: str | None, outlet: str | None, workers: int, batch: int, actors: Path | None) -> Options:
    return Options(published=published, outlet=outlet, workers=workers, batch_size=batch, actors_file=actors)


@contextmanager
def _progress(paths: list[str]) -> Iterator[Progress | None]:
    """A progress bar on runs over many files, shown only to a person at a terminal."""
    files = sum(1 for p in expand_paths(paths) if isinstance(p, str))
    if files < 5 or not err.is_terminal:
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


def _finish(articles: int, rejections: list[Rejection], strict: bool) -> None:
    for rejection in rejections:
        err.print(f"rejected {rejection.source}: [{rejection.code}] {rejection.reason}", markup=False)
    err.print(tally_line(articles, rejections), markup=False)
    if articles == 0 or (strict and rejections):
        raise typer.Exit(1)


def _pipeline(options: Options) -> Pipeline:
    try:
        return Pipeline(options)
    except FieldbriefError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc


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
    strict: StrictOpt = False,
) -> None:
    """Analyse articles and write one JSON object per article (the JSON Lines contract)."""
    if format not in ("jsonl", "summary"):
        raise typer.BadParameter("use jsonl or summary", param_hint="--format")
    pipeline = _pipeline(_options(published, outlet, workers, batch_size, actors))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
    sink: TextIO = out.open("w", encoding="utf-8") if out is not None else sys.stdout
    articles, rejections = 0, []
    try:
        for outcome in _run(pipeline, paths):
            if isinstance(outcome, Rejection):
                rejections.append(outcome)
                continue
            articles += 1
            if format == "jsonl":
                sink.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
            if format == "summary" or (out is not None and summary):
                target = sink if format == "summary" else err.file
                print("\n".join(article_summary(outcome)), file=target)
    finally:
        if out is not None:
            sink.close()
    if out is not None:
        err.print(f"wrote {out}", markup=False)
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
    strict: StrictOpt = False,
) -> None:
    """Analyse articles and store them (idempotent: re-ingesting the same article adds nothing)."""
    pipeline = _pipeline(_options(published, outlet, workers, batch_size, actors))
    results: Counter[str] = Counter()
    rejections = []
    with Store(db) as store:
        for outcome in _run(pipeline, paths):
            if isinstance(outcome, Rejection):
                rejections.append(outcome)
                store.add_rejection(outcome)
            else:
                results[store.add(outcome, pipeline.provenance)] += 1
    err.print(
        f"{db}: {results['added']} added, {results['updated']} updated, {results['unchanged']} unchanged",
        markup=False,
    )
    _finish(sum(results.values()), rejections, strict)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOpt = Path("fieldbrief.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored JSON record.")] = False,
) -> None:
    """Print one stored article, with what the cleaner removed."""
    with Store(db) as store:
        record = store.get(article_id)
    if record is None:
        err.print(f"no single article with id {article_id!r} in {db}", markup=False)
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{_escape(record['title'] or '(no title)')}[/bold]")
    out.print(f"{record['outlet'] or 'unknown outlet'} · {record['published'] or 'undated'} · {record['id']}")
    out.print("sources: " + ", ".join(record["sources"]), markup=False)
    out.print()
    out.print(record["text"], markup=False)
    out.print()
    out.print(f"[bold]Removed ({len(record['removed'])})[/bold]")
    for removal in record["removed"]:
        out.print(f"  [{removal['kind']}] ({removal['reason']}) {removal['text']}", markup=False)
    counts = {k: len(record[k]) for k in ("statements", "places", "times", "events")}
    out.print(", ".join(f"{n} {k}" for k, n in counts.items()), markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="FTS5 query, e.g. 'Panjshir AND resistance'.")],
    db: DbOpt = Path("fieldbrief.db"),
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search over stored articles."""
    try:
        with Store(db) as store:
            hits = store.search(query, limit)
    except FieldbriefError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    for hit in hits:
        print(f"{hit['id']}  {hit['published'] or '----------'}  {hit['outlet'] or '?'}  {hit['title'] or ''}")
        print(f"    {hit['snippet']}")
    err.print(f"{len(hits)} hits", markup=False)


@app.command()
def bench(
    paths: Annotated[list[str] | None, typer.Argument(help="Articles to measure (default: the shared corpus).")] = None,
    articles: Annotated[int, typer.Option("--articles", min=1, help="Repeat inputs to at least this many.")] = 500,
    workers: WorkersOpt = 1,
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
        result = run_benchmark(paths or default_corpus(), min_articles=articles, workers=workers)
    except FieldbriefError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    print(json.dumps(result.to_json(), indent=2) if as_json else result.render())


def _corpus(db: Path, actors: Path | None = None) -> Corpus:
    if not db.exists():
        err.print(f"no store at {db}: run `fieldbrief ingest PATH --db {db}` first", markup=False)
        raise typer.Exit(1)
    from fieldbrief.corpus import linked_corpus

    with Store(db) as store:
        corpus = linked_corpus(store, actors)
    if not corpus.articles:
        err.print(f"{db} holds no articles", markup=False)
        raise typer.Exit(1)
    if corpus.unparsed:
        err.print(
            f"{len(corpus.unparsed)} stored articles have no sentence records (analysed by an older fieldbrief): "
            f"they are linked by their events and statements only; re-ingest them to link them fully",
            markup=False,
        )
    return corpus


@contextmanager
def _sink(out: Path | None) -> Iterator[TextIO]:
    """The --out file (parents created), or stdout."""
    if out is None:
        yield sys.stdout
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        yield handle
    err.print(f"wrote {out}", markup=False)


OutOpt = Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")]


@app.command()
def claims(
    db: DbOpt = Path("fieldbrief.db"),
    format: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    status: Annotated[
        str | None, typer.Option("--status", help="Only corroborated, single-source or contested claims.")
    ] = None,
    out: OutOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Claims across the stored articles: corroborated, single-source or contested, with their evidence."""
    if format not in ("jsonl", "csv"):
        raise typer.BadParameter("use jsonl or csv", param_hint="--format")
    if status not in (None, "corroborated", "single-source", "contested"):
        raise typer.BadParameter("use corroborated, single-source or contested", param_hint="--status")
    from fieldbrief.report.claims import write_claims_csv, write_claims_jsonl

    corpus = _corpus(db, actors)
    selected = [c for c in corpus.claims if status is None or c.status == status]
    with _sink(out) as sink:
        (write_claims_csv if format == "csv" else write_claims_jsonl)(selected, corpus, sink)
    tally = Counter(c.status for c in selected)
    err.print(f"{len(selected)} claims: " + ", ".join(f"{n} {s}" for s, n in sorted(tally.items())), markup=False)


DateOpt = Annotated[str | None, typer.Option(help="YYYY-MM-DD, inclusive (publication date).")]


@app.command()
def brief(
    db: DbOpt = Path("fieldbrief.db"),
    format: Annotated[str, typer.Option("--format", help="md or html.")] = "html",
    out: OutOpt = None,
    country: Annotated[str | None, typer.Option("--country", help="Only this country (ISO code, e.g. UA).")] = None,
    since: DateOpt = None,
    until: DateOpt = None,
    query: Annotated[str | None, typer.Option("--query", help="Only articles with all these words.")] = None,
    actors: ActorsOpt = None,
) -> None:
    """A brief a person reads, one per situation (country x month) unless narrowed: situation, timeline, map, actors,
    who said what, contested and corroborated claims, one line each."""
    if format not in ("md", "html"):
        raise typer.BadParameter("use md or html", param_hint="--format")
    for value, hint in ((since, "--since"), (until, "--until")):
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise typer.BadParameter("use YYYY-MM-DD", param_hint=hint)
    from fieldbrief.report.brief import brief_html, brief_markdown
    from fieldbrief.report.situations import Selection, narrow

    corpus = _corpus(db, actors)
    selection = Selection(country, since, until, query)
    if not narrow(corpus, selection).articles:
        err.print("no stored article matches that selection", markup=False)
        raise typer.Exit(1)
    with _sink(out) as sink:
        sink.write(brief_html(corpus, selection) if format == "html" else brief_markdown(corpus, selection))


EXPORT_FORMATS = ("acled-csv", "plover-json", "geojson", "jsonl", "datasette-metadata")


@app.command()
def export(
    db: DbOpt = Path("fieldbrief.db"),
    format: Annotated[
        str, typer.Option("--format", help="acled-csv, plover-json, geojson, jsonl or datasette-metadata.")
    ] = "jsonl",
    out: OutOpt = None,
    all_events: Annotated[
        bool,
        typer.Option("--all", help="acled-csv: every event, those without an ACLED type with empty ACLED fields."),
    ] = False,
    actors: ActorsOpt = None,
) -> None:
    """Export stored events and articles in standard formats, or the store's description for Datasette."""
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter("use " + ", ".join(EXPORT_FORMATS), param_hint="--format")
    if format == "datasette-metadata":
        from fieldbrief.report.datasette import write_metadata

        if not db.exists():
            err.print(f"no store at {db}: run `fieldbrief ingest PATH --db {db}` first", markup=False)
            raise typer.Exit(1)
        with _sink(out) as sink:
            write_metadata(db, sink)
        return
    from fieldbrief.report import exports

    corpus = _corpus(db, actors)
    with _sink(out) as sink:
        if format == "acled-csv":
            exports.export_acled_csv(corpus, sink, include_all=all_events)
        elif format == "plover-json":
            exports.export_plover_json(corpus, sink)
        elif format == "geojson":
            exports.export_geojson(corpus, sink)
        else:
            exports.export_jsonl(corpus, sink)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: DbOpt = Path("fieldbrief.db"),
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    max_upload_mb: Annotated[
        float, typer.Option("--max-upload-mb", min=0.001, help="Largest upload or pasted article, in megabytes.")
    ] = 20.0,
) -> None:
    """The web app over the store: map, timeline, claims, articles, actors, places; add articles from the browser."""
    import uvicorn

    from fieldbrief.web import create_app

    local = host in LOOPBACK or host.startswith("127.")
    if not local:
        err.print(
            f"warning: serving on {host}, not only on this machine: anyone who can reach it can read the store and "
            "add articles (there is no login). Use --host 127.0.0.1 to keep it local.",
            markup=False,
        )
    try:
        web_app = create_app(
            db,
            max_upload_bytes=int(max_upload_mb * 1_000_000),
            # on this machine only, answer only to its own names (a page elsewhere cannot rebind a name to it)
            allowed_hosts={"127.0.0.1", "localhost", "[::1]", host} if local else None,
        )
    except FieldbriefError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    shown = f"[{host}]" if ":" in host else host
    err.print(f"fieldbrief: serving {db} at http://{shown}:{port}/ (Ctrl+C to stop)", markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


register_spark_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
