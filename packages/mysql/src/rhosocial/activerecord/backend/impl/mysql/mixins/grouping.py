"""GROUP BY ... WITH ROLLUP: MySQL's and MariaDB's only super-aggregate grouping.

The core's ``rollup(a, b)`` means ``GROUP BY ROLLUP(a, b)``; MySQL spells the same grouping
``GROUP BY a, b WITH ROLLUP``. Only a ROLLUP that is the whole GROUP BY has that meaning
(``GROUP BY x, ROLLUP(y)`` keeps ``x`` out of the roll-up, which WITH ROLLUP cannot say), so any
other placement is refused, as are CUBE and GROUPING SETS.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.query_parts import GroupingExpression


class MySQLGroupingMixin:
    def format_group_by_having_clause(self, clause: Any) -> tuple[str, tuple]:
        items = list(clause.group_by or [])
        rollups = [e for e in items if isinstance(e, GroupingExpression) and e.operation.upper() == "ROLLUP"]
        if not rollups:
            return super().format_group_by_having_clause(clause)  # type: ignore[misc]
        if len(items) != 1:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "ROLLUP next to other GROUP BY items",
                "MySQL/MariaDB roll up the whole GROUP BY list (GROUP BY a, b WITH ROLLUP); "
                "put every grouping column inside rollup()",
            )
        params: list[Any] = []
        parts = []
        for expr in rollups[0].expressions:
            sql, expr_params = expr.to_sql()
            parts.append(sql)
            params.extend(expr_params)
        sql = f"GROUP BY {', '.join(parts)} WITH ROLLUP"
        if clause.having is not None:
            having_sql, having_params = clause.having.to_sql()
            sql += f" HAVING {having_sql}"
            params.extend(having_params)
        return sql, tuple(params)
