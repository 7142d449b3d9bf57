"""Transactions on PostgreSQL: the core's nesting (savepoints) plus isolation, READ ONLY and DEFERRABLE.

The psycopg connection runs in autocommit mode; the manager issues BEGIN/COMMIT/ROLLBACK and savepoint
statements itself, so a failed statement inside a nested transaction is undone by ROLLBACK TO SAVEPOINT
and the outer transaction goes on.

When the session dies inside a transaction the server has already discarded the transaction: the
statement raised ``ConnectionError``, and the rollback that unwinds the ``with`` block must not replace
that error, so ROLLBACK on a dead connection only resets local state. Nothing is ever retried.
"""

from __future__ import annotations

import logging
from typing import Optional

from rhosocial.activerecord.backend.transaction import (
    AsyncTransactionManager,
    IsolationLevel,
    TransactionManager,
)


class PostgresTransactionCommon:
    """Statement building and dead-session checks shared by the sync and async managers."""

    # PostgreSQL treats READ UNCOMMITTED as READ COMMITTED; all four names are accepted.
    DEFAULT_ISOLATION = IsolationLevel.READ_COMMITTED

    _deferrable: Optional[bool] = None

    @property
    def deferrable(self) -> Optional[bool]:
        return self._deferrable

    @deferrable.setter
    def deferrable(self, value: Optional[bool]) -> None:
        from rhosocial.activerecord.backend.errors import TransactionError

        if self.is_active:  # type: ignore[attr-defined]
            raise TransactionError("Cannot change DEFERRABLE during an active transaction")
        self._deferrable = value

    def _build_begin_sql(self):
        sql, params = super()._build_begin_sql()  # type: ignore[misc]
        if self._deferrable is not None:
            sql += " DEFERRABLE" if self._deferrable else " NOT DEFERRABLE"
        return sql, params

    def _session_lost(self) -> bool:
        connection = self._backend._connection  # type: ignore[attr-defined]
        return connection is None or connection.closed or connection.broken

    def _forget_lost_transaction(self, what: str) -> bool:
        if self._session_lost():
            self.log(logging.WARNING, f"{what}: session is gone, the server already discarded the transaction")  # type: ignore[attr-defined]
            return True
        return False


class PostgresTransactionManager(PostgresTransactionCommon, TransactionManager):
    def _do_rollback(self) -> None:
        if not self._forget_lost_transaction("ROLLBACK"):
            super()._do_rollback()

    def _do_rollback_savepoint(self, name: str) -> None:
        if not self._forget_lost_transaction(f"ROLLBACK TO SAVEPOINT {name}"):
            super()._do_rollback_savepoint(name)


class AsyncPostgresTransactionManager(PostgresTransactionCommon, AsyncTransactionManager):
    async def _do_rollback(self) -> None:
        if not self._forget_lost_transaction("ROLLBACK"):
            await super()._do_rollback()

    async def _do_rollback_savepoint(self, name: str) -> None:
        if not self._forget_lost_transaction(f"ROLLBACK TO SAVEPOINT {name}"):
            await super()._do_rollback_savepoint(name)
