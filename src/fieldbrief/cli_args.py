"""The command line's argument checks: every bad argument is one `error: ...` line and exit 2, found before any
work is done, and nothing is created by a command that was refused."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, TextIO

import typer
from rich.console import Console
from rich.text import Text

from fieldbrief.errors import FieldbriefError
from fieldbrief.options import Limits
from fieldbrief.report.console import printable
from fieldbrief.store import Store

err = Console(stderr=True, highlight=False, soft_wrap=True)
SQLITE_HEADER = b"SQLite format 3\x00"

# options more than one command module takes
DbOpt = Annotated[Path, typer.Option("--db", help="SQLite store file.")]
ActorsOpt = Annotated[Path | None, typer.Option("--actors", help="Extra actor dictionary (TOML).")]


def fail(message: str) -> NoReturn:
    """A bad argument: one line, exit 2, never a traceback."""
    err.print(Text("error: " + printable(message)))
    raise typer.Exit(2)


def iso_date(value: str | None) -> str | None:
    """A calendar date written YYYY-MM-DD: never a relative one ("yesterday" would depend on this machine's clock)."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"--published takes a date written YYYY-MM-DD, not {value!r}")


def existing_file(path: Path | None, option: str) -> Path | None:
    if path is not None and not path.is_file():
        fail(f"{option}: no file {path}")
    return path


def actor_dictionary(path: Path | None) -> Path | None:
    """A user actor dictionary for linking (`--actors` of claims, brief, export), read now: a broken one is one
    clear error, never a failure in the middle of linking."""
    if existing_file(path, "--actors") is None:
        return None
    from fieldbrief.lexicon.actors import load_dictionary

    try:
        load_dictionary(path)
    except Exception as exc:  # TOML syntax, missing keys, wrong types: all mean "fix the file"
        fail(f"--actors: cannot use the actor dictionary {path}: {exc}")
    return path


def parse_limits(settings: list[str]) -> Limits:
    pairs = {}
    for setting in settings:
        name, equals, value = setting.partition("=")
        if not equals:
            fail(f"--limit takes NAME=VALUE, not {setting!r}")
        pairs[name.strip()] = value.strip()
    try:
        return Limits().with_settings(pairs)
    except FieldbriefError as exc:
        fail(f"--limit: {exc.message}")


def check_store_file(db: Path) -> None:
    """An existing --db must be an SQLite file (an empty file is a new store)."""
    if db.is_dir():
        fail(f"--db {db} is a folder, not a store file")
    try:
        with db.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        fail(f"--db {db}: {exc.strerror or exc}")
    if head and head != SQLITE_HEADER:
        fail(f"--db {db} is not a fieldbrief store (not an SQLite database)")


def check_store_to_write(db: Path) -> None:
    """Refuse a --db that cannot become or be a store, before any work is done (nothing is created here)."""
    if not db.parent.is_dir():
        fail(f"--db {db}: no folder {db.parent} (create it first)")
    if db.exists():
        check_store_file(db)
    elif not os.access(db.parent, os.W_OK):
        fail(f"--db {db}: the folder {db.parent} is not writable")


def store_to_read(db: Path) -> Store:
    """An existing store, never created; opened read-only when it may not be written."""
    if not db.exists():
        fail(f"no store at {db}: run `fieldbrief ingest PATH --db {db}` first")
    check_store_file(db)
    writable = os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)
    store = open_store(db, readonly=not writable)
    if not writable and store.pending_migrations():
        fail(f"the store {db} was made by an older fieldbrief and is read-only: it cannot be upgraded")
    return store


def open_store(db: Path, readonly: bool) -> Store:
    try:
        return Store(db, readonly=readonly)
    except FieldbriefError as exc:
        fail(exc.message)


def open_out(out: Path) -> TextIO:
    """The --out file, opened for writing before any work is done (parents created)."""
    if out.is_dir():
        fail(f"--out {out} is a folder: give a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return out.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"--out {out}: {exc.strerror or exc}")


@contextmanager
def output_sink(out: Path | None) -> Iterator[TextIO]:
    """The --out file, or stdout."""
    if out is None:
        yield sys.stdout
        return
    with open_out(out) as handle:
        yield handle
    err.print(Text(f"wrote {printable(out)}"))


def check_out(out: Path | None) -> None:
    """Refuse an --out that cannot be written before any work is done (nothing is created here)."""
    if out is None:
        return
    if out.is_dir():
        fail(f"--out {out} is a folder: give a file name")
    parent = next((p for p in [out.parent, *out.parent.parents] if p.exists()), Path("."))
    if not parent.is_dir() or not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        fail(f"--out {out}: cannot be written")
