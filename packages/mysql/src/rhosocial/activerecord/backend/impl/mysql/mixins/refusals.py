"""Core statements and hints MySQL/MariaDB have no spelling for: refused instead of rendered.

The core's generic formatters render them whatever the dialect answers; the server would reject
the SQL (MERGE, ARRAY[...]) or, worse, the hint would need a silent drop (CTE MATERIALIZED).
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError


class MySQLRefusalMixin:
    def format_cte(
        self,
        name: str,
        query_sql: str,
        columns: Optional[list[str]] = None,
        recursive: bool = False,
        materialized: Optional[bool] = None,
        dialect_options: Optional[dict[str, Any]] = None,
    ) -> str:
        if materialized is not None:
            raise UnsupportedFeatureError(self.server_label, "CTE [NOT] MATERIALIZED")  # type: ignore[attr-defined]
        self._refuse_options("CTE", dialect_options)  # type: ignore[attr-defined]
        return super().format_cte(name, query_sql, columns, recursive, None, None)  # type: ignore[misc]

    def format_array_expression(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(
            self.server_label,  # type: ignore[attr-defined]
            "ARRAY values",
            "MySQL/MariaDB have no array type; use JSON_ARRAY(...) or IN (...).",
        )

    def format_merge_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(
            self.server_label,  # type: ignore[attr-defined]
            "MERGE",
            "use InsertExpression with on_conflict (ON DUPLICATE KEY UPDATE).",
        )
