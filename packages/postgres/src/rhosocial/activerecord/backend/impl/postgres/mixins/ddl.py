"""ALTER TABLE actions with PostgreSQL's IF [NOT] EXISTS modifiers, which the core's standard forms omit,
and ``NOT VALID`` for a constraint added with ``dialect_options={"validation": ConstraintValidation.NOVALIDATE}``
(the core documents the option for PostgreSQL but does not render it)."""

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

    def format_add_table_constraint_action(self, action) -> tuple[str, tuple]:
        sql, params = super().format_add_table_constraint_action(action)  # type: ignore[misc]
        validation = (action.dialect_options or {}).get("validation")
        if validation is not None and getattr(validation, "value", validation) == "NOT VALID":
            sql += " NOT VALID"
        elif validation is not None and getattr(validation, "value", validation) != "VALIDATE":
            raise ValueError(f"PostgreSQL ADD CONSTRAINT: unknown validation {validation!r}")
        return sql, params
