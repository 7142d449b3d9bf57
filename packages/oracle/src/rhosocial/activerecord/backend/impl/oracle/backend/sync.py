"""The synchronous Oracle backend: python-oracledb's blocking API."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.base import StorageBackend
from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.toolkit.plans import call_step, run_plan

from ..calls import CallKwargs, CallResult, is_cursor, refuse_outs_in_function
from ..lobs import DEFAULT_CHUNK, chunk_size_of, locator_handler, require_sessionless, single_lob
from ..transaction import OracleTransactionManager
from .common import BATCH_SAVEPOINT, PROBE_BLOCK, OracleBackendCommon, describe_sql, raise_translated

# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class OracleBackend(IntrospectorBackendMixin, OracleBackendCommon, StorageBackend):
    # --- connection ------------------------------------------------------------------------
    def connect(self) -> None:
        import oracledb

        if self._connection is not None:
            self.disconnect()
        kwargs = self._connect_arguments()
        connection = None
        try:
            if self.config.pool:
                if self._pool is None:
                    self._pool = oracledb.create_pool(**kwargs)
                connection = self._pool.acquire()
            else:
                connection = oracledb.connect(**kwargs)
            setup = self._new_session(connection)
            with connection.cursor() as cursor:
                cursor.execute(setup)
            self._connection = connection
            self._probe()
            self._lifecycle.connected()
        except oracledb.Error as e:
            translated = self._connect_failed(e, connection)
            self._discard_dead()
            raise translated from e

    def _probe(self) -> None:
        cursor = self._connection.cursor()
        try:
            variables = self._probe_variables(cursor)
            cursor.execute(PROBE_BLOCK, variables)
            self._read_probe(variables)
        finally:
            cursor.close()

    def disconnect(self) -> None:
        connection = self._detach()
        if connection is None:
            return
        try:
            connection.close()
        except Exception as e:  # closing a dead session must not mask the original error
            _log.log(logging.WARNING, f"closing the Oracle session failed: {e}")

    def close_pool(self) -> None:
        self.disconnect()
        if self._pool is not None:
            self._pool.close(force=True)
            self._pool = None

    def ping(self, reconnect: bool = True) -> bool:
        import oracledb

        try:
            if self._connection is None:
                raise oracledb.InterfaceError("not connected")
            self._connection.ping()
            return True
        except oracledb.Error:
            if not reconnect:
                return False
            try:
                self.connect()
                return True
            except Exception:
                return False

    def get_server_version(self) -> tuple:
        if self._connection is None:
            self.connect()
        return self._dialect.version

    def introspect_and_adapt(self) -> None:
        # The probe already ran in connect(); nothing to ask the server twice.
        if self._connection is None:
            self.connect()

    def _create_introspector(self) -> Any:
        from ..introspection import BackendExecutor, SyncOracleIntrospector

        return SyncOracleIntrospector(self, BackendExecutor(self))

    # --- statements -----------------------------------------------------------------------
    def execute(self, sql: str, params: Any = None, *, options: Optional[ExecutionOptions] = None) -> QueryResult:
        """The core's execute pipeline, minus its per-call overhead (see ``common._statement``)."""
        start = time.perf_counter()
        try:
            if self._connection is None:
                self.connect()
            final_sql, values, is_select, options = self._statement(sql, params, options)
            cursor = self._get_cursor()
            self._execute_query(cursor, final_sql, values)
            data = self._process_result_set(cursor, is_select, options.column_adapters, options.column_mapping)
            # Autocommit rides on each statement outside transactions: nothing to do after it.
            return self._statement_result(cursor, data, start, options)
        except Exception as e:
            return self._handle_error(e)

    def _get_cursor(self) -> Any:
        if self._must_reconnect():
            self._discard_dead()
            self.connect()
        return self._cursor_settings(self._connection.cursor())

    def _describe_outs(self, params: list) -> None:
        for out in self._uncached_outs(params):
            with self._connection.cursor() as cursor:
                cursor.execute(describe_sql(out))
                self._out_meta[(out.table, out.expression)] = cursor.description[0]

    def _execute_query(self, cursor: Any, sql: str, params: Any) -> Any:
        self._describe_outs(params)
        values = self._bind_outs(cursor, params)
        cursor.execute(sql, values or None)
        return cursor

    def _process_result_set(
        self, cursor: Any, is_select: bool, column_adapters: Any = None, column_mapping: Any = None
    ) -> Any:
        known, result = self._result_without_rows(cursor, is_select, column_adapters, column_mapping)
        if known:
            return result
        return self._rows_to_dicts(cursor, cursor.fetchall(), column_adapters, column_mapping)

    def execute_many(
        self, sql: str, params_list: list, *, batch_errors: bool = False, keep_good_rows: bool = False
    ) -> Optional[QueryResult]:
        """Array DML. ``batch_errors=True`` runs every row and raises one error listing the rejected
        ones (see :mod:`..batch_errors`); the batch is undone unless ``keep_good_rows``."""
        start = time.perf_counter()
        try:
            final_sql, _ = self._prepare_sql_and_params(sql, None)
            cursor = self._get_cursor()
            rows = self._adapt_rows(params_list)
            if not batch_errors:
                count = self._run_many(cursor, final_sql, rows)
                return QueryResult(affected_rows=count, duration=time.perf_counter() - start)
            guard = self._batch_guard(keep_good_rows)
            if guard:
                cursor.execute(guard)
            cursor.executemany(final_sql, rows, batcherrors=True)
            failure = self._batch_failure(cursor, rows, keep_good_rows)
            if failure is not None:
                self._settle_batch(cursor, self._batch_settlement(guard, keep_good_rows))
                raise failure
            return QueryResult(affected_rows=cursor.rowcount, duration=time.perf_counter() - start)
        except Exception as e:
            return self._handle_error(e)

    def _run_many(self, cursor: Any, sql: str, rows: list, bind: Optional[Callable[[], None]] = None) -> int:
        """Array DML in batches, as one statement (common.py's ``_many_steps``)."""
        if not rows:
            return 0
        return run_plan(self._many_steps(cursor, sql, rows, bind), call_step)

    def _settle_batch(self, cursor: Any, action: Optional[str]) -> None:
        if action == "rollback_to":
            cursor.execute(f"ROLLBACK TO SAVEPOINT {BATCH_SAVEPOINT}")
        elif action == "commit":
            self._connection.commit()
        elif action == "rollback":
            self._connection.rollback()

    def _execute_batch_fast(self, sql: str, params_list: list) -> int:
        result = self.execute_many(sql, params_list)
        return max(result.affected_rows, 0) if result else 0

    def _execute_batch_with_returning(
        self, sql: str, params_list: list, column_adapters: Any, column_mapping: Any
    ) -> list:
        options = self._returning_options(column_adapters, column_mapping)
        return [self.execute(sql, params, options=options) for params in params_list]

    def bulk_insert(self, options: Any) -> QueryResult:
        plan = self._bulk_insert_plan(options)
        if plan is None:
            return super().bulk_insert(options)
        sql, outs, rows = plan
        start = time.perf_counter()
        try:
            cursor = self._get_cursor()  # connects first when needed
            if not outs:  # no RETURNING: batched array DML, all rows or none
                count = self._run_many(cursor, sql, rows)
                return QueryResult(affected_rows=count, duration=time.perf_counter() - start)
            self._describe_outs(list(outs))
            width = len(options.columns)
            self._run_many(cursor, sql, rows, lambda: self._bulk_bind(cursor, outs, rows, width))
            return self._bulk_result(cursor, rows, options, start)
        except Exception as e:
            return self._handle_error(e)

    # --- LOB streaming (see ..lobs) ----------------------------------------------------------------
    def read_lob(self, sql: str, params: Any = None, chunk_size: int = DEFAULT_CHUNK) -> Iterator[Any]:
        """Yield the single LOB the query selects in chunks of ``chunk_size`` (characters / bytes)."""
        size = chunk_size_of(chunk_size)
        lob = self._select_lob(sql, params)
        offset = 1
        while lob is not None:
            chunk = self._lob_call(lob.read, offset, size)
            if not chunk:
                return
            yield chunk
            offset += len(chunk)

    def _select_lob(self, sql: str, params: Any) -> Any:
        try:
            final_sql, values = self._prepare_sql_and_params(sql, self._adapt_params(params or ()))
            cursor = self._get_cursor()
            cursor.outputtypehandler = locator_handler
            cursor.execute(final_sql, values or None)
            return single_lob(cursor.fetchone())
        except Exception as e:
            return self._handle_error(e)

    def _lob_call(self, method: Any, *args: Any) -> Any:
        try:
            return method(*args)
        except Exception as e:
            return self._handle_error(e)

    def write_lob(self, sql: str, params: Any, chunks: Iterable[Any]) -> int:
        """Append ``chunks`` to the LOB a ``SELECT lob ... FOR UPDATE`` returns; the length written."""
        own = not self.in_transaction
        if own:
            self._get_cursor()  # connects when needed
            self._connection.autocommit = False
        try:
            lob = self._select_lob(sql, params)
            if lob is None:
                raise DatabaseError("the LOB column is NULL: initialise it with EMPTY_CLOB() / EMPTY_BLOB()")
            offset = 1
            for chunk in chunks:
                self._lob_call(lob.write, chunk, offset)
                offset += len(chunk)
        except BaseException:
            if own and self._connection is not None:
                self._end_transaction(commit=False)
            raise
        if own:
            self._end_transaction(commit=True)
        return offset - 1

    # --- sessionless transactions (23ai, 23.6+) ------------------------------------------------------
    def begin_sessionless(self, transaction_id: Any = None, timeout: int = 60) -> bytes:
        require_sessionless(self._dialect, self.in_transaction)
        try:
            self._get_cursor()  # connects when needed
            self._connection.autocommit = False
            return self._connection.begin_sessionless_transaction(transaction_id=transaction_id, timeout=timeout)
        except Exception as e:
            return self._handle_error(e)

    def suspend_sessionless(self) -> None:
        try:
            self._connection.suspend_sessionless_transaction()
            self._connection.autocommit = True
        except Exception as e:
            self._handle_error(e)

    def resume_sessionless(self, transaction_id: Any, timeout: int = 60) -> bytes:
        require_sessionless(self._dialect, self.in_transaction)
        try:
            self._get_cursor()
            self._connection.autocommit = False
            return self._connection.resume_sessionless_transaction(transaction_id, timeout=timeout)
        except Exception as e:
            return self._handle_error(e)

    def commit_sessionless(self) -> None:
        self._end_transaction(commit=True)

    def rollback_sessionless(self) -> None:
        self._end_transaction(commit=False)

    # --- PL/SQL calls ----------------------------------------------------------------------------
    def callproc(
        self, name: str, args: Sequence[Any] = (), kwargs: CallKwargs = None, *, implicit_results: bool = False
    ) -> CallResult:
        """Call a PL/SQL procedure; OUT / IN OUT arguments (:class:`..calls.Out`) come back filled in."""
        kwargs = dict(kwargs or {})
        try:
            cursor = self._get_cursor()
            name, call = self._procedure_call(cursor, name, args, kwargs)
            cursor.callproc(name, call.args, call.kwargs)
            values = {key: self._plsql_value(var.getvalue()) for key, var in call.outs.items()}
            result = self._procedure_result(call, args, kwargs, values)
            if implicit_results:
                result.implicit_results = [self._plsql_value(c) for c in cursor.getimplicitresults()]
            return result
        except Exception as e:
            return self._handle_error(e)

    def callfunc(self, name: str, return_type: Any, args: Sequence[Any] = (), kwargs: CallKwargs = None) -> Any:
        """Call a PL/SQL function returning ``return_type`` (a REF CURSOR comes back as row dicts)."""
        kwargs = dict(kwargs or {})
        refuse_outs_in_function(args, kwargs)
        try:
            cursor = self._get_cursor()
            name, driver_type, call = self._function_call(cursor, name, return_type, args, kwargs)
            value = cursor.callfunc(name, driver_type, call.args, call.kwargs)
            return self._function_value(return_type, self._plsql_value(value))
        except Exception as e:
            return self._handle_error(e)

    def _plsql_value(self, value: Any) -> Any:
        """A REF CURSOR / implicit result as a list of row dicts; anything else unchanged."""
        if not is_cursor(value):
            return value
        return self._rows_to_dicts(value, value.fetchall(), None, None)

    def _discard_dead(self) -> None:
        """Drop a dead pooled session from its pool (or close it) so it does not count as busy."""
        dead = self._take_dead()
        if dead is None:
            return
        try:
            if self._pool is not None:
                self._pool.drop(dead)
            else:
                dead.close()
        except Exception as e:  # the session is already gone; nothing more to do
            _log.log(logging.DEBUG, f"discarding a dead Oracle session: {e}")

    def _handle_error(self, error: Exception) -> Any:
        translated = self._error_to_raise(error)
        self._discard_dead()
        raise_translated(error, translated)

    # --- transactions -----------------------------------------------------------------------
    @property
    def transaction_manager(self) -> OracleTransactionManager:
        if self._transaction_manager is None:
            if self._connection is None:
                self.connect()
            self._transaction_manager = OracleTransactionManager(self, self.logger)
        return self._transaction_manager

    def _set_autocommit(self, enabled: bool) -> None:
        self._connection.autocommit = enabled

    def _end_transaction(self, commit: bool) -> None:
        try:
            (self._connection.commit if commit else self._connection.rollback)()
        except Exception as e:  # a lost session goes through the lifecycle like any statement
            self._handle_error(e)
        finally:
            if self._connection is not None:
                self._connection.autocommit = True

    def _handle_auto_commit(self) -> None:
        return None  # autocommit rides on each statement outside transactions

    # --- EXPLAIN PLAN -------------------------------------------------------------------------
    def explain(self, expression: Any, options: Any = None) -> Any:
        plan = self._explain_plan(expression)
        start = time.perf_counter()
        self.execute(plan.plan_sql, plan.params)
        rows = self.fetch_all(plan.display_sql)
        self.execute(plan.cleanup_sql)
        return self._plan_result(rows, plan, start)
