"""Transaction statements on Oracle.

Oracle starts a transaction implicitly with the first DML; there is no BEGIN. Isolation level and
READ ONLY are set with ``SET TRANSACTION``, which must be the transaction's first statement.
There is no RELEASE SAVEPOINT: savepoints simply end with the transaction.
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ._host import DialectHost

_LEVELS = {"READ_COMMITTED": "READ COMMITTED", "SERIALIZABLE": "SERIALIZABLE"}


class OracleTransactionMixin(DialectHost):
    def supports_savepoint(self) -> bool:
        return True

    def supports_read_only_transaction(self) -> bool:
        return True

    def supports_transaction_mode(self) -> bool:
        return True  # SET TRANSACTION READ ONLY opens the transaction

    def supports_isolation_level_in_begin(self) -> bool:
        return True  # the transaction's first statement is SET TRANSACTION ISOLATION LEVEL ...

    def supports_deferrable_transaction(self) -> bool:
        return False  # PostgreSQL's SERIALIZABLE READ ONLY DEFERRABLE has no Oracle spelling

    def set_transaction_sql(self, isolation_level: Any = None, read_only: bool = False) -> Optional[str]:
        """The ``SET TRANSACTION`` that opens a transaction, or None when the defaults apply."""
        if read_only:
            # READ ONLY already gives statement-consistent reads of one point in time.
            return "SET TRANSACTION READ ONLY"
        if isolation_level is None:
            return None
        name = getattr(isolation_level, "name", str(isolation_level))
        if name not in _LEVELS:
            raise UnsupportedFeatureError(
                self.name, f"isolation level {name}", "Oracle offers READ COMMITTED and SERIALIZABLE"
            )
        return f"SET TRANSACTION ISOLATION LEVEL {_LEVELS[name]}"

    def format_begin_transaction(self, expr: Any) -> tuple[str, tuple]:
        params = expr.get_params()
        if params.get("deferrable"):
            raise UnsupportedFeatureError(self.server_label, "DEFERRABLE transactions")
        mode = params.get("mode")
        read_only = getattr(mode, "name", mode) == "READ_ONLY"
        return self.set_transaction_sql(params.get("isolation_level"), read_only) or "", ()

    def format_commit_transaction(self, expr: Any) -> tuple[str, tuple]:
        return "COMMIT", ()

    def format_rollback_transaction(self, expr: Any) -> tuple[str, tuple]:
        savepoint = expr.get_params().get("savepoint")
        if savepoint:
            return f"ROLLBACK TO SAVEPOINT {self.format_identifier(savepoint)}", ()
        return "ROLLBACK", ()

    def format_savepoint(self, expr: Any) -> tuple[str, tuple]:
        return f"SAVEPOINT {self.format_identifier(expr.name)}", ()

    def format_release_savepoint(self, expr: Any) -> tuple[str, tuple]:
        # Nothing to send: the transaction manager skips empty statements.
        return "", ()
