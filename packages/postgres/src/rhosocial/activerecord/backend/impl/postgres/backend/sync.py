"""Synchronous PostgreSQL backend on psycopg 3 (only the I/O; shared logic is in ``common.py``)."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Optional

import psycopg

from rhosocial.activerecord.backend.base import StorageBackend
from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.explain import SyncExplainBackendMixin
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.toolkit.scripts import ScriptMixin

from .. import pooled_settings
from ..adapters import register_money, register_utc
from ..extensions import ExtensionsMixin
from ..introspection.introspector import PostgresIntrospectorMixin
from ..probe import PROBE_SQL
from ..server import AdvisoryLockMixin, NotifyMixin
from ..transaction import PostgresTransactionManager
from . import pool
from .common import PostgresBackendCommon, coerce_config
from .result_keywords import with_result_keywords
from .rows import rows_to_dicts

# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class PostgresBackend(
    PostgresBackendCommon,
    ExtensionsMixin,
    PostgresIntrospectorMixin,
    AdvisoryLockMixin,
    NotifyMixin,
    ScriptMixin,
    SyncExplainBackendMixin,
    StorageBackend,
):
    """PostgreSQL 13+ through psycopg 3, autocommit connection, transactions issued explicitly."""

    # the core's base class assigns None without a type; ours holds the manager once created
    _transaction_manager: Optional[PostgresTransactionManager]

    def __init__(self, connection_config: Optional[ConnectionConfig] = None, **kwargs: Any) -> None:
        logging_config = kwargs.pop("logging_config", None)
        config = coerce_config(connection_config, kwargs)
        super().__init__(connection_config=config, logging_config=logging_config)
        self._init_postgres()
        self._local_cursor = threading.local()

    # --- connection --------------------------------------------------------------------

    def connect(self) -> None:
        if self._connection_usable():
            return
        self._drop_connection()
        try:
            if self.config.pool_max_size:
                connection = pool.sync_pool(self.config, self._connect_kwargs()).getconn()
            else:
                connection = psycopg.connect(**self._connect_kwargs(), autocommit=True)
            connection.prepare_threshold = self.config.prepare_threshold
            register_money(connection)
            register_utc(connection)
            pooled_settings.install(connection, self.config)  # before the probe: it sees them too
            with connection.cursor() as cursor:
                cursor.execute(PROBE_SQL)
                row = cursor.fetchone()
        except DatabaseError:
            raise
        except Exception as e:
            raise self._translate(e, connecting=True) from e
        try:
            self._apply_probe(row)
        except Exception:
            connection.close()  # an unsupported server: do not leak the session
            raise
        self._connection = connection
        self._lifecycle.connected()
        _log.log(logging.INFO, f"Connected to {self.probed_server.describe()}")

    def _drop_connection(self) -> None:
        """Give the connection back (pool) or close it; the transaction manager keeps its state."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self.config.pool_max_size:
            pool.sync_pool(self.config, self._connect_kwargs()).putconn(connection)
        elif not connection.closed:
            connection.close()

    def disconnect(self) -> None:
        self._drop_connection()
        self._lifecycle.closed()

    def ping(self, reconnect: bool = True) -> bool:
        if self._connection_usable():
            try:
                self._connection.execute("SELECT 1")
                return True
            except psycopg.Error as e:
                _log.log(logging.WARNING, f"ping failed: {e}")
        if reconnect and not self.in_transaction:
            try:
                self.connect()
                return True
            except DatabaseError as e:
                _log.log(logging.WARNING, f"reconnect failed: {e}")
        return False

    def get_server_version(self) -> tuple:
        if self._server is None:
            self.connect()
        return self.probed_server.version

    def introspect_and_adapt(self) -> None:
        # The connect-time probe already adapted the dialect; no extra round trip here.
        if self._server is None:
            self.connect()

    @property
    def transaction_manager(self) -> PostgresTransactionManager:
        manager = self._transaction_manager
        if manager is None:
            if self._connection is None:
                self.connect()
            manager = PostgresTransactionManager(self, self.logger)
            self._transaction_manager = manager
        return manager

    # --- statements --------------------------------------------------------------------

    def execute(
        self,
        sql: str,
        params=None,
        *,
        options: Optional[ExecutionOptions] = None,
        column_mapping: Optional[dict] = None,
        column_adapters: Optional[dict] = None,
    ) -> QueryResult:
        """The core's execution pipeline, without per-statement work that has no effect (see common.py)."""
        if column_mapping is not None or column_adapters is not None:
            options = with_result_keywords(options, column_mapping, column_adapters)
        start = time.perf_counter()
        is_select = self._is_select(options)
        adapters, mapping = (options.column_adapters, options.column_mapping) if options else (None, None)
        cursor, data = self._run(sql, params, is_select, adapters, mapping)
        return self._finish_statement(cursor, data, start, options)

    def insert(self, options):  # type: ignore[override]
        return super().insert(self._with_driver_values(options))

    def update(self, options):  # type: ignore[override]
        return super().update(self._with_driver_values(options))

    def fetch_one(self, sql: str, params=None, column_adapters=None, column_mapping=None):
        data = self._run(sql, params, True, column_adapters, column_mapping)[1]
        return data[0] if data else None

    def fetch_all(self, sql: str, params=None, column_adapters=None, column_mapping=None):
        return self._run(sql, params, True, column_adapters, column_mapping)[1] or []

    def _run(self, sql: str, params, is_select: bool, adapters, mapping):
        try:
            driver_params = self._start_statement(sql, params)
            cursor = self._get_cursor()
            self._note_statement(sql)  # after _get_cursor: a (re)connect resets what the probe found
            cursor.execute(sql, driver_params)
            return cursor, self._process_result_set(cursor, is_select, adapters, mapping)
        except Exception as e:
            return self._handle_execution_error(e)

    def _get_cursor(self):
        if self._must_reconnect():
            self.connect()
        # One client cursor per thread and connection: creating a psycopg cursor costs about as much as
        # the rest of a point select's client-side work. Results are always fetched before the next
        # statement, and threads sharing this backend each get their own cursor.
        local = self._local_cursor
        cursor = getattr(local, "cursor", None)
        if cursor is None or cursor.connection is not self._connection or cursor.closed:
            cursor = local.cursor = self._connection.cursor()
        return cursor

    def _get_dql_cursor(self):
        if self._must_reconnect():
            self.connect()
        return self._new_batch_cursor()

    def _execute_query(self, cursor, sql: str, params):
        self._note_statement(sql)
        cursor.execute(sql, params)
        return cursor

    def _process_result_set(self, cursor, is_select, column_adapters=None, column_mapping=None):
        description = cursor.description  # built afresh on each access: read it once
        if not is_select or description is None:  # a statement without a result set
            return None
        return rows_to_dicts([c.name for c in description], cursor.fetchall(), column_adapters, column_mapping)

    def _handle_error(self, error: Exception) -> None:
        self._log_error(error)
        raised, lost = self._failure(error)
        if lost:
            self._drop_connection()  # the session is gone: never reuse the connection
        raise raised from error

    def cancel(self) -> None:
        """Ask the server to cancel the running statement (from another thread)."""
        if self._connection is not None:
            self._cancel_requested = True
            self._connection.cancel_safe()
