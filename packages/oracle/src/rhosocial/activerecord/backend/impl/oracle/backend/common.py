"""What the sync and async Oracle backends share: everything except the driver calls.

The split: methods here build SQL, bind variables, convert rows and translate errors; the
``sync``/``async_`` modules only open connections, execute, fetch and commit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn, Optional

from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.expression import Literal
from rhosocial.activerecord.backend.expression.bases import ToSQLProtocol
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.protocols import ConcurrencyHint
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.adapters import register_adapters
from rhosocial.activerecord.backend.toolkit.bulk_binding import rows_bind_as_is
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError
from rhosocial.activerecord.backend.toolkit.lifecycle import Action, ConnectionLifecycle
from rhosocial.activerecord.backend.toolkit.log import QuietLogging, log_statement
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo

from .. import errors
from ..adapters import default_targets, oracle_adapters
from ..adapters.temporal import NLS_DATE_FORMAT, NLS_TIMESTAMP_FORMAT, NLS_TIMESTAMP_TZ_FORMAT
from ..binds import OutBind, has_out_binds, oracle_sql, split_out_binds
from ..bulk import ManyPlan, batches, input_sizes
from ..capabilities import server_info
from ..config import OracleConnectionConfig
from ..dialect import OracleDialect
from ..rows import description_names, shape_dicts, shape_rows
from ..vector import vector_values
from .steps import OracleBackendSteps

logger = logging.getLogger(__name__)

# The core's default when a statement comes without options (transaction control, DDL).
NO_OPTIONS = ExecutionOptions(stmt_type=StatementType.DDL)
# One round trip at connect: release and compatible level (DBMS_UTILITY is granted to PUBLIC).
BATCH_SAVEPOINT = "RHOSOCIAL_BATCH"
PROBE_BLOCK = "BEGIN DBMS_UTILITY.DB_VERSION(:1, :2); END;"


def session_setup_sql(config: OracleConnectionConfig) -> list[str]:
    """ALTER SESSION statements run once per new session (joined into one PL/SQL block)."""
    statements = [
        f"ALTER SESSION SET NLS_TIMESTAMP_TZ_FORMAT = '{NLS_TIMESTAMP_TZ_FORMAT}'",
        f"ALTER SESSION SET NLS_TIMESTAMP_FORMAT = '{NLS_TIMESTAMP_FORMAT}'",
        f"ALTER SESSION SET NLS_DATE_FORMAT = '{NLS_DATE_FORMAT}'",
    ]
    if config.time_zone:
        if "'" in config.time_zone:
            raise ConfigurationError(f"invalid time_zone {config.time_zone!r}")
        statements.append(f"ALTER SESSION SET TIME_ZONE = '{config.time_zone}'")
    return statements


def session_setup_block(config: OracleConnectionConfig) -> str:
    body = " ".join(f"EXECUTE IMMEDIATE q'[{s}]';" for s in session_setup_sql(config))
    return f"BEGIN {body} END;"


def as_oracle_config(config: Optional[ConnectionConfig], kwargs: dict[str, Any]) -> OracleConnectionConfig:
    """Accept an OracleConnectionConfig, a generic ConnectionConfig or keyword arguments."""
    if isinstance(config, OracleConnectionConfig):
        return config
    if config is None:
        return OracleConnectionConfig(**kwargs)
    return OracleConnectionConfig(
        host=config.host,
        port=config.port,
        database=config.database,
        username=config.username,
        password=config.password,
        options=dict(config.options or {}),
    )


def integral_or_decimal(value: Any) -> Any:
    """Unconstrained NUMBER (identity columns, COUNT(*)) holds integers and fractions alike."""
    if not isinstance(value, Decimal):
        return value
    return int(value) if value == value.to_integral_value() else value


_fetch_as: dict[Any, tuple[Any, Any]] = {}  # driver type -> (fetched as, out converter); filled on first use


def fetch_types() -> dict[Any, tuple[Any, Any]]:
    """The column types fetched otherwise than the driver's default (NUMBER is decided per column)."""
    if not _fetch_as:
        import oracledb

        _fetch_as.update(
            {
                oracledb.DB_TYPE_CLOB: (oracledb.DB_TYPE_LONG, None),
                oracledb.DB_TYPE_NCLOB: (oracledb.DB_TYPE_LONG, None),
                oracledb.DB_TYPE_BLOB: (oracledb.DB_TYPE_LONG_RAW, None),
                oracledb.DB_TYPE_TIMESTAMP_TZ: (str, None),
                oracledb.DB_TYPE_TIMESTAMP_LTZ: (str, None),
                oracledb.DB_TYPE_VECTOR: (oracledb.DB_TYPE_VECTOR, vector_values),
                oracledb.DB_TYPE_NUMBER: (Decimal, None),
            }
        )
    return _fetch_as


