"""Asynchronous MySQL/MariaDB backend on ``mysql.connector.aio``; mirrors ``sync.py`` except for I/O."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, Optional

from mysql.connector import aio
from rhosocial.activerecord.backend.base import AsyncStorageBackend
from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.explain import AsyncExplainBackendMixin
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.errors import TlsError
from rhosocial.activerecord.backend.toolkit.plans import run_plan_async
from rhosocial.activerecord.backend.toolkit.scripts import AsyncScriptMixin

from ..tls import tls_driver_args
from ..transaction import AsyncMySQLTransactionManager
from .bulk_insert import InsertTemplate, converter_literals, row_groups
from .common import PROBE_SQL, MySQLBackendMixin, explain_result
from .driver import more_results_pending
from .named_locks import AsyncNamedLockMixin
from .rows import to_dicts
from .streaming import AsyncStreamCursor

# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class AsyncMySQLBackend(
    AsyncNamedLockMixin,
    AsyncExplainBackendMixin,
    IntrospectorBackendMixin,
    MySQLBackendMixin,
    AsyncScriptMixin,
    AsyncStorageBackend,
):
    """Asynchronous backend: ``await Model.configure(MySQLConnectionConfig(...), AsyncMySQLBackend)``.

    mysql-connector has no asyncio pool, so ``pool_size`` is ignored here (one connection per backend).
    Its asyncio client is pure Python only (``driver_implementation`` is ``"python"``).
    """

    # the core's base class assigns None without a type; ours holds the manager once created
    _transaction_manager: Optional[AsyncMySQLTransactionManager]
    _parse_explain_result = explain_result

    # -- connection -------------------------------------------------------------------
    async def connect(self) -> None:
        if self._other_loop():
            self._discard_connection()  # its loop is gone; nothing can be awaited on it
        if self._connection is not None:
            await self.disconnect()
        conn = await self._run_plan(self._connect_plan(), self._open)
        try:
            self._refuse_plain_session(conn)
            cursor = await conn.cursor(buffered=True)  # reused for every statement
            await cursor.execute(PROBE_SQL)
            setup = self._probed(conn, await cursor.fetchone())
            if setup is not None:
                await cursor.execute(*setup)
        except Exception as e:
            await self._close_quietly(conn)
            raise self._connect_error(e) from e
        self._loop = asyncio.get_running_loop()
        self._connected(conn, cursor)

    async def _open(self, args: dict[str, Any]) -> Any:
        """A connection to one server, or the exception that says why not."""
        try:
            return await self._open_tls_aware(args)
        except Exception as e:
            return e

    async def _open_tls_aware(self, args: dict[str, Any]) -> Any:
        try:
            return await _connect(args)
        except TypeError as e:
            if args.get("ssl_disabled") is not False:
                raise
            # mysql-connector 26.x's asyncio handshake dies with a TypeError when TLS was
            # requested from a server that has TLS off: plain text is acceptable only when preferred.
            mode = self.config.resolved_ssl_mode()
            if mode != "preferred":
                raise TlsError(f"{self._plain_refusal(mode)} (driver: {e!r})") from e
        plain = {k: v for k, v in args.items() if k not in ("ssl_ca", "ssl_cert", "ssl_key")}
        return await _connect({**plain, **tls_driver_args("disabled")})

    async def disconnect(self) -> None:
        conn = self._connection
        if conn is None:
            return
        if self._other_loop():
            self._discard_connection()
            self._lifecycle.closed()
            return
        try:
            if self._transaction_open():
                _log.log(logging.WARNING, "disconnect with an open transaction: rolling back")
                await conn.rollback()
        except Exception as e:
            _log.log(logging.WARNING, f"rollback during disconnect failed: {e}")
        finally:
            await self._close_quietly(conn)
            self._forget_connection()

    async def _close_quietly(self, conn: Any) -> None:
        try:
            result = conn.close()
            if hasattr(result, "__await__"):
                await result
        except Exception as e:
            _log.log(logging.DEBUG, f"ignored error while closing: {e}")

    def _discard_connection(self) -> None:
        # Called from error translation (sync code): drop the socket without awaiting a goodbye.
        conn = self._connection
        self._connection = None
        self._cursor = None
        self._stream = None
        if conn is not None:
            try:
                writer = getattr(getattr(conn, "_socket", None), "_writer", None)
                if writer is not None:
                    writer.close()
            except Exception as e:
                _log.log(logging.DEBUG, f"ignored error while dropping connection: {e}")

    async def ping(self, reconnect: bool = True) -> bool:
        conn = self._connection
        if conn is not None:
            try:
                await conn.ping(reconnect=False)
                return True
            except Exception as e:
                _log.log(logging.WARNING, f"ping failed: {e}")
                self._discard_connection()
        if reconnect and not self._transaction_open():
            await self.connect()
            return True
        return False

    # -- execution hooks ----------------------------------------------------------------
    def _other_loop(self) -> bool:
        loop = getattr(self, "_loop", None)
        return loop is not None and self._connection is not None and loop is not asyncio.get_running_loop()

    async def _get_cursor(self) -> Any:
        cursor = self._ready_cursor()
        if cursor is None or self._other_loop():
            cursor = await self._prepare_cursor()
        return cursor

    async def _prepare_cursor(self) -> Any:
        self._check_usable()
        if self._stream is not None:
            await self._stream.buffer_rest()  # a batch is being read: it keeps its rows
        self._drop_abandoned_session()
        if self._must_connect():
            await self.connect()
        elif self._other_loop():
            # The connection belongs to an event loop that is no longer running this code
            # (asyncio.run per call). Outside a transaction a fresh session is safe; inside
            # one it is not, so refuse.
            if self._transaction_open():
                raise ConnectionError("the connection belongs to another event loop and a transaction is open")
            await self.connect()
        elif self._more_results():
            await self._drain_results()  # left by a batched read of a CALL
        self._results_may_pend = False
        if self._cursor is None or self._cursor._connection is None:
            # closed by the core after a batched read
            self._cursor = await self._connection.cursor(buffered=True)
        return self._cursor

    async def _get_dql_cursor(self) -> Any:
        # Unbuffered: execute_batch_dql reads pages off the socket (streaming.py).
        await self._get_cursor()
        self._results_may_pend = True
        return AsyncStreamCursor(self, await self._connection.cursor(buffered=False))

    # -- statements ---------------------------------------------------------------------
    async def execute(self, sql: str, params: Any = None, *, options: Any = None, **keywords: Any) -> QueryResult:
        """The core's ``execute`` (``column_mapping`` / ``column_adapters`` as keywords or in ``options``).

        Without ``options`` rows come back whenever the statement returns some.
        """
        start = time.perf_counter()
        wants, adapters, mapping = self._statement_shape(options, **keywords)
        cursor, data = await self._run(sql, params, wants, adapters, mapping)
        return self._query_result(cursor, data, start)

    async def fetch_one(
        self, sql: str, params: Any = None, column_adapters: Any = None, column_mapping: Any = None
    ) -> Any:
        data = (await self._run(sql, params, True, column_adapters, column_mapping))[1]
        return data[0] if data else None

    async def fetch_all(
        self, sql: str, params: Any = None, column_adapters: Any = None, column_mapping: Any = None
    ) -> list:
        return (await self._run(sql, params, True, column_adapters, column_mapping))[1] or []

    async def _run(self, sql: str, params: Any, wants: bool, adapters: Any, mapping: Any) -> tuple[Any, Any]:
        """One statement: bind, send, read its whole reply (sync.py's ``_run``, awaited)."""
        try:
            values = self._statement_params(sql, params)
            cursor = await self._execute_query(await self._get_cursor(), sql, values)
            return cursor, await self._process_result_set(cursor, wants, adapters, mapping)
        except Exception as e:
            await self._handle_error(e)
            raise  # pragma: no cover - _handle_error always raises

    async def _execute_query(self, cursor: Any, sql: Any, params: Any) -> Any:
        self._inflight = self._connection
        await cursor.execute(sql, params)
        return cursor

    async def _process_result_set(self, cursor: Any, is_select: bool, column_adapters=None, column_mapping=None) -> Any:
        description = cursor.description if is_select else None  # sync.py's, awaited
        rows = await cursor.fetchall() if description is not None else None
        if self._more_results_now():
            await self._drain_results()
        self._inflight = None
        return None if rows is None else to_dicts(description, rows, column_adapters, column_mapping)

    async def _drain_results(self) -> None:
        """Read and drop the further result sets of a CALL, so the next statement reads its own."""
        spare = await self._connection.cursor(buffered=True)
        while more_results_pending(self._connection):
            await spare.nextset()

    async def execute_many(self, sql: str, params_list: list) -> Any:
        """Every parameter set adapted as ``execute`` would; a plain INSERT goes as multi-row INSERTs."""
        start = time.perf_counter()
        try:
            template, values = self._many_params(sql, params_list)
            cursor = await self._get_cursor()
            if template is not None:
                affected: Optional[int] = await self._loaded(cursor, sql, values)
                if affected is None:
                    affected = await self._insert_batches(cursor, template, values)
            else:
                self._inflight = self._connection
                await cursor.executemany(sql, values)
                self._inflight = None
                self._results_may_pend = True
                affected = cursor.rowcount
        except Exception as e:
            await self._handle_error(e)
            raise  # pragma: no cover - _handle_error always raises
        return self._many_result(affected, start)

    async def _insert_batches(self, cursor: Any, template: InsertTemplate, columns: list) -> int:
        conn = self._connection
        literals = row_groups(converter_literals(conn.converter, await conn.get_sql_mode()))
        return await self._run_plan(
            self._insert_plan(template, columns, literals), partial(self._statement_outcome, cursor)
        )

    async def _loaded(self, cursor: Any, sql: str, columns: list) -> Optional[int]:
        """sync.py's ``_loaded``, awaited."""
        plan = self._infile_load(sql, columns)
        return None if plan is None else await self._run_plan(plan, partial(self._infile_step, cursor))

    async def _infile_step(self, cursor: Any, step: tuple) -> Any:
        """sync.py's ``_infile_step``, awaited (the files are made off the event loop)."""
        kind, *args = step
        try:
            if kind == "made":
                return await asyncio.to_thread(args[0].made)
            if kind == "load" and args[1] is not None:
                args[1].begin()
            await self._execute_query(cursor, args[0], args[1] if kind == "query" else None)
            outcome = await cursor.fetchall() if kind == "query" else cursor.rowcount
        except Exception as e:
            return e
        self._inflight = None
        return (outcome, cursor.warning_count) if kind == "load" else outcome

    async def _run_plan(self, plan: Any, attempt: Callable[[Any], Awaitable[Any]]) -> Any:
        """sync.py's ``_run_plan``, awaited."""
        return await run_plan_async(plan, attempt)

    async def _statement_outcome(self, cursor: Any, statement: Any) -> Any:
        """The row count of ``statement``, or the exception it raised."""
        try:
            await self._execute_query(cursor, statement, None)
        except Exception as e:
            return e
        self._inflight = None
        return cursor.rowcount

    async def load_data_local(
        self, path: str, table: str, columns: Optional[list] = None, **options: Any
    ) -> QueryResult:
        """LOAD DATA LOCAL INFILE ``path`` into ``table`` (opt-in: ``local_infile_dirs``; see load_data.py)."""
        sql, params = self._load_data_statement(path, table, columns, options)
        return await self.execute(sql, params, options=ExecutionOptions(stmt_type=StatementType.DML))

    async def _handle_auto_commit(self) -> None:
        return None  # autocommit=1 session; transactions are explicit

    async def _handle_auto_commit_if_needed(self) -> None:
        return None

    async def _handle_error(self, error: Exception) -> None:
        self._raise_translated(error)

    # -- server -------------------------------------------------------------------------
    async def get_server_version(self) -> tuple:
        if self._server is None:
            await self.connect()
        assert self._server is not None
        return self._server.version

    async def introspect_and_adapt(self) -> None:
        if self._server is None or self._connection is None:
            await self.connect()

    @property
    def transaction_manager(self) -> AsyncMySQLTransactionManager:
        manager = self._transaction_manager
        if manager is None:
            manager = AsyncMySQLTransactionManager(self, self.logger)
            self._transaction_manager = manager
        return manager

    def _create_introspector(self) -> Any:
        from ..introspection import AsyncExecutor, AsyncMySQLIntrospector

        return AsyncMySQLIntrospector(self, AsyncExecutor(self))  # type: ignore[arg-type]


async def _connect(args: dict[str, Any]) -> Any:
    """``aio.connect(**args)``, except that ``ssl_ca`` works without a client certificate.

    mysql.connector.aio (26.x) rejects ``ssl_ca`` unless ``ssl_cert`` and ``ssl_key`` come
    with it, although it builds the same SSL context either way; the CA is handed to the
    connection after that check. ``aio.connect`` does nothing else for a plain (unpooled,
    no failover) connection than build the connection and connect it.
    """
    ca = args.get("ssl_ca")
    if not ca or args.get("ssl_cert") or args.get("ssl_key") or args.get("ssl_disabled"):
        return await aio.connect(**args)
    rest = {k: v for k, v in args.items() if k not in ("ssl_ca", "use_pure")}
    conn = aio.MySQLConnection(**rest)
    if not hasattr(conn, "_ssl_ca"):  # pragma: no cover - a driver that changed its internals
        raise ConnectionError(
            "this mysql-connector's asyncio client cannot use ssl_ca without ssl_cert and ssl_key; "
            "give a client certificate too, or use the sync MySQLBackend"
        )
    conn._ssl_ca = ca
    await conn.connect()
    return conn


__all__ = ["AsyncMySQLBackend"]
