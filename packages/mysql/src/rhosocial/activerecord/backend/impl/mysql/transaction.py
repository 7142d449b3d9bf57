"""Transactions on MySQL/MariaDB.

The session runs with autocommit=1 and transactions are explicit ``START TRANSACTION``;
the isolation level is set for the next transaction only (``SET TRANSACTION ...``)
because MySQL cannot put it in the BEGIN statement. Nested levels are savepoints; a failed
statement rolls back to its savepoint only, so the outer transaction goes on.
If InnoDB rolled the transaction back (deadlock), the rollback the caller then issues only
resets our state. What a lost session means for each step (BEGIN begun again on a new
session, COMMIT never retried, nothing sent for the ROLLBACK of a transaction that died with
its session) is the toolkit's lifecycle.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.errors import IsolationLevelError
from rhosocial.activerecord.backend.expression.transaction import BeginTransactionExpression
from rhosocial.activerecord.backend.toolkit.transaction import (
    AsyncLifecycleTransactionMixin,
    LifecycleTransactionMixin,
)
from rhosocial.activerecord.backend.transaction import (
    AsyncTransactionManager,
    IsolationLevel,
    TransactionManager,
    TransactionMode,
)


class _MySQLTransactionRules:
    _backend: Any

    def _begin_statements(self) -> list[tuple[str, tuple]]:
        statements = []
        level = self._isolation_level  # type: ignore[attr-defined]
        if level is not None:
            if not isinstance(level, IsolationLevel):
                raise IsolationLevelError(f"unsupported isolation level {level!r}")
            statements.append((self._backend.dialect.isolation_sql(level), ()))
        statements.append(self._start_sql())
        return statements

    def _start_sql(self) -> tuple[str, tuple]:
        """START TRANSACTION [READ ONLY]: the level went into the SET TRANSACTION just before, and the
        dialect refuses a BEGIN that carries one (MySQL cannot write it there)."""
        begin = BeginTransactionExpression(self._backend.dialect)
        if self._transaction_mode == TransactionMode.READ_ONLY:  # type: ignore[attr-defined]
            begin.read_only()
        return begin.to_sql()

    def _server_side_gone(self) -> bool:
        """True when InnoDB already rolled the transaction back (deadlock): nothing is left to end."""
        return self._backend._aborted_reason is not None

    def _forget_lost_state(self) -> None:
        self._backend._aborted_reason = None


class _MySQLSyncSteps(_MySQLTransactionRules, TransactionManager):
    def _do_begin(self) -> None:
        for sql, params in self._begin_statements():
            self._backend.execute(sql, params)

    def _do_rollback(self) -> None:
        if self._server_side_gone():
            self._forget_lost_state()
            return
        super()._do_rollback()

    def _do_rollback_savepoint(self, name: str) -> None:
        if self._server_side_gone():
            return  # the savepoint went with the transaction; the outer rollback resets state
        super()._do_rollback_savepoint(name)


class _MySQLAsyncSteps(_MySQLTransactionRules, AsyncTransactionManager):
    async def _do_begin(self) -> None:
        for sql, params in self._begin_statements():
            await self._backend.execute(sql, params)

    async def _do_rollback(self) -> None:
        if self._server_side_gone():
            self._forget_lost_state()
            return
        await super()._do_rollback()

    async def _do_rollback_savepoint(self, name: str) -> None:
        if self._server_side_gone():
            return
        await super()._do_rollback_savepoint(name)


class MySQLTransactionManager(LifecycleTransactionMixin, _MySQLSyncSteps):
    pass


class AsyncMySQLTransactionManager(AsyncLifecycleTransactionMixin, _MySQLAsyncSteps):
    pass


__all__ = ["AsyncMySQLTransactionManager", "MySQLTransactionManager"]
