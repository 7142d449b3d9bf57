"""Transactions on PostgreSQL: the core's nesting (savepoints) plus isolation, READ ONLY and DEFERRABLE.

The psycopg connection runs in autocommit mode; the manager issues BEGIN/COMMIT/ROLLBACK and savepoint
statements itself, so a failed statement inside a nested transaction is undone by ROLLBACK TO SAVEPOINT
and the outer transaction goes on.

What a lost session means for each step (BEGIN begun again on a new session, COMMIT never retried,
ROLLBACK of a transaction that died with its session sends nothing) is the toolkit's lifecycle; the
managers only add PostgreSQL's statement details.
"""

from __future__ import annotations

from typing import Optional

from rhosocial.activerecord.backend.toolkit.transaction import (
    AsyncLifecycleTransactionMixin,
    LifecycleTransactionMixin,
)
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


class PostgresTransactionManager(LifecycleTransactionMixin, PostgresTransactionCommon, TransactionManager):
    pass


class AsyncPostgresTransactionManager(
    AsyncLifecycleTransactionMixin, PostgresTransactionCommon, AsyncTransactionManager
):
    pass
