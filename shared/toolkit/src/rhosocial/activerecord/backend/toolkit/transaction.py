"""The transaction managers' side of the session lifecycle (``lifecycle.py``), for every backend.

Put first in a manager's bases (``class M(LifecycleTransactionMixin, ..., TransactionManager)``); the
backend must expose its :class:`ConnectionLifecycle` as ``_lifecycle``. Each step of a unit of work is
run through the lifecycle's attempts, so a BEGIN on a dead session is begun again on a new one, a
ROLLBACK of a transaction that died with its session sends nothing, and everything else is never
retried. Sync and async differ only in ``await``.

The core wraps whatever ``_do_begin``/``_do_commit`` raise in ``TransactionError``; a lost session or
a failed reconnect is a ``ConnectionError`` the caller must be able to catch as such, so ``begin``
and ``commit`` hand the connection error itself on.
"""

from __future__ import annotations

from typing import Any, NoReturn

from rhosocial.activerecord.backend.errors import ConnectionError, TransactionError

from .lifecycle import ConnectionLifecycle, Step


def _raise_connection_cause(error: TransactionError) -> NoReturn:
    cause = error.__cause__
    if not isinstance(cause, ConnectionError):
        raise error
    # Cut the wrapper out of the chain (it would otherwise be the cause's context and vice versa).
    error.__cause__ = error.__context__ = None
    raise cause from cause.__cause__


class LifecycleTransactionMixin:
    """Synchronous managers: BEGIN / COMMIT / ROLLBACK through the backend's lifecycle."""

    _backend: Any

    @property
    def _lifecycle(self) -> ConnectionLifecycle:
        return self._backend._lifecycle

    def begin(self) -> None:
        try:
            super().begin()  # type: ignore[misc]
        except TransactionError as e:
            _raise_connection_cause(e)

    def commit(self) -> None:
        try:
            super().commit()  # type: ignore[misc]
        except TransactionError as e:
            _raise_connection_cause(e)

    def _do_begin(self) -> None:
        for attempt in self._lifecycle.attempts(Step.BEGIN):
            with attempt:
                super()._do_begin()  # type: ignore[misc]

    def _do_commit(self) -> None:
        for attempt in self._lifecycle.attempts(Step.COMMIT):
            with attempt:
                super()._do_commit()  # type: ignore[misc]

    def _do_rollback(self) -> None:
        for attempt in self._lifecycle.attempts(Step.ROLLBACK):
            with attempt:
                if not attempt.skip:
                    super()._do_rollback()  # type: ignore[misc]

    def _do_rollback_savepoint(self, name: str) -> None:
        for attempt in self._lifecycle.attempts(Step.ROLLBACK_SAVEPOINT):
            with attempt:
                if not attempt.skip:
                    super()._do_rollback_savepoint(name)  # type: ignore[misc]


class AsyncLifecycleTransactionMixin:
    """Asynchronous managers: the same steps as :class:`LifecycleTransactionMixin`, awaited."""

    _backend: Any

    @property
    def _lifecycle(self) -> ConnectionLifecycle:
        return self._backend._lifecycle

    async def begin(self) -> None:
        try:
            await super().begin()  # type: ignore[misc]
        except TransactionError as e:
            _raise_connection_cause(e)

    async def commit(self) -> None:
        try:
            await super().commit()  # type: ignore[misc]
        except TransactionError as e:
            _raise_connection_cause(e)

    async def _do_begin(self) -> None:
        for attempt in self._lifecycle.attempts(Step.BEGIN):
            with attempt:
                await super()._do_begin()  # type: ignore[misc]

    async def _do_commit(self) -> None:
        for attempt in self._lifecycle.attempts(Step.COMMIT):
            with attempt:
                await super()._do_commit()  # type: ignore[misc]

    async def _do_rollback(self) -> None:
        for attempt in self._lifecycle.attempts(Step.ROLLBACK):
            with attempt:
                if not attempt.skip:
                    await super()._do_rollback()  # type: ignore[misc]

    async def _do_rollback_savepoint(self, name: str) -> None:
        for attempt in self._lifecycle.attempts(Step.ROLLBACK_SAVEPOINT):
            with attempt:
                if not attempt.skip:
                    await super()._do_rollback_savepoint(name)  # type: ignore[misc]


__all__ = ["AsyncLifecycleTransactionMixin", "LifecycleTransactionMixin"]
