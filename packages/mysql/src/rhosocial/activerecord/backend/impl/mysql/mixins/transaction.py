"""START TRANSACTION [READ ONLY]; isolation is set by a separate SET TRANSACTION (MySQL has no BEGIN ... ISOLATION).

A BEGIN expression asking for an isolation level or DEFERRABLE is refused, never rendered without it:
the transaction manager sends ``SET TRANSACTION ISOLATION LEVEL ...`` first and then a plain BEGIN.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.transaction import TransactionMode


class MySQLTransactionMixin:
    def format_begin_transaction(self, expr: Any) -> tuple[str, tuple]:
        params = expr.get_params()
        if params.get("deferrable"):
            raise UnsupportedFeatureError(self.server_label, "DEFERRABLE transactions")  # type: ignore[attr-defined]
        if params.get("isolation_level") is not None:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "isolation level in START TRANSACTION",
                "send SET TRANSACTION ISOLATION LEVEL first (the transaction manager does).",
            )
        mode = params.get("mode")
        if mode == TransactionMode.READ_ONLY:
            return "START TRANSACTION READ ONLY", ()
        return "START TRANSACTION", ()

    def format_set_transaction(self, expr: Any) -> tuple[str, tuple]:
        params = expr.get_params()
        parts = []
        level = params.get("isolation_level")
        if level is not None:
            parts.append(f"ISOLATION LEVEL {self.get_isolation_level_name(level)}")  # type: ignore[attr-defined]
        mode = params.get("mode")
        if mode is not None:
            parts.append("READ ONLY" if mode == TransactionMode.READ_ONLY else "READ WRITE")
        if not parts:
            raise ValueError("SET TRANSACTION needs an isolation level or an access mode")
        return "SET TRANSACTION " + ", ".join(parts), ()

    def isolation_sql(self, level: Any) -> str:
        """The statement that sets the next transaction's isolation level."""
        return f"SET TRANSACTION ISOLATION LEVEL {self.get_isolation_level_name(level)}"  # type: ignore[attr-defined]
