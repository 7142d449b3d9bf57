"""Synchronous MySQL/MariaDB backend on mysql-connector-python."""

from __future__ import annotations

import logging
import threading
from typing import Any, Optional

import mysql.connector
from mysql.connector import pooling
from mysql.connector.cursor import MySQLCursorBuffered
from rhosocial.activerecord.backend.base import StorageBackend
from rhosocial.activerecord.backend.explain import SyncExplainBackendMixin
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin

from ..config import MySQLConnectionConfig
from ..transaction import MySQLTransactionManager
from .common import PROBE_SQL, MySQLBackendMixin, coerce_config, server_from_probe, session_setup

_POOLS: dict[str, pooling.MySQLConnectionPool] = {}
_POOLS_LOCK = threading.Lock()


class MySQLBackend(SyncExplainBackendMixin, IntrospectorBackendMixin, MySQLBackendMixin, StorageBackend):
    """Synchronous backend: ``Model.configure(MySQLConnectionConfig(...), MySQLBackend)``."""

    def __init__(self, connection_config: Optional[MySQLConnectionConfig] = None, **kwargs: Any) -> None:
        logging_config = kwargs.pop("logging_config", None)
        config = coerce_config(connection_config, kwargs)
        super().__init__(connection_config=config, logging_config=logging_config)
        self._init_mysql()

    # -- connection -------------------------------------------------------------------
    def connect(self) -> None:
        if self._connection is not None:
            self.disconnect()
        args = self.connect_args()
        conn: Any
        try:
            if self.config.pool_size > 0:
                conn = self._pool(args).get_connection()
            else:
                conn = mysql.connector.connect(**args)
        except Exception as e:
            raise self._connect_error(e) from e
        try:
            # One cursor per connection, built directly: connection.cursor() pings the
            # server every time, and we never ping before statements.
            raw: Any = getattr(conn, "_cnx", conn)
            cursor: Any = MySQLCursorBuffered(raw)
            # Pooled sessions keep their probe result: the version is probed once per connection.
            server = getattr(raw, "_rhosocial_server", None)
            if server is None:
                cursor.execute(PROBE_SQL)
                server = server_from_probe(cursor.fetchone())
                raw._rhosocial_server = server
            self._adopt_server(server)
            setup = session_setup(self.config, self._dialect)
            if setup is not None:
                cursor.execute(*setup)
        except Exception as e:
            self._close_quietly(conn)
            raise self._connect_error(e) from e
        self._connection = conn
        self._cursor = cursor
        self._aborted_reason = None
        self._lifecycle.connected()

    def _pool(self, args: dict[str, Any]) -> pooling.MySQLConnectionPool:
        name = self.config.pool_name or f"rhosocial-{args.get('host')}-{args.get('port')}-{args.get('database')}"
        with _POOLS_LOCK:
            pool = _POOLS.get(name)
            if pool is None:
                pool = pooling.MySQLConnectionPool(pool_name=name[:64], pool_size=self.config.pool_size, **args)
                _POOLS[name] = pool
            return pool

    def disconnect(self) -> None:
        conn = self._connection
        if conn is None:
            return
        try:
            if self._transaction_open():
                self.log(logging.WARNING, "disconnect with an open transaction: rolling back")
                conn.rollback()
        except Exception as e:  # the connection may already be gone; closing is what matters
            self.log(logging.WARNING, f"rollback during disconnect failed: {e}")
        finally:
            self._close_quietly(conn)
            self._connection = None
            self._cursor = None
            self._aborted_reason = None
            self._lifecycle.closed()

    def _close_quietly(self, conn: Any) -> None:
        try:
            conn.close()
        except Exception as e:
            self.log(logging.DEBUG, f"ignored error while closing: {e}")

    def _discard_connection(self) -> None:
        if self._connection is not None:
            self._close_quietly(self._connection)
        self._connection = None
        self._cursor = None

    def ping(self, reconnect: bool = True) -> bool:
        conn = self._connection
        if conn is not None:
            try:
                conn.ping(reconnect=False)
                return True
            except Exception as e:
                self.log(logging.WARNING, f"ping failed: {e}")
                self._discard_connection()
        if reconnect and not self._transaction_open():
            # Reconnecting is safe only with no transaction the caller thinks is still open.
            self.connect()
            return True
        return False

    # -- execution hooks ----------------------------------------------------------------
    def _get_cursor(self) -> Any:
        self._check_usable()
        if self._must_connect():
            self.connect()
        if self._cursor is None:
            return self._connection.cursor(buffered=True)
        if self._cursor._connection is None:  # someone closed the shared cursor
            self._cursor = MySQLCursorBuffered(getattr(self._connection, "_cnx", self._connection))
        return self._cursor

    def _handle_auto_commit(self) -> None:
        return None  # the session runs with autocommit=1; transactions are explicit

    def _handle_auto_commit_if_needed(self) -> None:
        return None  # nothing to commit per statement (see above), so skip the transaction check

    def _handle_error(self, error: Exception) -> None:
        translated = self._statement_error(error)
        if translated is error:
            raise error
        raise translated from error

    def execute_many(self, sql: str, params_list: list) -> Any:
        # mysql-connector rewrites INSERT ... VALUES executemany into multi-row INSERTs.
        return super().execute_many(sql, params_list)

    # -- server -------------------------------------------------------------------------
    def get_server_version(self) -> tuple:
        if self._server is None:
            self.connect()
        assert self._server is not None
        return self._server.version

    def introspect_and_adapt(self) -> None:
        if self._server is None or self._connection is None:
            self.connect()

    @property
    def transaction_manager(self) -> MySQLTransactionManager:
        manager: Optional[MySQLTransactionManager] = self._transaction_manager  # type: ignore[has-type]
        if manager is None:
            if self._connection is None:
                self.connect()
            manager = MySQLTransactionManager(self, self.logger)
            self._transaction_manager = manager  # type: ignore[assignment]
        return manager

    def _create_introspector(self) -> Any:
        from ..introspection import SyncExecutor, SyncMySQLIntrospector

        return SyncMySQLIntrospector(self, SyncExecutor(self))  # type: ignore[arg-type]

    def _parse_explain_result(self, raw_rows: Any, sql: str, duration: float) -> Any:
        from ..explain import parse_explain

        return parse_explain(raw_rows, sql, duration)


__all__ = ["MySQLBackend"]
