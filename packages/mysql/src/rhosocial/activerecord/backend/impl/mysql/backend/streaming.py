"""Unbuffered reads for the core's ``execute_batch_dql``: rows come off the socket page by page.

The stream owns the session while it is open. Another statement on the same backend first reads
the rest of the stream into memory (the batch keeps its rows, the statement gets its own), and a
stream stopped early is read to its end and dropped, so the session stays in step and an open
transaction survives. Rows are read with the driver's ``get_rows(count=...)``, one call per page,
which is about twice as fast as its per-row ``fetchmany``. Sync and async differ only in awaiting.
"""

from __future__ import annotations

import contextlib
from collections import deque
from typing import Any, Optional

from .driver import raw_connection

# Rows read per round of draining a stream that was stopped early (bounded memory).
_DRAIN_PAGE = 10_000


class _StreamState:
    """What both stream cursors keep: the backend, the raw connection, rows buffered for a statement."""

    def __init__(self, backend: Any, cursor: Any) -> None:
        self._backend = backend
        self._raw = raw_connection(backend._connection)
        self._cursor = cursor
        self._buffer: Optional[deque] = None
        self._error: Optional[BaseException] = None

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return -1

    def _started(self) -> None:
        self._backend._inflight = self._backend._connection
        self._backend._stream = self

    def _finished(self) -> None:
        """The reply is read to its end: the session is in step again."""
        if self._backend._stream is self:
            self._backend._stream = None
            self._backend._inflight = None

    def _failed(self, error: Exception) -> BaseException:
        """The backend's error for a failed read; a reply cut short leaves the session to be discarded."""
        if self._backend._stream is self:
            self._backend._stream = None
        self._backend._note_statement_error(error)
        return self._backend._statement_error(error)

    def _unread(self) -> bool:
        return bool(self._raw.unread_result)

    def _settle(self) -> None:
        """After a read: with nothing left unread, the session is in step again."""
        if not self._unread():
            self._finished()

    def _rows_without_reading(self, size: int) -> Optional[list]:
        """``fetchmany`` without touching the socket (held error, buffered rows, the end); ``None``: read."""
        if self._error is not None:
            raise self._error
        if self._buffer is not None:
            return [self._buffer.popleft() for _ in range(min(size, len(self._buffer)))]
        return None if self._unread() else []


class SyncStreamCursor(_StreamState):
    def execute(self, sql: str, params: Any = None) -> None:
        self._started()
        try:
            self._cursor.execute(sql, params)
        except Exception as e:
            raise self._failed(e) from e
        self._settle()

    def fetchmany(self, size: int) -> list:
        rows = self._rows_without_reading(size)
        if rows is not None:
            return rows
        try:
            rows, _eof = self._raw.get_rows(count=size, columns=self._cursor.description)
        except Exception as e:
            raise self._failed(e) from e
        self._settle()
        return rows

    def buffer_rest(self) -> None:
        """Another statement needs the session: keep the remaining rows in memory for the batch."""
        rest: deque = deque()
        try:
            while self._unread():
                rest.extend(self._raw.get_rows(count=_DRAIN_PAGE, columns=self._cursor.description)[0])
        except Exception as e:
            self._error = self._failed(e)  # the batch raises it; the statement that asked goes on
            return
        self._buffer = rest
        self._finished()

    def close(self) -> None:
        """Stopped early: read the rest off the socket and drop it (the session stays usable)."""
        self._buffer = None
        try:
            while self._backend._stream is self and self._unread():
                self._raw.get_rows(count=_DRAIN_PAGE, columns=self._cursor.description)
        except Exception as e:
            self._failed(e)  # the session is discarded before its next statement
        self._finished()
        with contextlib.suppress(Exception):  # the driver cursor holds nothing more; a lost socket is no news here
            self._cursor.close()


class AsyncStreamCursor(_StreamState):
    async def execute(self, sql: str, params: Any = None) -> None:
        self._started()
        try:
            await self._cursor.execute(sql, params)
        except Exception as e:
            raise self._failed(e) from e
        self._settle()

    async def fetchmany(self, size: int) -> list:
        rows = self._rows_without_reading(size)
        if rows is not None:
            return rows
        try:
            rows, _eof = await self._raw.get_rows(count=size, columns=self._cursor.description)
        except Exception as e:
            raise self._failed(e) from e
        self._settle()
        return rows

    async def buffer_rest(self) -> None:
        rest: deque = deque()
        try:
            while self._unread():
                rest.extend((await self._raw.get_rows(count=_DRAIN_PAGE, columns=self._cursor.description))[0])
        except Exception as e:
            self._error = self._failed(e)
            return
        self._buffer = rest
        self._finished()

    async def close(self) -> None:
        self._buffer = None
        try:
            while self._backend._stream is self and self._unread():
                await self._raw.get_rows(count=_DRAIN_PAGE, columns=self._cursor.description)
        except Exception as e:
            self._failed(e)
        self._finished()
        with contextlib.suppress(Exception):
            await self._cursor.close()


__all__ = ["AsyncStreamCursor", "SyncStreamCursor"]
