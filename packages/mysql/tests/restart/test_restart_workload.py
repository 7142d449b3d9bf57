"""Transfers under real faults on a MariaDB instance this test restarts (``tools/localdb.py restart``).

Sessions are killed (KILL, every session of the test user on the test database) and the server is
restarted under load and again while idle (the toolkit's ``testing.restart``). Runs without a pool,
with the core's BackendPool and with mysql-connector's pooling (sync only: the driver has no asyncio
pool); sync and async.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend
from rhosocial.activerecord.backend.toolkit.testing.restart import RestartWiring, restart_tests

from ..conftest import config_for


def _kill(admin, server, session_tag: str) -> int:
    killed = 0
    rows = admin.fetch_all(
        "SELECT id FROM information_schema.processlist WHERE user = %s AND db = %s AND id <> CONNECTION_ID()",
        (server.user, server.database),
    )
    for row in rows:
        with contextlib.suppress(Exception):  # the session may have ended meanwhile
            admin.execute(f"KILL {int(row['id'])}")
            killed += 1
    return killed


WIRING = RestartWiring(
    backend="mysql",
    label="mariadb",
    sync_backend=MySQLBackend,
    async_backend=AsyncMySQLBackend,
    config=lambda server, tag, **extra: config_for(server, connect_timeout=3, **extra),
    admin=lambda server: MySQLBackend(config_for(server, connect_timeout=5)),
    kill_sessions=_kill,
    no_server="no restartable MariaDB: run `python tools/localdb.py up --only mariadb-fault`",
    sync_pooling={
        "none": lambda workers: {},
        "connector-pool": lambda workers: {"pool_size": workers + 1, "pool_name": f"fault-{uuid.uuid4().hex[:8]}"},
    },
)

globals().update(restart_tests(WIRING, Path(__file__).resolve().parents[4]))
