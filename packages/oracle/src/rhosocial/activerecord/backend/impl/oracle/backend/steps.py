"""The non-I/O halves of what the sync and async Oracle backends do step by step.

A backend method opens, executes, fetches or commits (awaiting or not); what it does between those
driver calls - preparing a fresh session, reading the probe, binding a PL/SQL call, collecting
rejected batch rows, naming the EXPLAIN PLAN statements - is written here once.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Optional

from ..batch_errors import batch_error, row_errors
from ..calls import CallResult, bind_call, check_name, result_of, returned_type, returned_value
from ..explain import cleanup_sql, display_sql, explain_plan_sql, parse_plan, statement_id


class ExplainPlan(NamedTuple):
    """The three statements of one EXPLAIN PLAN: store the plan, read it, delete it."""

    plan_sql: str
    params: tuple
    display_sql: str
    cleanup_sql: str


class OracleBackendSteps:
    _connection: Any
    _dead: Any

    # --- connecting ------------------------------------------------------------------------
    def _connect_failed(self, error: BaseException, connection: Any) -> BaseException:
        """The error to raise when a session opened but could not be set up; it is parked to discard."""
        translated = self._translate(error)  # type: ignore[attr-defined]
        if connection is not None:
            # Opened but not usable (session setup or probe failed): never leak it.
            self._connection, self._dead = None, connection
        return translated

    @staticmethod
    def _probe_variables(cursor: Any) -> list:
        return [cursor.var(str, 64), cursor.var(str, 64)]  # release, compatible level

    def _read_probe(self, variables: list) -> None:
        release, compatible = variables
        self._server_from_probe(release.getvalue() or self._connection.version, compatible.getvalue())  # type: ignore[attr-defined]

    # --- executemany with batcherrors ------------------------------------------------------
    @staticmethod
    def _batch_failure(cursor: Any, rows: list, keep_good_rows: bool) -> Optional[Exception]:
        """The error listing the rows the server rejected (None: every row went in)."""
        failures = row_errors(cursor.getbatcherrors())
        return batch_error(failures, len(rows), keep_good_rows) if failures else None

    # --- PL/SQL calls ----------------------------------------------------------------------
    def _procedure_call(self, cursor: Any, name: str, args: Sequence[Any], kwargs: dict[str, Any]) -> tuple[str, Any]:
        return check_name(name), bind_call(cursor, args, kwargs, self._adapt_value)  # type: ignore[attr-defined]

    def _function_call(
        self, cursor: Any, name: str, return_type: Any, args: Sequence[Any], kwargs: dict[str, Any]
    ) -> tuple[str, Any, Any]:
        return check_name(name), returned_type(return_type), bind_call(cursor, args, kwargs, self._adapt_value)  # type: ignore[attr-defined]

    @staticmethod
    def _procedure_result(
        call: Any, args: Sequence[Any], kwargs: Mapping[str, Any], values: dict[str, Any]
    ) -> CallResult:
        return result_of(call, args, kwargs, values)

    @staticmethod
    def _function_value(return_type: Any, value: Any) -> Any:
        return returned_value(return_type, value)

    # --- EXPLAIN PLAN ----------------------------------------------------------------------
    @staticmethod
    def _explain_plan(expression: Any) -> ExplainPlan:
        statement_sql, params = expression.to_sql()
        sid = statement_id()
        return ExplainPlan(explain_plan_sql(statement_sql, sid), params, display_sql(sid), cleanup_sql(sid))

    @staticmethod
    def _plan_result(rows: list, plan: ExplainPlan, start: float) -> Any:
        return parse_plan(rows, plan.plan_sql, time.perf_counter() - start)
