"""MERGE as Oracle's grammar has it (SQL Language Reference, MERGE).

``MERGE INTO target [alias] USING source [alias] ON (condition)
[WHEN MATCHED THEN UPDATE SET c = e, ... [WHERE cond]]
[WHEN NOT MATCHED THEN INSERT (cols) VALUES (vals) [WHERE cond]]``

- the ON condition is always parenthesised (the grammar requires it);
- the standard's ``WHEN [NOT] MATCHED AND cond`` becomes the clause's ``WHERE cond``
  (same rows affected);
- one clause of each kind only; ``THEN DELETE``, ``NOT MATCHED BY SOURCE`` and an INSERT without
  columns have no Oracle spelling and are refused;
- a VALUES source is a ``SELECT ... FROM DUAL UNION ALL ...`` subquery (row constructors in FROM
  need 23ai).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ._host import DialectHost

_STRING_OR_IDENTIFIER = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")


def rescope(sql: str, mapping: dict[str, str], bare: Optional[str]) -> str:
    """Requalify column references in ``sql`` (outside string literals).

    ``mapping``: a quoted qualifier (``"EXCLUDED"``) to the alias that replaces it (``s``);
    ``bare``: the alias put in front of an unqualified quoted column, so that MERGE's UPDATE and
    WHERE parts refer to the target as an ON CONFLICT update does (Oracle would otherwise find the
    name in both target and source: ORA-00918).
    """
    out: list[str] = []
    last = 0
    for match in _STRING_OR_IDENTIFIER.finditer(sql):
        start, end = match.span()
        out.append(sql[last:start])
        token = match.group(0)
        last = end
        if token.startswith("'"):
            out.append(token)
            continue
        qualified = start > 0 and sql[start - 1] == "."
        qualifier = sql.startswith(".", end)
        if qualifier and token in mapping:
            out.append(mapping[token])
        elif not qualified and not qualifier and bare is not None:
            out.append(f"{bare}.{token}")
        else:
            out.append(token)
    out.append(sql[last:])
    return "".join(out)


class OracleMergeMixin(DialectHost):
    def format_values_expression(self, values: list, alias: Optional[str], column_names: Optional[list]) -> Any:
        if not column_names:
            raise UnsupportedFeatureError(self.name, "VALUES rows without column names", "Oracle needs them named")
        params: list[Any] = []
        selects = []
        for row in values:
            if len(row) != len(column_names):
                raise ValueError("each VALUES row needs one value per column name")
            cols = ", ".join(
                f"{self.get_parameter_placeholder()} {self.format_identifier(name)}" for name in column_names
            )
            selects.append(f"SELECT {cols} FROM DUAL")
            params.extend(row)
        sql = f"({' UNION ALL '.join(selects)})"
        if alias is not None:
            sql += f" {self.format_identifier(alias)}"
        return sql, tuple(params)

    def format_merge_statement(self, expr: Any) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import MergeActionType

        if expr.when_not_matched_by_source:
            raise UnsupportedFeatureError(self.name, "MERGE ... WHEN NOT MATCHED BY SOURCE")
        if len(expr.when_matched) > 1 or len(expr.when_not_matched) > 1:
            raise UnsupportedFeatureError(
                self.name, "several WHEN [NOT] MATCHED clauses", "Oracle takes one of each kind"
            )
        params: list[Any] = []
        target_sql, p = expr.target_table.to_sql()
        params.extend(p)
        source_sql, p = expr.source.to_sql()
        params.extend(p)
        on_sql, p = expr.on_condition.to_sql()
        params.extend(p)
        parts = [f"MERGE INTO {target_sql} USING {source_sql} ON ({on_sql})"]
        for action in expr.when_matched:
            if action.action_type != MergeActionType.UPDATE:
                raise UnsupportedFeatureError(
                    self.name, f"WHEN MATCHED THEN {action.action_type.value}", "Oracle's MERGE updates matched rows"
                )
            sets = []
            for col, value in action.assignments.items():
                sql, p = value.to_sql()
                sets.append(f"{self.format_identifier(col)} = {sql}")
                params.extend(p)
            parts.append(f"WHEN MATCHED THEN UPDATE SET {', '.join(sets)}")
            parts.extend(self._merge_where(action, params))
        for action in expr.when_not_matched:
            if action.action_type != MergeActionType.INSERT or not action.assignments:
                raise UnsupportedFeatureError(
                    self.name, "WHEN NOT MATCHED without INSERT (columns)", "Oracle inserts named columns"
                )
            cols, vals = [], []
            for col, value in action.assignments.items():
                sql, p = value.to_sql()
                cols.append(self.format_identifier(col))
                vals.append(sql)
                params.extend(p)
            parts.append(f"WHEN NOT MATCHED THEN INSERT ({', '.join(cols)}) VALUES ({', '.join(vals)})")
            parts.extend(self._merge_where(action, params))
        return " ".join(parts), tuple(params)

    @staticmethod
    def _merge_where(action: Any, params: list) -> list[str]:
        if action.condition is None:
            return []
        sql, p = action.condition.to_sql()
        params.extend(p)
        return [f"WHERE {sql}"]
