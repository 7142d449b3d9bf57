"""Transfers under real faults on a PostgreSQL instance this test restarts (``tools/localdb.py restart``).

Sessions are killed (pg_terminate_backend) and the server is restarted under load and again while
idle; the same backend objects (or pools) must work again within 2 attempts, balances reconcile
exactly, and no caller was told anything the data contradicts (toolkit ``testing.faults``).
Runs without a pool, with the core's BackendPool and with psycopg-pool; sync and async.
"""

from __future__ import annotations

import uuid
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest

from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend, PostgresBackend
from rhosocial.activerecord.backend.toolkit.testing import faults
from rhosocial.activerecord.backend.toolkit.testing.servers import fault_servers
from rhosocial.activerecord.connection.pool import AsyncBackendPool, BackendPool, PoolConfig

from ..conftest import config_for

ROOT = Path(__file__).resolve().parents[4]
FAULT_SERVERS = fault_servers("postgres")
WORKERS = 4
# The core pool waits this long for a backend when creating one failed (server down): keeps the test short.
POOL_TIMEOUT_S = 2.0

pytestmark = [
    pytest.mark.server,
    pytest.mark.fault,
    pytest.mark.timeout(120),
    pytest.mark.skipif(
        not FAULT_SERVERS, reason="no restartable PostgreSQL: run `python tools/localdb.py up --only pg-fault`"
    ),
]


@pytest.fixture(params=FAULT_SERVERS, ids=[s.name for s in FAULT_SERVERS])
def server(request):
    return request.param


@pytest.fixture
def app_name() -> str:
    return f"rhosocial-fault-{uuid.uuid4().hex[:8]}"


def _admin(server) -> PostgresBackend:
    return PostgresBackend(config_for(server, application_name="rhosocial-fault-admin", connect_timeout=5))


def _fetch_all(server):
    def fetch_all(sql: str) -> list[dict]:
        admin = _admin(server)
        try:
            return admin.fetch_all(sql)
        finally:
            admin.disconnect()

    return fetch_all


@pytest.fixture
def plan(server):
    plan = faults.TransferPlan(uuid.uuid4().hex[:8])
    admin = _admin(server)
    for sql in plan.setup_sql():
        admin.execute(sql)
    admin.disconnect()
    yield plan
    admin = _admin(server)
    for sql in plan.teardown_sql():
        admin.execute(sql)
    admin.disconnect()


@pytest.fixture
def fault_actions(server, app_name) -> faults.Faults:
    def kill() -> int:
        admin = _admin(server)
        try:
            row = admin.fetch_one(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = %s",
                (app_name,),
            )
            return int(row["n"])
        finally:
            admin.disconnect()

    return faults.Faults(kill=kill, restart=faults.localdb_restart(server.name, ROOT))


def _config(server, app_name, **extra):
    return config_for(server, application_name=app_name, connect_timeout=3, **extra)


def _finish(report: faults.FaultReport, label: str) -> None:
    print(f"\n[{label}] {report.summary()}")
    report.check()


# --- sync ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("pooling", ["none", "psycopg-pool"])
def test_sync_backends_survive_restarts_and_kills(server, app_name, plan, fault_actions, pooling):
    extra = {"pool_max_size": WORKERS, "pool_min_size": WORKERS} if pooling == "psycopg-pool" else {}
    backends = [PostgresBackend(_config(server, app_name, **extra)) for _ in range(WORKERS)]
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
    _finish(report, f"postgres sync {pooling}")


def test_sync_core_pool_survives_restarts_and_kills(server, app_name, plan, fault_actions):
    pool = BackendPool.create(
        PoolConfig(
            min_size=WORKERS,
            max_size=WORKERS,
            timeout=POOL_TIMEOUT_S,
            backend_factory=lambda: PostgresBackend(_config(server, app_name)),
        )
    )
    try:
        report = faults.run_sync(plan, [pool.connection] * WORKERS, fault_actions, _fetch_all(server))
    finally:
        pool.close(timeout=5, force=True)
    _finish(report, "postgres sync core-pool")


# --- async --------------------------------------------------------------------------------------


@pytest.mark.parametrize("pooling", ["none", "psycopg-pool"])
async def test_async_backends_survive_restarts_and_kills(server, app_name, plan, fault_actions, pooling):
    extra = {"pool_max_size": WORKERS, "pool_min_size": WORKERS} if pooling == "psycopg-pool" else {}
    backends = [AsyncPostgresBackend(_config(server, app_name, **extra)) for _ in range(WORKERS)]
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
    _finish(report, f"postgres async {pooling}")


async def test_async_core_pool_survives_restarts_and_kills(server, app_name, plan, fault_actions):
    pool = await AsyncBackendPool.create(
        PoolConfig(
            min_size=WORKERS,
            max_size=WORKERS,
            timeout=POOL_TIMEOUT_S,
            backend_factory=lambda: AsyncPostgresBackend(_config(server, app_name)),
        )
    )
    try:
        report = await faults.run_async(plan, [pool.connection] * WORKERS, fault_actions, _fetch_all(server))
    finally:
        await pool.close(timeout=5, force=True)
    _finish(report, "postgres async core-pool")


# --- plain statements ---------------------------------------------------------------------------


def test_sync_plain_statement_after_restart_needs_at_most_two_attempts(server, app_name, fault_actions):
    backend = PostgresBackend(_config(server, app_name))
    backend.connect()
    try:
        fault_actions.restart()
        assert faults.statement_attempts(lambda: backend.fetch_one("SELECT 1 AS one")) in (1, 2)
        assert backend.fetch_one("SELECT 1 AS one")["one"] == 1
    finally:
        backend.disconnect()


async def test_async_plain_statement_after_restart_needs_at_most_two_attempts(server, app_name, fault_actions):
    backend = AsyncPostgresBackend(_config(server, app_name))
    await backend.connect()
    try:
        fault_actions.restart()
        assert await faults.statement_attempts_async(lambda: backend.fetch_one("SELECT 1 AS one")) in (1, 2)
        assert (await backend.fetch_one("SELECT 1 AS one"))["one"] == 1
    finally:
        await backend.disconnect()