def output_type_handler(cursor: Any, metadata: Any) -> Any:
    """Fetch LOBs as values, NUMBER exactly, TIMESTAMP WITH TIME ZONE as ISO text (offset kept).
    The driver asks once per column of each query a cursor defines: one dict lookup for most."""
    found = (_fetch_as or fetch_types()).get(metadata.type_code)
    if found is None:
        return None
    fetched_as, converter = found
    if fetched_as is Decimal:  # NUMBER: exact decimals where the column may hold fractions
        scale = metadata.scale
        if scale and scale > 0:
            return cursor.var(Decimal, arraysize=cursor.arraysize)
        if scale == -127 or (not metadata.precision and not scale):
            return cursor.var(Decimal, arraysize=cursor.arraysize, outconverter=integral_or_decimal)
        return None
    if converter is not None:
        return cursor.var(fetched_as, arraysize=cursor.arraysize, outconverter=converter)
    return cursor.var(fetched_as, arraysize=cursor.arraysize)


def out_variable(cursor: Any, info: Any, arraysize: int = 1) -> Any:
    """A driver variable for one RETURNING INTO target, typed from the column's metadata."""
    import oracledb

    code = info.type_code
    if code is oracledb.DB_TYPE_NUMBER:
        converter = integral_or_decimal if not (info.scale and info.scale > 0) else None
        return cursor.var(Decimal, arraysize=arraysize, outconverter=converter)
    if code in (oracledb.DB_TYPE_VARCHAR, oracledb.DB_TYPE_NVARCHAR, oracledb.DB_TYPE_CHAR, oracledb.DB_TYPE_NCHAR):
        return cursor.var(str, info.display_size or 4000, arraysize=arraysize)
    if code in (oracledb.DB_TYPE_TIMESTAMP_TZ, oracledb.DB_TYPE_TIMESTAMP_LTZ):
        return cursor.var(str, 64, arraysize=arraysize)
    if code is oracledb.DB_TYPE_CLOB:
        return cursor.var(oracledb.DB_TYPE_LONG, arraysize=arraysize)
    if code is oracledb.DB_TYPE_BLOB:
        return cursor.var(oracledb.DB_TYPE_LONG_RAW, arraysize=arraysize)
    return cursor.var(code, arraysize=arraysize)


def describe_sql(out: OutBind) -> str:
    # Parsed, never fetched: only the select list's metadata is wanted.
    return f"SELECT {out.expression} FROM {out.table} WHERE 1 = 0"


def returning_rows(outs: list[tuple[str, Any]], index: Optional[int] = None) -> list[dict[str, Any]]:
    """Rows from RETURNING INTO variables: each holds one value per affected row."""
    columns = []
    for name, var in outs:
        values = var.getvalue() if index is None else var.getvalue(index)
        columns.append((name, list(values or [])))
    count = max((len(v) for _, v in columns), default=0)
    return [{name: values[i] for name, values in columns} for i in range(count)]


class TypeSuggestions(dict):
    """Adapter suggestions looked up along the MRO, so an ``Enum`` subclass finds the ``Enum`` adapter;
    the answer for each type is remembered (the MRO walk runs once per type, not per value)."""

    def __init__(self) -> None:
        super().__init__()
        self._by_type: dict[Any, Any] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            found = self._by_type[key]
        except KeyError:
            found = self._by_type[key] = self._lookup(key)
        except TypeError:  # an unhashable key
            found = self._lookup(key)
        return default if found is None else found

    def _lookup(self, key: Any) -> Any:
        for klass in getattr(key, "__mro__", (key,)):
            if klass in self:
                return self[klass]
        return None

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self._by_type.clear()


def adapt_values(suggest: Any, params: Sequence[Any]) -> list:
    values = []
    for value in params:
        found = None if value is None else suggest(type(value))
        values.append(value if found is None else found[0].to_database(value, found[1]))
    return values


