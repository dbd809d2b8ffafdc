"""Datasette metadata for a fieldbrief store: `datasette STORE.db --metadata metadata.json` then shows what each
table and column holds, labels rows, offers facets and hides internal tables.

Descriptions live in data/store_tables.toml; the tables and columns come from the store itself, so the file
matches the store it was written for (a column the descriptions lack is listed without one, never dropped).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, TextIO

from fieldbrief.report.common import data_toml

LICENSE_NOTE = (
    "Articles are third-party texts kept for analysis with their sources; place data from GeoNames "
    "(CC BY 4.0) via the gazetteer."
)
FTS_SHADOWS = ("_config", "_data", "_docsize", "_idx", "_content")


def store_schema(db: Path | str) -> dict[str, list[str]]:
    """Table -> column names, for every table of the store (read-only)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    finally:
        conn.close()


def fts_shadow_tables(tables: list[str] | dict[str, Any]) -> set[str]:
    """SQLite's own tables behind an FTS5 index (articles_fts_data, ...): Datasette hides them too."""
    names = set(tables)
    return {t for t in names for suffix in FTS_SHADOWS if t.endswith(suffix) and t[: -len(suffix)] in names}


def datasette_metadata(db: Path | str) -> dict[str, Any]:
    """Datasette's metadata (title, description, per table and column) for the store at `db`."""
    described: dict[str, Any] = data_toml("store_tables.toml")["tables"]
    schema = store_schema(db)
    shadows = fts_shadow_tables(schema)
    tables: dict[str, Any] = {}
    for table, columns in schema.items():
        if table in shadows:
            tables[table] = {"hidden": True}
            continue
        spec = described.get(table, {})
        known = spec.get("columns", {})
        entry: dict[str, Any] = {
            "description": spec.get("description", ""),
            "columns": {c: known[c] for c in columns if c in known},
        }
        for key in ("label_column", "sort_desc", "hidden"):
            if key in spec and (key == "hidden" or spec[key] in columns):
                entry[key] = spec[key]
        facets = [f for f in spec.get("facets", []) if f in columns]
        if facets:
            entry["facets"] = facets
        tables[table] = entry
    return {
        "title": "fieldbrief store",
        "description": (
            "News reports about armed conflict turned into a sourced situation picture: articles, who said what, "
            "what happened (PLOVER events with ACLED types), places, and claims across outlets, each traced to a "
            "character span of its article."
        ),
        "license": "Third-party articles; GeoNames CC BY 4.0",
        "source": "fieldbrief",
        "about": LICENSE_NOTE,
        "databases": {Path(db).stem: {"tables": tables}},
    }


def write_metadata(db: Path | str, out: TextIO) -> None:
    json.dump(datasette_metadata(db), out, ensure_ascii=False, indent=2)
    out.write("\n")
