"""Shared fixtures: live servers come only from the toolkit's server discovery."""

from __future__ import annotations

import contextlib
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


def config_for(server: ServerTarget, **overrides):
    from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig

    return MySQLConnectionConfig(**{**server.config_fields(), **overrides})


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