@dataclass
class PendingReturning:
    """RETURNING INTO variables bound for the statement just executed."""

    outs: list[tuple[str, Any]]


class OracleBackendCommon(OracleBackendSteps, QuietLogging):
    """Mixed into both backends before the core's StorageBackend / AsyncStorageBackend."""

    config: OracleConnectionConfig
    _dialect: OracleDialect
    # Set by the core's StorageBackendBase; declared here with the types we use.
    _connection: Any
    _transaction_manager: Any
    _server_version_cache: Any
    adapter_registry: Any
    # the I/O half of undoing a failed batch: a method of the sync and of the async backend
    _settle_batch: Callable[..., Any]

    def __init__(self, connection_config: Optional[ConnectionConfig] = None, **kwargs: Any) -> None:
        super().__init__(**self._init_oracle(connection_config, kwargs))
        self._after_init()

    def _connect_arguments(self) -> dict[str, Any]:
        return connection_kwargs(self.config)

    def _new_session(self, connection: Any) -> str:
        """Driver-side settings of a fresh connection; the one block that sets the session up."""
        configure_connection(connection, self.config)
        return session_setup_block(self.config)

    def _detach(self) -> Any:
        """The open session, forgotten by the backend before it is closed (None: there is none)."""
        connection, self._connection = self._connection, None
        self._transaction_manager = None
        if connection is not None:
            self._lifecycle.closed()
        return connection

    def _result_without_rows(
        self, cursor: Any, is_select: bool, column_adapters: Any, column_mapping: Any
    ) -> tuple[bool, Any]:
        """``(True, result)`` when the statement's result needs no fetch (RETURNING rows, no result set)."""
        returned = self._take_returning(column_adapters, column_mapping)
        if returned is not None:
            return True, returned
        if not is_select or cursor.description is None:
            return True, None
        return False, None

    def _init_oracle(self, connection_config: Optional[ConnectionConfig], kwargs: dict[str, Any]) -> dict[str, Any]:
        passthrough: dict[str, Any] = {k: kwargs.pop(k) for k in ("logging_config", "logger") if k in kwargs}
        config = as_oracle_config(connection_config, kwargs)
        return {"connection_config": config, **passthrough}

    def _after_init(self) -> None:
        self._dialect = OracleDialect()
        self._pool: Any = None
        self._pending: Optional[PendingReturning] = None
        self._out_meta: dict[tuple[str, str], Any] = {}
        self._suggestions: Optional[dict] = None
        self._dead: Any = None  # a session that died, still to be dropped from the pool / closed
        # The session's fate after faults (toolkit lifecycle, shared with PostgreSQL and MySQL).
        self._lifecycle = ConnectionLifecycle(self._where(), self._connection_usable)
        register_adapters(self.adapter_registry, oracle_adapters())

    def _where(self) -> str:
        config = self.config
        return config.dsn or f"{config.host}:{config.port or 1521}"

    def _connection_usable(self) -> bool:
        # is_healthy(): the driver's local check (broken socket, fatal error seen), no round trip.
        connection = self._connection
        return connection is not None and bool(connection.is_healthy())

    def _must_reconnect(self) -> bool:
        """True when a new session is needed before the next statement; raises ``SessionLostError``
        when the session died inside a transaction the caller has not rolled back yet."""
        if self._lifecycle.before() is not Action.CONNECT:
            return False
        if self._connection is not None:  # still held but reported dead: drop it, never reuse it
            self._dead, self._connection = self._connection, None
        return True

    @property
    def dialect(self) -> OracleDialect:
        return self._dialect

    @property
    def server_info(self) -> Optional[ServerInfo]:
        """What the connect-time probe found (None before the first connect); the same name on every backend."""
        return getattr(self, "_probed", None)

    @property
    def threadsafety(self) -> int:
        return 2

    def get_concurrency_hint(self) -> ConcurrencyHint:
        return ConcurrencyHint(max_concurrency=None, reason="one session per backend; use pool=True for more")

    def get_default_adapter_suggestions(self) -> dict:
        if self._suggestions is None:
            targets = default_targets(
                native_boolean=self._dialect.supports_native_boolean(),
                uuid_storage="text" if self.config.uuid_storage == "text" else "raw",
            )
            found = TypeSuggestions()
            for py_type, db_type in targets:
                adapter = self.adapter_registry.get_adapter(py_type, db_type)
                if adapter is not None:
                    found[py_type] = (adapter, db_type)
            self._suggestions = found
        return self._suggestions

    # --- statements ----------------------------------------------------------------------
    # execute() is the core's pipeline without its per-call costs: no log text built unless its
    # logger is on, no options object per call, adapters resolved per type once, SQL converted
    # once per statement text. The sync/async execute() only add the driver calls between these.
    def _statement(self, sql: str, params: Any, options: Optional[ExecutionOptions]) -> tuple[str, list, bool, Any]:
        """``(oracle sql, bind values, read a result set?, options)`` for one execute()."""
        options = options or NO_OPTIONS
        wanted = options.process_result_set
        is_select = wanted if wanted is not None else options.stmt_type == StatementType.DQL
        if isinstance(params, dict):
            raise DatabaseError("named parameters are not supported; the core binds by position")
        values = self._adapt_params(params) if params else []
        log_statement(sql, values)
        return oracle_sql(sql), values, is_select, options

    def _statement_result(self, cursor: Any, data: Any, start: float, options: ExecutionOptions) -> Any:
        duration = time.perf_counter() - start
        if self.logger.isEnabledFor(logging.INFO):  # type: ignore[attr-defined]
            self._log_query_completion(options.stmt_type, cursor, data, duration)  # type: ignore[attr-defined]
        return self._build_query_result(cursor, data, duration)

    def _prepare_sql_and_params(self, sql: str, params: Any) -> tuple[str, list]:
        log_statement(sql, params)
        if isinstance(params, dict):
            raise DatabaseError("named parameters are not supported; the core binds by position")
        return oracle_sql(sql), list(params or ())

    def _cursor_settings(self, cursor: Any) -> Any:
        """arraysize/prefetchrows from the config, applied to every cursor we open."""
        if self.config.arraysize is not None:
            cursor.arraysize = self.config.arraysize
        if self.config.prefetchrows is not None:
            cursor.prefetchrows = self.config.prefetchrows
        return cursor

    def _uncached_outs(self, params: list) -> list[OutBind]:
        if not has_out_binds(params):
            return []
        _, outs = split_out_binds(tuple(params))
        return [o for _, o in outs if (o.table, o.expression) not in self._out_meta]

    def _bind_outs(self, cursor: Any, params: list, arraysize: int = 1) -> list:
        """Replace OutBind markers by driver variables (metadata must already be cached)."""
        if not has_out_binds(params):
            self._pending = None
            return params
        values, outs = split_out_binds(tuple(params))
        bound = []
        for pos, out in outs:
            var = out_variable(cursor, self._out_meta[(out.table, out.expression)], arraysize)
            values[pos] = var
            bound.append((out.column, var))
        self._pending = PendingReturning(bound) if bound else None
        return values

    @staticmethod
    def _rows_to_dicts(cursor: Any, rows: list, column_adapters: Any, column_mapping: Any) -> list[dict]:
        return shape_rows(description_names(cursor.description), rows, column_adapters, column_mapping)

    def _take_returning(self, column_adapters: Any, column_mapping: Any) -> Optional[list[dict]]:
        pending, self._pending = self._pending, None
        if pending is None:
            return None
        return shape_dicts(returning_rows(pending.outs), column_adapters, column_mapping)

    def _build_query_result(self, cursor: Any, data: Any, duration: float) -> Any:
        from rhosocial.activerecord.backend.result import QueryResult

        affected = getattr(cursor, "rowcount", 0) or 0
        if data and affected <= 0:
            affected = len(data)
        # Oracle has no "last insert id": keys come back through RETURNING INTO.
        return QueryResult(data=data, affected_rows=affected, last_insert_id=None, duration=duration)

    def _adapt_value(self, value: Any) -> Any:
        return self._adapt_params([value])[0]

    def _adapt_params(self, params: Sequence[Any]) -> list:
        """Values as the driver binds them: the suggested adapter of each value's type (NULL stays NULL)."""
        return adapt_values(self.get_default_adapter_suggestions().get, params)

    def _adapt_rows(self, rows: Sequence[Sequence[Any]]) -> list:
        """Every row of an executemany as the driver binds it: the rows themselves when every column
        binds as it is (checked a column at a time at C speed; nothing here or in the driver writes to
        them), else each row adapted with the suggestions looked up once for all of them."""
        suggest = self.get_default_adapter_suggestions().get
        if rows_bind_as_is(suggest, rows):
            return rows if isinstance(rows, list) else list(rows)  # executemany wants a list
        return [adapt_values(suggest, row) for row in rows]

    def _bulk_insert_plan(self, options: Any) -> Optional[tuple[str, list, list]]:
        """One-row INSERT ... RETURNING INTO for executemany, or None when rows hold SQL expressions."""
        from rhosocial.activerecord.backend.expression import Column, InsertExpression, TableExpression
        from rhosocial.activerecord.backend.expression.statements import ReturningClause, ValuesSource

        if not options.rows or any(isinstance(v, ToSQLProtocol) for row in options.rows for v in row):
            return None
        d = self._dialect
        table = (
            TableExpression(d, options.table, schema_name=options.schema_name) if options.schema_name else options.table
        )
        returning = None
        if options.returning_columns:
            returning = ReturningClause(d, [Column(d, c) for c in options.returning_columns])
        expr = InsertExpression(
            dialect=d,
            into=table,
            source=ValuesSource(d, [[Literal(d, None) for _ in options.columns]]),
            columns=list(options.columns),
            returning=returning,
        )
        sql, params = expr.to_sql()
        _, outs = split_out_binds(params)
        rows = self._adapt_rows(options.rows)
        return oracle_sql(sql), [o for _, o in outs], rows

    def _bulk_bind(self, cursor: Any, outs: list, rows: list, width: int) -> None:
        """Out variables for executemany: one array slot per row, bound by position after the inputs."""
        outvars = self._bind_outs(cursor, list(outs), arraysize=len(rows))
        sizes = input_sizes(rows) or [None] * width
        if outvars:
            cursor.setinputsizes(*sizes, *outvars)
        elif sizes != [None] * width:
            cursor.setinputsizes(*sizes)

    def _bulk_result(self, cursor: Any, rows: list, options: Any, start: float) -> Any:
        from rhosocial.activerecord.backend.result import QueryResult

        pending, self._pending = self._pending, None
        data = None
        if pending is not None:
            returned = [r for i in range(len(rows)) for r in returning_rows(pending.outs, i)]
            data = shape_dicts(returned, options.column_adapters, options.column_mapping)
        return QueryResult(data=data, affected_rows=cursor.rowcount, duration=time.perf_counter() - start)

    @staticmethod
    def _returning_options(column_adapters: Any, column_mapping: Any) -> Any:
        from rhosocial.activerecord.backend.options import ExecutionOptions
        from rhosocial.activerecord.backend.schema import StatementType

        return ExecutionOptions(
            stmt_type=StatementType.DML,
            process_result_set=True,
            column_adapters=column_adapters,
            column_mapping=column_mapping,
        )

    # --- executemany as one statement: batches, bind types, all rows or none ------------------
    def _many_steps(self, cursor: Any, sql: str, rows: list, bind: Optional[Callable[[], None]]) -> Any:
        """Array DML in batches, as one statement: a failure undoes every batch of it, nothing more.
        ``bind``: sets the binds of one executemany of every row (RETURNING INTO arrays), after the savepoint.
        Yields ``(call, args)`` I/O steps for the backend's ``run_plan`` loop; returns the row count."""
        plan = self._many_plan()
        if plan.savepoint:
            yield cursor.execute, (plan.savepoint,)
        count = 0
        try:
            for batch, sizes in self._many_batches(plan, rows, whole=bind is not None):
                if bind is not None:
                    bind()
                elif sizes:
                    cursor.setinputsizes(*sizes)
                yield cursor.executemany, (sql, batch)
                count += cursor.rowcount
        except Exception as error:
            with self._undo_quietly(error):
                yield self._settle_batch, (cursor, self._many_undo(plan))
            raise
        finally:
            self._many_done(plan)
        return count

    def _many_plan(self) -> ManyPlan:
        """Inside the caller's transaction a savepoint; under autocommit a transaction of our own."""
        savepoint = self._batch_guard(False)
        return ManyPlan(savepoint, savepoint is None)

    def _many_batches(self, plan: ManyPlan, rows: list, whole: bool = False) -> Any:
        """``(batch, input sizes)`` per executemany; bind types are derived once for all batches.
        Under autocommit only the last batch commits, so a failure can still undo the earlier ones.
        ``whole``: one executemany whose binds are already set (RETURNING INTO arrays)."""
        sizes = None if whole else input_sizes(rows)
        parts = [rows] if whole else list(batches(rows))
        last = len(parts) - 1
        for index, part in enumerate(parts):
            if plan.own_transaction:
                self._connection.autocommit = index == last
            yield part, sizes

    @staticmethod
    def _many_undo(plan: ManyPlan) -> str:
        return "rollback_to" if plan.savepoint else "rollback"

    @staticmethod
    @contextmanager
    def _undo_quietly(error: BaseException) -> Iterator[None]:
        """Undoing after a failed statement: the session may be gone, and the statement's error is what counts."""
        try:
            yield
        except Exception as undo_error:
            logger.log(logging.DEBUG, f"undoing after {type(error).__name__} failed too: {undo_error}")

    def _many_done(self, plan: ManyPlan) -> None:
        if plan.own_transaction and self._connection is not None:
            self._connection.autocommit = True

    # --- executemany with batcherrors: what to do, decided once for sync and async -----------
    def _batch_guard(self, keep_good_rows: bool) -> Optional[str]:
        """A savepoint to undo only this batch when it runs inside the caller's transaction."""
        if keep_good_rows or self._connection.autocommit:
            return None
        return f"SAVEPOINT {BATCH_SAVEPOINT}"

    def _batch_settlement(self, guard: Optional[str], keep_good_rows: bool) -> Optional[str]:
        """After rejected rows: ``rollback_to`` (the savepoint), ``commit``/``rollback`` (outside a
        transaction, where the driver left the good rows pending), or None (the caller's transaction
        keeps them)."""
        if guard is not None:
            return "rollback_to"
        if not self._connection.autocommit:
            return None
        return "commit" if keep_good_rows else "rollback"

    def _error_to_raise(self, error: BaseException) -> BaseException:
        import oracledb

        self._pending = None
        if not isinstance(error, oracledb.Error):
            return error  # our own bugs and the core's errors keep their type
        translated = self._translate(error)
        raised = self._lifecycle.failed(translated)
        if raised is not translated:
            logger.log(logging.WARNING, str(raised))
        return raised

    def _take_dead(self) -> Any:
        dead, self._dead = self._dead, None
        return dead

    def _translate(self, error: BaseException) -> DatabaseError:
        translated = errors.translate(error)
        if getattr(translated, "session_dead", False) and self._connection is not None:
            # Never reuse a dead session; the next call reconnects (no silent retry of this one).
            # The transaction manager stays: the lifecycle refuses statements until it rolls back.
            self._dead = self._connection
            self._connection = None
        return translated

    def _server_from_probe(self, version: str, compatible: Optional[str]) -> None:
        extra = {"driver_implementation": driver_implementation(self._connection)}
        self._probed = server_info(version, compatible, extra)
        self._dialect.adapt_to(self._probed)
        self._suggestions = None
        self._server_version_cache = self._dialect.version


