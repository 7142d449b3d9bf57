"""Synchronous MySQL/MariaDB backend on mysql-connector-python."""

from __future__ import annotations

import logging
import threading
from typing import Any, Optional

import mysql.connector
from mysql.connector import pooling
from mysql.connector.cursor import MySQLCursor, MySQLCursorBuffered
from rhosocial.activerecord.backend.base import StorageBackend
from rhosocial.activerecord.backend.explain import SyncExplainBackendMixin
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.scripts import ScriptMixin

from ..config import MySQLConnectionConfig
from ..transaction import MySQLTransactionManager
from .common import PROBE_SQL, MySQLBackendMixin, coerce_config, server_from_probe, session_setup
from .named_locks import NamedLockMixin
from .results import more_results_pending, raw_connection, refuse_non_finite
from .streaming import SyncStreamCursor

_POOLS: dict[str, pooling.MySQLConnectionPool] = {}
_POOLS_LOCK = threading.Lock()


# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class MySQLBackend(
    NamedLockMixin, SyncExplainBackendMixin, IntrospectorBackendMixin, MySQLBackendMixin, ScriptMixin, StorageBackend
):
    """Synchronous backend: ``Model.configure(MySQLConnectionConfig(...), MySQLBackend)``."""

    # the core's base class assigns None without a type; ours holds the manager once created
    _transaction_manager: Optional[MySQLTransactionManager]

    def __init__(self, connection_config: Optional[MySQLConnectionConfig] = None, **kwargs: Any) -> None:
        logging_config = kwargs.pop("logging_config", None)
        config = coerce_config(connection_config, kwargs)
        super().__init__(connection_config=config, logging_config=logging_config)
        self._init_mysql()

    # -- connection -------------------------------------------------------------------
    def connect(self) -> None:
        if self._connection is not None:
            self.disconnect()
        conn: Any = None
        failure: Optional[BaseException] = None
        for args in self.connect_candidates():  # several hosts: the first that answers
            try:
                if self.config.pool_size > 0:
                    conn = self._pool(args).get_connection()
                else:
                    conn = mysql.connector.connect(**args)
                break
            except Exception as e:
                failure = e
        if conn is None:
            assert failure is not None  # connect_candidates() is never empty
            raise self._connect_error(failure) from failure
        try:
            self._refuse_plain_session(conn)
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
                _log.log(logging.WARNING, "disconnect with an open transaction: rolling back")
                conn.rollback()
        except Exception as e:  # the connection may already be gone; closing is what matters
            _log.log(logging.WARNING, f"rollback during disconnect failed: {e}")
        finally:
            self._close_quietly(conn)
            self._connection = None
            self._cursor = None
            self._stream = None
            self._aborted_reason = None
            self._lifecycle.closed()

    def _close_quietly(self, conn: Any) -> None:
        try:
            conn.close()
        except Exception as e:
            _log.log(logging.DEBUG, f"ignored error while closing: {e}")

    def _discard_connection(self) -> None:
        if self._connection is not None:
            self._close_quietly(self._connection)
        self._connection = None
        self._cursor = None
        self._stream = None

    def ping(self, reconnect: bool = True) -> bool:
        conn = self._connection
        if conn is not None:
            try:
                conn.ping(reconnect=False)
                return True
            except Exception as e:
                _log.log(logging.WARNING, f"ping failed: {e}")
                self._discard_connection()
        if reconnect and not self._transaction_open():
            # Reconnecting is safe only with no transaction the caller thinks is still open.
            self.connect()
            return True
        return False

    # -- execution hooks ----------------------------------------------------------------
    def _get_cursor(self) -> Any:
        self._check_usable()
        if self._stream is not None:
            self._stream.buffer_rest()  # a batch is being read: it keeps its rows, this statement gets its own
        self._drop_abandoned_session()
        if self._must_connect():
            self.connect()
        elif more_results_pending(self._connection):
            self._drain_results()  # left by a batched read of a CALL
        if self._cursor is None:
            return self._connection.cursor(buffered=True)
        if self._cursor._connection is None:  # someone closed the shared cursor
            self._cursor = MySQLCursorBuffered(raw_connection(self._connection))
        return self._cursor

    def _get_dql_cursor(self) -> Any:
        # Unbuffered: execute_batch_dql reads pages off the socket (streaming.py).
        self._get_cursor()
        return SyncStreamCursor(self, MySQLCursor(raw_connection(self._connection)))

    def _execute_query(self, cursor: Any, sql: str, params: Any) -> Any:
        self._inflight = self._connection
        if params:
            cursor.execute(sql, params)
        else:
            cursor.execute(sql)
        return cursor

    def execute(
        self,
        sql: str,
        params: Any = None,
        *,
        options: Optional[ExecutionOptions] = None,
        column_mapping: Optional[dict] = None,
        column_adapters: Optional[dict] = None,
    ) -> QueryResult:
        """The core's ``execute``; without ``options`` rows come back whenever the statement returns some."""
        options = self._execution_options(sql, options, column_mapping, column_adapters)
        return super().execute(sql, params, options=options)

    def load_data_local(self, path: str, table: str, columns: Optional[list] = None, **options: Any) -> QueryResult:
        """LOAD DATA LOCAL INFILE ``path`` into ``table`` (opt-in: ``local_infile_dirs``; see load_data.py)."""
        sql, params = self._load_data_statement(path, table, columns, options)
        return self.execute(sql, params, options=ExecutionOptions(stmt_type=StatementType.DML))

    def _process_result_set(self, cursor: Any, is_select: bool, column_adapters=None, column_mapping=None) -> Any:
        # rows when asked for (or, without options, whenever the server sends some); a statement
        # without a result set gives none instead of the driver's "No result set to fetch from"
        has_rows = self._wants_rows(cursor, is_select) and cursor.description is not None
        data = super()._process_result_set(cursor, has_rows, column_adapters, column_mapping)
        if more_results_pending(self._connection):
            self._drain_results()
        self._inflight = None
        return data

    def _drain_results(self) -> None:
        """Read and drop the further result sets of a CALL, so the next statement reads its own."""
        spare = MySQLCursorBuffered(raw_connection(self._connection))
        while more_results_pending(self._connection):
            spare.nextset()

    def _handle_auto_commit(self) -> None:
        return None  # the session runs with autocommit=1; transactions are explicit

    def _handle_auto_commit_if_needed(self) -> None:
        return None  # nothing to commit per statement (see above), so skip the transaction check

    def _handle_error(self, error: Exception) -> None:
        self._note_statement_error(error)
        translated = self._statement_error(error)
        if translated is error:
            raise error
        raise translated from error

    def execute_many(self, sql: str, params_list: list) -> Any:
        # mysql-connector rewrites INSERT ... VALUES executemany into multi-row INSERTs.
        for params in params_list:
            refuse_non_finite(params.items() if isinstance(params, dict) else enumerate(params, 1))
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
        manager = self._transaction_manager
        if manager is None:
            if self._connection is None:
                self.connect()
            manager = MySQLTransactionManager(self, self.logger)
            self._transaction_manager = manager
        return manager

    def _create_introspector(self) -> Any:
        from ..introspection import SyncExecutor, SyncMySQLIntrospector

        return SyncMySQLIntrospector(self, SyncExecutor(self))  # type: ignore[arg-type]

    def _parse_explain_result(self, raw_rows: Any, sql: str, duration: float) -> Any:
        from ..explain import parse_explain

        return parse_explain(raw_rows, sql, duration)


__all__ = ["MySQLBackend"]
