"""Shared fixtures: live servers come only from the toolkit's server discovery."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from rhosocial.activerecord.backend.toolkit.testing.servers import (
    ServerTarget,
    no_server_reason,
    servers_for,
    suite_servers,
)

SERVERS = suite_servers("postgres")
TLS_SERVERS = servers_for("postgres", tls=True)


def config_for(server: ServerTarget, **overrides: Any):
    from rhosocial.activerecord.backend.impl.postgres import PostgresConnectionConfig

    fields: dict[str, Any] = {**server.config_fields(), "application_name": "rhosocial-pytest"}
    if server.tls:
        fields.update(
            # a DSN says how strictly to verify; the local TLS instances verify in full
            sslmode=server.tls.get("sslmode") or "verify-full",
            sslrootcert=server.tls.get("ca"),
            sslcert=server.tls.get("cert"),
            sslkey=server.tls.get("key"),
        )
    fields.update(overrides)
    return PostgresConnectionConfig(**fields)


def _params(servers: list) -> list:
    if not servers:
        return [pytest.param(None, marks=pytest.mark.skip(reason=no_server_reason("postgres")))]
    return [pytest.param(s, id=s.name) for s in servers]


@pytest.fixture(params=_params(SERVERS))
def server(request) -> ServerTarget:
    return request.param


@pytest.fixture
def table_name() -> str:
    """A table name no other test (or a concurrent compliance run) uses."""
    return f"pgt_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def backend(server):
    from rhosocial.activerecord.backend.impl.postgres import PostgresBackend

    instance = PostgresBackend(config_for(server))
    instance.connect()
    yield instance
    instance.disconnect()


@pytest.fixture
async def async_backend(server):
    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend

    instance = AsyncPostgresBackend(config_for(server))
    await instance.connect()
    yield instance
    await instance.disconnect()
