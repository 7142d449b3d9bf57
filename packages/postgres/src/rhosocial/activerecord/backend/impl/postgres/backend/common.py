"""Everything the sync and async PostgreSQL backends share: config, dialect, adapters, SQL and error handling.

Only the I/O (connect, execute, fetch) lives in ``sync.py`` and ``async_.py``.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import threading
import time
from types import SimpleNamespace
from typing import Any, Optional

from psycopg import pq

from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.errors import ConnectionError, DatabaseError
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.protocols import ConcurrencyHint
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.adapters import register_adapters
from rhosocial.activerecord.backend.toolkit.errors import ReadOnlyTransactionError
from rhosocial.activerecord.backend.toolkit.lifecycle import Action, ConnectionLifecycle, SessionState
from rhosocial.activerecord.backend.toolkit.log import QuietLogging, log_statement
from rhosocial.activerecord.backend.toolkit.log import statements as _statement_log
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.statements import POSTGRES_SYNTAX, ScriptSyntax

from .. import errors as pg_errors
from .. import pooled_settings
from ..adapters import (
    DEFAULT_TARGETS,
    NATIVE_PARAM_TYPES,
    PgArray,
    PostgresArrayAdapter,
    postgres_adapters,
    register_money,
    register_utc,
)
from ..adapters.arrays import AdapterSuggestions, array_slots
from ..adapters.enums import DECLARED as DECLARED_ENUMS
from ..config import PostgresConnectionConfig, connect_kwargs
from ..dialect import PostgresDialect
from ..probe import check_supported, server_info_from_row, statement_timeout_active
from .copy_insert import CopyInsertMixin
from .result_keywords import with_result_keywords
from .rows import RowShaper

_BASE_FIELDS = ("host", "port", "database", "username", "password", "options")
_DDL = ExecutionOptions(stmt_type=StatementType.DDL)
_batch_cursor_ids = itertools.count(1)

# statement text -> whether it is a SET (whose timeout changes are noted); checked once per text
_SET_STATEMENT: dict[str, bool] = {}
_KNOWN_STATEMENTS = 4096

# execute()'s keyword types: options, and the column_mapping / column_adapters dicts
Options = Optional[ExecutionOptions]
Map = Optional[dict]

_CONNECTION_BAD = pq.ConnStatus.BAD
_OPEN = SessionState.OPEN

# what a statement's caller reads: nothing, its first row, all its rows
FETCH_NONE, FETCH_ONE, FETCH_ALL = 0, 1, 2


def batch_cursor_name() -> str:
    """A server-side cursor name unique in this process (two batch reads may interleave on one session)."""
    return f"rhosocial_batch_{next(_batch_cursor_ids)}"


def coerce_config(config: Optional[ConnectionConfig], kwargs: dict[str, Any]) -> PostgresConnectionConfig:
    """A ``PostgresConnectionConfig`` from what the caller gave (a generic ConnectionConfig or keywords)."""
    if isinstance(config, PostgresConnectionConfig):
        return config
    if config is None:
        return PostgresConnectionConfig(**kwargs)
    values = {name: getattr(config, name, None) for name in _BASE_FIELDS}
    values["options"] = dict(values["options"] or {})
    return PostgresConnectionConfig(**{k: v for k, v in values.items() if v is not None})


# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class PostgresBackendCommon(CopyInsertMixin, QuietLogging):
    """Mixin for both backends; expects the core StorageBackend attributes (config, logger, registry)."""

    config: PostgresConnectionConfig
    _server: Optional[ServerInfo] = None
    _timeout_active: bool = False
    _cancel_requested: bool = False
    _suggestions: Optional[dict] = None
    _param_suggestions: Optional[dict] = None
    _enum_generation: int = -1

    def __init__(self, connection_config: Optional[ConnectionConfig] = None, **kwargs: Any) -> None:
        logging_config = kwargs.pop("logging_config", None)
        config = coerce_config(connection_config, kwargs)
        super().__init__(connection_config=config, logging_config=logging_config)  # type: ignore[call-arg]
        self._init_postgres()

    def _init_postgres(self) -> None:
        self._dialect = PostgresDialect()
        self._lifecycle = ConnectionLifecycle(f"{self.config.host}:{self.config.port}", self._connection_usable)
        register_adapters(self.adapter_registry, postgres_adapters())  # type: ignore[attr-defined]
        self._suggestions = None
        self._param_suggestions = None
        self._idle = threading.local()  # .cursor: this thread's statement cursor while no statement runs

    @property
    def dialect(self) -> PostgresDialect:
        return self._dialect

    @property
    def server_info(self) -> Optional[ServerInfo]:
        """What the connect-time probe found (None before the first connect)."""
        return self._server

    @property
    def probed_server(self) -> ServerInfo:
        """The probe result of the open connection; only valid once connected."""
        if self._server is None:
            raise ConnectionError("not connected: the server has not been probed yet")
        return self._server

    @property
    def threadsafety(self) -> int:
        return 2  # a psycopg connection may be shared between threads (it serialises calls itself)

    def get_concurrency_hint(self) -> ConcurrencyHint:
        return ConcurrencyHint(max_concurrency=None, reason="PostgreSQL MVCC; one session per backend instance")

    def get_default_schema(self) -> Optional[str]:
        return (self.config.search_path or "public").split(",")[0].strip() or "public"

    # --- connection --------------------------------------------------------------------

    def _batch_cursor_args(self) -> dict[str, Any]:
        """How batch reads open their cursor. A server-side cursor streams pages; outside a transaction it
        must survive the implicit commit (WITH HOLD). Behind a transaction-pooling PgBouncer the next FETCH
        may reach another server connection, so outside a transaction a client-side cursor reads the result
        whole (inside one, the server connection stays the same and the cursor streams)."""
        in_transaction = self.in_transaction  # type: ignore[attr-defined]
        if self.config.transaction_pooling and not in_transaction:
            return {}
        return {"name": batch_cursor_name(), "withhold": not in_transaction}

    def _new_batch_cursor(self):
        # creating a cursor sends nothing (sync and async alike); the first execute does
        args = self._batch_cursor_args()
        cursor = self._connection.cursor(**args)  # type: ignore[attr-defined]
        if args:
            cursor.itersize = self.config.fetch_batch_size
        return cursor

    def _connect_kwargs(self) -> dict[str, Any]:
        return connect_kwargs(self.config)

    def _prepare_connection(self, connection) -> None:
        """Session settings of a new connection, before the probe."""
        connection.prepare_threshold = self.config.prepare_threshold
        register_money(connection)
        register_utc(connection)
        pooled_settings.install(connection, self.config)  # before the probe: it sees them too

    def _connect_error(self, error: Exception) -> Exception:
        """What a failed connect raises: our own errors unchanged, the driver's translated (and the cause)."""
        if isinstance(error, DatabaseError):
            return error
        translated = self._translate(error, connecting=True)
        translated.__cause__ = error
        return translated

    def _adopt(self, connection, row) -> Optional[Exception]:
        """Take a probed connection as the session; the error when its server is refused (nothing taken)."""
        try:
            self._apply_probe(row)
        except Exception as e:
            return e
        self._connection = connection
        self._idle = threading.local()  # no cursor of an earlier connection is taken again
        self._lifecycle.connected()
        _log.log(logging.INFO, f"Connected to {self.probed_server.describe()}")
        return None

    def _apply_probe(self, row) -> None:
        info = server_info_from_row(row)
        check_supported(info)
        self._server = info
        self._timeout_active = statement_timeout_active(info)
        self._dialect.server = info

    def _connection_usable(self) -> bool:
        # what psycopg's ``closed`` reads (``broken`` implies it), without two property calls per statement
        connection = self._connection  # type: ignore[attr-defined]
        return connection is not None and connection.pgconn.status != _CONNECTION_BAD

    def _must_reconnect(self) -> bool:
        """True when a new session must be opened before the next statement (see toolkit ``lifecycle``).

        Raises ``SessionLostError`` when the session died inside a transaction not yet rolled back.
        """
        return self._lifecycle.before() is Action.CONNECT

    def _failure(self, error: BaseException):
        """The exception to raise for a failed statement, and whether the session is gone with it."""
        translated = self._translate(error)
        raised = self._lifecycle.failed(translated)
        if raised is not translated:
            _log.log(logging.WARNING, str(raised))  # type: ignore[attr-defined]
        return raised, raised is not translated

    # --- statements --------------------------------------------------------------------

    def get_default_adapter_suggestions(self) -> dict:
        if self._suggestions is None:
            registry = self.adapter_registry  # type: ignore[attr-defined]
            suggestions = {}
            for py_type, db_type in DEFAULT_TARGETS.items():
                adapter = registry.get_adapter(py_type, db_type)
                if adapter is not None:
                    suggestions[py_type] = (adapter, db_type)
            arrays = registry.get_adapter(list, list)  # the registered PostgresArrayAdapter
            if not isinstance(arrays, PostgresArrayAdapter):
                arrays = PostgresArrayAdapter()
            self._suggestions = AdapterSuggestions(suggestions, arrays)
        return self._suggestions

    def _param_adapters(self) -> dict:
        """Suggestions for parameters: types psycopg adapts itself are left out (they would pass through).
        Enum classes a field declared a binding for (adapters/enums.py) bind the same way in any statement;
        the map is rebuilt when a new declaration appears."""
        if self._param_suggestions is None or self._enum_generation != DECLARED_ENUMS.generation:
            self._enum_generation = DECLARED_ENUMS.generation
            self._param_suggestions = {
                t: s for t, s in self.get_default_adapter_suggestions().items() if t not in NATIVE_PARAM_TYPES
            }
            self._param_suggestions.update(DECLARED_ENUMS.parameter_map())
        return self._param_suggestions

    def _adapt_params(self, params, sql: str = ""):
        """The core's parameter adaptation (by exact type), copying the tuple only when a value changes.

        A plain list is JSON unless the SQL uses it as an array (``= ANY(%s)``, ``%s::int[]``: arrays.py).
        """
        if not params or isinstance(params, dict):
            return params or None
        suggestions = self._param_adapters()
        adapted = None
        slots = None
        for index, value in enumerate(params):
            found = suggestions.get(type(value))
            if found is not None and value is not None:
                if adapted is None:
                    adapted = list(params)
                if type(value) is list:
                    slots = array_slots(sql) if slots is None else slots
                    if index in slots:
                        adapted[index] = PgArray(value)
                        continue
                adapted[index] = found[0].to_database(value, found[1])
        return tuple(adapted) if adapted is not None else tuple(params)

    def _script_syntax(self) -> ScriptSyntax:
        # Assumes standard_conforming_strings=on (the default since 9.1): '\' escapes only in E'...'.
        return POSTGRES_SYNTAX

    @staticmethod
    def _with_driver_values(options):
        """Insert/update options with each value of a field declared with one of our container adapters
        (``UseAdapter(PostgresArrayAdapter(), list)``) converted for the driver: the core applies a field's
        adapter only to values read, and a plain list would otherwise be sent as JSON text."""
        adapters = options.column_adapters or {}
        data = None
        for column, value in options.data.items():
            adapter = adapters.get(column, (None,))[0]
            convert = getattr(adapter, "driver_value", None)
            if convert is not None and value is not None and not hasattr(value, "to_sql"):
                if data is None:
                    data = dict(options.data)
                data[column] = convert(value)
        return options if data is None else dataclasses.replace(options, data=data)

    def _start_statement(self, sql: str, params):
        """Everything between taking the cursor and sending one statement; returns the driver parameters."""
        is_set = _SET_STATEMENT.get(sql)
        if is_set is None:
            is_set = self._classify(sql)
        if is_set:  # after connecting: a (re)connect resets what the probe found
            self._note_statement(sql)
        # A cancel() that arrived while no statement ran has nothing to cancel: forget it.
        self._cancel_requested = False
        if _statement_log.isEnabledFor(logging.DEBUG):
            log_statement(sql, params)
        if type(params) is tuple:  # the common case, inline: parameters psycopg adapts itself pass as they are
            suggestions = self._param_suggestions
            if suggestions is None or self._enum_generation != DECLARED_ENUMS.generation:
                suggestions = self._param_adapters()  # first use, or a new Enum binding declared since
            for value in params:
                if type(value) in suggestions:
                    return self._adapt_params(params, sql)
            return params or None
        return self._driver_params(params, sql)

    def _classify(self, sql: str) -> bool:
        """Once per statement text: refuse several statements in one string; whether it is a SET."""
        # One statement per execute(), with or without parameters: without them psycopg would
        # use the simple query protocol, which runs every statement of the string.
        if ";" in sql:
            self._refuse_multiple_statements(sql)  # type: ignore[attr-defined]
        is_set = sql.lstrip()[:3].upper() == "SET"
        if len(_SET_STATEMENT) >= _KNOWN_STATEMENTS:
            _SET_STATEMENT.clear()  # statements with literals inlined: keep the memory bounded
        _SET_STATEMENT[sql] = is_set
        return is_set

    def _driver_params(self, params, sql: str):
        """``params`` as psycopg receives them: adapted as the core adapts them, or as they are."""
        if not params:
            return None
        if type(params) is tuple:
            suggestions = self._param_adapters()
            for value in params:
                if type(value) in suggestions:
                    return self._adapt_params(params, sql)
            return params
        return self._adapt_params(params, sql)

    @staticmethod
    def _plan(options: Optional[ExecutionOptions], column_mapping, column_adapters):
        """(options, what to fetch, column adapters, column mapping) of one ``execute()`` call.

        Without options the statement's kind is inferred: its result set, if it has one, is read.
        """
        if column_mapping is not None or column_adapters is not None:
            options = with_result_keywords(options, column_mapping, column_adapters)
        if options is None:
            return None, FETCH_ALL, None, None
        select = options.process_result_set
        if select is None:
            select = options.stmt_type == StatementType.DQL
        return options, FETCH_ALL if select else FETCH_NONE, options.column_adapters, options.column_mapping

    def _take_cursor(self, adapters=None, mapping=None):
        """The statement cursor, set for this statement's rows; None when a (re)connect must come first.

        Creating a psycopg cursor costs about as much as the rest of a point select's client-side work,
        so one is kept per thread and connection. It is taken while its statement runs and given back
        (``_idle.cursor``) only after a statement that went through: threads and asyncio tasks sharing
        this backend never share a cursor (one that finds it taken gets a new one), and nothing of a
        failed statement is reused. Every statement tells the cursor's row shaper its adapters and mapping.
        """
        connection = self._connection  # type: ignore[attr-defined]
        lifecycle = self._lifecycle
        # the healthy case without a call into the lifecycle (which would answer RUN and change nothing)
        if lifecycle.state is not _OPEN or connection is None or connection.pgconn.status == _CONNECTION_BAD:
            if lifecycle.before() is Action.CONNECT:  # raises when the session may not be replaced
                return None
            connection = self._connection  # type: ignore[attr-defined]
        idle = self._idle  # replaced with each new connection (_adopt): its cursors belong to this one
        cursor = getattr(idle, "cursor", None)
        if cursor is None:
            return connection.cursor(row_factory=RowShaper(adapters, mapping))
        idle.cursor = None
        cursor.row_factory.use(adapters, mapping)  # its RowShaper (rows.py: not reassigned per statement)
        return cursor

    def _finish_statement(self, rowcount: int, data, start: float, options: Optional[ExecutionOptions]) -> QueryResult:
        duration = time.perf_counter() - start
        if self.logger.isEnabledFor(logging.INFO):  # type: ignore[attr-defined]
            counted = SimpleNamespace(rowcount=rowcount, lastrowid=None)
            self._log_query_completion((options or _DDL).stmt_type, counted, data, duration)  # type: ignore[attr-defined]
        if data is not None and rowcount < 0:
            rowcount = len(data)
        return QueryResult(data=data, affected_rows=max(rowcount, 0), last_insert_id=None, duration=duration)

    def _prepare_sql_and_params(self, sql: str, params):
        # psycopg parses %s placeholders only when parameters are given; with none, '%' stays literal.
        if not params:
            return sql, None
        return sql, params if isinstance(params, (tuple, dict)) else tuple(params)

    def _note_statement(self, sql: str) -> None:
        if sql.lstrip()[:3].upper() == "SET":
            changed = pg_errors.timeout_from_set_statement(sql)
            if changed is not None:
                self._timeout_active = changed

    def _translate(self, error: BaseException, connecting: bool = False):
        # The cancel request answers this statement only; the next timeout is a timeout again.
        cancel_requested, self._cancel_requested = self._cancel_requested, False
        translated = pg_errors.translate(
            error,
            statement_timeout_active=self._timeout_active,
            cancel_requested=cancel_requested,
            connecting=connecting,
        )
        if isinstance(translated, ReadOnlyTransactionError):
            # With several hosts configured, say which one refused the write (a standby, most often).
            translated.args = (f"{translated} (server {self._server_address()})", *translated.args[1:])
        return translated

    def _server_address(self) -> str:
        info = getattr(self._connection, "info", None)  # type: ignore[attr-defined]
        if info is None:
            return "unknown"
        in_recovery = info.parameter_status("in_hot_standby")
        role = {"on": ", a hot standby", "off": ""}.get(in_recovery or "", "")
        return f"{info.host}:{info.port}{role}"

    def _log_error(self, error: BaseException) -> None:
        # The caller receives the exception and decides whether it is worth an ERROR line.
        _log.debug("PostgreSQL error: %s", error)

    def _parse_explain_result(self, raw_rows, sql: str, duration: float):
        from ..explain import parse_explain

        return parse_explain(raw_rows, sql, duration)

    def describe_connection(self) -> dict[str, Any]:
        """Connect arguments with secrets masked, for CLIs and logs."""
        from ..config import CONNECT_ARGS

        return CONNECT_ARGS.describe(self.config)
