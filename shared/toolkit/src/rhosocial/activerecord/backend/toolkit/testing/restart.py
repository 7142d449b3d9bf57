"""The restart tests every backend with a restartable server runs, written once.

Transfers run while sessions are killed and the server (a fault instance, ``tools/localdb.py
restart``) restarts under load and again while idle: the same backend objects or pools must work
again within 2 attempts, balances reconcile exactly, and no caller was told anything the data
contradicts (:mod:`.faults`). A backend's ``tests/restart/test_restart_workload.py`` gives a
:class:`RestartWiring` and takes the tests: ``globals().update(restart_tests(WIRING))``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import faults
from .servers import fault_servers

Extra = Callable[[int], dict[str, Any]]  # workers -> config fields of one pooling mode


@dataclass(frozen=True)
class RestartWiring:
    """One backend's answers to the restart tests.

    ``config(server, session_tag, **extra)``: a worker's config (short connect timeout); ``session_tag``
    names this test's sessions where the server can tell them apart (PostgreSQL's application_name).
    ``admin(server)``: an unconnected sync backend for setup, checks and kills.
    ``kill_sessions(admin, server, session_tag)``: kill the workers' sessions; how many were killed.
    ``sync_pooling`` / ``async_pooling``: pooling mode -> the config fields it adds (``"none"``: ``{}``).
    """

    backend: str
    label: str  # in the printed report: postgres, mariadb
    sync_backend: Callable[[Any], Any]
    async_backend: Callable[[Any], Any]
    config: Callable[..., Any]
    admin: Callable[[Any], Any]
    kill_sessions: Callable[[Any, Any, str], int]
    no_server: str
    sync_pooling: Mapping[str, Extra] = field(default_factory=lambda: {"none": lambda workers: {}})
    async_pooling: Mapping[str, Extra] = field(default_factory=lambda: {"none": lambda workers: {}})
    workers: int = 4
    # The core pool waits this long for a backend when creating one failed (server down): keeps tests short.
    pool_timeout: float = 2.0


@contextmanager
def _admin(wiring: RestartWiring, server: Any) -> Any:
    admin = wiring.admin(server)
    try:
        yield admin
    finally:
        admin.disconnect()


def _finish(report: faults.FaultReport, label: str) -> None:
    print(f"\n[{label}] {report.summary()}")
    report.check()


def restart_tests(wiring: RestartWiring, root: Path) -> dict[str, Any]:
    """The fixtures, marks and tests of one backend's restart module (``root``: the checkout)."""
    import pytest

    from rhosocial.activerecord.connection.pool import AsyncBackendPool, BackendPool, PoolConfig

    servers = fault_servers(wiring.backend)
    workers = wiring.workers

    def fetch_all(server: Any) -> Callable[[str], list[dict]]:
        def run(sql: str) -> list[dict]:
            with _admin(wiring, server) as admin:
                return admin.fetch_all(sql)

        return run

    def pool_config(factory: Callable[[], Any]) -> Any:
        return PoolConfig(min_size=workers, max_size=workers, timeout=wiring.pool_timeout, backend_factory=factory)

    @pytest.fixture(params=servers, ids=[s.name for s in servers])
    def server(request: Any) -> Any:
        return request.param

    @pytest.fixture
    def session_tag() -> str:
        return f"rhosocial-fault-{uuid.uuid4().hex[:8]}"

    @pytest.fixture
    def plan(server: Any) -> Any:
        plan = faults.TransferPlan(uuid.uuid4().hex[:8])
        with _admin(wiring, server) as admin:
            for sql in plan.setup_sql():
                admin.execute(sql)
        yield plan
        with _admin(wiring, server) as admin:
            for sql in plan.teardown_sql():
                admin.execute(sql)

    @pytest.fixture
    def fault_actions(server: Any, session_tag: str) -> faults.Faults:
        def kill() -> int:
            with _admin(wiring, server) as admin:
                return wiring.kill_sessions(admin, server, session_tag)

        return faults.Faults(kill=kill, restart=faults.localdb_restart(server.name, root))

    @pytest.mark.parametrize("pooling", list(wiring.sync_pooling))
    def test_sync_backends_survive_restarts_and_kills(server, session_tag, plan, fault_actions, pooling):
        extra = wiring.sync_pooling[pooling](workers)
        backends = [wiring.sync_backend(wiring.config(server, session_tag, **extra)) for _ in range(workers)]
        for backend in backends:
            backend.connect()

        def source(backend: Any) -> Any:
            @contextmanager
            def same_backend() -> Any:
                yield backend

            return same_backend

        try:
            report = faults.run_sync(plan, [source(b) for b in backends], fault_actions, fetch_all(server))
        finally:
            for backend in backends:
                backend.disconnect()
        _finish(report, f"{wiring.label} sync {pooling}")

    def test_sync_core_pool_survives_restarts_and_kills(server, session_tag, plan, fault_actions):
        pool = BackendPool.create(pool_config(lambda: wiring.sync_backend(wiring.config(server, session_tag))))
        try:
            report = faults.run_sync(plan, [pool.connection] * workers, fault_actions, fetch_all(server))
        finally:
            pool.close(timeout=5, force=True)
        _finish(report, f"{wiring.label} sync core-pool")

    @pytest.mark.parametrize("pooling", list(wiring.async_pooling))
    async def test_async_backends_survive_restarts_and_kills(server, session_tag, plan, fault_actions, pooling):
        extra = wiring.async_pooling[pooling](workers)
        backends = [wiring.async_backend(wiring.config(server, session_tag, **extra)) for _ in range(workers)]
        for backend in backends:
            await backend.connect()

        def source(backend: Any) -> Any:
            @asynccontextmanager
            async def same_backend() -> Any:
                yield backend

            return same_backend

        try:
            report = await faults.run_async(plan, [source(b) for b in backends], fault_actions, fetch_all(server))
        finally:
            for backend in backends:
                await backend.disconnect()
        _finish(report, f"{wiring.label} async {pooling}")

    async def test_async_core_pool_survives_restarts_and_kills(server, session_tag, plan, fault_actions):
        pool = await AsyncBackendPool.create(
            pool_config(lambda: wiring.async_backend(wiring.config(server, session_tag)))
        )
        try:
            report = await faults.run_async(plan, [pool.connection] * workers, fault_actions, fetch_all(server))
        finally:
            await pool.close(timeout=5, force=True)
        _finish(report, f"{wiring.label} async core-pool")

    def test_sync_plain_statement_after_restart_needs_at_most_two_attempts(server, session_tag, fault_actions):
        backend = wiring.sync_backend(wiring.config(server, session_tag))
        backend.connect()
        try:
            fault_actions.restart()
            assert faults.statement_attempts(lambda: backend.fetch_one("SELECT 1 AS one")) in (1, 2)
            assert backend.fetch_one("SELECT 1 AS one")["one"] == 1
        finally:
            backend.disconnect()

    async def test_async_plain_statement_after_restart_needs_at_most_two_attempts(server, session_tag, fault_actions):
        backend = wiring.async_backend(wiring.config(server, session_tag))
        await backend.connect()
        try:
            fault_actions.restart()
            assert await faults.statement_attempts_async(lambda: backend.fetch_one("SELECT 1 AS one")) in (1, 2)
            assert (await backend.fetch_one("SELECT 1 AS one"))["one"] == 1
        finally:
            await backend.disconnect()

    return {
        "pytestmark": [
            pytest.mark.server,
            pytest.mark.fault,
            pytest.mark.timeout(120),
            pytest.mark.skipif(not servers, reason=wiring.no_server),
        ],
        "server": server,
        "session_tag": session_tag,
        "plan": plan,
        "fault_actions": fault_actions,
        "test_sync_backends_survive_restarts_and_kills": test_sync_backends_survive_restarts_and_kills,
        "test_sync_core_pool_survives_restarts_and_kills": test_sync_core_pool_survives_restarts_and_kills,
        "test_async_backends_survive_restarts_and_kills": test_async_backends_survive_restarts_and_kills,
        "test_async_core_pool_survives_restarts_and_kills": test_async_core_pool_survives_restarts_and_kills,
        "test_sync_plain_statement_after_restart_needs_at_most_two_attempts": (
            test_sync_plain_statement_after_restart_needs_at_most_two_attempts
        ),
        "test_async_plain_statement_after_restart_needs_at_most_two_attempts": (
            test_async_plain_statement_after_restart_needs_at_most_two_attempts
        ),
    }


__all__ = ["RestartWiring", "restart_tests"]
