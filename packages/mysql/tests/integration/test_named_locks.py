"""Named locks (GET_LOCK / RELEASE_LOCK) as a context manager, sync and async, against a second session."""

from __future__ import annotations

import contextlib
import inspect

import pytest

from rhosocial.activerecord.backend.toolkit.errors import LockTimeoutError

pytestmark = pytest.mark.server

NAME = "rhosocial-hy-named-lock"


async def run(value):
    return await value if inspect.isawaitable(value) else value


@contextlib.asynccontextmanager
async def held(backend, name, timeout=None):
    manager = backend.named_lock(name, timeout=timeout)
    if hasattr(manager, "__aenter__"):
        async with manager:
            yield
    else:
        with manager:
            yield


def other_session_can_take(admin, name) -> bool:
    cursor = admin.cursor()
    cursor.execute("SELECT GET_LOCK(%s, 0)", (name,))
    got = cursor.fetchone()[0] == 1
    if got:
        cursor.execute("SELECT RELEASE_LOCK(%s)", (name,))
        cursor.fetchone()
    cursor.close()
    return got


async def test_lock_is_held_for_the_block_and_released_after(either, admin):
    async with held(either, NAME, timeout=2):
        assert not other_session_can_take(admin, NAME)
        # A session lock, not a transaction lock: a rollback does not release it.
        await run(either.execute("ROLLBACK"))
        assert not other_session_can_take(admin, NAME)
    assert other_session_can_take(admin, NAME)


async def test_timeout_while_another_session_holds_it(either, admin):
    cursor = admin.cursor()
    cursor.execute("SELECT GET_LOCK(%s, 0)", (NAME,))
    assert cursor.fetchone()[0] == 1
    try:
        with pytest.raises(LockTimeoutError, match="held by another session"):
            async with held(either, NAME, timeout=0.2):
                pytest.fail("the block must not run without the lock")
    finally:
        cursor.execute("SELECT RELEASE_LOCK(%s)", (NAME,))
        cursor.fetchone()
        cursor.close()


def test_lock_names_are_checked():
    from rhosocial.activerecord.backend.impl.mysql.backend.named_locks import acquire_sql

    with pytest.raises(ValueError, match="1 to 64"):
        acquire_sql("x" * 65, 1)
    assert acquire_sql("job", None)[1] == ("job", -1)