def raise_translated(error: BaseException, translated: BaseException) -> NoReturn:
    """Raise ``translated`` (chained to the driver's ``error``), or ``error`` itself when it stays as is."""
    if translated is error:
        raise error
    raise translated from error


def driver_implementation(connection: Any) -> str:
    """``thin`` or ``thick``: the mode python-oracledb runs this session in (its ``Connection.thin``)."""
    return "thin" if connection.thin else "thick"


_thick_initialised = False


def ensure_driver_mode(config: OracleConnectionConfig) -> None:
    """Thin mode unless the config opts into thick mode (Oracle Client libraries needed)."""
    global _thick_initialised
    if not config.thick_mode:
        return
    if _thick_initialised:
        return
    import oracledb

    try:
        oracledb.init_oracle_client(lib_dir=config.lib_dir)
    except oracledb.Error as e:
        raise ConfigurationError(f"thick_mode: cannot load the Oracle Client libraries: {e}") from e
    _thick_initialised = True


def connection_kwargs(config: OracleConnectionConfig) -> dict[str, Any]:
    from ..config import connect_kwargs, pool_kwargs

    ensure_driver_mode(config)
    return pool_kwargs(config) if config.pool else connect_kwargs(config)


def configure_connection(connection: Any, config: OracleConnectionConfig) -> None:
    """Driver-side settings of a fresh connection (no round trip)."""
    connection.outputtypehandler = output_type_handler
    connection.autocommit = True
    if config.call_timeout_ms is not None:
        connection.call_timeout = int(config.call_timeout_ms)
