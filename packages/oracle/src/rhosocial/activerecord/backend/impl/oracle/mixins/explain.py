"""EXPLAIN PLAN: the plan is written to PLAN_TABLE and read back with DBMS_XPLAN."""

from __future__ import annotations

from typing import Any

from ._host import DialectHost


class OracleExplainMixin(DialectHost):
    def supports_explain_analyze(self) -> bool:
        return False

    def supports_explain_format(self, format_type: str) -> bool:
        return format_type.upper() in ("TEXT",)

    def format_explain_statement(self, expr: Any) -> tuple[str, tuple]:
        sql, params = expr.statement.to_sql()
        return f"EXPLAIN PLAN FOR {sql}", params
