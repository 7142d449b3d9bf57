"""The conformance harness's async twin (conformance.async_twin) on a fake async backend (no server): its
tests run the live cases through the async class behind the blocking facade and compare the claims."""

from __future__ import annotations

from typing import Any

import pytest

from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version
from rhosocial.activerecord.backend.toolkit.testing.conformance import (
    Binding,
    async_conformance_tests,
    case,
    registry,
)
from rhosocial.activerecord.backend.toolkit.testing.conformance.async_twin import async_binding
from rhosocial.activerecord.backend.toolkit.testing.servers import ServerTarget

SERVER = ServerInfo("fake", "fakedb", parse_version("15.0"))
TARGET = ServerTarget("fake1", "oracle", "fakedb", "localhost", 1, "u", "p", "db", version="15.0")


class FakeDialect:
    def __init__(self, merge: bool = True) -> None:
        self.server = SERVER
        self._merge = merge

    def supports_merge_statement(self) -> bool:
        return self._merge


class Result:
    def __init__(self, data: list[dict[str, Any]]) -> None:
        self.data = data


class SyncBackend:
    dialect = FakeDialect()
    in_transaction = False

    def execute(self, sql: str, params: Any = None, **_: Any) -> Result:
        return Result([{"sql": sql, "io": "sync"}])

    def disconnect(self) -> None:
        pass


class AsyncBackend:
    """Records the configs it is built with; its dialect answers as the config says."""

    configs: list[Any] = []

    def __init__(self, config: dict[str, Any]) -> None:
        AsyncBackend.configs.append(config)
        self.dialect = FakeDialect(merge=config["merge"])
        self.in_transaction = False

    async def connect(self) -> None:
        pass

    async def execute(self, sql: str, params: Any = None, **_: Any) -> Result:
        if sql == "fail":
            raise AssertionError("the async backend rejects it")
        return Result([{"sql": sql, "io": "async"}])

    async def disconnect(self) -> None:
        pass


def binding(servers: list[ServerTarget]) -> Binding:
    class FakeBinding(Binding):
        def servers(self) -> list[ServerTarget]:
            return servers

    return FakeBinding(
        backend="oracle",  # any known backend name
        connect=lambda server: SyncBackend(),
        dialect_for=lambda info: FakeDialect(),
        server_info=lambda flavour, version: SERVER,
        no_server="no fake server",
    )


@pytest.fixture(autouse=True)
def isolated_registry(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.setattr(registry, "discover", lambda: sorted(registry._REGISTRY.values(), key=lambda c: c.name))
    AsyncBackend.configs.clear()


def register_cases(seen: list[str]) -> None:
    @case("supports_merge_statement", name="fake.merge")
    def merge(ctx):
        seen.append(ctx.execute("MERGE")[0]["io"])

    @case("supports_merge_statement", name="fake.fails")
    def fails(ctx):
        ctx.execute("fail")

    @case("supports_merge_statement", name="fake.render", live=False)
    def render(ctx):  # server-free: not run twice
        pass


def params_of(test: Any) -> list[Any]:
    (mark,) = [m for m in test.pytestmark if m.name == "parametrize"]
    return list(mark.args[1])


def test_async_binding_connects_the_async_class_behind_the_facade():
    twin = async_binding(binding([TARGET]), AsyncBackend, lambda server: {"merge": True, "db": server.database})
    facade = twin.connect(TARGET)
    try:
        assert AsyncBackend.configs == [{"merge": True, "db": "db"}]
        assert facade.execute("SELECT 1").data == [{"sql": "SELECT 1", "io": "async"}]
    finally:
        facade.disconnect()


def test_live_cases_run_through_the_async_backend():
    seen: list[str] = []
    register_cases(seen)
    tests = async_conformance_tests(binding([TARGET]), AsyncBackend, lambda server: {"merge": True})
    ids = [p.id for p in params_of(tests["test_case_async"])]
    assert ids == ["fake1::fake.fails", "fake1::fake.merge"]  # the server-free case is left out
    fixture_gen = tests["_close_async_sessions"].__wrapped__()
    next(fixture_gen)
    tests["test_case_async"]("fake1", "fake.merge")
    assert seen == ["async"]
    with pytest.raises(pytest.fail.Exception, match=r"fake.fails on fake1 \(async\): .*rejects it"):
        tests["test_case_async"]("fake1", "fake.fails")
    tests["test_claims_match_sync"]("fake1")
    with pytest.raises(StopIteration):
        next(fixture_gen)


def test_an_async_dialect_answering_differently_fails():
    register_cases([])
    tests = async_conformance_tests(binding([TARGET]), AsyncBackend, lambda server: {"merge": False})
    with pytest.raises(AssertionError, match="supports_merge_statement: async False, sync True"):
        tests["test_claims_match_sync"]("fake1")
    with pytest.raises(pytest.skip.Exception, match="answers no to supports_merge_statement"):
        tests["test_case_async"]("fake1", "fake.merge")


def test_without_a_server_every_test_skips_with_the_bindings_reason():
    register_cases([])
    tests = async_conformance_tests(binding([]), AsyncBackend, lambda server: {"merge": True})
    for name in ("test_case_async", "test_claims_match_sync"):
        (param,) = params_of(tests[name])
        (skip,) = param.marks
        assert skip.kwargs["reason"] == "no fake server"
    assert AsyncBackend.configs == []
