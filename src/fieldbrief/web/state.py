"""What the app holds while it runs: the store's path, a pool of read-only connections, the jobs worker, limits."""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from fastapi import HTTPException, Request

from fieldbrief.web.jobs import Jobs

READ_BUSY_TIMEOUT_MS = 5_000


class TooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request is over the {limit:,}-byte limit (start the app with a larger "
            "--max-upload-mb, or split the file)",
        )


@dataclass
class AppState:
    db_path: str
    jobs: Jobs
    max_upload_bytes: int
    _pool: queue.LifoQueue[sqlite3.Connection] = field(default_factory=queue.LifoQueue)

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection for one request; requests never share one at the same time."""
        try:
            connection = self._pool.get_nowait()
        except queue.Empty:
            connection = self._connect()
        try:
            yield connection
        finally:
            if connection.in_transaction:
                connection.rollback()
            self._pool.put(connection)

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread off: a connection moves between the server's worker threads, one request at a time
        connection = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {READ_BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only = ON")
        return connection

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes (a Content-Length over it: at once)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)
