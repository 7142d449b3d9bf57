"""SELECT on Oracle: FROM DUAL, OFFSET/FETCH, FOR UPDATE [OF] NOWAIT | WAIT n | SKIP LOCKED,
MINUS before 21c, WITH without the RECURSIVE keyword."""

from __future__ import annotations

import copy
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.bases import ToSQLProtocol
from rhosocial.activerecord.backend.toolkit.cte import CTEHooksMixin

from ._host import DialectHost


def _part(dialect: Any, value: Any) -> tuple[str, tuple]:
    if isinstance(value, ToSQLProtocol):
        return value.to_sql()
    return dialect.get_parameter_placeholder(), (value,)


class OracleDQLMixin(CTEHooksMixin, DialectHost):
    def supports_for_update(self) -> bool:
        return True

    def supports_offset_without_limit(self) -> bool:
        return True

    def supports_for_update_skip_locked(self) -> bool:
        return True

    def format_limit_offset(self, limit: Any = None, offset: Any = None) -> tuple[Optional[str], list]:
        sql, params = self._offset_fetch(limit, offset)
        return (sql or None), list(params)

    def format_limit_offset_clause(self, clause: Any) -> tuple[str, tuple]:
        return self._offset_fetch(clause.limit, clause.offset)

    def _offset_fetch(self, limit: Any, offset: Any) -> tuple[str, tuple]:
        # Row limiting clause (12c+): OFFSET must come before FETCH.
        parts: list[str] = []
        params: list[Any] = []
        if offset is not None:
            sql, p = _part(self, offset)
            parts.append(f"OFFSET {sql} ROWS")
            params.extend(p)
        if limit is not None:
            sql, p = _part(self, limit)
            parts.append(f"FETCH NEXT {sql} ROWS ONLY")
            params.extend(p)
        return " ".join(parts), tuple(params)

    def format_query_statement(self, expr: Any) -> tuple[str, tuple]:
        spec = (getattr(expr, "dialect_options", None) or {}).get("connect_by")
        if spec is not None:
            from ..hierarchical import attach

            if not expr.from_:
                raise UnsupportedFeatureError(self.name, "CONNECT BY without a FROM source")
            expr = attach(self, expr, spec)
        options = expr.dialect_options or {}
        if "pivot" in options or "unpivot" in options:
            from ..query_clauses import attach_pivot

            expr = attach_pivot(self, expr)
        if expr.from_:
            from ..query_clauses import with_flashback

            source = with_flashback(expr.from_)
            if source is not expr.from_:
                expr = copy.copy(expr)
                expr.from_ = source
        elif not self.has_capability("values_rows"):
            # Before 23ai a SELECT needs a FROM; DUAL is the one-row table for it.
            expr = copy.copy(expr)
            expr.from_ = "DUAL"
        if expr.for_update and expr.limit_offset:
            return self._lock_limited_rows(expr)
        return super().format_query_statement(expr)  # type: ignore[misc]

    def _lock_limited_rows(self, expr: Any) -> tuple[str, tuple]:
        """FOR UPDATE with a row limit (``.for_update().one()``).

        Oracle rejects FOR UPDATE next to OFFSET/FETCH (ORA-02014), so the limit moves into a
        subquery choosing the ROWIDs to lock: same rows, same order, one statement.
        """
        from rhosocial.activerecord.backend.expression.core import TableExpression
        from rhosocial.activerecord.backend.expression.operators import RawSQLExpression, RawSQLPredicate
        from rhosocial.activerecord.backend.expression.query_parts import WhereClause

        if not isinstance(expr.from_, (str, TableExpression)) or expr.group_by_having:
            raise UnsupportedFeatureError(
                self.name,
                "FOR UPDATE with OFFSET/FETCH over a join or GROUP BY",
                "Oracle rejects FOR UPDATE together with a row limiting clause (ORA-02014); "
                "lock by key in a subquery instead.",
            )
        inner = copy.copy(expr)
        inner.for_update = None
        inner.select_modifier = None
        inner.select = [RawSQLExpression(self, "ROWID")]
        inner_sql, inner_params = self.format_query_statement(inner)
        outer = copy.copy(expr)
        outer.limit_offset = None
        outer.where = WhereClause(self, RawSQLPredicate(self, f"ROWID IN ({inner_sql})", inner_params))
        return self.format_query_statement(outer)

    def format_for_update_clause(self, clause: Any) -> tuple[str, tuple]:
        parts = ["FOR UPDATE"]
        params: list[Any] = []
        if clause.of_columns:
            cols = []
            for col in clause.of_columns:
                if isinstance(col, str):
                    cols.append(self.format_identifier(col))
                else:
                    sql, p = col.to_sql()
                    cols.append(sql)
                    params.extend(p)
            parts.append("OF " + ", ".join(cols))
        wait = (clause.dialect_options or {}).get("wait")
        if clause.nowait:
            parts.append("NOWAIT")
        elif clause.skip_locked:
            parts.append("SKIP LOCKED")
        elif wait is not None:
            # WAIT takes an integer literal, not a bind variable.
            parts.append(f"WAIT {int(wait)}")
        return " ".join(parts), tuple(params)

    # --- WITH ----------------------------------------------------------------------------
    def supports_basic_cte(self) -> bool:
        return True

    def supports_recursive_cte(self) -> bool:
        return True

    def supports_materialized_cte(self) -> bool:
        return False

    # Recursive WITH needs the column list in Oracle (the core writes it when given).
    def refuse_cte_materialized(self, materialized: Optional[bool]) -> None:
        # [NOT] MATERIALIZED has no SQL form (only the unsupported MATERIALIZE/INLINE hints): refused, not dropped.
        if materialized is not None:
            raise UnsupportedFeatureError(
                self.name, f"{'' if materialized else 'NOT '}MATERIALIZED CTE", "Oracle decides by itself"
            )

    def _format_with_clause(self, ctes_sql: list, has_recursive: bool = False) -> str:
        # Oracle has no RECURSIVE keyword: a CTE referring to itself is recursive.
        return f"WITH {', '.join(ctes_sql)}" if ctes_sql else ""

    # --- set operations -------------------------------------------------------------------
    def supports_union(self) -> bool:
        return True

    def supports_union_all(self) -> bool:
        return True

    def supports_set_operation_order_by(self) -> bool:
        return True  # ORDER BY after the last query orders the compound result

    def supports_set_operation_limit_offset(self) -> bool:
        return True  # the row limiting clause (12c+) after a compound query

    def supports_except(self) -> bool:
        return True

    def supports_intersect(self) -> bool:
        return True

    def supports_set_operation_for_update(self) -> bool:
        return False  # ORA-01786: FOR UPDATE is not allowed on a compound query

    def format_set_operation_expression(
        self, left: Any, right: Any, operation: str, alias: Any, all_: bool, *args: Any, **kwargs: Any
    ) -> tuple[str, tuple]:
        for_update = kwargs.get("for_update_clause", args[2] if len(args) > 2 else None)
        if for_update is not None:
            raise UnsupportedFeatureError(self.server_label, f"{operation} ... FOR UPDATE", "lock the rows per query")
        op = operation.upper()
        if not self.has_capability("except_keyword"):
            if op == "EXCEPT":
                op = "MINUS"
            if all_ and op in ("MINUS", "INTERSECT"):
                raise UnsupportedFeatureError(self.name, f"{operation} ALL", "needs Oracle 21c or newer")
        return super().format_set_operation_expression(left, right, op, alias, all_, *args, **kwargs)  # type: ignore[misc]
