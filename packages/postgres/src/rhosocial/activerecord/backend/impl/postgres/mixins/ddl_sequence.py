"""Sequences in PostgreSQL's form: ``OWNED BY`` checked to be ``table.column`` (plain or double-quoted
names; the core writes the text it is given into the statement), numbers checked to be integers, and
``ORDER`` (an Oracle option PostgreSQL does not have) refused instead of sent."""

from __future__ import annotations

import re

from .options import check_options, unsupported

_NAME = r'(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)'
_OWNER = re.compile(rf"{_NAME}(?:\.{_NAME}){{1,2}}")

_NUMBERS = ("start", "increment", "minvalue", "maxvalue", "cache", "restart")


class PostgresSequenceMixin:
    def _checked_sequence(self, statement: str, expr) -> None:
        check_options(statement, getattr(expr, "dialect_options", None), ())
        if getattr(expr, "order", None):
            raise unsupported(self, f"{statement} ... ORDER", "PostgreSQL sequences have no ORDER option")
        for name in _NUMBERS:
            value = getattr(expr, name, None)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError(f"PostgreSQL {statement}: {name} must be an integer, got {value!r}")

    @staticmethod
    def _check_owner(owned_by) -> None:
        if owned_by and not _OWNER.fullmatch(str(owned_by)):
            raise ValueError(f"OWNED BY needs table.column (or schema.table.column), got {owned_by!r}")

    def format_create_sequence_statement(self, expr) -> tuple[str, tuple]:
        self._checked_sequence("CREATE SEQUENCE", expr)
        self._check_owner(expr.owned_by)
        return super().format_create_sequence_statement(expr)  # type: ignore[misc]

    def format_alter_sequence_statement(self, expr) -> tuple[str, tuple]:
        self._checked_sequence("ALTER SEQUENCE", expr)
        self._check_owner(expr.owned_by)
        return super().format_alter_sequence_statement(expr)  # type: ignore[misc]
