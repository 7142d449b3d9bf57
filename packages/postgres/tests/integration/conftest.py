"""One test body for both backends: the sync backend is wrapped so its calls can be awaited."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

import pytest

from ..conftest import config_for


class AwaitableSync:
    """Presents a sync backend with the async backend's awaitable API (the calls still run synchronously)."""

    is_async = False

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.backend, name)
        if not callable(attr):
            return attr

        async def call(*args: Any, **kwargs: Any) -> Any:
            return attr(*args, **kwargs)

        return call

    @asynccontextmanager
    async def transaction(self):
        with self.backend.transaction():
            yield


class AsyncFacade:
    is_async = True

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)


async def open_backend(server, flavour: str, **overrides: Any):
    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend, PostgresBackend

    if flavour == "sync":
        backend = PostgresBackend(config_for(server, **overrides))
        backend.connect()
        return AwaitableSync(backend)
    backend = AsyncPostgresBackend(config_for(server, **overrides))
    await backend.connect()
    return AsyncFacade(backend)


async def close_backend(db) -> None:
    if db.is_async:
        await db.backend.disconnect()
    else:
        db.backend.disconnect()


@pytest.fixture(params=["sync", "async"])
async def db(request, server):
    handle = await open_backend(server, request.param)
    yield handle
    await close_backend(handle)


@pytest.fixture
async def table(db, table_name):
    yield table_name
    await db.execute(f'DROP TABLE IF EXISTS "{table_name}" CASCADE')
