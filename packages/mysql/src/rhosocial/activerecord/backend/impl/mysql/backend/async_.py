"""Asynchronous MySQL/MariaDB backend on ``mysql.connector.aio``; mirrors ``sync.py`` except for I/O."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

from mysql.connector import aio
from rhosocial.activerecord.backend.base import AsyncStorageBackend
from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.explain import AsyncExplainBackendMixin
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin

from ..config import MySQLConnectionConfig
from ..transaction import AsyncMySQLTransactionManager
from .common import PROBE_SQL, MySQLBackendMixin, coerce_config, server_from_probe, session_setup


class AsyncMySQLBackend(AsyncExplainBackendMixin, IntrospectorBackendMixin, MySQLBackendMixin, AsyncStorageBackend):
    """Asynchronous backend: ``await Model.configure(MySQLConnectionConfig(...), AsyncMySQLBackend)``.

    mysql-connector has no asyncio pool, so ``pool_size`` is ignored here (one connection per backend).
    """

    def __init__(self, connection_config: Optional[MySQLConnectionConfig] = None, **kwargs: Any) -> None:
        logging_config = kwargs.pop("logging_config", None)
        config = coerce_config(connection_config, kwargs)
        super().__init__(connection_config=config, logging_config=logging_config)
        self._init_mysql()

    # -- connection -------------------------------------------------------------------
    async def connect(self) -> None:
        if self._other_loop():
            self._discard_connection()  # its loop is gone; nothing can be awaited on it
        if self._connection is not None:
            await self.disconnect()
        args = self.connect_args()
        try:
            conn = await aio.connect(**args)
        except TypeError as e:
            if args.get("ssl_disabled") is not False:
                raise
            # mysql-connector 26.x's asyncio handshake dies with a TypeError when TLS was
            # requested (ssl_disabled=False) from a server that has TLS off.
            raise ConnectionError(
                f"TLS handshake with {self.config.host}:{self.config.port} failed ({e}); "
                "the server may have TLS disabled: leave ssl_disabled unset or set it to True"
            ) from e
        except Exception as e:
            raise self._connect_error(e) from e
        try:
            cursor = await conn.cursor(buffered=True)  # reused for every statement
            await cursor.execute(PROBE_SQL)
            server = server_from_probe(await cursor.fetchone())
            self._adopt_server(server)
            setup = session_setup(self.config, self._dialect)
            if setup is not None:
                await cursor.execute(*setup)
        except Exception as e:
            await self._close_quietly(conn)
            raise self._connect_error(e) from e
        self._connection = conn
        self._cursor = cursor
        self._loop = asyncio.get_running_loop()
        self._aborted_reason = None
        self._lifecycle.connected()

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
                self.log(logging.WARNING, "disconnect with an open transaction: rolling back")
                await conn.rollback()
        except Exception as e:
            self.log(logging.WARNING, f"rollback during disconnect failed: {e}")
        finally:
            await self._close_quietly(conn)
            self._connection = None
            self._cursor = None
            self._aborted_reason = None
            self._lifecycle.closed()

    async def _close_quietly(self, conn: Any) -> None:
        try:
            result = conn.close()
            if hasattr(result, "__await__"):
                await result
        except Exception as e:
            self.log(logging.DEBUG, f"ignored error while closing: {e}")

    def _discard_connection(self) -> None:
        # Called from error translation (sync code): drop the socket without awaiting a goodbye.
        conn = self._connection
        self._connection = None
        self._cursor = None
        if conn is not None:
            try:
                writer = getattr(getattr(conn, "_socket", None), "_writer", None)
                if writer is not None:
                    writer.close()
            except Exception as e:
                self.log(logging.DEBUG, f"ignored error while dropping connection: {e}")

    async def ping(self, reconnect: bool = True) -> bool:
        conn = self._connection
        if conn is not None:
            try:
                await conn.ping(reconnect=False)
                return True
            except Exception as e:
                self.log(logging.WARNING, f"ping failed: {e}")
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
        self._check_usable()
        if self._must_connect():
            await self.connect()
        elif self._other_loop():
            # The connection belongs to an event loop that is no longer running this code
            # (asyncio.run per call). Outside a transaction a fresh session is safe; inside
            # one it is not, so refuse.
            if self._transaction_open():
                raise ConnectionError("the connection belongs to another event loop and a transaction is open")
            await self.connect()
        if self._cursor is None:
            return await self._connection.cursor(buffered=True)
        return self._cursor

    async def _handle_auto_commit(self) -> None:
        return None  # autocommit=1 session; transactions are explicit

    async def _handle_auto_commit_if_needed(self) -> None:
        return None

    async def _handle_error(self, error: Exception) -> None:
        translated = self._statement_error(error)
        if translated is error:
            raise error
        raise translated from error

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
        manager: Optional[AsyncMySQLTransactionManager] = self._transaction_manager  # type: ignore[has-type]
        if manager is None:
            manager = AsyncMySQLTransactionManager(self, self.logger)
            self._transaction_manager = manager  # type: ignore[assignment]
        return manager

    def _create_introspector(self) -> Any:
        from ..introspection import AsyncExecutor, AsyncMySQLIntrospector

        return AsyncMySQLIntrospector(self, AsyncExecutor(self))  # type: ignore[arg-type]

    def _parse_explain_result(self, raw_rows: Any, sql: str, duration: float) -> Any:
        from ..explain import parse_explain

        return parse_explain(raw_rows, sql, duration)


__all__ = ["AsyncMySQLBackend"]
