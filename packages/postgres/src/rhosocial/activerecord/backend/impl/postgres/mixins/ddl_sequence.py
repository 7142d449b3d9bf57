"""Sequences in PostgreSQL's form: ``OWNED BY`` with the table and column quoted (the core writes the
text it is given into the statement), numbers checked to be integers, and ``ORDER`` (an Oracle option
PostgreSQL does not have) refused instead of sent."""

from __future__ import annotations

from .options import check_options

_NUMBERS = ("start", "increment", "minvalue", "maxvalue", "cache", "restart")


class PostgresSequenceMixin:
    def _checked_sequence(self, statement: str, expr) -> None:
        check_options(statement, getattr(expr, "dialect_options", None), ())
        if getattr(expr, "order", None):
            raise ValueError(f"PostgreSQL {statement}: sequences have no ORDER option")
        for name in _NUMBERS:
            value = getattr(expr, name, None)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError(f"PostgreSQL {statement}: {name} must be an integer, got {value!r}")

    def _owned_by(self, sql: str, owned_by) -> str:
        if not owned_by:
            return sql
        parts = str(owned_by).split(".")
        if len(parts) not in (2, 3) or not all(parts):
            raise ValueError(f"OWNED BY needs table.column (or schema.table.column), got {owned_by!r}")
        tail = f" OWNED BY {owned_by}"
        if not sql.endswith(tail):  # the core's layout changed: refuse rather than guess
            raise ValueError(f"unexpected sequence layout from the core: {sql[-80:]!r}")
        quoted = ".".join(self.format_identifier(p) for p in parts)  # type: ignore[attr-defined]
        return f"{sql[: -len(tail)]} OWNED BY {quoted}"

    def format_create_sequence_statement(self, expr) -> tuple[str, tuple]:
        self._checked_sequence("CREATE SEQUENCE", expr)
        sql, params = super().format_create_sequence_statement(expr)  # type: ignore[misc]
        return self._owned_by(sql, expr.owned_by), params

    def format_alter_sequence_statement(self, expr) -> tuple[str, tuple]:
        self._checked_sequence("ALTER SEQUENCE", expr)
        sql, params = super().format_alter_sequence_statement(expr)  # type: ignore[misc]
        return self._owned_by(sql, expr.owned_by), params
