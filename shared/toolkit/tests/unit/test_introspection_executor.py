"""The introspection executors call the backend's own fetch_all (placeholders, names, errors)."""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.introspection import AsyncBackendExecutor, BackendExecutor


class Recorder:
    def __init__(self) -> None:
        self.calls: list = []

    def fetch_all(self, sql, params):
        self.calls.append((sql, params))
        return ({"a": 1},)


class AsyncRecorder(Recorder):
    async def fetch_all(self, sql, params):  # type: ignore[override]
        return Recorder.fetch_all(self, sql, params)


def test_sync_executor_passes_params_or_none():
    backend = Recorder()
    executor = BackendExecutor(backend)
    assert executor.execute("SELECT ?", (1,)) == [{"a": 1}]
    assert executor.execute("SELECT 1") == [{"a": 1}]
    assert backend.calls == [("SELECT ?", (1,)), ("SELECT 1", None)]


async def test_async_executor():
    backend = AsyncRecorder()
    assert await AsyncBackendExecutor(backend).execute("SELECT ?", (2,)) == [{"a": 1}]
    assert backend.calls == [("SELECT ?", (2,))]
