"""ALTER TABLE actions with PostgreSQL's IF [NOT] EXISTS modifiers, which the core's standard forms omit."""

from __future__ import annotations


class PostgresDDLMixin:
    def format_add_column_action(self, action) -> tuple[str, tuple]:
        column_sql, params = self.format_column_definition(action.column)  # type: ignore[attr-defined]
        guard = "IF NOT EXISTS " if getattr(action, "if_not_exists", None) else ""
        return f"ADD COLUMN {guard}{column_sql}", tuple(params)

    def format_drop_table_constraint_action(self, action) -> tuple[str, tuple]:
        guard = "IF EXISTS " if getattr(action, "if_exists", None) else ""
        sql = f"DROP CONSTRAINT {guard}{self.format_identifier(action.constraint_name)}"  # type: ignore[attr-defined]
        if getattr(action, "cascade", None):
            sql += " CASCADE"
        return sql, ()
