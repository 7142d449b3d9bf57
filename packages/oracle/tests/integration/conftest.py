"""Server tests: run where an Oracle DSN is given (CI service containers, your own database).

``RHOSOCIAL_ORACLE_DSN=oracle://user:pass@host:1521/SERVICE``; without it every test here skips
with that reason. Each test creates what it needs and drops it afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend, OracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.impl.oracle.ddl import drop_if_exists
from rhosocial.activerecord.backend.toolkit.testing.servers import servers_for

REASON = "no Oracle DSN: set RHOSOCIAL_ORACLE_DSN=oracle://user:pass@host:1521/SERVICE"


def pytest_collection_modifyitems(config, items):
    if servers_for("oracle"):
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=REASON)
    for item in items:
        # The hook sees the whole session; only this folder's tests need a server.
        if here in Path(str(item.fspath)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def oracle_config() -> OracleConnectionConfig:
    servers = servers_for("oracle")
    if not servers:
        pytest.skip(REASON)
    return OracleConnectionConfig(**servers[0].config_fields("service_name"))


@pytest.fixture
def backend(oracle_config):
    b = OracleBackend(oracle_config)
    b.connect()
    yield b
    b.disconnect()


@pytest.fixture
async def async_backend(oracle_config):
    b = AsyncOracleBackend(oracle_config)
    await b.connect()
    yield b
    await b.disconnect()


@pytest.fixture
def table(backend):
    """Creates the named table from DDL and drops it after the test."""
    made: list[str] = []

    def create(name: str, ddl: str) -> str:
        backend.execute(drop_if_exists("table", name))
        backend.execute(ddl)
        made.append(name)
        return name

    yield create
    for name in made:
        backend.execute(drop_if_exists("table", name))
