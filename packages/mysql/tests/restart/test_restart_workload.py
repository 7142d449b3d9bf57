"""Transfers under real faults on a MariaDB instance this test restarts (``tools/localdb.py restart``).

Sessions are killed (KILL) and the server is restarted under load and again while idle; the same
backend objects (or pools) must work again within 2 attempts, balances reconcile exactly, and no
caller was told anything the data contradicts (toolkit ``testing.faults``). Runs without a pool,
with the core's BackendPool and with mysql-connector's pooling (sync only: the driver has no
asyncio pool); sync and async.
"""

from __future__ import annotations

import contextlib
import uuid
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest

from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend
from rhosocial.activerecord.backend.toolkit.testing import faults
from rhosocial.activerecord.backend.toolkit.testing.servers import fault_servers
from rhosocial.activerecord.connection.pool import AsyncBackendPool, BackendPool, PoolConfig

from ..conftest import config_for

ROOT = Path(__file__).resolve().parents[4]
FAULT_SERVERS = fault_servers("mysql")
WORKERS = 4
# The core pool waits this long for a backend when creating one failed (server down): keeps the test short.
POOL_TIMEOUT_S = 2.0

pytestmark = [
    pytest.mark.server,
    pytest.mark.fault,
    pytest.mark.timeout(120),
    pytest.mark.skipif(
        not FAULT_SERVERS, reason="no restartable MariaDB: run `python tools/localdb.py up --only mariadb-fault`"
    ),
]


@pytest.fixture(params=FAULT_SERVERS, ids=[s.name for s in FAULT_SERVERS])
def server(request):
    return request.param


@contextmanager
def _admin(server):
    admin = MySQLBackend(config_for(server, connect_timeout=5))
    try:
        yield admin
    finally:
        admin.disconnect()


def _fetch_all(server):
    def fetch_all(sql: str) -> list[dict]:
        with _admin(server) as admin:
            return admin.fetch_all(sql)

    return fetch_all


@pytest.fixture
def plan(server):
    plan = faults.TransferPlan(uuid.uuid4().hex[:8])
    with _admin(server) as admin:
        for sql in plan.setup_sql():
            admin.execute(sql)
    yield plan
    with _admin(server) as admin:
        for sql in plan.teardown_sql():
            admin.execute(sql)


@pytest.fixture
def fault_actions(server) -> faults.Faults:
    def kill() -> int:
        killed = 0
        with _admin(server) as admin:
            rows = admin.fetch_all(
                "SELECT id FROM information_schema.processlist WHERE user = %s AND db = %s AND id <> CONNECTION_ID()",
                (server.user, server.database),
            )
            for row in rows:
                with contextlib.suppress(Exception):  # the session may have ended meanwhile
                    admin.execute(f"KILL {int(row['id'])}")
                    killed += 1
        return killed

    return faults.Faults(kill=kill, restart=faults.localdb_restart(server.name, ROOT))


def _config(server, **extra):
    return config_for(server, connect_timeout=3, **extra)


def _finish(report: faults.FaultReport, label: str) -> None:
    print(f"\n[{label}] {report.summary()}")
    report.check()


# --- sync ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("pooling", ["none", "connector-pool"])
def test_sync_backends_survive_restarts_and_kills(server, plan, fault_actions, pooling):
    extra = {"pool_size": WORKERS + 1, "pool_name": f"fault-{uuid.uuid4().hex[:8]}"} if pooling != "none" else {}
    backends = [MySQLBackend(_config(server, **extra)) for _ in range(WORKERS)]
    for backend in backends:
        backend.connect()

    def source(backend):
        @contextmanager
        def same_backend():
            yield backend

        return same_backend

    try:
        report = faults.run_sync(plan, [source(b) for b in backends], fault_actions, _fetch_all(server))
    finally:
        for backend in backends:
            backend.disconnect()
    _finish(report, f"mariadb sync {pooling}")


def test_sync_core_pool_survives_restarts_and_kills(server, plan, fault_actions):
    pool = BackendPool.create(
        PoolConfig(
            min_size=WORKERS,
            max_size=WORKERS,
            timeout=POOL_TIMEOUT_S,
            backend_factory=lambda: MySQLBackend(_config(server)),
        )
    )
    try:
        report = faults.run_sync(plan, [pool.connection] * WORKERS, fault_actions, _fetch_all(server))
    finally:
        pool.close(timeout=5, force=True)
    _finish(report, "mariadb sync core-pool")


# --- async --------------------------------------------------------------------------------------


async def test_async_backends_survive_restarts_and_kills(server, plan, fault_actions):
    backends = [AsyncMySQLBackend(_config(server)) for _ in range(WORKERS)]
    for backend in backends:
        await backend.connect()

    def source(backend):
        @asynccontextmanager
        async def same_backend():
            yield backend

        return same_backend

    try:
        report = await faults.run_async(plan, [source(b) for b in backends], fault_actions, _fetch_all(server))
    finally:
        for backend in backends:
            await backend.disconnect()
    _finish(report, "mariadb async none")


async def test_async_core_pool_survives_restarts_and_kills(server, plan, fault_actions):
    pool = await AsyncBackendPool.create(
        PoolConfig(
            min_size=WORKERS,
            max_size=WORKERS,
            timeout=POOL_TIMEOUT_S,
            backend_factory=lambda: AsyncMySQLBackend(_config(server)),
        )
    )
    try:
        report = await faults.run_async(plan, [pool.connection] * WORKERS, fault_actions, _fetch_all(server))
    finally:
        await pool.close(timeout=5, force=True)
    _finish(report, "mariadb async core-pool")


# --- plain statements ---------------------------------------------------------------------------


def test_sync_plain_statement_after_restart_needs_at_most_two_attempts(server, fault_actions):
    backend = MySQLBackend(_config(server))
    backend.connect()
    try:
        fault_actions.restart()
        assert faults.statement_attempts(lambda: backend.fetch_one("SELECT 1 AS one")) in (1, 2)
        assert backend.fetch_one("SELECT 1 AS one")["one"] == 1
    finally:
        backend.disconnect()


async def test_async_plain_statement_after_restart_needs_at_most_two_attempts(server, fault_actions):
    backend = AsyncMySQLBackend(_config(server))
    await backend.connect()
    try:
        fault_actions.restart()
        assert await faults.statement_attempts_async(lambda: backend.fetch_one("SELECT 1 AS one")) in (1, 2)
        assert (await backend.fetch_one("SELECT 1 AS one"))["one"] == 1
    finally:
        await backend.disconnect()
