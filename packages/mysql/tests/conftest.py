"""Shared fixtures: live servers come only from the toolkit's server discovery."""

from __future__ import annotations

import contextlib
import os
from typing import Optional

import pytest

from rhosocial.activerecord.backend.toolkit.testing.servers import (
    ServerTarget,
    no_server_reason,
    servers_for,
    suite_servers,
)

SERVERS = suite_servers("mysql")
TLS_SERVERS = servers_for("mysql", tls=True)
# "c" or "python": the mysql-connector implementation this run must use (tools/run_tests.py's
# mysql-cext / mysql-pure steps); "python" asks for it with use_pure, both are checked at start.
DRIVER = os.environ.get("RHOSOCIAL_MYSQL_DRIVER", "")


def config_for(server: ServerTarget, **overrides):
    from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig

    fields = server.config_fields()
    if DRIVER == "python":
        fields["options"] = {"use_pure": True}
        if "options" in overrides:
            overrides = {**overrides, "options": {"use_pure": True, **overrides["options"]}}
    return MySQLConnectionConfig(**{**fields, **overrides})


@pytest.fixture(scope="session", autouse=True)
def driver_implementation_check():
    """With RHOSOCIAL_MYSQL_DRIVER set, the run stops unless the backend really uses that implementation."""
    if not DRIVER or not SERVERS:
        return
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    backend = MySQLBackend(config_for(SERVERS[0]))
    backend.connect()
    try:
        used = backend.server_info.settings.get("driver_implementation")
    finally:
        backend.disconnect()
    if used != DRIVER:
        pytest.exit(f"RHOSOCIAL_MYSQL_DRIVER={DRIVER} but the backend runs on {used!r}", returncode=3)


def _params(servers: list) -> list:
    if not servers:
        return [pytest.param(None, marks=pytest.mark.skip(reason=no_server_reason("mysql")))]
    return [pytest.param(s, id=s.name) for s in servers]


@pytest.fixture(params=_params(SERVERS))
def server(request) -> ServerTarget:
    return request.param


@pytest.fixture
def make_config(server):
    """config for the current server with some fields overridden."""
    return lambda **overrides: config_for(server, **overrides)


@pytest.fixture
def config(server):
    return config_for(server)


@pytest.fixture
def backend(config):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    b = MySQLBackend(config)
    b.connect()
    yield b
    with contextlib.suppress(Exception):
        b.disconnect()


@pytest.fixture
async def async_backend(config):
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend

    b = AsyncMySQLBackend(config)
    await b.connect()
    yield b
    with contextlib.suppress(Exception):
        await b.disconnect()


@pytest.fixture(params=["sync", "async"])
async def either(request, config):
    """A connected backend, sync then async (a module's own ``either`` takes precedence)."""
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend

    if request.param == "sync":
        b = MySQLBackend(config)
        b.connect()
        yield b
        b.disconnect()
    else:
        b = AsyncMySQLBackend(config)
        await b.connect()
        yield b
        await b.disconnect()


@pytest.fixture
def admin(config):
    """A second, raw session for KILL and lock contention (closed afterwards)."""
    import mysql.connector

    from rhosocial.activerecord.backend.impl.mysql.config import build_connect_args

    conn = mysql.connector.connect(**build_connect_args(config))
    yield conn
    with contextlib.suppress(Exception):
        conn.close()


def flavour_of(server: Optional[ServerTarget]) -> str:
    return server.flavour if server else ""
