"""What the sync and async MySQL backends share: config, probe, session setup, errors, results.

Nothing here does I/O. ``sync.py`` and ``async_.py`` differ only in how they talk to the driver.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Generator
from functools import partial
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
from rhosocial.activerecord.backend.toolkit.lifecycle import Action, ConnectionLifecycle, SessionState
from rhosocial.activerecord.backend.toolkit.log import QuietLogging, log_statement
from rhosocial.activerecord.backend.toolkit.log import statements as _statement_log
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version
from rhosocial.activerecord.backend.toolkit.statements import MYSQL_NO_BACKSLASH_SYNTAX, MYSQL_SYNTAX, ScriptSyntax
from rhosocial.activerecord.backend.type_adapter import SQLTypeAdapter

from ..adapters import MYSQL_TYPE_MAPPINGS, mysql_adapters
from ..config import MySQLConnectionConfig, build_connect_args, connect_candidates
from ..dialect import MySQLDialect, dialect_for
from ..errors import is_driver_error, translate
from ..galera import policy_for
from ..tls import TLS_REQUIRED, plain_connection_refused, tls_active
from .binding import bind, bind_columns, bind_rows, converter_table
from .bulk_insert import InsertTemplate, insert_template, statement_budget, statements
from .driver import PURE_PYTHON, implementation, more_results_check, raw_connection, server_text
from .infile_insert import (
    LOAD_DATA_MIN_ROWS,
    InfileDir,
    InfileTarget,
    LoadFileJob,
    catalog_params,
    catalog_sql,
    chunked,
    column_types,
    infile_target,
    load_statement,
    python_encoding,
    refused_errno,
    single_typed,
)
from .load_data import checked_path, infile_driver_args, load_data_sql
from .results import is_complete_server_error

# One round trip right after connecting tells us everything capabilities (and bulk inserts) depend on.
PROBE_SQL = "SELECT VERSION(), @@version_comment, @@sql_mode, @@lower_case_table_names, @@max_allowed_packet"

# The core's batch paths adapt parameters themselves: only the non-finite float check is left to do.
_FINITE_ONLY = converter_table({})

# The savepoint an execute_many of several INSERT batches runs under inside a transaction.
BULK_SAVEPOINT = "rhosocial_bulk_insert"


def server_from_probe(row: Any, implementation: str = PURE_PYTHON) -> ServerInfo:
    """ServerInfo from the probe row: MariaDB says so in VERSION() or @@version_comment.

    ``settings["driver_implementation"]`` says which mysql-connector implementation the session
    runs on: ``"c"`` (the C extension) or ``"python"``; the same key on every backend.
    """
    version_text = server_text(row[0])
    comment = server_text(row[1])
    both = f"{version_text} {comment}".lower()
    if "mariadb" in both:
        flavour = "mariadb"
    elif "tidb" in both:
        flavour = "tidb"
    else:
        flavour = "mysql"
    settings: dict[str, Any] = {"sql_mode": server_text(row[2]) if len(row) > 2 else "", "version_comment": comment}
    if len(row) > 3 and row[3] is not None:
        settings["lower_case_table_names"] = int(row[3])
    if len(row) > 4 and row[4] is not None:
        settings["max_allowed_packet"] = int(row[4])
    settings["driver_implementation"] = implementation
    return ServerInfo(
        product="mysql",
        flavour=flavour,
        version=parse_version(version_text),
        version_string=version_text,
        settings=settings,
    )


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


def explain_result(backend: Any, raw_rows: Any, sql: str, duration: float) -> Any:
    """The backends' ``_parse_explain_result`` (assigned in each class: the core's explain mixin comes first)."""
    from ..explain import parse_explain

    return parse_explain(raw_rows, sql, duration)


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
    # Python type -> (adapter, driver type), built once from the adapter suggestions (binding.py).
    _converters: Optional[dict] = None
    # Whether the open session has further result sets of its last statement queued (driver.py).
    _more_results: Any
    _more_results_now: Any
    # A stream or the driver's executemany ran: result sets may be queued (checked before the next statement).
    _results_may_pend: bool = False
    # Statement text -> its multi-row INSERT template (or None): parsed once per text.
    _insert_templates: dict
    # execute_many of a plain INSERT with at least this many rows may go through LOAD DATA; None: never
    load_data_min_rows: Optional[int] = LOAD_DATA_MIN_ROWS
    # The private directory of the LOAD DATA files (None: the path is off for this backend).
    _infile_dir: Optional[InfileDir] = None

    def __init__(self, connection_config: Optional[MySQLConnectionConfig] = None, **kwargs: Any) -> None:
        """A MySQLConnectionConfig, a core ConnectionConfig or its fields as keywords (``logging_config`` too)."""
        logging_config = kwargs.pop("logging_config", None)
        config = coerce_config(connection_config, kwargs)
        super().__init__(connection_config=config, logging_config=logging_config)  # type: ignore[call-arg]
        self._init_mysql()

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
        self._insert_templates = {}
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

    # -- the per-statement path: pure logic, shared by sync and async -------------------
    @staticmethod
    def _statement_shape(
        options: Optional[ExecutionOptions], column_mapping: Optional[dict] = None, column_adapters: Any = None
    ) -> tuple[bool, Any, Optional[dict]]:
        """(rows wanted, column adapters, column mapping) for ``execute()``.

        Without options a result set is read whenever the server sends one (SELECT, SHOW, CALL,
        ... RETURNING): callers of the earlier backends write ``execute("SELECT ...")`` and expect
        rows. Decided per call and passed along, never kept on the backend, so a failed statement
        cannot leave it behind for the next one.
        """
        if options is None:
            return True, column_adapters, column_mapping
        if column_mapping is not None or column_adapters is not None:
            raise TypeError("pass column_mapping / column_adapters either in options or as keywords, not both")
        if options.process_result_set is not None:
            wants = bool(options.process_result_set)
        else:
            wants = options.stmt_type == StatementType.DQL
        return wants, options.column_adapters, options.column_mapping

    def _statement_params(self, sql: str, params: Any) -> Any:
        """Checks and the driver's values for one statement (no I/O)."""
        if ";" in sql:
            self._refuse_multiple_statements(sql)  # type: ignore[attr-defined]
        log_statement(sql, params)
        if not params:
            return None
        converters = self._converters
        if converters is None:
            converters = self._converters = converter_table(self.get_default_adapter_suggestions())
        return bind(converters, params)

    def _many_params(self, sql: str, params_list: Any) -> tuple[Optional[InsertTemplate], list]:
        """What ``execute_many`` sends: (template, bound columns) for multi-row INSERTs, else (None, bound rows).

        Every parameter set is adapted like a single statement's.
        """
        if ";" in sql:
            self._refuse_multiple_statements(sql)  # type: ignore[attr-defined]
        log_statement(sql, params_list)
        converters = self._converters
        if converters is None:
            converters = self._converters = converter_table(self.get_default_adapter_suggestions())
        params_list = params_list if isinstance(params_list, list) else list(params_list)
        template = self._bulk_template(sql) if params_list else None
        if template is not None:
            columns = bind_columns(converters, params_list, template.width)
            if columns is not None:
                return template, columns
        return None, bind_rows(converters, params_list)

    def _bulk_template(self, sql: str) -> Optional[InsertTemplate]:
        """The multi-row INSERT template of ``sql``, parsed once per statement text (None: not one)."""
        templates = self._insert_templates
        try:
            return templates[sql]
        except KeyError:
            if len(templates) > 256:  # texts built per call must not grow this without bound
                templates.clear()
            template = templates[sql] = insert_template(sql)
            return template

    def _bulk_budget(self) -> int:
        settings = self._server.settings if self._server is not None else {}
        return statement_budget(settings.get("max_allowed_packet"))

    def _bulk_unit(self) -> tuple[str, str, str]:
        """(begin, commit, rollback) that make several INSERT batches one unit, like the one statement written.

        Inside a transaction a savepoint, so a failed batch undoes this call's rows and nothing earlier;
        the driver's flag (the server's status bits) also sees one begun with plain SQL.
        """
        if self._transaction_open() or getattr(raw_connection(self._connection), "in_transaction", False):
            return (
                f"SAVEPOINT {BULK_SAVEPOINT}",
                f"RELEASE SAVEPOINT {BULK_SAVEPOINT}",
                f"ROLLBACK TO SAVEPOINT {BULK_SAVEPOINT}",
            )
        return "START TRANSACTION", "COMMIT", "ROLLBACK"

    def _insert_plan(self, template: InsertTemplate, columns: list, literals: Any) -> Generator[Any, Any, int]:
        """The statements of a bulk INSERT, sans I/O: yields each statement, receives its row count.

        One batch runs as it is (a statement is atomic). Several run as one unit (``_bulk_unit``):
        when one fails, this call's earlier batches are undone and nothing before them. The
        backend's ``_run_plan`` sends each statement and throws a failure back in here.
        """
        batches = statements(template, columns, literals, self._bulk_budget())
        first = next(batches)
        second = next(batches, None)
        if second is None:
            return (yield first[0])
        begin, commit, rollback = self._bulk_unit()
        yield begin
        affected = 0
        try:
            for statement, _count in (first, second, *batches):
                affected += yield statement
            yield commit
        except Exception as e:
            self._note_statement_error(e)
            yield from self._undo_unit(rollback)
            raise
        return affected

    def _undo_unit(self, rollback: Any) -> Generator[Any, Any, None]:
        """Yield ``rollback`` when the session is in step after a failed statement (an error packet)."""
        if self._inflight is None and self._connection is not None:
            try:
                yield rollback
            except Exception as undo:  # e.g. a deadlock already rolled the transaction back
                _log.log(logging.DEBUG, f"undoing the bulk insert failed: {undo}")

    # -- execute_many through LOAD DATA LOCAL INFILE (infile_insert.py) -------------------
    def _infile_load(self, sql: str, columns: list) -> Optional[Generator[Any, Any, Optional[int]]]:
        """The plan of this call through LOAD DATA (``_infile_plan``) when it may go that way, else None."""
        limit = self.load_data_min_rows
        if limit is None or len(columns[0]) < limit or self._infile_dir is None or self._server is None:
            return None
        if self._server.flavour not in ("mysql", "mariadb"):  # older TiDB releases commit a LOAD DATA in batches
            return None
        target = infile_target(sql)
        if target is None:
            return None
        return self._infile_plan(target, columns, raw_connection(self._connection).charset)

    def _infile_plan(self, target: InfileTarget, columns: list, charset: Any) -> Generator[Any, Any, Optional[int]]:
        """The load of ``columns`` into ``target``, sans I/O; returns the row count, or None for the INSERT path.

        The rows go in files of ``CHUNK_ROWS``, one LOAD each, all in one unit; each file is made by a
        ``LoadFileJob`` while the server loads the one before. Steps: ``("query", sql, params)``
        receives the rows; ``("made", job)`` the job's path (None: a value keeps the INSERT path);
        ``("load", sql, job)`` begins ``job`` (the next file, or None) as it sends ``sql`` and receives
        (row count, warning count); ``("run", sql)`` receives the row count.
        """
        encoding = python_encoding(charset)
        parts = chunked(columns)
        # one file refuses a column of mixed types itself; several are checked first, so that no file
        # is loaded for nothing
        if encoding is None or (len(parts) > 1 and not single_typed(columns)):
            return None
        mariadb = self._server is not None and self._server.flavour == "mariadb"
        catalog = yield ("query", catalog_sql(mariadb), catalog_params(target))
        data_types = column_types(target, catalog)
        if data_types is None:
            return None
        make = partial(self._infile_dir.load_file, data_types=data_types, encoding=encoding)  # type: ignore[union-attr]
        path = yield from self._load_file(LoadFileJob(make, parts[0]))  # before the unit: a refusal costs nothing
        if path is None:
            return None
        begin, commit, rollback = self._bulk_unit()
        charset_name = server_text(charset)
        job = None
        total = 0
        try:
            yield ("run", begin)
            for index in range(len(parts)):
                job = LoadFileJob(make, parts[index + 1], ahead=True) if index + 1 < len(parts) else None
                try:
                    count, warnings = yield ("load", load_statement(target, path, charset_name), job)
                except Exception as e:
                    yield from self._load_failed(e, rollback)
                    return None  # refused: the INSERTs go instead
                finally:
                    os.unlink(path)
                total += count
                # a value LOAD DATA converted or skipped (a warning), or one a later file cannot carry:
                # undo the unit, the INSERTs decide
                if not warnings and job is not None:
                    path, job = (yield from self._load_file(job)), None
                if warnings or path is None:
                    yield ("run", rollback)
                    if commit.startswith("RELEASE"):
                        yield ("run", commit)
                    return None
            yield ("run", commit)
        finally:
            if job is not None:
                job.discard()
        if _statement_log.isEnabledFor(logging.DEBUG):
            log_statement(f"INSERT INTO {target.table_sql} -- {total} rows through LOAD DATA")
        return total

    def _load_file(self, job: LoadFileJob) -> Generator[Any, Any, Optional[str]]:
        """The path of ``job``'s file; None when it was not made (a value keeps the INSERT path, or the
        file could not be written)."""
        try:
            return (yield ("made", job))
        except OSError as e:  # e.g. no space left: nothing of this file ran, the INSERTs go instead
            _log.log(logging.WARNING, f"LOAD DATA file not written ({e}): using INSERT")
            return None

    def _load_failed(self, error: Exception, rollback: str) -> Generator[Any, Any, None]:
        """A LOAD that failed: the unit undone; raises unless the driver or server refused LOCAL INFILE
        (then the path is off for this backend and the caller takes the INSERT path)."""
        self._note_statement_error(error)
        refused = refused_errno(error)
        if refused is not None:  # the driver answered the server's file request: the session is in step
            self._inflight = None
        yield from self._undo_unit(("run", rollback))
        if refused is None:
            raise error
        _log.log(logging.WARNING, f"LOAD DATA LOCAL refused ({error}): execute_many uses INSERT from now on")
        self.load_data_min_rows = None

    def _infile_connect_args(self) -> dict[str, Any]:
        """The driver's LOCAL INFILE directory for the load files (made on first connect), or nothing."""
        if not self.config.bulk_load_data or self.load_data_min_rows is None:
            return {}
        if self._infile_dir is None:
            dirs = self.config.local_infile_dirs
            try:  # with an allow-list, the driver's directory is its common root: ours goes inside
                self._infile_dir = InfileDir(infile_driver_args(dirs).get("allow_local_infile_in_path"))
            except OSError as e:
                _log.log(logging.WARNING, f"no directory for LOAD DATA files ({e}): execute_many uses INSERT")
                self.load_data_min_rows = None
                return {}
        return {} if self.config.local_infile_dirs else {"allow_local_infile_in_path": self._infile_dir.path}

    def _raise_translated(self, error: Exception) -> None:
        """Raise the core's exception for a failed statement (the core's ``_handle_error``)."""
        self._note_statement_error(error)
        translated = self._statement_error(error)
        if translated is error:
            raise error
        raise translated from error

    def _ready_cursor(self) -> Any:
        """The shared cursor when nothing needs doing before the next statement (the common case), else None.

        Anything else (a reconnect, an abandoned reply, an open stream, queued result sets, a
        rolled-back transaction) goes through the backend's ``_prepare_cursor``.
        """
        if (
            self._inflight is None
            and self._stream is None
            and self._aborted_reason is None
            and self._connection is not None
            and self._lifecycle.state is SessionState.OPEN
            and not self._results_may_pend
        ):
            cursor = self._cursor
            if cursor is not None and cursor._connection is not None:
                return cursor
        return None

    def _query_result(self, cursor: Any, data: Optional[list], start: float) -> QueryResult:
        return self._build_query_result(cursor, data, time.perf_counter() - start)

    @staticmethod
    def _many_result(affected: Optional[int], start: float) -> QueryResult:
        return QueryResult(affected_rows=affected if affected is not None else -1, duration=time.perf_counter() - start)

    def _load_data_statement(self, path: str, table: str, columns: Any, options: dict[str, Any]) -> tuple[str, tuple]:
        real = checked_path(path, self.config.local_infile_dirs)
        return load_data_sql(self._dialect, real, table, columns, **options)

    def connect_args(self) -> dict[str, Any]:
        return build_connect_args(self.config)

    def connect_candidates(self) -> list:
        """Arguments per configured server, tried in order by connect (a Galera cluster's nodes)."""
        extra = self._infile_connect_args()
        return [{**args, **extra} for args in connect_candidates(self.config)]

    def _adopt_server(self, server: ServerInfo) -> None:
        self._server = server
        if type(self._dialect) is not type(dialect_for(server)) or self._dialect.server != server:
            self._dialect = dialect_for(server)
            self._dialect.primary_key_policy = policy_for(self.config)  # galera.py
        _log.log(logging.INFO, f"connected to {server.describe()} ({server.version_string})")  # type: ignore[attr-defined]

    def _probed(self, conn: Any, row: Any) -> Optional[tuple[str, tuple]]:
        """Adopt what the probe found on ``conn``; returns the session's SET statement, if any."""
        server = server_from_probe(row, implementation(conn))
        raw_connection(conn)._rhosocial_server = server  # a pooled session is probed once
        return self._adopted(server)

    def _adopted(self, server: ServerInfo) -> Optional[tuple[str, tuple]]:
        self._adopt_server(server)
        return session_setup(self.config, self._dialect)

    def _connected(self, conn: Any, cursor: Any) -> None:
        """The session is ready: statements run on ``cursor`` from now on."""
        self._more_results = more_results_check(conn)
        self._more_results_now = more_results_check(conn, guarded=False)
        self._results_may_pend = False
        if self.config.sql_mode:
            # mysql-connector caches @@sql_mode from before our SET and quotes parameters by it (pure
            # Python and aio): with NO_BACKSLASH_ESCAPES added, every quote was sent backslash-escaped.
            # Forgotten, the driver reads the mode again on first use.
            raw = raw_connection(conn)
            if getattr(raw, "_sql_mode", None) is not None:
                raw._sql_mode = None
        self._connection = conn
        self._cursor = cursor
        self._aborted_reason = None
        self._lifecycle.connected()

    def _forget_connection(self) -> None:
        """After a close: no connection, nothing in flight, the lifecycle told."""
        self._connection = None
        self._cursor = None
        self._stream = None
        self._aborted_reason = None
        self._lifecycle.closed()

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
        # the core's batch paths (execute_batch_dml / _dql) come through here with adapted parameters
        if ";" in sql:
            self._refuse_multiple_statements(sql)  # type: ignore[attr-defined]
        log_statement(sql, params)
        if not params:
            return sql, None
        return sql, bind(_FINITE_ONLY, params)

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

    def _connect_plan(self) -> Generator[Any, Any, Any]:
        """The configured servers in order until one answers (a Galera cluster's nodes), sans I/O.

        Yields each server's connect arguments and receives the connection (or has the failure
        thrown in); returns the first connection, raises a ConnectionError when none answered.
        """
        failures: list[BaseException] = []
        for args in self.connect_candidates():
            try:
                return (yield args)
            except Exception as e:
                failures.append(e)
        raise self._no_server(failures)

    def _no_server(self, failures: list[BaseException]) -> BaseException:
        """The error when no configured server answered: the last one's, as a ConnectionError."""
        error = self._connect_error(failures[-1])  # connect_candidates() is never empty
        error.__cause__ = failures[-1]
        return error

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
    "explain_result",
    "server_from_probe",
    "session_setup",
]
