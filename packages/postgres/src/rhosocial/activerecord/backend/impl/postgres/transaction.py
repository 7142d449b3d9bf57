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

    def _set_constraints_sql(self, names: tuple[str, ...], deferred: bool) -> str:
        """``SET CONSTRAINTS ALL|a, b DEFERRED|IMMEDIATE``; only meaningful inside a transaction."""
        from rhosocial.activerecord.backend.errors import TransactionError

        if not self.is_active:  # type: ignore[attr-defined]
            raise TransactionError("SET CONSTRAINTS needs an active transaction (it lasts until its end)")
        dialect = self._backend.dialect  # type: ignore[attr-defined]
        target = ", ".join(dialect.format_identifier(n) for n in names) if names else "ALL"
        return f"SET CONSTRAINTS {target} {'DEFERRED' if deferred else 'IMMEDIATE'}"

    def _build_begin_sql(self):
        sql, params = super()._build_begin_sql()  # type: ignore[misc]
        if self._deferrable is not None:
            sql += " DEFERRABLE" if self._deferrable else " NOT DEFERRABLE"
        return sql, params


class PostgresTransactionManager(LifecycleTransactionMixin, PostgresTransactionCommon, TransactionManager):
    def defer_constraints(self, *names: str) -> None:
        """Check the named DEFERRABLE constraints (all, without names) at COMMIT instead of per statement."""
        self._backend.execute(self._set_constraints_sql(names, True))

    def immediate_constraints(self, *names: str) -> None:
        """Check the named constraints (all, without names) per statement again, checking pending rows now."""
        self._backend.execute(self._set_constraints_sql(names, False))


class AsyncPostgresTransactionManager(
    AsyncLifecycleTransactionMixin, PostgresTransactionCommon, AsyncTransactionManager
):
    async def defer_constraints(self, *names: str) -> None:
        """Check the named DEFERRABLE constraints (all, without names) at COMMIT instead of per statement."""
        await self._backend.execute(self._set_constraints_sql(names, True))

    async def immediate_constraints(self, *names: str) -> None:
        """Check the named constraints (all, without names) per statement again, checking pending rows now."""
        await self._backend.execute(self._set_constraints_sql(names, False))
