"""What the sync and async MySQL backends share: config, probe, session setup, errors, results.

Nothing here does I/O. ``sync.py`` and ``async_.py`` differ only in how they talk to the driver.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.errors import DatabaseError, DeadlockError, TransactionError
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.protocols import ConcurrencyHint
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.adapters import register_adapters
from rhosocial.activerecord.backend.toolkit.deprecation import deprecated_alias
from rhosocial.activerecord.backend.toolkit.errors import (
    ConfigurationError,
    TlsError,
    connect_failure,
)
from rhosocial.activerecord.backend.toolkit.lifecycle import Action, ConnectionLifecycle
from rhosocial.activerecord.backend.toolkit.log import QuietLogging, log_statement
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version
from rhosocial.activerecord.backend.toolkit.statements import MYSQL_NO_BACKSLASH_SYNTAX, MYSQL_SYNTAX, ScriptSyntax
from rhosocial.activerecord.backend.type_adapter import SQLTypeAdapter

from ..adapters import MYSQL_TYPE_MAPPINGS, mysql_adapters
from ..config import MySQLConnectionConfig, build_connect_args, connect_candidates
from ..dialect import MySQLDialect, dialect_for
from ..errors import is_driver_error, translate
from ..galera import policy_for
from ..tls import TLS_REQUIRED, plain_connection_refused, tls_active
from .load_data import checked_path, load_data_sql
from .results import is_complete_server_error, refuse_non_finite

# One round trip right after connecting tells us everything capabilities depend on.
PROBE_SQL = "SELECT VERSION(), @@version_comment, @@sql_mode, @@lower_case_table_names"


def server_from_probe(row: Any) -> ServerInfo:
    """ServerInfo from the probe row: MariaDB says so in VERSION() or @@version_comment."""
    version_text = _text(row[0])
    comment = _text(row[1])
    both = f"{version_text} {comment}".lower()
    if "mariadb" in both:
        flavour = "mariadb"
    elif "tidb" in both:
        flavour = "tidb"
    else:
        flavour = "mysql"
    settings: dict[str, Any] = {"sql_mode": _text(row[2]) if len(row) > 2 else "", "version_comment": comment}
    if len(row) > 3 and row[3] is not None:
        settings["lower_case_table_names"] = int(row[3])
    return ServerInfo(
        product="mysql",
        flavour=flavour,
        version=parse_version(version_text),
        version_string=version_text,
        settings=settings,
    )


def _text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


def session_setup(config: MySQLConnectionConfig, dialect: MySQLDialect) -> Optional[tuple[str, tuple]]:
    """One SET statement for the session options, or None when there is nothing to set."""
    assignments: list[str] = []
    params: list[Any] = []
    if config.time_zone:
        assignments.append("time_zone = %s")
        params.append(config.time_zone)
    if config.sql_mode:
        # Appended, so the server's STRICT_* modes survive.
        assignments.append("sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), %s)")
        params.append(config.sql_mode)
    if config.statement_timeout:
        sql, value = dialect.statement_timeout_assignment(config.statement_timeout)
        assignments.append(sql)
        params.append(value)
    if config.wsrep_sync_wait is not None:
        # Galera causal reads: wait until this node has applied what the cluster committed
        assignments.append("wsrep_sync_wait = %s")
        params.append(config.wsrep_sync_wait)
    if not assignments:
        return None
    return "SET SESSION " + ", ".join(assignments), tuple(params)


_DQL_WORDS = {"SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES", "TABLE", "ANALYZE", "CHECK"}
_DML_WORDS = {"INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "CALL"}
_TCL_WORDS = {"START", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA"}


def statement_kind(sql: str) -> StatementType:
    """The kind of a statement from its first word (for logs and the core's options; rows follow the reply)."""
    word = sql.lstrip(" \t\r\n(").split(None, 1)[0].upper() if sql.strip() else ""
    if word in _DQL_WORDS:
        return StatementType.DQL
    if word in _DML_WORDS:
        return StatementType.DML
    if word in _TCL_WORDS:
        return StatementType.TCL
    return StatementType.DDL


def coerce_config(config: Any, kwargs: dict[str, Any]) -> MySQLConnectionConfig:
    """Accept a MySQLConnectionConfig, a plain core ConnectionConfig or keyword arguments."""
    if config is None:
        return MySQLConnectionConfig(**kwargs)
    if isinstance(config, MySQLConnectionConfig):
        return config
    if isinstance(config, ConnectionConfig):
        return MySQLConnectionConfig(
            host=config.host or "127.0.0.1",
            port=config.port or 3306,
            database=config.database,
            username=config.username,
            password=config.password,
            options=dict(config.options or {}),
        )
    raise ConfigurationError(f"connection_config must be a MySQLConnectionConfig, got {type(config).__name__}")


# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class MySQLBackendMixin(QuietLogging):
    """State and pure logic both backends use. Host classes provide ``config``, ``log``, ``adapter_registry``."""

    config: MySQLConnectionConfig
    _connection: Any
    _dialect: MySQLDialect
    _server: Optional[ServerInfo]
    # A server-side rollback (deadlock) inside a transaction: statements must not run in autocommit.
    _aborted_reason: Optional[str]
    # The connection a statement was sent on, until its whole result has been read (see results.py).
    _inflight: Any = None
    # An open execute_batch_dql stream (streaming.py): it owns the session until read or buffered.
    _stream: Any = None
    # execute() was called without options: read a result set when the server sends one.
    _rows_if_any: bool = False

    def _init_mysql(self) -> None:
        self._dialect = MySQLDialect()
        self._dialect.primary_key_policy = policy_for(self.config)  # galera.py
        self._server = None
        self._aborted_reason = None
        # The session's fate after faults (toolkit lifecycle); a lost connection is None here.
        self._lifecycle = ConnectionLifecycle(
            f"{self.config.host}:{self.config.port}", lambda: self._connection is not None
        )
        self._suggestions: Optional[dict[type, tuple[SQLTypeAdapter, type]]] = None
        register_adapters(self.adapter_registry, mysql_adapters())  # type: ignore[attr-defined]

    @property
    def dialect(self) -> MySQLDialect:
        return self._dialect

    @property
    def server_info(self) -> Optional[ServerInfo]:
        """What the connect-time probe found (None before the first connect); the same name on every backend."""
        return self._server

    server = deprecated_alias("server_info")  # the name before 1.0.0.dev20

    @property
    def threadsafety(self) -> int:
        return 1  # a mysql-connector connection must not be shared between threads

    def get_concurrency_hint(self) -> ConcurrencyHint:
        return ConcurrencyHint(max_concurrency=None, reason="InnoDB row locking; one session per backend instance")

    def _execution_options(
        self, sql: str, options: Optional[ExecutionOptions], column_mapping: Optional[dict], column_adapters: Any
    ) -> ExecutionOptions:
        """The options for ``execute()``: without any, the statement's reply decides whether rows come back.

        Callers of the earlier backends write ``execute("SELECT ...")`` and expect rows; a result set
        is read whenever the server sends one (SELECT, SHOW, CALL, ... RETURNING).
        """
        if options is None:
            self._rows_if_any = True
            return ExecutionOptions(
                stmt_type=statement_kind(sql), column_mapping=column_mapping, column_adapters=column_adapters
            )
        self._rows_if_any = False
        if column_mapping is not None or column_adapters is not None:
            raise TypeError("pass column_mapping / column_adapters either in options or as keywords, not both")
        return options

    def _load_data_statement(self, path: str, table: str, columns: Any, options: dict[str, Any]) -> tuple[str, tuple]:
        real = checked_path(path, self.config.local_infile_dirs)
        return load_data_sql(self._dialect, real, table, columns, **options)

    def _wants_rows(self, cursor: Any, is_select: bool) -> bool:
        rows_if_any, self._rows_if_any = self._rows_if_any, False
        return is_select or (rows_if_any and getattr(cursor, "description", None) is not None)

    def connect_args(self) -> dict[str, Any]:
        return build_connect_args(self.config)

    def connect_candidates(self) -> list:
        """Arguments per configured server, tried in order by connect (a Galera cluster's nodes)."""
        return connect_candidates(self.config)

    def _adopt_server(self, server: ServerInfo) -> None:
        self._server = server
        if type(self._dialect) is not type(dialect_for(server)) or self._dialect.server != server:
            self._dialect = dialect_for(server)
            self._dialect.primary_key_policy = policy_for(self.config)  # galera.py
        _log.log(logging.INFO, f"connected to {server.describe()} ({server.version_string})")  # type: ignore[attr-defined]

    def get_default_adapter_suggestions(self) -> dict[type, tuple[SQLTypeAdapter, type]]:
        if self._suggestions is None:
            suggestions = {}
            for py_type, db_type in MYSQL_TYPE_MAPPINGS:
                adapter = self.adapter_registry.get_adapter(py_type, db_type)  # type: ignore[attr-defined]
                if adapter is not None:
                    suggestions[py_type] = (adapter, db_type)
            self._suggestions = suggestions
        return self._suggestions

    def _script_syntax(self) -> ScriptSyntax:
        modes = f"{self._server.settings.get('sql_mode', '') if self._server else ''},{self.config.sql_mode or ''}"
        return MYSQL_NO_BACKSLASH_SYNTAX if "NO_BACKSLASH_ESCAPES" in modes.upper() else MYSQL_SYNTAX

    def _prepare_sql_and_params(self, sql: str, params: Any) -> tuple[str, Any]:
        self._refuse_multiple_statements(sql)  # type: ignore[attr-defined]
        log_statement(sql, params)
        if params is None:
            return sql, None
        if isinstance(params, dict):
            refuse_non_finite(params.items())
            return sql, params
        params = tuple(params)
        refuse_non_finite(enumerate(params, 1))
        return sql, params

    # -- results: a statement's reply is read to its end, or the session is dropped ------
    def _statement_abandoned(self) -> bool:
        """True when the last statement on the current connection stopped before its reply was read."""
        inflight, self._inflight = self._inflight, None
        return inflight is not None and inflight is self._connection

    def _drop_abandoned_session(self) -> None:
        """Discard a session whose socket may still hold an earlier statement's reply.

        The lifecycle then sees the connection gone: a new session outside a transaction, a
        refusal until rollback inside one (the server rolls the transaction back with the session).
        """
        if self._statement_abandoned():
            reason = "an earlier statement was interrupted before its result was read"
            _log.log(logging.WARNING, f"discarding the connection: {reason}")  # type: ignore[attr-defined]
            self._discard_connection()

    def _note_statement_error(self, error: BaseException) -> None:
        """An error packet ends the exchange; anything else leaves the statement abandoned."""
        if is_complete_server_error(error):
            self._inflight = None

    def _build_query_result(self, cursor: Any, data: Optional[list], duration: float) -> QueryResult:
        rowcount = getattr(cursor, "rowcount", -1)
        if data is not None and (rowcount is None or rowcount < 0):
            rowcount = len(data)
        lastrowid = getattr(cursor, "lastrowid", None)
        return QueryResult(data=data, affected_rows=rowcount, last_insert_id=lastrowid or None, duration=duration)

    def summarize_log_data(self, data: Any) -> Any:
        # The core formats this into every execute's DEBUG message, eagerly; skip the work
        # when that message would be dropped anyway.
        if not self.logger.isEnabledFor(logging.DEBUG):  # type: ignore[attr-defined]
            return "..."
        return super().summarize_log_data(data)  # type: ignore[misc]

    def is_connected(self) -> bool:
        return self._connection is not None

    # -- errors -----------------------------------------------------------------------
    def _translate_error(self, error: BaseException) -> BaseException:
        """The core exception for a driver error (other exceptions unchanged); no state changes."""
        if isinstance(error, DatabaseError) or not is_driver_error(error):
            return error
        return translate(error)

    def _connect_error(self, error: BaseException) -> BaseException:
        """A failed connect: always a ConnectionError (a subclass naming the field when the code tells)."""
        if isinstance(error, DatabaseError):
            return error
        if is_driver_error(error):
            return translate(error, connecting=True)
        return connect_failure(error, f"{self.config.host}:{self.config.port}")

    def _statement_error(self, error: BaseException) -> BaseException:
        """Translate a statement's error and record what it means for the session and the transaction."""
        translated = self._translate_error(error)
        if not isinstance(translated, DatabaseError):
            return translated
        raised = self._lifecycle.failed(translated)
        if raised is not translated:
            _log.log(logging.WARNING, str(raised))  # type: ignore[attr-defined]
            self._discard_connection()
        elif isinstance(translated, DeadlockError) and self._transaction_open():
            # InnoDB rolled the whole transaction back; later statements would autocommit.
            self._aborted_reason = str(translated)
        return raised

    def _must_connect(self) -> bool:
        """True when the next statement needs a new session (toolkit lifecycle); raises when it must not run."""
        return self._lifecycle.before() is Action.CONNECT

    def _plain_refusal(self, mode: str) -> str:
        return plain_connection_refused(mode, f"{self.config.host}:{self.config.port}")

    def _refuse_plain_session(self, conn: Any) -> None:
        """Under required / verify_* a session without TLS is closed, never used.

        mysql-connector falls back to plain text when the server has TLS off and no
        certificate check was asked for; a Unix socket is local and needs no TLS.
        """
        mode = self.config.resolved_ssl_mode()
        if mode in TLS_REQUIRED and not self.config.unix_socket and tls_active(conn) is False:
            raise TlsError(self._plain_refusal(mode))

    def _transaction_open(self) -> bool:
        manager = getattr(self, "_transaction_manager", None)
        return bool(manager is not None and manager.is_active)

    def _check_usable(self) -> None:
        if self._aborted_reason is not None and self._transaction_open():
            raise TransactionError(
                f"the server rolled this transaction back ({self._aborted_reason}); roll it back before continuing"
            )

    def _discard_connection(self) -> None:
        raise NotImplementedError  # sync and async close differently


__all__ = [
    "PROBE_SQL",
    "MySQLBackendMixin",
    "coerce_config",
    "server_from_probe",
    "session_setup",
]
