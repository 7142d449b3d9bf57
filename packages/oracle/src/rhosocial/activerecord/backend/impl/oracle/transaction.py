"""Transactions on Oracle.

- No BEGIN: outside a transaction the session runs with the driver's ``autocommit`` on (the
  commit rides on the statement's own round trip); ``begin()`` turns it off and, when an
  isolation level or READ ONLY was asked for, sends ``SET TRANSACTION`` as the first statement.
- Isolation levels: READ COMMITTED (Oracle's default) and SERIALIZABLE; READ ONLY as a mode.
- Nested transactions are savepoints. Oracle has no RELEASE SAVEPOINT: an inner "commit" only
  forgets its savepoint, and a failed inner block rolls back to it while the outer transaction
  stays usable.
- A lost session (DPY-4011, ORA-03113, ...) follows the toolkit's lifecycle, as on PostgreSQL and
  MySQL: a statement or COMMIT that may have reached the server is never retried, statements inside a
  transaction whose session died are refused until the caller rolls back, and that ROLLBACK sends
  nothing.
- DDL (CREATE/ALTER/DROP/TRUNCATE) commits implicitly, before and after itself, even inside a
  transaction: do not mix schema changes into a unit of work you may roll back.
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.transaction import (
    AsyncLifecycleTransactionMixin,
    LifecycleTransactionMixin,
)
from rhosocial.activerecord.backend.transaction import (
    AsyncTransactionManager,
    IsolationLevel,
    IsolationLevelError,
    TransactionManager,
    TransactionMode,
)

SUPPORTED_LEVELS = (IsolationLevel.READ_COMMITTED, IsolationLevel.SERIALIZABLE)


class OracleTransactionRules:
    """Shared by the sync and async managers: what to send, never how."""

    _backend: Any
    _isolation_level: Optional[IsolationLevel]
    _transaction_mode: TransactionMode

    def _init_rules(self) -> None:
        self._isolation_level = IsolationLevel.READ_COMMITTED

    def _check_level(self, level: Optional[IsolationLevel]) -> None:
        if self.is_active:  # type: ignore[attr-defined]
            raise IsolationLevelError("Cannot change isolation level during active transaction")
        if level is not None and level not in SUPPORTED_LEVELS:
            raise IsolationLevelError(f"Oracle supports READ COMMITTED and SERIALIZABLE, not {level.name}")

    @property
    def isolation_level(self) -> Optional[IsolationLevel]:
        return self._isolation_level

    @isolation_level.setter
    def isolation_level(self, level: Optional[IsolationLevel]) -> None:
        self._check_level(level)
        self._isolation_level = level

    def _set_transaction_sql(self) -> Optional[str]:
        read_only = self._transaction_mode == TransactionMode.READ_ONLY
        level = self._isolation_level
        if level == IsolationLevel.READ_COMMITTED and not read_only:
            return None  # the session default; nothing to send
        return self._backend.dialect.set_transaction_sql(level, read_only)

    def supports_savepoint(self) -> bool:
        return True


class _OracleSteps(OracleTransactionRules, TransactionManager):
    """What each step sends (sync); the lifecycle mixin in front decides whether and how often."""

    def __init__(self, backend: Any, logger: Any = None) -> None:
        super().__init__(backend, logger)
        self._init_rules()

    def _do_begin(self) -> None:
        if self._backend._must_reconnect():  # a session lost outside a transaction: nothing of this one ran
            self._backend._discard_dead()
            self._backend.connect()
        self._backend._set_autocommit(False)
        sql = self._set_transaction_sql()
        if sql:
            self._backend.execute(sql)

    def _do_commit(self) -> None:
        self._backend._end_transaction(commit=True)

    def _do_rollback(self) -> None:
        self._backend._end_transaction(commit=False)

    def _do_release_savepoint(self, name: str) -> None:
        return None  # Oracle has no RELEASE SAVEPOINT


class _AsyncOracleSteps(OracleTransactionRules, AsyncTransactionManager):
    def __init__(self, backend: Any, logger: Any = None) -> None:
        super().__init__(backend, logger)
        self._init_rules()

    async def _do_begin(self) -> None:
        if self._backend._must_reconnect():  # never connected, or lost outside a transaction
            await self._backend._discard_dead()
            await self._backend.connect()
        self._backend._set_autocommit(False)
        sql = self._set_transaction_sql()
        if sql:
            await self._backend.execute(sql)

    async def _do_commit(self) -> None:
        await self._backend._end_transaction(commit=True)

    async def _do_rollback(self) -> None:
        await self._backend._end_transaction(commit=False)

    async def _do_release_savepoint(self, name: str) -> None:
        return None

    async def supports_savepoint(self) -> bool:  # type: ignore[override]
        return True


class OracleTransactionManager(LifecycleTransactionMixin, _OracleSteps):
    pass


class AsyncOracleTransactionManager(AsyncLifecycleTransactionMixin, _AsyncOracleSteps):
    pass
