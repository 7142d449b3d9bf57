"""ALTER TABLE ... IF [NOT] EXISTS modifiers (MariaDB has them, MySQL does not)."""

from __future__ import annotations

from typing import Any


class MySQLAlterModifierMixin:
    """ADD COLUMN IF NOT EXISTS and friends: MariaDB has them, MySQL does not."""

    def supports_add_column_if_not_exists(self) -> bool:
        return self.capable("add_column_if_not_exists")  # type: ignore[attr-defined]

    def supports_drop_column_if_exists(self) -> bool:
        return self.capable("add_column_if_not_exists")  # type: ignore[attr-defined]

    def supports_drop_constraint_if_exists(self) -> bool:
        return self.capable("drop_constraint_if_exists")  # type: ignore[attr-defined]

    def format_add_column_action(self, action: Any) -> tuple[str, tuple]:
        column_sql, params = self.format_column_definition(action.column)  # type: ignore[attr-defined]
        if getattr(action, "if_not_exists", False):
            self.require("add_column_if_not_exists")  # type: ignore[attr-defined]
            return f"ADD COLUMN IF NOT EXISTS {column_sql}", params
        return f"ADD COLUMN {column_sql}", params

    def format_drop_column_action(self, action: Any) -> tuple[str, tuple]:
        name = self.format_identifier(action.column_name)  # type: ignore[attr-defined]
        if getattr(action, "if_exists", False):
            self.require("add_column_if_not_exists")  # type: ignore[attr-defined]
            return f"DROP COLUMN IF EXISTS {name}", ()
        return f"DROP COLUMN {name}", ()

    def format_drop_table_constraint_action(self, action: Any) -> tuple[str, tuple]:
        name = self.format_identifier(action.constraint_name)  # type: ignore[attr-defined]
        if getattr(action, "if_exists", False):
            self.require("drop_constraint_if_exists")  # type: ignore[attr-defined]
            return f"DROP CONSTRAINT IF EXISTS {name}", ()
        return f"DROP CONSTRAINT {name}", ()
