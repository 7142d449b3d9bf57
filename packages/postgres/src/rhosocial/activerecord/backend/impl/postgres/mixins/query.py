"""Query pieces where the core's defaults misrender on PostgreSQL.

- ``EXCLUDED`` (the row proposed for insertion in ON CONFLICT DO UPDATE) and a trigger's ``NEW`` / ``OLD``
  are special row names, written bare: ``"EXCLUDED"`` would name a table that does not exist.
- Row-lock strength: ``ForUpdateClause(dialect_options={"strength": "share"})`` renders FOR SHARE (also
  "key share", "no key update", "update"); any other strength or option key raises.
- ``LateralExpression``: ``LATERAL (subquery) AS alias``, valid as a FROM-list item and after a JOIN;
  only the default CROSS form exists in a FROM list, other join types raise.
- ``x op ANY(array)`` with the parentheses PostgreSQL needs; a Python list is sent as an array.
- Native ``ILIKE`` (the core's LOWER(...) LIKE fallback lower-cases the pattern in Python, which
  disagrees with the server, e.g. on the Greek final sigma).
- ``COLLATE "name"`` with the collation name checked before it is quoted.
- Refused with the version named: FOR UPDATE on a set operation, several ON CONFLICT clauses, QUALIFY,
  temporal (FOR SYSTEM_TIME) table queries; MERGE actions with ``values`` (INSERT takes ``assignments``).
"""

from __future__ import annotations

import re
from typing import Any

from rhosocial.activerecord.backend.expression.bases import ToSQLProtocol
from rhosocial.activerecord.backend.toolkit.limit_offset import LimitOffsetRendering

from ..adapters import PgArray
from .options import check_options, unsupported

LOCK_STRENGTHS = {
    "update": "FOR UPDATE",
    "no key update": "FOR NO KEY UPDATE",
    "share": "FOR SHARE",
    "key share": "FOR KEY SHARE",
}
_SPECIAL_ROWS = frozenset({"EXCLUDED", "NEW", "OLD"})
_COLLATION = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@\-]*")


class PostgresQueryMixin(LimitOffsetRendering):
    def format_column(self, name: str, table=None, alias=None, schema_name=None) -> tuple[str, tuple]:
        if table in _SPECIAL_ROWS and not schema_name:
            sql = f"{table}.{self.format_identifier(name)}"  # type: ignore[attr-defined]
            return (f"{sql} AS {self.format_identifier(alias)}" if alias else sql), ()  # type: ignore[attr-defined]
        return super().format_column(name, table, alias, schema_name)  # type: ignore[misc]

    def format_for_update_clause(self, clause) -> tuple[str, tuple]:
        options = check_options("FOR UPDATE clause", clause.dialect_options, ("strength",))
        strength = str(options.get("strength", "update")).lower().strip()
        if strength not in LOCK_STRENGTHS:
            raise ValueError(f"PostgreSQL lock strength {strength!r} is not one of {sorted(LOCK_STRENGTHS)}")
        sql, params = super().format_for_update_clause(clause)  # type: ignore[misc]
        return LOCK_STRENGTHS[strength] + sql[len("FOR UPDATE") :], params

    def format_lateral_expression(self, expr_sql: str, expr_params: tuple, alias, join_type: str) -> tuple[str, tuple]:
        if str(join_type).upper() != "CROSS":
            raise ValueError(
                f"PostgreSQL: a {join_type} LATERAL join needs a join condition; use JoinExpression with a "
                "LATERAL subquery instead of LateralExpression(join_type=...)"
            )
        sql = f"LATERAL {expr_sql}"
        if alias is not None:
            sql += f" AS {self.format_identifier(alias)}"  # type: ignore[attr-defined]
        return sql, tuple(expr_params)

    def _quantified(self, word: str, expr, op: str, array_expr) -> tuple[str, tuple]:
        expr_sql, expr_params = expr.to_sql()
        value = getattr(array_expr, "value", None)
        if isinstance(value, (list, tuple)):
            array_sql, array_params = self.get_parameter_placeholder(), (PgArray(value),)  # type: ignore[attr-defined]
        else:
            array_sql, array_params = array_expr.to_sql()
            if type(array_expr).__name__ == "Subquery" and array_sql.startswith("(") and array_sql.endswith(")"):
                array_sql = array_sql[1:-1]  # ANY (SELECT ...) compares with each row, ANY((SELECT ...)) would not
        return f"({expr_sql} {op} {word}({array_sql}))", (*expr_params, *array_params)

    def format_any_expression(self, expr, op: str, array_expr) -> tuple[str, tuple]:
        return self._quantified("ANY", expr, op, array_expr)

    def format_all_expression(self, expr, op: str, array_expr) -> tuple[str, tuple]:
        return self._quantified("ALL", expr, op, array_expr)

    def format_ilike_expression(self, column: Any, pattern: str, negate: bool = False) -> tuple[str, tuple]:
        if isinstance(column, str):
            col_sql, params = self.format_identifier(column), ()  # type: ignore[attr-defined]
        elif isinstance(column, ToSQLProtocol):
            col_sql, params = column.to_sql()
        else:
            raise TypeError(f"ILIKE needs a column name or an expression, got {type(column).__name__}")
        op = "NOT ILIKE" if negate else "ILIKE"
        return f"{col_sql} {op} {self.get_parameter_placeholder()}", (*params, pattern)  # type: ignore[attr-defined]

    def validate_collation_name(self, expr) -> str:
        name = expr.collation_name
        if expr.collation_options:
            raise ValueError(f"PostgreSQL COLLATE takes no options, got {sorted(expr.collation_options)}")
        if not _COLLATION.fullmatch(name or ""):
            raise ValueError(f"invalid collation name {name!r} (letters, digits, _ . @ - only)")
        return self.format_identifier(name)  # type: ignore[attr-defined]

    def format_set_operation_expression(
        self, left, right, operation, alias, all_, *args, **kwargs
    ) -> tuple[str, tuple]:
        for_update = kwargs.get("for_update_clause", args[2] if len(args) > 2 else None)
        if for_update is not None:
            raise unsupported(self, f"FOR UPDATE on {operation}", "lock rows in a SELECT of their own")
        return super().format_set_operation_expression(left, right, operation, alias, all_, *args, **kwargs)  # type: ignore[misc]

    def format_on_conflict_clauses(self, expr) -> tuple[str, tuple]:
        if expr.on_conflict and len(expr.on_conflict) > 1:
            raise unsupported(self, "several ON CONFLICT clauses in one INSERT", "one clause per INSERT")
        return super().format_on_conflict_clauses(expr)  # type: ignore[misc]

    def format_qualify_clause(self, *args, **kwargs) -> tuple[str, tuple]:
        raise unsupported(self, "QUALIFY", "filter the window function's result in an outer query")

    def format_temporal_options(self, *args, **kwargs) -> tuple[str, tuple]:
        raise unsupported(self, "temporal table queries (FOR SYSTEM_TIME)")

    def format_merge_statement(self, expr) -> tuple[str, tuple]:
        groups = ("when_matched", "when_not_matched", "when_not_matched_by_source")
        for action in [a for group in groups for a in (getattr(expr, group, None) or [])]:
            if getattr(action, "values", None):
                raise ValueError("MERGE action values are not rendered: give INSERT its columns as assignments")
        return super().format_merge_statement(expr)  # type: ignore[misc]
