"""The asynchronous Oracle backend: python-oracledb's asyncio API (thin mode only).

Same statements, conversions and error handling as ``sync.py`` (all in ``common.py``); only the
driver calls are awaited. ``AsyncConnection.cursor()`` and ``cursor.var()`` are not I/O.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.base import AsyncStorageBackend
from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.result import QueryResult
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError
from rhosocial.activerecord.backend.toolkit.plans import call_step_async, run_plan_async

from ..calls import CallKwargs, CallResult, is_cursor, refuse_outs_in_function
from ..lobs import DEFAULT_CHUNK, chunk_size_of, locator_handler, require_sessionless, single_lob
from ..transaction import AsyncOracleTransactionManager
from .common import BATCH_SAVEPOINT, PROBE_BLOCK, OracleBackendCommon, describe_sql, raise_translated

# Our own messages: a plain module logger, so the application's logging levels decide (docs/logging.md).
_log = logging.getLogger(__name__)


class AsyncOracleBackend(IntrospectorBackendMixin, OracleBackendCommon, AsyncStorageBackend):
    # --- connection ------------------------------------------------------------------------
    async def connect(self) -> None:
        import oracledb

        if self.config.thick_mode:
            raise ConfigurationError("thick_mode: python-oracledb's asyncio API runs in thin mode only")
        if self._connection is not None:
            await self.disconnect()
        kwargs = self._connect_arguments()
        connection = None
        try:
            if self.config.pool:
                if self._pool is None:
                    self._pool = oracledb.create_pool_async(**kwargs)
                connection = await self._pool.acquire()
            else:
                connection = await oracledb.connect_async(**kwargs)
            setup = self._new_session(connection)
            with connection.cursor() as cursor:
                await cursor.execute(setup)
            self._connection = connection
            await self._probe()
            self._lifecycle.connected()
        except oracledb.Error as e:
            translated = self._connect_failed(e, connection)
            await self._discard_dead()
            raise translated from e

    async def _probe(self) -> None:
        cursor = self._connection.cursor()
        try:
            variables = self._probe_variables(cursor)
            await cursor.execute(PROBE_BLOCK, variables)
            self._read_probe(variables)
        finally:
            cursor.close()

    async def disconnect(self) -> None:
        connection = self._detach()
        if connection is None:
            return
        try:
            await connection.close()
        except Exception as e:  # closing a dead session must not mask the original error
            _log.log(logging.WARNING, f"closing the Oracle session failed: {e}")

    async def close_pool(self) -> None:
        await self.disconnect()
        if self._pool is not None:
            await self._pool.close(force=True)
            self._pool = None

    async def ping(self, reconnect: bool = True) -> bool:
        import oracledb

        try:
            if self._connection is None:
                raise oracledb.InterfaceError("not connected")
            await self._connection.ping()
            return True
        except oracledb.Error:
            if not reconnect:
                return False
            try:
                await self.connect()
                return True
            except Exception:
                return False

    async def get_server_version(self) -> tuple:
        if self._connection is None:
            await self.connect()
        return self._dialect.version

    async def introspect_and_adapt(self) -> None:
        if self._connection is None:
            await self.connect()

    def _create_introspector(self) -> Any:
        from ..introspection import AsyncBackendExecutor, AsyncOracleIntrospector

        return AsyncOracleIntrospector(self, AsyncBackendExecutor(self))

    # --- statements -----------------------------------------------------------------------
    async def execute(self, sql: str, params: Any = None, *, options: Optional[ExecutionOptions] = None) -> QueryResult:
        """The core's execute pipeline, minus its per-call overhead (see ``common._statement``)."""
        start = time.perf_counter()
        try:
            if self._connection is None:
                await self.connect()
            final_sql, values, is_select, options = self._statement(sql, params, options)
            cursor = await self._get_cursor()
            await self._execute_query(cursor, final_sql, values)
            data = await self._process_result_set(cursor, is_select, options.column_adapters, options.column_mapping)
            # Autocommit rides on each statement outside transactions: nothing to do after it.
            return self._statement_result(cursor, data, start, options)
        except Exception as e:
            return await self._handle_error(e)

    async def _get_cursor(self) -> Any:
        if self._must_reconnect():
            await self._discard_dead()
            await self.connect()
        return self._cursor_settings(self._connection.cursor())

    async def _describe_outs(self, params: list) -> None:
        for out in self._uncached_outs(params):
            with self._connection.cursor() as cursor:
                await cursor.execute(describe_sql(out))
                self._out_meta[(out.table, out.expression)] = cursor.description[0]

    async def _execute_query(self, cursor: Any, sql: str, params: Any) -> Any:
        await self._describe_outs(params)
        values = self._bind_outs(cursor, params)
        await cursor.execute(sql, values or None)
        return cursor

    async def _process_result_set(
        self, cursor: Any, is_select: bool, column_adapters: Any = None, column_mapping: Any = None
    ) -> Any:
        known, result = self._result_without_rows(cursor, is_select, column_adapters, column_mapping)
        if known:
            return result
        return self._rows_to_dicts(cursor, await cursor.fetchall(), column_adapters, column_mapping)

    async def execute_many(
        self, sql: str, params_list: list, *, batch_errors: bool = False, keep_good_rows: bool = False
    ) -> Optional[QueryResult]:
        """Array DML, as :meth:`OracleBackend.execute_many`."""
        start = time.perf_counter()
        try:
            final_sql, _ = self._prepare_sql_and_params(sql, None)
            cursor = await self._get_cursor()
            rows = self._adapt_rows(params_list)
            if not batch_errors:
                count = await self._run_many(cursor, final_sql, rows)
                return QueryResult(affected_rows=count, duration=time.perf_counter() - start)
            guard = self._batch_guard(keep_good_rows)
            if guard:
                await cursor.execute(guard)
            await cursor.executemany(final_sql, rows, batcherrors=True)
            failure = self._batch_failure(cursor, rows, keep_good_rows)
            if failure is not None:
                await self._settle_batch(cursor, self._batch_settlement(guard, keep_good_rows))
                raise failure
            return QueryResult(affected_rows=cursor.rowcount, duration=time.perf_counter() - start)
        except Exception as e:
            return await self._handle_error(e)

    async def _run_many(self, cursor: Any, sql: str, rows: list, bind: Optional[Callable[[], None]] = None) -> int:
        """Array DML in batches, as one statement (common.py's ``_many_steps``)."""
        if not rows:
            return 0
        return await run_plan_async(self._many_steps(cursor, sql, rows, bind), call_step_async)

    async def _settle_batch(self, cursor: Any, action: Optional[str]) -> None:
        if action == "rollback_to":
            await cursor.execute(f"ROLLBACK TO SAVEPOINT {BATCH_SAVEPOINT}")
        elif action == "commit":
            await self._connection.commit()
        elif action == "rollback":
            await self._connection.rollback()

    async def _execute_batch_fast_async(self, sql: str, params_list: list) -> int:
        result = await self.execute_many(sql, params_list)
        return max(result.affected_rows, 0) if result else 0

    async def _execute_batch_with_returning_async(
        self, sql: str, params_list: list, column_adapters: Any, column_mapping: Any
    ) -> list:
        options = self._returning_options(column_adapters, column_mapping)
        return [await self.execute(sql, params, options=options) for params in params_list]

    async def bulk_insert(self, options: Any) -> QueryResult:
        plan = self._bulk_insert_plan(options)
        if plan is None:
            return await super().bulk_insert(options)
        sql, outs, rows = plan
        start = time.perf_counter()
        try:
            if self._connection is None:
                await self.connect()
            cursor = await self._get_cursor()  # connects first when needed
            if not outs:  # no RETURNING: batched array DML, all rows or none
                count = await self._run_many(cursor, sql, rows)
                return QueryResult(affected_rows=count, duration=time.perf_counter() - start)
            await self._describe_outs(list(outs))
            width = len(options.columns)
            await self._run_many(cursor, sql, rows, lambda: self._bulk_bind(cursor, outs, rows, width))
            return self._bulk_result(cursor, rows, options, start)
        except Exception as e:
            return await self._handle_error(e)

    # --- LOB streaming (see ..lobs) ----------------------------------------------------------------
    async def read_lob(self, sql: str, params: Any = None, chunk_size: int = DEFAULT_CHUNK) -> AsyncIterator[Any]:
        """Yield the single LOB the query selects in chunks of ``chunk_size`` (characters / bytes)."""
        size = chunk_size_of(chunk_size)
        lob = await self._select_lob(sql, params)
        offset = 1
        while lob is not None:
            chunk = await self._lob_call(lob.read, offset, size)
            if not chunk:
                return
            yield chunk
            offset += len(chunk)

    async def _select_lob(self, sql: str, params: Any) -> Any:
        try:
            final_sql, values = self._prepare_sql_and_params(sql, self._adapt_params(params or ()))
            cursor = await self._get_cursor()
            cursor.outputtypehandler = locator_handler
            await cursor.execute(final_sql, values or None)
            return single_lob(await cursor.fetchone())
        except Exception as e:
            return await self._handle_error(e)

    async def _lob_call(self, method: Any, *args: Any) -> Any:
        try:
            return await method(*args)
        except Exception as e:
            return await self._handle_error(e)

    async def write_lob(self, sql: str, params: Any, chunks: Iterable[Any]) -> int:
        """Append ``chunks`` to the LOB a ``SELECT lob ... FOR UPDATE`` returns; the length written."""
        own = not self.in_transaction
        if own:
            await self._get_cursor()  # connects when needed
            self._connection.autocommit = False
        try:
            lob = await self._select_lob(sql, params)
            if lob is None:
                raise DatabaseError("the LOB column is NULL: initialise it with EMPTY_CLOB() / EMPTY_BLOB()")
            offset = 1
            for chunk in chunks:
                await self._lob_call(lob.write, chunk, offset)
                offset += len(chunk)
        except BaseException:
            if own and self._connection is not None:
                await self._end_transaction(commit=False)
            raise
        if own:
            await self._end_transaction(commit=True)
        return offset - 1

    # --- sessionless transactions (23ai, 23.6+) ------------------------------------------------------
    async def begin_sessionless(self, transaction_id: Any = None, timeout: int = 60) -> bytes:
        require_sessionless(self._dialect, self.in_transaction)
        try:
            await self._get_cursor()  # connects when needed
            self._connection.autocommit = False
            return await self._connection.begin_sessionless_transaction(transaction_id=transaction_id, timeout=timeout)
        except Exception as e:
            return await self._handle_error(e)

    async def suspend_sessionless(self) -> None:
        try:
            await self._connection.suspend_sessionless_transaction()
            self._connection.autocommit = True
        except Exception as e:
            await self._handle_error(e)

    async def resume_sessionless(self, transaction_id: Any, timeout: int = 60) -> bytes:
        require_sessionless(self._dialect, self.in_transaction)
        try:
            await self._get_cursor()
            self._connection.autocommit = False
            return await self._connection.resume_sessionless_transaction(transaction_id, timeout=timeout)
        except Exception as e:
            return await self._handle_error(e)

    async def commit_sessionless(self) -> None:
        await self._end_transaction(commit=True)

    async def rollback_sessionless(self) -> None:
        await self._end_transaction(commit=False)

    # --- PL/SQL calls ----------------------------------------------------------------------------
    async def callproc(
        self, name: str, args: Sequence[Any] = (), kwargs: CallKwargs = None, *, implicit_results: bool = False
    ) -> CallResult:
        """A PL/SQL procedure call, as :meth:`OracleBackend.callproc`."""
        kwargs = dict(kwargs or {})
        try:
            cursor = await self._get_cursor()
            name, call = self._procedure_call(cursor, name, args, kwargs)
            await cursor.callproc(name, call.args, call.kwargs)
            values = {key: await self._plsql_value(var.getvalue()) for key, var in call.outs.items()}
            result = self._procedure_result(call, args, kwargs, values)
            if implicit_results:
                result.implicit_results = [await self._plsql_value(c) for c in cursor.getimplicitresults()]
            return result
        except Exception as e:
            return await self._handle_error(e)

    async def callfunc(self, name: str, return_type: Any, args: Sequence[Any] = (), kwargs: CallKwargs = None) -> Any:
        """A PL/SQL function call, as :meth:`OracleBackend.callfunc`."""
        kwargs = dict(kwargs or {})
        refuse_outs_in_function(args, kwargs)
        try:
            cursor = await self._get_cursor()
            name, driver_type, call = self._function_call(cursor, name, return_type, args, kwargs)
            value = await cursor.callfunc(name, driver_type, call.args, call.kwargs)
            return self._function_value(return_type, await self._plsql_value(value))
        except Exception as e:
            return await self._handle_error(e)

    async def _plsql_value(self, value: Any) -> Any:
        """A REF CURSOR / implicit result as a list of row dicts; anything else unchanged."""
        if not is_cursor(value):
            return value
        return self._rows_to_dicts(value, await value.fetchall(), None, None)

    async def _discard_dead(self) -> None:
        # a dead pooled session leaves its pool (or is closed) so it does not count as busy
        dead = self._take_dead()
        if dead is None:
            return
        try:
            if self._pool is not None:
                await self._pool.drop(dead)
            else:
                await dead.close()
        except Exception as e:  # the session is already gone; nothing more to do
            _log.log(logging.DEBUG, f"discarding a dead Oracle session: {e}")

    async def _handle_error(self, error: Exception) -> Any:
        translated = self._error_to_raise(error)
        await self._discard_dead()
        raise_translated(error, translated)

    # --- transactions -----------------------------------------------------------------------
    @property
    def transaction_manager(self) -> AsyncOracleTransactionManager:
        if self._transaction_manager is None:
            self._transaction_manager = AsyncOracleTransactionManager(self, self.logger)
        return self._transaction_manager

    def _set_autocommit(self, enabled: bool) -> None:
        self._connection.autocommit = enabled

    async def _end_transaction(self, commit: bool) -> None:
        try:
            await (self._connection.commit if commit else self._connection.rollback)()
        except Exception as e:  # a lost session goes through the lifecycle like any statement
            await self._handle_error(e)
        finally:
            if self._connection is not None:
                self._connection.autocommit = True

    async def _handle_auto_commit(self) -> None:
        return None

    # --- EXPLAIN PLAN -------------------------------------------------------------------------
    async def explain(self, expression: Any, options: Any = None) -> Any:
        plan = self._explain_plan(expression)
        start = time.perf_counter()
        await self.execute(plan.plan_sql, plan.params)
        rows = await self.fetch_all(plan.display_sql)
        await self.execute(plan.cleanup_sql)
        return self._plan_result(rows, plan, start)
