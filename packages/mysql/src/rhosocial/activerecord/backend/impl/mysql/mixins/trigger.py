"""CREATE/DROP TRIGGER in MySQL's grammar.

``CREATE TRIGGER name {BEFORE | AFTER} {INSERT | UPDATE | DELETE} ON t FOR EACH ROW body``: the
core's trigger names a routine, so the body is ``CALL routine()`` (a stored procedure). One event
per trigger, row level only, no WHEN, no UPDATE OF, no REFERENCING: those are refused.
``DROP TRIGGER [IF EXISTS] name``: trigger names are unique per schema, MySQL takes no table.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError


class MySQLTriggerMixin:
    def format_create_trigger_statement(self, expr: Any) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import TriggerLevel, TriggerTiming

        refused = [
            label
            for label, present in (
                ("INSTEAD OF triggers", expr.timing == TriggerTiming.INSTEAD_OF),
                ("statement-level triggers", expr.level != TriggerLevel.ROW),
                ("several events in one trigger", len(expr.events) != 1),
                ("trigger WHEN condition", expr.condition is not None),
                ("UPDATE OF columns", bool(expr.update_columns)),
                ("REFERENCING", bool(expr.referencing)),
                ("CREATE TRIGGER IF NOT EXISTS", expr.if_not_exists),
            )
            if present
        ]
        if refused:
            raise UnsupportedFeatureError(self.server_label, ", ".join(refused))  # type: ignore[attr-defined]
        self._refuse_options("CREATE TRIGGER", expr.dialect_options)  # type: ignore[attr-defined]
        fmt = self.format_identifier  # type: ignore[attr-defined]
        return (
            f"CREATE TRIGGER {fmt(expr.trigger_name)} {expr.timing.value} {expr.events[0].value} "
            f"ON {fmt(expr.table_name)} FOR EACH ROW CALL {fmt(expr.function_name)}()",
            (),
        )

    def format_drop_trigger_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("DROP TRIGGER", expr.dialect_options)  # type: ignore[attr-defined]
        head = "DROP TRIGGER IF EXISTS" if expr.if_exists else "DROP TRIGGER"
        return f"{head} {self.format_identifier(expr.trigger_name)}", ()  # type: ignore[attr-defined]
