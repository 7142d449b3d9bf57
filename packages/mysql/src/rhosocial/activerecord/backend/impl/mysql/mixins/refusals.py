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

    # -- dialect_options: no key below has a MySQL rendering, so any key is refused, never ignored ------
    def format_query_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("SELECT", expr.dialect_options)  # type: ignore[attr-defined]
        return super().format_query_statement(expr)  # type: ignore[misc]

    def format_update_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("UPDATE", expr.dialect_options)  # type: ignore[attr-defined]
        return super().format_update_statement(expr)  # type: ignore[misc]

    def format_delete_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("DELETE", expr.dialect_options)  # type: ignore[attr-defined]
        return super().format_delete_statement(expr)  # type: ignore[misc]

    def format_returning_clause(self, clause: Any) -> tuple[str, tuple]:
        self._refuse_options("RETURNING", clause.dialect_options)  # type: ignore[attr-defined]
        return super().format_returning_clause(clause)  # type: ignore[misc]

    def format_join_expression(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("JOIN", expr.dialect_options)  # type: ignore[attr-defined]
        return super().format_join_expression(expr)  # type: ignore[misc]

    def format_with_query(
        self,
        cte_sql_parts: list[str],
        main_query_sql: str,
        dialect_options: Optional[dict[str, Any]] = None,
        has_recursive: bool = False,
    ) -> str:
        self._refuse_options("WITH", dialect_options)  # type: ignore[attr-defined]
        return super().format_with_query(cte_sql_parts, main_query_sql, None, has_recursive)  # type: ignore[misc]

    def format_drop_table_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("DROP TABLE", expr.dialect_options)  # type: ignore[attr-defined]
        if expr.cascade:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "DROP TABLE ... CASCADE",
                "the server parses CASCADE and ignores it; drop the referencing tables or keys first.",
            )
        return super().format_drop_table_statement(expr)  # type: ignore[misc]

    # -- routines: the core's CREATE FUNCTION is PostgreSQL-shaped (language, body as text) ------------
    def format_create_function_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(
            self.server_label,  # type: ignore[attr-defined]
            "CREATE FUNCTION from CreateFunctionExpression",
            "MySQL's stored functions need DETERMINISTIC/SQL DATA characteristics the expression has no field "
            "for; create them with execute().",
        )

    def format_drop_function_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(
            self.server_label,  # type: ignore[attr-defined]
            "DROP FUNCTION from DropFunctionExpression",
            "functions are not created through the expression either; drop them with execute().",
        )
