"""Executors for the core's introspectors that go through the backend's own query path.

The core's executors run the SQL on a raw driver cursor, bypassing the backend's placeholder
conversion, result-name folding and error translation; these call ``backend.fetch_all`` instead,
so introspection SQL is written like any other statement of the backend.
"""

from __future__ import annotations

from typing import Any


class BackendExecutor:
    def __init__(self, backend: Any) -> None:
        self._backend = backend

    def execute(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        return list(self._backend.fetch_all(sql, params or None))


class AsyncBackendExecutor(BackendExecutor):
    async def execute(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:  # type: ignore[override]
        return list(await self._backend.fetch_all(sql, params or None))
