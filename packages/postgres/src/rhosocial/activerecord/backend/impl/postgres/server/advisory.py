"""Advisory locks: session or transaction level, exclusive or shared, blocking or try, as context managers.

A key is a 64-bit integer, a pair of 32-bit integers, or a string (hashed to a stable 64-bit key on the
client, so every process maps a name to the same lock). Session locks are held until released (the
context manager releases them) or the session ends; transaction locks until the transaction ends, so
they need one and have no release.
"""

from __future__ import annotations

import hashlib
from contextlib import asynccontextmanager, contextmanager
from typing import Any, Union

from rhosocial.activerecord.backend.errors import TransactionError

Key = Union[int, str, tuple[int, int]]
_INT64 = (-(2**63), 2**63 - 1)
_INT32 = (-(2**31), 2**31 - 1)


def advisory_key(key: Key) -> tuple[int, ...]:
    """The lock key as the one or two integer arguments of the pg_advisory_* functions."""
    if isinstance(key, bool):
        raise TypeError("an advisory lock key is an int, a (int, int) pair or a str, not a bool")
    if isinstance(key, int):
        if not _INT64[0] <= key <= _INT64[1]:
            raise ValueError(f"advisory lock key {key} does not fit in a bigint")
        return (key,)
    if isinstance(key, str):
        return (int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True),)
    if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) and not isinstance(k, bool) for k in key):
        if not all(_INT32[0] <= k <= _INT32[1] for k in key):
            raise ValueError(f"advisory lock key pair {key} does not fit in two integers")
        return key
    raise TypeError(f"an advisory lock key is an int, a (int, int) pair or a str, not {key!r}")


def advisory_sql(action: str, key: Key, *, shared: bool, transaction: bool) -> tuple[str, tuple]:
    """``SELECT pg_[try_]advisory_[xact_]lock[_shared](...)`` or ``pg_advisory_unlock[_shared]``."""
    args = advisory_key(key)
    name = "pg_" + ("try_" if action == "try" else "") + "advisory_"
    name += "unlock" if action == "unlock" else ("xact_lock" if transaction else "lock")
    name += "_shared" if shared else ""
    placeholders = ", ".join(["%s::bigint"] if len(args) == 1 else ["%s::int", "%s::int"])
    return f"SELECT {name}({placeholders}) AS ok", args


def _check(backend: Any, transaction: bool) -> None:
    if transaction and not backend.in_transaction:
        raise TransactionError("a transaction-level advisory lock needs an active transaction (it ends with it)")


class AdvisoryLockMixin:
    """``backend.advisory_lock(key)`` and friends on the sync backend."""

    def acquire_advisory_lock(self, key: Key, *, shared: bool = False, transaction: bool = False) -> None:
        """Wait until the lock is granted."""
        _check(self, transaction)
        self.fetch_one(*advisory_sql("lock", key, shared=shared, transaction=transaction))  # type: ignore[attr-defined]

    def try_advisory_lock(self, key: Key, *, shared: bool = False, transaction: bool = False) -> bool:
        """Take the lock if it is free now; False (without waiting) if another session holds it."""
        _check(self, transaction)
        row = self.fetch_one(*advisory_sql("try", key, shared=shared, transaction=transaction))  # type: ignore[attr-defined]
        return bool(row["ok"])

    def release_advisory_lock(self, key: Key, *, shared: bool = False) -> bool:
        """Release one hold of a session lock; False if this session did not hold it."""
        row = self.fetch_one(*advisory_sql("unlock", key, shared=shared, transaction=False))  # type: ignore[attr-defined]
        return bool(row["ok"])

    @contextmanager
    def advisory_lock(self, key: Key, *, shared: bool = False, transaction: bool = False, wait: bool = True):
        """Hold the lock for the block; yields whether it was granted (always True when ``wait``)."""
        if wait:
            self.acquire_advisory_lock(key, shared=shared, transaction=transaction)
            granted = True
        else:
            granted = self.try_advisory_lock(key, shared=shared, transaction=transaction)
        try:
            yield granted
        finally:
            if granted and not transaction:
                self.release_advisory_lock(key, shared=shared)


class AsyncAdvisoryLockMixin:
    """The same on the async backend (``await`` / ``async with``)."""

    async def acquire_advisory_lock(self, key: Key, *, shared: bool = False, transaction: bool = False) -> None:
        _check(self, transaction)
        await self.fetch_one(*advisory_sql("lock", key, shared=shared, transaction=transaction))  # type: ignore[attr-defined]

    async def try_advisory_lock(self, key: Key, *, shared: bool = False, transaction: bool = False) -> bool:
        _check(self, transaction)
        row = await self.fetch_one(*advisory_sql("try", key, shared=shared, transaction=transaction))  # type: ignore[attr-defined]
        return bool(row["ok"])

    async def release_advisory_lock(self, key: Key, *, shared: bool = False) -> bool:
        row = await self.fetch_one(*advisory_sql("unlock", key, shared=shared, transaction=False))  # type: ignore[attr-defined]
        return bool(row["ok"])

    @asynccontextmanager
    async def advisory_lock(self, key: Key, *, shared: bool = False, transaction: bool = False, wait: bool = True):
        if wait:
            await self.acquire_advisory_lock(key, shared=shared, transaction=transaction)
            granted = True
        else:
            granted = await self.try_advisory_lock(key, shared=shared, transaction=transaction)
        try:
            yield granted
        finally:
            if granted and not transaction:
                await self.release_advisory_lock(key, shared=shared)
