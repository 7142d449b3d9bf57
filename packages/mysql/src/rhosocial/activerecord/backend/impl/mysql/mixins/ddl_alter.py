"""ALTER TABLE actions: IF [NOT] EXISTS modifiers (MariaDB has them, MySQL does not), ALTER COLUMN
(only SET/DROP DEFAULT exist in MySQL), and MODIFY / CHANGE COLUMN (MySQL's way to change a
column's type or nullability)."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

_ALTER_COLUMN_OPERATIONS = ("SET DEFAULT", "DROP DEFAULT")


class MySQLAlterModifierMixin:
    """ADD COLUMN IF NOT EXISTS and friends: MariaDB has them, MySQL does not."""

    def format_add_column_action(self, action: Any) -> tuple[str, tuple]:
        self._refuse_options("ADD COLUMN", action.dialect_options)  # type: ignore[attr-defined]
        column_sql, params = self.format_column_definition(action.column)  # type: ignore[attr-defined]
        sql = f"ADD COLUMN {column_sql}"
        if getattr(action, "if_not_exists", False):
            self.require("add_column_if_not_exists")  # type: ignore[attr-defined]
            sql = f"ADD COLUMN IF NOT EXISTS {column_sql}"
        for constraint_sql, p in self.column_table_constraints(action.column):  # type: ignore[attr-defined]
            sql += f", ADD {constraint_sql}"
            params += p
        return sql, params

    def format_drop_column_action(self, action: Any) -> tuple[str, tuple]:
        self._refuse_options("DROP COLUMN", action.dialect_options)  # type: ignore[attr-defined]
        name = self.format_identifier(action.column_name)  # type: ignore[attr-defined]
        if getattr(action, "if_exists", False):
            self.require("add_column_if_not_exists")  # type: ignore[attr-defined]
            return f"DROP COLUMN IF EXISTS {name}", ()
        return f"DROP COLUMN {name}", ()

    def format_drop_table_constraint_action(self, action: Any) -> tuple[str, tuple]:
        self._refuse_options("DROP CONSTRAINT", getattr(action, "dialect_options", None))  # type: ignore[attr-defined]
        if action.cascade:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "DROP CONSTRAINT ... CASCADE",
                "drop the dependent foreign keys first.",
            )
        name = self.format_identifier(action.constraint_name)  # type: ignore[attr-defined]
        if getattr(action, "if_exists", False):
            self.require("drop_constraint_if_exists")  # type: ignore[attr-defined]
            return f"DROP CONSTRAINT IF EXISTS {name}", ()
        return f"DROP CONSTRAINT {name}", ()

    def format_alter_column_action(self, action: Any) -> tuple[str, tuple]:
        operation = getattr(action.operation, "value", str(action.operation)).upper()
        if operation not in _ALTER_COLUMN_OPERATIONS or action.cascade:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"ALTER COLUMN ... {operation}{' CASCADE' if action.cascade else ''}",
                "MySQL's ALTER COLUMN only sets or drops a default; use ModifyColumn for type and nullability.",
            )
        self._refuse_options("ALTER COLUMN", action.dialect_options)  # type: ignore[attr-defined]
        head = f"ALTER COLUMN {self.format_identifier(action.column_name)} {operation}"  # type: ignore[attr-defined]
        if operation == "DROP DEFAULT":
            return head, ()
        if action.new_value is None:
            raise ValueError("ALTER COLUMN ... SET DEFAULT needs new_value")
        if hasattr(action.new_value, "to_sql"):
            sql, params = action.new_value.to_sql()
            return f"{head} {sql}", tuple(params)
        return f"{head} {self.get_parameter_placeholder()}", (action.new_value,)  # type: ignore[attr-defined]

    def format_rename_column_action(self, action: Any) -> tuple[str, tuple]:
        """RENAME COLUMN, or RENAME INDEX / KEY for RenameObject(object_type="INDEX")."""
        self._refuse_options("RENAME", action.dialect_options)  # type: ignore[attr-defined]
        kind = str(getattr(action, "object_type", "COLUMN")).upper()
        if kind not in ("COLUMN", "INDEX", "KEY"):
            raise UnsupportedFeatureError(self.server_label, f"ALTER TABLE ... RENAME {kind}")  # type: ignore[attr-defined]
        fmt = self.format_identifier  # type: ignore[attr-defined]
        return f"RENAME {kind} {fmt(action.old_name)} TO {fmt(action.new_name)}", ()

    def format_rename_table_action(self, action: Any) -> tuple[str, tuple]:
        self._refuse_options("RENAME TO", action.dialect_options)  # type: ignore[attr-defined]
        return f"RENAME TO {self.format_identifier(action.new_name)}", ()  # type: ignore[attr-defined]

    def _position(self, action: Any) -> str:
        if action.first:
            return " FIRST"
        if action.after_column:
            return f" AFTER {self.format_identifier(action.after_column)}"  # type: ignore[attr-defined]
        return ""

    def format_modify_column_action(self, action: Any) -> tuple[str, tuple]:
        self._refuse_options("MODIFY COLUMN", action.dialect_options)  # type: ignore[attr-defined]
        column_sql, params = self.format_column_definition(action.column)  # type: ignore[attr-defined]
        return f"MODIFY COLUMN {column_sql}{self._position(action)}", params

    def format_change_column_action(self, action: Any) -> tuple[str, tuple]:
        self._refuse_options("CHANGE COLUMN", action.dialect_options)  # type: ignore[attr-defined]
        column_sql, params = self.format_column_definition(action.column)  # type: ignore[attr-defined]
        old = self.format_identifier(action.old_name)  # type: ignore[attr-defined]
        return f"CHANGE COLUMN {old} {column_sql}{self._position(action)}", params

    def format_add_table_constraint_action(self, action: Any) -> tuple[str, tuple]:
        # The same refusals as in CREATE TABLE (DEFERRABLE, MATCH, EXCLUDE, unknown options).
        self._refuse_options("ADD CONSTRAINT", action.dialect_options)  # type: ignore[attr-defined]
        self.format_table_constraint_sql(action.constraint)  # type: ignore[attr-defined]
        return super().format_add_table_constraint_action(action)  # type: ignore[misc]
