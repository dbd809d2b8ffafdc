"""The store: SQLite (schema, migrations, FTS5) in `sqlite.py`, batched writing in `writer.py`.

with Store("fieldbrief.db") as store:
    store.add(article, provenance)   # -> "added" | "updated" | "unchanged"
    store.get(article_id)            # the article as the JSON Lines contract, or None
"""

from fieldbrief.store.sqlite import AddResult, Snapshot, Store
from fieldbrief.store.writer import StoreWriter

__all__ = ["AddResult", "Snapshot", "Store", "StoreWriter"]
