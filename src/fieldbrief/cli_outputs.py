"""The commands that read a store and present it: claims, the brief, exports and the web app.

Registered on the main app by cli.py, as the Spark commands are by cli_spark.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from fieldbrief.cli_args import (
    ActorsOpt,
    DbOpt,
    actor_dictionary,
    check_out,
    err,
    fail,
    output_sink,
    store_to_read,
)
from fieldbrief.errors import FieldbriefError
from fieldbrief.model import Corpus
from fieldbrief.report.console import printable


def _corpus(db: Path, actors: Path | None = None) -> Corpus:
    from fieldbrief.corpus import linked_corpus

    dictionary = actor_dictionary(actors)
    with store_to_read(db) as store:
        corpus = linked_corpus(store, dictionary)
    if not corpus.articles:
        err.print(Text(f"{printable(db)} holds no articles"))
        raise typer.Exit(1)
    if corpus.unparsed:
        err.print(
            f"{len(corpus.unparsed)} stored articles have no sentence records (analysed by an older fieldbrief): "
            f"they are linked by their events and statements only; re-ingest them to link them fully",
            markup=False,
        )
    return corpus


OutOpt = Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")]


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
        fail("--format takes jsonl or csv")
    if status not in (None, "corroborated", "single-source", "contested"):
        fail("--status takes corroborated, single-source or contested")
    from fieldbrief.report.claims import write_claims_csv, write_claims_jsonl

    check_out(out)
    corpus = _corpus(db, actors)
    selected = [c for c in corpus.claims if status is None or c.status == status]
    with output_sink(out) as sink:
        (write_claims_csv if format == "csv" else write_claims_jsonl)(selected, corpus, sink)
    tally: dict[str, int] = {}
    for claim in selected:
        tally[claim.status] = tally.get(claim.status, 0) + 1
    err.print(Text(f"{len(selected)} claims: " + ", ".join(f"{n} {s}" for s, n in sorted(tally.items()))))


DateOpt = Annotated[str | None, typer.Option(help="YYYY-MM-DD, inclusive (publication date).")]


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
        fail("--format takes md or html")
    for value, option in ((since, "--since"), (until, "--until")):
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            fail(f"{option} takes a date written YYYY-MM-DD, not {value!r}")
    from fieldbrief.report.brief import brief_html, brief_markdown
    from fieldbrief.report.situations import Selection, narrow

    check_out(out)
    corpus = _corpus(db, actors)
    selection = Selection(country, since, until, query)
    if not narrow(corpus, selection).articles:
        err.print("no stored article matches that selection", markup=False)
        raise typer.Exit(1)
    with output_sink(out) as sink:
        sink.write(brief_html(corpus, selection) if format == "html" else brief_markdown(corpus, selection))


EXPORT_FORMATS = ("acled-csv", "plover-json", "geojson", "jsonl", "datasette-metadata")


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
        fail("--format takes " + ", ".join(EXPORT_FORMATS))
    check_out(out)
    if format == "datasette-metadata":
        from fieldbrief.report.datasette import write_metadata

        with store_to_read(db):  # an existing store, never created
            pass
        with output_sink(out) as sink:
            write_metadata(db, sink)
        return
    from fieldbrief.report import exports

    corpus = _corpus(db, actors)
    with output_sink(out) as sink:
        if format == "acled-csv":
            exports.export_acled_csv(corpus, sink, include_all=all_events)
        elif format == "plover-json":
            exports.export_plover_json(corpus, sink)
        elif format == "geojson":
            exports.export_geojson(corpus, sink)
        else:
            exports.export_jsonl(corpus, sink)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
        fail(exc.message)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"fieldbrief: serving {db} at http://{shown}:{port}/ (Ctrl+C to stop)", markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    for command in (claims, brief, export, serve):
        app.command()(command)
