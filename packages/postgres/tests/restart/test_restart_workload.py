"""Transfers under real faults on a PostgreSQL instance this test restarts (``tools/localdb.py restart``).

Sessions are killed (pg_terminate_backend, by this test's application_name) and the server is
restarted under load and again while idle (the toolkit's ``testing.restart``). Runs without a pool,
with the core's BackendPool and with psycopg-pool; sync and async.
"""

from __future__ import annotations

from pathlib import Path

from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend, PostgresBackend
from rhosocial.activerecord.backend.toolkit.testing.restart import RestartWiring, restart_tests

from ..conftest import config_for


def _kill(admin, server, session_tag: str) -> int:
    row = admin.fetch_one(
        "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = %s",
        (session_tag,),
    )
    return int(row["n"])


def _psycopg_pool(workers: int) -> dict:
    return {"pool_max_size": workers, "pool_min_size": workers}


WIRING = RestartWiring(
    backend="postgres",
    label="postgres",
    sync_backend=PostgresBackend,
    async_backend=AsyncPostgresBackend,
    config=lambda server, tag, **extra: config_for(server, application_name=tag, connect_timeout=3, **extra),
    admin=lambda server: PostgresBackend(
        config_for(server, application_name="rhosocial-fault-admin", connect_timeout=5)
    ),
    kill_sessions=_kill,
    no_server="no restartable PostgreSQL: run `python tools/localdb.py up --only pg-fault`",
    sync_pooling={"none": lambda workers: {}, "psycopg-pool": _psycopg_pool},
    async_pooling={"none": lambda workers: {}, "psycopg-pool": _psycopg_pool},
)

globals().update(restart_tests(WIRING, Path(__file__).resolve().parents[4]))
