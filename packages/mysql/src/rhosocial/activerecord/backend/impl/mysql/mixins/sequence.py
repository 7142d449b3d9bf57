"""Sequences: MariaDB 10.3+ only (``MariaDBSequenceMixin``, in the MariaDB dialect); MySQL has none
and refuses every sequence statement.

MariaDB's grammar (CREATE/ALTER SEQUENCE in its reference): ``INCREMENT BY n``, ``MINVALUE n``,
``MAXVALUE n``, ``START WITH n``, ``CACHE n``, ``CYCLE | NOCYCLE``; there is no ORDER and no
OWNED BY, so those are refused rather than dropped.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError


class MySQLSequenceMixin:
    """MySQL: no sequences; every sequence statement is refused naming the server.

    The answers come from the capability table, so the MariaDB subclass below claims them from 10.3.
    """

    def _no_sequences(self, statement: str) -> tuple[str, tuple]:
        self.require("sequences")  # type: ignore[attr-defined]  # raises with the server and version
        raise UnsupportedFeatureError(self.server_label, statement)  # type: ignore[attr-defined]

    def format_create_sequence_statement(self, expr: Any) -> tuple[str, tuple]:
        return self._no_sequences("CREATE SEQUENCE")

    def format_alter_sequence_statement(self, expr: Any) -> tuple[str, tuple]:
        return self._no_sequences("ALTER SEQUENCE")

    def format_drop_sequence_statement(self, expr: Any) -> tuple[str, tuple]:
        return self._no_sequences("DROP SEQUENCE")


class MariaDBSequenceMixin(MySQLSequenceMixin):
    """MariaDB's CREATE / ALTER / DROP SEQUENCE (10.3+; older versions are refused by the table)."""

    def format_create_sequence_statement(self, expr: Any) -> tuple[str, tuple]:
        self.require("sequences")  # type: ignore[attr-defined]
        self._refuse_sequence_options(expr, order=expr.order, owned_by=expr.owned_by)
        head = "CREATE SEQUENCE IF NOT EXISTS" if expr.if_not_exists else "CREATE SEQUENCE"
        options = self._sequence_options(expr)
        if expr.cycle is not None:
            options.append("CYCLE" if expr.cycle else "NOCYCLE")
        return " ".join([head, self.format_identifier(expr.sequence_name), *options]), ()  # type: ignore[attr-defined]

    def format_alter_sequence_statement(self, expr: Any) -> tuple[str, tuple]:
        self.require("sequences")  # type: ignore[attr-defined]
        self._refuse_sequence_options(expr, order=expr.order is not None, owned_by=expr.owned_by is not None)
        options = self._sequence_options(expr)
        if expr.cycle is not None:
            options.append("CYCLE" if expr.cycle else "NOCYCLE")
        if expr.restart is not None:
            options.append(f"RESTART WITH {int(expr.restart)}")
        if not options:
            raise ValueError("ALTER SEQUENCE needs at least one option")
        return " ".join(["ALTER SEQUENCE", self.format_identifier(expr.sequence_name), *options]), ()  # type: ignore[attr-defined]

    def format_drop_sequence_statement(self, expr: Any) -> tuple[str, tuple]:
        self.require("sequences")  # type: ignore[attr-defined]
        self._refuse_options("DROP SEQUENCE", expr.dialect_options)  # type: ignore[attr-defined]
        head = "DROP SEQUENCE IF EXISTS" if expr.if_exists else "DROP SEQUENCE"
        return f"{head} {self.format_identifier(expr.sequence_name)}", ()  # type: ignore[attr-defined]

    def _refuse_sequence_options(self, expr: Any, *, order: Any, owned_by: Any) -> None:
        if order:
            raise UnsupportedFeatureError(self.server_label, "SEQUENCE ... ORDER", "MariaDB has no ORDER option.")  # type: ignore[attr-defined]
        if owned_by:
            raise UnsupportedFeatureError(self.server_label, "SEQUENCE ... OWNED BY", "MariaDB has no OWNED BY.")  # type: ignore[attr-defined]
        self._refuse_options("SEQUENCE", expr.dialect_options)  # type: ignore[attr-defined]

    @staticmethod
    def _sequence_options(expr: Any) -> list[str]:
        options = []
        for keyword, value in (
            ("INCREMENT BY", expr.increment),
            ("MINVALUE", expr.minvalue),
            ("MAXVALUE", expr.maxvalue),
            ("START WITH", expr.start),
            ("CACHE", expr.cache),
        ):
            if value is not None:
                options.append(f"{keyword} {int(value)}")
        return options
