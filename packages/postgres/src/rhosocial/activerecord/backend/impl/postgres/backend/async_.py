"""Asynchronous PostgreSQL backend on psycopg 3's AsyncConnection (only the I/O differs from ``sync.py``)."""

from __future__ import annotations

import logging
import time
from typing import Optional

import psycopg

from rhosocial.activerecord.backend.base import AsyncStorageBackend
from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.explain import AsyncExplainBackendMixin
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.toolkit.scripts import AsyncScriptMixin

from ..extensions import AsyncExtensionsMixin
from ..introspection.introspector import AsyncPostgresIntrospectorMixin
from ..probe import PROBE_SQL
from ..server import AsyncAdvisoryLockMixin, AsyncCopyMixin, AsyncNotifyMixin
from ..transaction import AsyncPostgresTransactionManager
from . import pool
from .common import FETCH_ALL, FETCH_ONE, Map, Options, PostgresBackendCommon
from .copy_insert import CATALOG_SQL
from .rows import has_rows, result_rows

# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class AsyncPostgresBackend(
    PostgresBackendCommon,
    AsyncExtensionsMixin,
    AsyncPostgresIntrospectorMixin,
    AsyncAdvisoryLockMixin,
    AsyncNotifyMixin,
    AsyncCopyMixin,
    AsyncScriptMixin,
    AsyncExplainBackendMixin,
    AsyncStorageBackend,
):
    """PostgreSQL 13+ through psycopg 3's asyncio connection."""

    # the core's base class assigns None without a type; ours holds the manager once created
    _transaction_manager: Optional[AsyncPostgresTransactionManager]

    # --- connection --------------------------------------------------------------------

    async def connect(self) -> None:
        if self._connection_usable():
            return
        await self._drop_connection()
        try:
            if self.config.pool_max_size:
                connection = await (await pool.async_pool(self.config, self._connect_kwargs())).getconn()
            else:
                connection = await psycopg.AsyncConnection.connect(**self._connect_kwargs(), autocommit=True)
            self._prepare_connection(connection)
            async with connection.cursor() as cursor:
                await cursor.execute(PROBE_SQL)
                row = await cursor.fetchone()
        except Exception as e:
            raise self._connect_error(e)  # noqa: B904 (the driver's error is its cause)
        refused = self._adopt(connection, row)
        if refused is not None:
            await connection.close()  # an unsupported server: do not leak the session
            raise refused

    async def _drop_connection(self) -> None:
        """Give the connection back (pool) or close it; the transaction manager keeps its state."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self.config.pool_max_size:
            await (await pool.async_pool(self.config, self._connect_kwargs())).putconn(connection)
        elif not connection.closed:
            await connection.close()

    async def disconnect(self) -> None:
        await self._drop_connection()
        self._lifecycle.closed()

    async def ping(self, reconnect: bool = True) -> bool:
        if self._connection_usable():
            try:
                await self._connection.execute("SELECT 1")
                return True
            except psycopg.Error as e:
                _log.log(logging.WARNING, f"ping failed: {e}")
        if reconnect and not self.in_transaction:
            try:
                await self.connect()
                return True
            except DatabaseError as e:
                _log.log(logging.WARNING, f"reconnect failed: {e}")
        return False

    async def get_server_version(self) -> tuple:
        if self._server is None:
            await self.connect()
        return self.probed_server.version

    async def introspect_and_adapt(self) -> None:
        if self._server is None:
            await self.connect()

    @property
    def transaction_manager(self) -> AsyncPostgresTransactionManager:
        # Created without I/O; the first statement connects if needed.
        manager = self._transaction_manager
        if manager is None:
            manager = AsyncPostgresTransactionManager(self, self.logger)
            self._transaction_manager = manager
        return manager

    # --- statements --------------------------------------------------------------------

    async def execute(
        self, sql: str, params=None, *, options: Options = None, column_mapping: Map = None, column_adapters: Map = None
    ) -> QueryResult:
        start = time.perf_counter()
        options, fetch, adapters, mapping = self._plan(options, column_mapping, column_adapters)
        rowcount, data = await self._run(sql, params, fetch, adapters, mapping)
        return self._finish_statement(rowcount, data, start, options)

    async def insert(self, options):  # type: ignore[override]
        return await super().insert(self._with_driver_values(options))

    async def update(self, options):  # type: ignore[override]
        return await super().update(self._with_driver_values(options))

    async def execute_many(self, sql: str, params_list) -> QueryResult:
        """Run ``sql`` once per parameter set; a plain INSERT goes through COPY when that stores the same."""
        start = time.perf_counter()
        try:
            cursor = self._take_cursor() or await self._reconnected_cursor(None, None)
            rows, target = self._start_many(sql, params_list)
            copied = None
            if target is not None:
                await cursor.execute(CATALOG_SQL, target.catalog_params())
                copied = self._copy_rows(sql, target, await cursor.fetchone(), rows)
            self._log_many(sql, len(rows), copied is not None)
            if copied is not None and target is not None:
                async with cursor.copy(target.copy_sql) as copy:
                    for row in copied:
                        await copy.write_row(row)
            elif rows:
                await cursor.executemany(sql, self._insert_rows(sql, rows))
            count = cursor.rowcount if rows else 0
            self._idle.cursor = cursor
        except Exception as e:
            return await self._handle_execution_error(e)
        return QueryResult(affected_rows=max(count, 0), duration=time.perf_counter() - start)

    async def fetch_one(self, sql: str, params=None, column_adapters=None, column_mapping=None):
        return (await self._run(sql, params, FETCH_ONE, column_adapters, column_mapping))[1]

    async def fetch_all(self, sql: str, params=None, column_adapters=None, column_mapping=None):
        return (await self._run(sql, params, FETCH_ALL, column_adapters, column_mapping))[1] or []

    async def _run(self, sql: str, params, fetch: int, adapters, mapping):
        """(rowcount, rows) of one statement; rows are None when not asked for or there are none."""
        try:
            cursor = self._take_cursor(adapters, mapping) or await self._reconnected_cursor(adapters, mapping)
            driver_params = self._start_statement(sql, params)
            await cursor.execute(sql, driver_params)
            if not fetch or not has_rows(cursor):
                result = cursor.rowcount, None
            else:
                result = cursor.rowcount, await (cursor.fetchall() if fetch == FETCH_ALL else cursor.fetchone())
            self._idle.cursor = cursor
            return result
        except Exception as e:
            return await self._handle_execution_error(e)

    async def _reconnected_cursor(self, adapters, mapping):
        await self.connect()
        return self._take_cursor(adapters, mapping)

    async def _get_cursor(self):
        """A tuple-row cursor, for the core's own callers (introspection, batch DML)."""
        if self._must_reconnect():
            await self.connect()
        return self._connection.cursor()

    async def _get_dql_cursor(self):
        if self._must_reconnect():
            await self.connect()
        return self._new_batch_cursor()

    async def _execute_query(self, cursor, sql: str, params):
        self._note_statement(sql)
        await cursor.execute(sql, params)
        return cursor

    async def _process_result_set(self, cursor, is_select, column_adapters=None, column_mapping=None):
        if not is_select or not has_rows(cursor):  # a statement without a result set
            return None
        cursor.row_factory = result_rows(column_adapters, column_mapping)
        return await cursor.fetchall()

    async def _handle_error(self, error: Exception) -> None:
        self._log_error(error)
        raised, lost = self._failure(error)
        if lost:
            await self._drop_connection()  # the session is gone: never reuse the connection
        raise raised from error

    async def cancel(self) -> None:
        if self._connection is not None:
            self._cancel_requested = True
            await self._connection.cancel_safe()
