"""Views in PostgreSQL's form: literals in the query inline (no bind parameters in DDL) and a
materialized view's storage parameters rendered (the core drops them):
``CREATE MATERIALIZED VIEW name [(cols)] [WITH (...)] [TABLESPACE ts] AS query WITH [NO] DATA``.
"""

from __future__ import annotations

from .options import check_options, storage_parameters


class PostgresViewMixin:
    def format_create_view_statement(self, expr) -> tuple[str, tuple]:
        options = expr.options
        check_options("CREATE VIEW", getattr(options, "dialect_options", None), ())
        for name in (
            "algorithm",
            "definer",
            "security",
            "schemabinding",
            "encryption",
            "force",
            "read_only",
            "materialized",
            "recursive",
        ):
            if getattr(options, name, None):
                raise ValueError(f"PostgreSQL CREATE VIEW has no {name} option (ViewOptions.{name})")
        return self.inline_ddl(lambda: super(PostgresViewMixin, self).format_create_view_statement(expr))  # type: ignore[attr-defined,misc]

    def format_create_materialized_view_statement(self, expr) -> tuple[str, tuple]:
        check_options("CREATE MATERIALIZED VIEW", expr.dialect_options, ())
        return self.inline_ddl(lambda: self._materialized_view_sql(expr))  # type: ignore[attr-defined]

    def _materialized_view_sql(self, expr) -> tuple[str, tuple]:
        sql, params = super().format_create_materialized_view_statement(expr)  # type: ignore[misc]
        if expr.storage_options:
            head = f"CREATE MATERIALIZED VIEW {self.format_identifier(expr.view_name)}"  # type: ignore[attr-defined]
            if expr.column_aliases:
                head += f" ({', '.join(self.format_identifier(c) for c in expr.column_aliases)})"  # type: ignore[attr-defined]
            if not sql.startswith(head + " "):  # the core's layout changed: refuse rather than guess
                raise ValueError(f"unexpected CREATE MATERIALIZED VIEW layout from the core: {sql[:80]!r}")
            storage = storage_parameters(expr.storage_options, self.sql_literal)  # type: ignore[attr-defined]
            sql = f"{head} {storage}{sql[len(head) :]}"
        return sql, params
