"""The async backend driven from the (sync) conformance harness: every call runs on one event loop of its own
in a thread, so the cases exercise AsyncPostgresBackend's I/O with the statements they build for the sync one."""

from __future__ import annotations

import asyncio
import inspect
import threading
from typing import Any


class LoopThread:
    """One event loop running in a daemon thread; ``run`` waits for an awaitable scheduled on it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="conformance-async", daemon=True)
        self._thread.start()

    def run(self, awaitable: Any) -> Any:
        async def wait() -> Any:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(wait(), self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


class _BlockingContext:
    def __init__(self, manager: Any, loop: LoopThread) -> None:
        self._manager, self._loop = manager, loop

    def __enter__(self) -> Any:
        return self._loop.run(self._manager.__aenter__())

    def __exit__(self, *exc: Any) -> Any:
        return self._loop.run(self._manager.__aexit__(*exc))


class Blocking:
    """``target``'s API with awaitables resolved and async context managers made sync. The objects the cases
    reach through the backend (its transaction manager, its introspector) are wrapped the same way."""

    _WRAPPED = frozenset({"transaction_manager", "introspector"})

    def __init__(self, target: Any, loop: LoopThread, owns_loop: bool = False) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_loop", loop)
        object.__setattr__(self, "_owns_loop", owns_loop)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name in self._WRAPPED:
            return Blocking(value, self._loop)
        if not callable(value) or isinstance(value, type):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if inspect.isawaitable(result):
                return self._loop.run(result)
            if hasattr(result, "__aenter__"):
                return _BlockingContext(result, self._loop)
            return result

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    def disconnect(self) -> None:
        try:
            self._loop.run(self._target.disconnect())
        finally:
            if self._owns_loop:
                self._loop.stop()


def connect_blocking(backend_class: type, config: Any) -> Blocking:
    """A connected async backend of ``backend_class`` behind a sync facade with its own loop."""
    loop = LoopThread()
    try:
        backend = loop.run(_connected(backend_class, config))
    except BaseException:
        loop.stop()
        raise
    return Blocking(backend, loop, owns_loop=True)


async def _connected(backend_class: type, config: Any) -> Any:
    backend = backend_class(config)  # created on the loop: psycopg's async connection belongs to it
    await backend.connect()
    return backend
