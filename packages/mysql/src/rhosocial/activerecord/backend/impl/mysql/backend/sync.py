"""Synchronous MySQL/MariaDB backend on mysql-connector-python (C extension or pure Python)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any, Optional

import mysql.connector
from mysql.connector import pooling
from rhosocial.activerecord.backend.base import StorageBackend
from rhosocial.activerecord.backend.explain import SyncExplainBackendMixin
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.plans import run_plan
from rhosocial.activerecord.backend.toolkit.scripts import ScriptMixin

from ..transaction import MySQLTransactionManager
from .bulk_insert import InsertTemplate, c_extension_groups, converter_literals, row_groups
from .common import PROBE_SQL, MySQLBackendMixin, explain_result
from .driver import buffered_cursor, is_c_extension, more_results_pending, raw_connection, unbuffered_cursor
from .named_locks import NamedLockMixin
from .rows import to_dicts
from .streaming import SyncStreamCursor

_POOLS: dict[str, pooling.MySQLConnectionPool] = {}
_POOLS_LOCK = threading.Lock()


# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class MySQLBackend(
    NamedLockMixin, SyncExplainBackendMixin, IntrospectorBackendMixin, MySQLBackendMixin, ScriptMixin, StorageBackend
):
    """Synchronous backend: ``Model.configure(MySQLConnectionConfig(...), MySQLBackend)``.

    Runs on mysql-connector's C extension when it loads (the driver's default), else on its pure
    Python protocol (``options={"use_pure": True}`` asks for that); ``server_info.settings
    ["driver_implementation"]`` says which.
    """

    # the core's base class assigns None without a type; ours holds the manager once created
    _transaction_manager: Optional[MySQLTransactionManager]
    _parse_explain_result = explain_result

    # -- connection -------------------------------------------------------------------
    def connect(self) -> None:
        if self._connection is not None:
            self.disconnect()
        conn = self._run_plan(self._connect_plan(), self._open)
        try:
            self._refuse_plain_session(conn)
            # One cursor per connection, reused by every statement (see driver.py).
            cursor = buffered_cursor(conn)
            server = getattr(raw_connection(conn), "_rhosocial_server", None)
            if server is None:
                cursor.execute(PROBE_SQL)
                setup = self._probed(conn, cursor.fetchone())
            else:
                setup = self._adopted(server)
            if setup is not None:
                cursor.execute(*setup)
        except Exception as e:
            self._close_quietly(conn)
            raise self._connect_error(e) from e
        self._connected(conn, cursor)

    def _open(self, args: dict[str, Any]) -> Any:
        """A connection to one server, or the exception that says why not."""
        try:
            return self._pool(args).get_connection() if self.config.pool_size > 0 else mysql.connector.connect(**args)
        except Exception as e:
            return e

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
            self._forget_connection()

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

    # -- statements ---------------------------------------------------------------------
    def execute(self, sql: str, params: Any = None, *, options: Any = None, **keywords: Any) -> QueryResult:
        """The core's ``execute`` (``column_mapping`` / ``column_adapters`` as keywords or in ``options``).

        Without ``options`` rows come back whenever the statement returns some.
        """
        start = time.perf_counter()
        wants, adapters, mapping = self._statement_shape(options, **keywords)
        cursor, data = self._run(sql, params, wants, adapters, mapping)
        return self._query_result(cursor, data, start)

    def fetch_one(self, sql: str, params: Any = None, column_adapters: Any = None, column_mapping: Any = None) -> Any:
        data = self._run(sql, params, True, column_adapters, column_mapping)[1]
        return data[0] if data else None

    def fetch_all(self, sql: str, params: Any = None, column_adapters: Any = None, column_mapping: Any = None) -> list:
        return self._run(sql, params, True, column_adapters, column_mapping)[1] or []

    def _run(self, sql: str, params: Any, wants: bool, adapters: Any, mapping: Any) -> tuple[Any, Optional[list]]:
        """One statement: bind, send, read its whole reply; the core's pipeline without its per-call work."""
        try:
            values = self._statement_params(sql, params)
            cursor = self._get_cursor()
            self._inflight = self._connection
            cursor.execute(sql, values)
            return cursor, self._process_result_set(cursor, wants, adapters, mapping)
        except Exception as e:
            self._handle_error(e)
            raise  # pragma: no cover - _handle_error always raises

    def _get_cursor(self) -> Any:
        cursor = self._ready_cursor()
        return self._prepare_cursor() if cursor is None else cursor

    def _prepare_cursor(self) -> Any:
        self._check_usable()
        if self._stream is not None:
            self._stream.buffer_rest()  # a batch is being read: it keeps its rows, this statement gets its own
        self._drop_abandoned_session()
        if self._must_connect():
            self.connect()
        elif self._more_results():
            self._drain_results()  # left by a batched read of a CALL
        self._results_may_pend = False
        cursor = self._cursor
        if cursor is None or cursor._connection is None:  # someone closed the shared cursor
            cursor = self._cursor = buffered_cursor(self._connection)
        return cursor

    def _get_dql_cursor(self) -> Any:
        # Unbuffered: execute_batch_dql reads pages off the socket (streaming.py).
        self._get_cursor()
        self._results_may_pend = True
        return SyncStreamCursor(self, unbuffered_cursor(self._connection))

    def _execute_query(self, cursor: Any, sql: Any, params: Any) -> Any:
        self._inflight = self._connection
        cursor.execute(sql, params)
        return cursor

    def _process_result_set(self, cursor: Any, is_select: bool, column_adapters=None, column_mapping=None) -> Any:
        # a statement without a result set gives none instead of the driver's "No result set to fetch from"
        description = cursor.description if is_select else None
        rows = cursor.fetchall() if description is not None else None
        if self._more_results_now():
            self._drain_results()
        self._inflight = None
        return None if rows is None else to_dicts(description, rows, column_adapters, column_mapping)

    def _drain_results(self) -> None:
        """Read and drop the further result sets of a CALL, so the next statement reads its own."""
        spare = buffered_cursor(self._connection)
        while more_results_pending(self._connection):
            spare.nextset()

    def execute_many(self, sql: str, params_list: list) -> Any:
        """Every parameter set adapted as ``execute`` would; a plain INSERT goes as multi-row INSERTs."""
        start = time.perf_counter()
        try:
            template, values = self._many_params(sql, params_list)
            cursor = self._get_cursor()
            if template is not None:
                affected: Optional[int] = self._loaded(cursor, sql, values)
                if affected is None:
                    affected = self._insert_batches(cursor, template, values)
            else:
                self._execute_many_query(cursor, sql, values)
                affected = cursor.rowcount
        except Exception as e:
            self._handle_error(e)
            raise  # pragma: no cover - _handle_error always raises
        return self._many_result(affected, start)

    def _execute_many_query(self, cursor: Any, sql: str, rows: list) -> None:
        self._inflight = self._connection
        cursor.executemany(sql, rows)
        self._inflight = None
        self._results_may_pend = True

    def _insert_batches(self, cursor: Any, template: InsertTemplate, columns: list) -> int:
        raw = raw_connection(self._connection)
        if is_c_extension(raw):  # the driver's own formatting of execute() parameters on this session
            literals = (
                c_extension_groups(raw._cmysql.convert_to_mysql)
                if raw.converter is None
                else row_groups(raw.prepare_for_mysql)
            )
        else:
            literals = row_groups(converter_literals(raw.converter, raw.sql_mode))
        return self._run_plan(self._insert_plan(template, columns, literals), partial(self._statement_outcome, cursor))

    def _loaded(self, cursor: Any, sql: str, columns: list) -> Optional[int]:
        """The row count when the call went through LOAD DATA (infile_insert.py), None when it did not."""
        plan = self._infile_load(sql, columns)
        return None if plan is None else self._run_plan(plan, partial(self._infile_step, cursor))

    def _infile_step(self, cursor: Any, step: tuple) -> Any:
        """Do one step of ``_infile_plan``: its outcome, or the exception it raised."""
        kind, *args = step
        try:
            if kind == "made":
                return args[0].made()
            if kind == "load" and args[1] is not None:
                args[1].begin()  # the next file is made while the driver waits for the server
            self._execute_query(cursor, args[0], args[1] if kind == "query" else None)
            outcome = cursor.fetchall() if kind == "query" else cursor.rowcount
        except Exception as e:
            return e
        self._inflight = None
        return (outcome, cursor.warning_count) if kind == "load" else outcome

    def _run_plan(self, plan: Any, attempt: Callable[[Any], Any]) -> Any:
        """Do what ``plan`` yields, one step at a time (``attempt`` is the I/O); its return value is the result."""
        return run_plan(plan, attempt)

    def _statement_outcome(self, cursor: Any, statement: Any) -> Any:
        """The row count of ``statement``, or the exception it raised."""
        try:
            self._execute_query(cursor, statement, None)
        except Exception as e:
            return e
        self._inflight = None
        return cursor.rowcount

    def _handle_auto_commit(self) -> None:
        return None  # the session runs with autocommit=1; transactions are explicit

    def _handle_auto_commit_if_needed(self) -> None:
        return None  # nothing to commit per statement (see above), so skip the transaction check

    def _handle_error(self, error: Exception) -> None:
        self._raise_translated(error)

    def load_data_local(self, path: str, table: str, columns: Optional[list] = None, **options: Any) -> QueryResult:
        """LOAD DATA LOCAL INFILE ``path`` into ``table`` (opt-in: ``local_infile_dirs``; see load_data.py)."""
        sql, params = self._load_data_statement(path, table, columns, options)
        return self.execute(sql, params, options=ExecutionOptions(stmt_type=StatementType.DML))

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


__all__ = ["MySQLBackend"]
