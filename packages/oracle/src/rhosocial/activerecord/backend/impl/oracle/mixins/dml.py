"""INSERT/UPDATE/DELETE on Oracle.

- ``RETURNING expr, ... INTO :n, ...``: each target is an :class:`~..binds.OutBind` parameter the
  backend replaces by a driver variable and reads after execution (one value per affected row).
- several VALUES rows become ``INSERT ... SELECT ... FROM DUAL UNION ALL ...`` (valid on every
  version; the multi-row VALUES constructor only exists from 23ai);
- ``ON CONFLICT`` (the core's upsert) becomes ``MERGE INTO ... USING (SELECT ... FROM DUAL)``.
"""

from __future__ import annotations

import copy
from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import bases

from ..binds import OutBind
from ._host import DialectHost
from .merge import rescope


class OracleDMLMixin(DialectHost):
    def supports_returning_insert(self) -> bool:
        return True

    def supports_returning_update(self) -> bool:
        return True

    def supports_returning_delete(self) -> bool:
        return True

    def supports_upsert(self) -> bool:
        return True

    def get_upsert_syntax_type(self) -> str:
        return "MERGE"

    def supports_on_conflict_clause(self) -> bool:
        # The ON CONFLICT form is rewritten to MERGE by format_insert_statement.
        return False

    # --- RETURNING INTO ----------------------------------------------------------------------
    def format_returning_into(self, clause: Any, table_sql: str) -> tuple[str, tuple]:
        exprs: list[str] = []
        outs: list[OutBind] = []
        for item in clause.expressions:
            if getattr(item, "value", None) == "*" and not hasattr(item, "name"):
                raise UnsupportedFeatureError(
                    self.name, "RETURNING *", "Oracle's RETURNING INTO needs the columns listed one by one"
                )
            sql, params = item.to_sql()
            if params:
                raise UnsupportedFeatureError(self.name, "bind parameters inside RETURNING")
            name = getattr(item, "alias", None) or getattr(item, "name", None) or sql
            # The alias is not part of RETURNING syntax; the backend names the result column.
            bare = sql.split(" AS ")[0] if getattr(item, "alias", None) else sql
            exprs.append(bare)
            outs.append(OutBind(column=str(name), expression=bare, table=table_sql))
        placeholders = ", ".join(self.get_parameter_placeholder() for _ in outs)
        return f"RETURNING {', '.join(exprs)} INTO {placeholders}", tuple(outs)

    def format_returning_clause(self, clause: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(
            self.name,
            "RETURNING without INTO",
            "Oracle's RETURNING needs INTO targets; it is rendered by the INSERT/UPDATE/DELETE formatters",
        )

    def _with_returning(self, expr: Any, table_sql: str, render: Any) -> tuple[str, tuple]:
        plain = copy.copy(expr)
        plain.returning = None
        sql, params = render(plain)
        if expr.returning:
            ret_sql, ret_params = self.format_returning_into(expr.returning, table_sql)
            return f"{sql} {ret_sql}", tuple(params) + ret_params
        return sql, tuple(params)

    # --- INSERT ------------------------------------------------------------------------------
    def format_insert_statement(self, expr: Any) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import DefaultValuesSource, ValuesSource

        if isinstance(expr.source, DefaultValuesSource):
            raise UnsupportedFeatureError(
                self.name, "INSERT ... DEFAULT VALUES", "Oracle needs at least one column: VALUES (DEFAULT)"
            )
        table_sql, _ = expr.into.to_sql()
        if expr.on_conflict:
            if expr.returning:
                raise UnsupportedFeatureError(self.name, "RETURNING with MERGE", "MERGE ... RETURNING needs 23ai")
            return self.format_merge_upsert(expr)
        rows = expr.source.values_list if isinstance(expr.source, ValuesSource) else None
        if rows is not None and len(rows) > 1:
            if expr.returning:
                raise UnsupportedFeatureError(
                    self.name, "RETURNING for several rows in one INSERT", "insert row by row (executemany)"
                )
            return self._insert_select_union(expr, table_sql, rows)
        return self._with_returning(expr, table_sql, super().format_insert_statement)  # type: ignore[misc]

    def _insert_select_union(self, expr: Any, table_sql: str, rows: list) -> tuple[str, tuple]:
        params: list[Any] = []
        selects = []
        for row in rows:
            values = []
            for value in row:
                s, p = value.to_sql()
                values.append(s)
                params.extend(p)
            selects.append(f"SELECT {', '.join(values)} FROM DUAL")
        cols = f" ({', '.join(self.format_identifier(c) for c in expr.columns)})" if expr.columns else ""
        return f"INSERT INTO {table_sql}{cols} {' UNION ALL '.join(selects)}", tuple(params)

    def format_merge_upsert(self, expr: Any) -> tuple[str, tuple]:
        """``INSERT ... ON CONFLICT (keys) DO UPDATE/NOTHING`` as one MERGE statement."""
        from rhosocial.activerecord.backend.expression.statements import ValuesSource

        if len(expr.on_conflict) != 1 or not isinstance(expr.source, ValuesSource) or len(expr.source.values_list) != 1:
            raise UnsupportedFeatureError(
                self.name, "this upsert shape", "MERGE upsert takes one row and one conflict target"
            )
        clause = expr.on_conflict[0]
        if not clause.conflict_target:
            raise UnsupportedFeatureError(self.name, "upsert without conflict columns", "MERGE needs the key columns")
        table_sql, _ = expr.into.to_sql()
        params: list[Any] = []
        src_cols = []
        for col, value in zip(expr.columns, expr.source.values_list[0], strict=True):
            s, p = value.to_sql()
            src_cols.append(f"{s} {self.format_identifier(col)}")
            params.extend(p)
        keys = [t if isinstance(t, str) else getattr(t, "name", str(t)) for t in clause.conflict_target]
        on = " AND ".join(f"t.{self.format_identifier(k)} = s.{self.format_identifier(k)}" for k in keys)
        sql = f"MERGE INTO {table_sql} t USING (SELECT {', '.join(src_cols)} FROM DUAL) s ON ({on})"
        if not clause.do_nothing and clause.update_assignments:
            # ON CONFLICT's "EXCLUDED" row is MERGE's source s; bare columns mean the target t.
            scope = {'"EXCLUDED"': "s", self.format_identifier(expr.into.name): "t"}
            sets = []
            for col, value in clause.update_assignments.items():
                if col in keys:
                    raise UnsupportedFeatureError(
                        self.name, f"updating the conflict key {col!r} in an upsert", "MERGE cannot (ORA-38104)"
                    )
                if isinstance(value, bases.BaseExpression):
                    s, p = value.to_sql()
                    s = rescope(s, scope, "t")
                    params.extend(p)
                else:
                    s = self.get_parameter_placeholder()
                    params.append(value)
                sets.append(f"t.{self.format_identifier(col)} = {s}")
            sql += f" WHEN MATCHED THEN UPDATE SET {', '.join(sets)}"
            if clause.update_where:
                s, p = clause.update_where.to_sql()
                sql += f" WHERE {rescope(s, scope, 't')}"
                params.extend(p)
        insert_cols = ", ".join(self.format_identifier(c) for c in expr.columns)
        insert_vals = ", ".join(f"s.{self.format_identifier(c)}" for c in expr.columns)
        sql += f" WHEN NOT MATCHED THEN INSERT ({insert_cols}) VALUES ({insert_vals})"
        return sql, tuple(params)

    # --- UPDATE / DELETE -----------------------------------------------------------------------
    def format_update_statement(self, expr: Any) -> tuple[str, tuple]:
        if expr.from_:
            raise UnsupportedFeatureError(self.name, "UPDATE ... FROM", "use a correlated subquery or MERGE on Oracle")
        table_sql, _ = expr.table.to_sql()
        return self._with_returning(expr, table_sql, super().format_update_statement)  # type: ignore[misc]

    def format_delete_statement(self, expr: Any) -> tuple[str, tuple]:
        if expr.using:
            raise UnsupportedFeatureError(self.name, "DELETE ... USING", "use WHERE ... IN (subquery) on Oracle")
        tables = expr.tables if isinstance(expr.tables, list) else [expr.tables]
        table_sql, _ = tables[0].to_sql()
        return self._with_returning(expr, table_sql, super().format_delete_statement)  # type: ignore[misc]
