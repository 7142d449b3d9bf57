"""BEGIN / SET TRANSACTION in PostgreSQL's form: isolation level, READ ONLY, DEFERRABLE in one statement."""

from __future__ import annotations

from typing import Any


def _name(value: Any) -> str:
    return value.name if hasattr(value, "name") else str(value)


class PostgresTransactionMixin:
    def _transaction_options(self, params: dict) -> list[str]:
        options = []
        isolation = params.get("isolation_level")
        if isolation:
            options.append(f"ISOLATION LEVEL {self.get_isolation_level_name(isolation)}")  # type: ignore[attr-defined]
        mode = params.get("mode")
        if mode is not None:
            options.append("READ ONLY" if _name(mode) == "READ_ONLY" else "READ WRITE")
        deferrable = params.get("deferrable")
        if deferrable is not None:
            # Only meaningful for SERIALIZABLE READ ONLY, accepted (and ignored) by the server otherwise.
            options.append("DEFERRABLE" if deferrable else "NOT DEFERRABLE")
        return options

    def format_begin_transaction(self, expr) -> tuple[str, tuple]:
        return " ".join(["BEGIN", *self._transaction_options(expr.get_params())]), ()

    def format_set_transaction(self, expr) -> tuple[str, tuple]:
        params = expr.get_params()
        head = "SET SESSION CHARACTERISTICS AS TRANSACTION" if params.get("session") else "SET TRANSACTION"
        return " ".join([head, *self._transaction_options(params)]), ()
