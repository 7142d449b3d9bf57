"""An async backend behind a sync facade, so sync test harnesses (the conformance cases) drive its I/O.

Each facade owns one event loop running in a daemon thread; every call is scheduled on that loop and waited
for, so the backend's connection (created on the loop) only ever sees its own loop. Calls are strictly serial.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Callable
from typing import Any

# What a harness reaches through the backend besides the backend itself; wrapped the same way.
WRAPPED_ATTRIBUTES = frozenset({"transaction_manager", "introspector"})


class LoopThread:
    """One event loop running in a daemon thread; :meth:`run` waits for an awaitable scheduled on it."""

    def __init__(self, name: str = "blocking-async") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def run(self, awaitable: Any) -> Any:
        """The awaitable's result (its exception re-raised here), awaited on the loop's thread."""

        async def wait() -> Any:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(wait(), self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


class BlockingContext:
    """An async context manager used with ``with``."""

    def __init__(self, manager: Any, loop: LoopThread) -> None:
        self._manager, self._loop = manager, loop

    def __enter__(self) -> Any:
        return self._loop.run(self._manager.__aenter__())

    def __exit__(self, *exc: Any) -> Any:
        return self._loop.run(self._manager.__aexit__(*exc))


class Blocking:
    """``target``'s API with awaitables resolved and async context managers made sync.

    Attributes named in ``wrapped`` (objects the harness reaches through the backend) are wrapped the same
    way; other attributes, classes and plain values pass through. Setting an attribute sets it on ``target``.
    """

    def __init__(
        self,
        target: Any,
        loop: LoopThread,
        *,
        owns_loop: bool = False,
        wrapped: frozenset[str] = WRAPPED_ATTRIBUTES,
    ) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_loop", loop)
        object.__setattr__(self, "_owns_loop", owns_loop)
        object.__setattr__(self, "_wrapped", wrapped)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name in self._wrapped:
            return Blocking(value, self._loop, wrapped=self._wrapped)
        if not callable(value) or isinstance(value, type):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if inspect.isawaitable(result):
                return self._loop.run(result)
            if hasattr(result, "__aenter__"):
                return BlockingContext(result, self._loop)
            return result

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    def disconnect(self) -> None:
        """Disconnects the target; the loop stops too when this facade owns it."""
        try:
            self._loop.run(self._target.disconnect())
        finally:
            if self._owns_loop:
                self._loop.stop()


def connect_blocking(
    backend_class: Callable[[Any], Any], config: Any, *, wrapped: frozenset[str] = WRAPPED_ATTRIBUTES
) -> Blocking:
    """A connected async backend ``backend_class(config)`` behind a sync facade with a loop of its own."""
    loop = LoopThread()
    try:
        backend = loop.run(_connected(backend_class, config))
    except BaseException:
        loop.stop()
        raise
    return Blocking(backend, loop, owns_loop=True, wrapped=wrapped)


async def _connected(backend_class: Callable[[Any], Any], config: Any) -> Any:
    backend = backend_class(config)  # created on the loop: drivers bind their async connection to it
    await backend.connect()
    return backend
