"""LISTEN/NOTIFY and advisory locks as backend APIs, live, sync and async (issue 11)."""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest

from rhosocial.activerecord.backend.errors import TransactionError

from .conftest import close_backend, open_backend

pytestmark = pytest.mark.server


def _channel() -> str:
    return f"ch_{uuid.uuid4().hex[:10]}"


async def _collect(listener, **kw) -> list:
    if hasattr(listener, "__aenter__"):
        return [n async for n in listener.notifications(**kw)]
    return list(listener.notifications(**kw))


async def _open(listener):
    return await listener.open() if hasattr(listener, "__aenter__") else listener.open()


async def _close(listener):
    result = listener.close()
    if asyncio.iscoroutine(result):
        await result


# --- LISTEN / NOTIFY ----------------------------------------------------------------------------


async def test_notifications_in_order_none_lost_while_connected(db):
    channel, other = _channel(), _channel()
    listener = await _open(db.backend.listener(channel, 'odd "name"'))
    try:
        for i in range(3):  # sent before anything reads: queued on the listener's session, not lost
            await db.notify(channel, f"m{i}")
        await db.notify(other, "not listened to")
        await db.notify('odd "name"', "quoted")
        got = await _collect(listener, stop_after=4, timeout=5)
        assert [(n.channel, n.payload) for n in got] == [
            (channel, "m0"),
            (channel, "m1"),
            (channel, "m2"),
            ('odd "name"', "quoted"),
        ]
        assert got[0].pid != listener.backend_pid
        assert await _collect(listener, timeout=0.2) == []  # the timeout ends the iteration
    finally:
        await _close(listener)


async def test_notify_waits_for_commit(db):
    channel = _channel()
    listener = await _open(db.backend.listener(channel))
    try:
        async with db.transaction():
            await db.notify(channel, "after commit")
            assert await _collect(listener, timeout=0.2) == []
        assert [n.payload for n in await _collect(listener, stop_after=1, timeout=5)] == ["after commit"]
    finally:
        await _close(listener)


async def test_listener_reconnects_and_listens_again(db):
    channel = _channel()
    listener = await _open(db.backend.listener(channel))
    try:
        first = listener.backend_pid
        await db.execute("SELECT pg_terminate_backend(%s)", (first,))
        assert await _collect(listener, timeout=0.5) == []  # notices the loss, reconnects, keeps waiting
        assert listener.reconnects == 1
        assert listener.backend_pid not in (None, first)
        await db.notify(channel, "after reconnect")
        assert [n.payload for n in await _collect(listener, stop_after=1, timeout=5)] == ["after reconnect"]
    finally:
        await _close(listener)


def test_listener_iterates_while_another_thread_notifies(backend):
    channel = _channel()
    with backend.listener(channel) as listener:

        def send():
            for i in range(5):
                backend.notify(channel, str(i))

        sender = threading.Thread(target=send)
        sender.start()
        try:
            assert [n.payload for n in listener.notifications(stop_after=5, timeout=10)] == list("01234")
        finally:
            # the backend's session must be idle before the fixture closes it: closing a psycopg
            # connection while another thread is inside a statement on it crashes libpq
            sender.join(timeout=10)
        assert not sender.is_alive()


def test_channel_names_are_checked(backend):
    with pytest.raises(ValueError, match="channel"):
        backend.listener("")
    with pytest.raises(ValueError, match="channel"):
        backend.notify("x" * 64)


# --- advisory locks -----------------------------------------------------------------------------


async def test_session_lock_excludes_others_until_released(db, server):
    other = await open_backend(server, "async" if db.is_async else "sync")
    key = f"job-{uuid.uuid4()}"
    try:
        async with db.backend.advisory_lock(key) if db.is_async else _sync_cm(db.backend.advisory_lock(key)) as got:
            assert got is True
            assert await other.try_advisory_lock(key) is False
            assert await other.try_advisory_lock(key, shared=True) is False
        assert await other.try_advisory_lock(key) is True
        assert await other.release_advisory_lock(key) is True
        assert await other.release_advisory_lock(key) is False  # no longer held
    finally:
        await close_backend(other)


async def test_shared_locks_coexist_and_pairs_are_keys(db, server):
    other = await open_backend(server, "async" if db.is_async else "sync")
    try:
        assert await db.try_advisory_lock((7, 11), shared=True) is True
        assert await other.try_advisory_lock((7, 11), shared=True) is True
        assert await other.try_advisory_lock((7, 11)) is False
        held = await db.fetch_all(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 7 AND objid = 11"
        )
        assert held[0]["n"] == 2
        assert await db.release_advisory_lock((7, 11), shared=True) is True
        assert await other.release_advisory_lock((7, 11), shared=True) is True
    finally:
        await close_backend(other)


async def test_transaction_lock_ends_with_the_transaction(db, server):
    other = await open_backend(server, "async" if db.is_async else "sync")
    key = 424242 + (1 if db.is_async else 0)
    try:
        with pytest.raises(TransactionError):
            await db.try_advisory_lock(key, transaction=True)
        async with db.transaction():
            assert await db.try_advisory_lock(key, transaction=True) is True
            assert await other.try_advisory_lock(key, transaction=False) is False
        assert await other.try_advisory_lock(key) is True
        await other.release_advisory_lock(key)
    finally:
        await close_backend(other)


def test_blocking_lock_waits_for_the_holder(backend, server):
    from rhosocial.activerecord.backend.impl.postgres import PostgresBackend

    from ..conftest import config_for

    other = PostgresBackend(config_for(server))
    other.connect()
    order: list[str] = []
    try:
        backend.acquire_advisory_lock("blocking-test")

        def waiter():
            with other.advisory_lock("blocking-test"):
                order.append("waiter got it")

        thread = threading.Thread(target=waiter)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # still waiting
        order.append("holder releases")
        backend.release_advisory_lock("blocking-test")
        thread.join(5)
        assert order == ["holder releases", "waiter got it"]
    finally:
        other.disconnect()


class _sync_cm:
    """A sync context manager used with ``async with`` in a shared test body."""

    def __init__(self, cm):
        self.cm = cm

    async def __aenter__(self):
        return self.cm.__enter__()

    async def __aexit__(self, *exc):
        return self.cm.__exit__(*exc)


async def test_async_blocking_lock_waits_for_the_holder(async_backend, server):
    """The async twin of the test above: the waiter is a task; it is seen waiting in pg_locks (not guessed
    from a timeout) until the holder releases."""
    other = await open_backend(server, "async")
    key = f"blocking-{uuid.uuid4()}"
    order: list[str] = []

    async def waiter() -> None:
        async with other.backend.advisory_lock(key):
            order.append("waiter got it")

    try:
        waiter_pid = (await other.fetch_one("SELECT pg_backend_pid() AS pid"))["pid"]
        await async_backend.acquire_advisory_lock(key)
        task = asyncio.create_task(waiter())
        waiting = "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = %s"
        while not await async_backend.fetch_all(waiting, (waiter_pid,)):
            assert not task.done(), task  # the waiter must not get the lock while it is held
            await asyncio.sleep(0.01)
        order.append("holder releases")
        assert await async_backend.release_advisory_lock(key) is True
        await task
        assert order == ["holder releases", "waiter got it"]
    finally:
        await close_backend(other)
