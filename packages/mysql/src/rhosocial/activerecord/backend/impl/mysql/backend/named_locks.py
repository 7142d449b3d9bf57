"""Named (advisory) locks: ``with backend.named_lock("job:42", timeout=5): ...``.

GET_LOCK / RELEASE_LOCK belong to the session, not to a transaction: the lock survives COMMIT and
ROLLBACK and is released when the block ends or the session closes. The SQL and the reading of the
answers are shared; the sync and async context managers differ only in awaiting.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any, Optional

from rhosocial.activerecord.backend.errors import LockError
from rhosocial.activerecord.backend.toolkit.errors import LockTimeoutError

# MySQL limits lock names to 64 characters (MariaDB accepts more; the stricter rule keeps code portable).
MAX_NAME = 64


def acquire_sql(name: str, timeout: Optional[float]) -> tuple[str, tuple]:
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"a lock name is 1 to {MAX_NAME} characters, got {len(name)}")
    # A negative timeout waits forever (the server's spelling of "no timeout").
    return "SELECT GET_LOCK(%s, %s) AS got", (name, -1 if timeout is None else timeout)


def release_sql(name: str) -> tuple[str, tuple]:
    return "SELECT RELEASE_LOCK(%s) AS released", (name,)


def check_acquired(row: Any, name: str, timeout: Optional[float]) -> None:
    got = row["got"] if row else None
    if got == 1:
        return
    if got == 0:
        raise LockTimeoutError(f"named lock {name!r} is held by another session; gave up after {timeout}s")
    raise LockError(f"named lock {name!r} could not be taken (GET_LOCK returned NULL)")


class NamedLockMixin:
    """``named_lock()`` on the sync backend."""

    @contextlib.contextmanager
    def named_lock(self, name: str, timeout: Optional[float] = None) -> Iterator[None]:
        """Hold the server-wide lock ``name`` for the block (LockTimeoutError when ``timeout`` passes)."""
        sql, params = acquire_sql(name, timeout)
        check_acquired(self.fetch_one(sql, params), name, timeout)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            if self.is_connected():  # type: ignore[attr-defined]  # a lost session released it already
                self.fetch_one(*release_sql(name))  # type: ignore[attr-defined]


class AsyncNamedLockMixin:
    """``named_lock()`` on the async backend: ``async with backend.named_lock(...)``."""

    @contextlib.asynccontextmanager
    async def named_lock(self, name: str, timeout: Optional[float] = None) -> AsyncIterator[None]:
        sql, params = acquire_sql(name, timeout)
        check_acquired(await self.fetch_one(sql, params), name, timeout)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            if self.is_connected():  # type: ignore[attr-defined]
                await self.fetch_one(*release_sql(name))  # type: ignore[attr-defined]


__all__ = ["AsyncNamedLockMixin", "NamedLockMixin"]
