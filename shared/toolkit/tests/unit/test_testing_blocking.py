"""The sync facade over an async backend (toolkit.testing.blocking), on a fake async backend (no server)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any

import pytest

from rhosocial.activerecord.backend.toolkit.testing.blocking import (
    Blocking,
    BlockingContext,
    LoopThread,
    connect_blocking,
)


class FakeTransactionManager:
    def __init__(self) -> None:
        self.depth = 0

    async def begin(self) -> int:
        self.depth += 1
        return self.depth

    @contextlib.asynccontextmanager
    async def transaction(self):
        await self.begin()
        try:
            yield self
        finally:
            self.depth -= 1


class FakeAsyncBackend:
    """What the facade needs of an async backend: coroutines, an async context manager, plain values."""

    kind = "fake"
    Error = ValueError  # a class attribute: callable, yet passed through uncalled

    def __init__(self, config: Any) -> None:
        self.config = config
        self.loop: Any = None
        self.connected = False
        self.disconnected = False
        self.transaction_manager = FakeTransactionManager()
        self.introspector = self  # any object reached through the backend
        self.in_transaction = False

    async def connect(self) -> None:
        if self.config == "refused":
            raise ConnectionError("refused")
        self.loop = asyncio.get_running_loop()
        self.connected = True

    async def disconnect(self) -> None:
        if self.config == "disconnect fails":
            raise ConnectionError("gone")
        self.disconnected = True

    async def execute(self, sql: str, params: Any = None) -> tuple[str, Any, Any]:
        if sql == "bad":
            raise ValueError("bad statement")
        return sql, params, asyncio.get_running_loop()

    def transaction(self):
        return self.transaction_manager.transaction()

    def dialect_name(self) -> str:  # a sync method stays sync
        return "fake"


@pytest.fixture
def loop():
    thread = LoopThread()
    yield thread
    if not thread.loop.is_closed():
        thread.stop()


def test_loop_thread_runs_awaitables_on_its_own_loop(loop):
    async def where() -> Any:
        return asyncio.get_running_loop(), threading.current_thread().name

    running, name = loop.run(where())
    assert running is loop.loop
    assert name == "blocking-async"
    with pytest.raises(ValueError, match="bad"):
        loop.run(FakeAsyncBackend(None).execute("bad"))
    loop.stop()
    assert loop.loop.is_closed()


def test_blocking_resolves_coroutines_and_passes_the_rest_through(loop):
    backend = FakeAsyncBackend("cfg")
    facade = Blocking(backend, loop)
    sql, params, running = facade.execute("SELECT 1", (1,))
    assert (sql, params, running) == ("SELECT 1", (1,), loop.loop)
    assert facade.dialect_name() == "fake"
    assert facade.kind == "fake"
    assert facade.config == "cfg"
    assert facade.in_transaction is False
    assert facade.Error is ValueError
    facade.in_transaction = True  # sets on the target
    assert backend.in_transaction is True


def test_blocking_makes_async_context_managers_sync_and_wraps_reached_objects(loop):
    backend = FakeAsyncBackend("cfg")
    facade = Blocking(backend, loop)
    with facade.transaction() as manager:
        assert manager is backend.transaction_manager
        assert backend.transaction_manager.depth == 1
    assert backend.transaction_manager.depth == 0
    tm = facade.transaction_manager
    assert isinstance(tm, Blocking)
    assert tm.begin() == 1
    with tm.transaction():
        assert backend.transaction_manager.depth == 2
    assert isinstance(facade.introspector, Blocking)
    assert facade.introspector.execute("x")[0] == "x"


def test_blocking_context_passes_the_exception_to_aexit(loop):
    seen: list[Any] = []

    class Manager:
        async def __aenter__(self) -> str:
            return "entered"

        async def __aexit__(self, *exc: Any) -> bool:
            seen.append(exc[0])
            return True  # swallow

    with BlockingContext(Manager(), loop) as value:
        assert value == "entered"
        raise KeyError("inside")
    assert seen == [KeyError]


def test_wrapped_names_are_configurable(loop):
    backend = FakeAsyncBackend("cfg")
    facade = Blocking(backend, loop, wrapped=frozenset())
    assert facade.transaction_manager is backend.transaction_manager


def test_connect_blocking_connects_on_the_facade_loop_and_disconnect_stops_it():
    facade = connect_blocking(FakeAsyncBackend, "cfg")
    backend = facade._target
    assert backend.connected
    assert backend.loop is facade._loop.loop
    assert facade.execute("SELECT 1")[2] is backend.loop
    facade.disconnect()
    assert backend.disconnected
    assert facade._loop.loop.is_closed()


def test_a_failed_disconnect_still_stops_an_owned_loop():
    facade = connect_blocking(FakeAsyncBackend, "disconnect fails")
    with pytest.raises(ConnectionError, match="gone"):
        facade.disconnect()
    assert facade._loop.loop.is_closed()


def test_a_borrowed_loop_survives_disconnect(loop):
    facade = Blocking(FakeAsyncBackend("cfg"), loop)
    facade.disconnect()
    assert not loop.loop.is_closed()
    assert loop.run(asyncio.sleep(0, result="alive")) == "alive"


def test_connect_blocking_stops_its_loop_when_connect_fails(monkeypatch):
    started: list[LoopThread] = []
    original = LoopThread.__init__

    def record(self: LoopThread, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(LoopThread, "__init__", record)
    with pytest.raises(ConnectionError, match="refused"):
        connect_blocking(FakeAsyncBackend, "refused")
    assert len(started) == 1
    assert started[0].loop.is_closed()
