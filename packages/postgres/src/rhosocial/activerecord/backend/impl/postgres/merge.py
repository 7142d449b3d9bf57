"""MERGE on PostgreSQL: the core's MergeExpression, ``WHEN NOT MATCHED BY SOURCE`` (17+) checked, and
``RETURNING`` (17+) through :class:`PostgresMergeExpression`::

    merge = PostgresMergeExpression(d, "stock", source, on, when_matched=[...], when_not_matched=[...],
                                    when_not_matched_by_source=[MergeAction(MergeActionType.DELETE)],
                                    returning=[merge_action(d), Column(d, "id")])

On a server before 17 either raises ``UnsupportedCapabilityError`` naming the server version, instead of
sending SQL the server would reject or, worse, silently doing less.
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.expression import RawSQLExpression
from rhosocial.activerecord.backend.expression.statements import MergeExpression


def merge_action(dialect: Any, alias: Optional[str] = "action") -> RawSQLExpression:
    """``merge_action()``: 'INSERT', 'UPDATE' or 'DELETE' for each row a MERGE ... RETURNING returns (17+)."""
    sql = "merge_action()" + (f" AS {dialect.format_identifier(alias)}" if alias else "")
    return RawSQLExpression(dialect, sql)


class PostgresMergeExpression(MergeExpression):
    """The core's MergeExpression plus ``returning``: expressions (or column names) for RETURNING."""

    def __init__(self, *args: Any, returning: Optional[list] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.returning = list(returning or [])


class PostgresMergeMixin:
    def format_merge_statement(self, expr: Any) -> tuple[str, tuple]:
        self.require_capability("merge")  # type: ignore[attr-defined]
        if expr.when_not_matched_by_source:
            self.require_capability("merge_not_matched_by_source")  # type: ignore[attr-defined]
        sql, params = super().format_merge_statement(expr)  # type: ignore[misc]
        returning = getattr(expr, "returning", None)
        if not returning:
            return sql, params
        self.require_capability("merge_returning")  # type: ignore[attr-defined]
        parts, extra = [], []
        for item in returning:
            if isinstance(item, str):
                parts.append(self.format_identifier(item))  # type: ignore[attr-defined]
            else:
                item_sql, item_params = item.to_sql()
                parts.append(item_sql)
                extra.extend(item_params)
        return f"{sql} RETURNING {', '.join(parts)}", tuple(params) + tuple(extra)
