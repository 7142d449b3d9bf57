"""MariaDB's UUID (10.7+) and INET4 / INET6 (10.10+) columns with uuid.UUID and ipaddress values, sync and async."""

from __future__ import annotations

import inspect
import ipaddress
import uuid

import pytest

from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MariaDBDialect, MySQLBackend
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType

pytestmark = pytest.mark.server

TABLE = "mdb_types"


async def run(value):
    return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
async def either(request, config, backend):
    server = backend.server_info
    if not isinstance(backend.dialect, MariaDBDialect) or not server.at_least(10, 10):
        pytest.skip("UUID needs MariaDB 10.7+, INET4/INET6 MariaDB 10.10+ (MySQL has neither)")
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")
    backend.execute(f"CREATE TABLE {TABLE} (id UUID PRIMARY KEY, v4 INET4, v6 INET6, v4_in_6 INET6)")
    b = MySQLBackend(config) if request.param == "sync" else AsyncMySQLBackend(config)
    await run(b.connect())
    yield b
    await run(b.disconnect())
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")


def adapters_for(backend, **columns):
    suggestions = backend.get_default_adapter_suggestions()
    return {name: (suggestions[py_type][0], py_type) for name, py_type in columns.items()}


async def test_values_go_in_typed_and_come_back_typed(either):
    key = uuid.uuid4()
    v4 = ipaddress.IPv4Address("192.0.2.7")
    v6 = ipaddress.IPv6Address("2001:db8::1")
    await run(
        either.execute(
            f"INSERT INTO {TABLE} VALUES (%s, %s, %s, %s)",
            (key, v4, v6, ipaddress.IPv6Address(f"::ffff:{v4}")),
            options=ExecutionOptions(stmt_type=StatementType.DML),
        )
    )
    # INET6 keeps an IPv4 address as ::ffff:a.b.c.d; read into an IPv4 field it is the IPv4 address again.
    # The server stored the types it was given (a text column would take any string).
    kinds = await run(either.fetch_one(f"SELECT HEX(id) AS hex, HEX(v4) AS v4hex FROM {TABLE}"))
    assert kinds["hex"].lower() == key.hex
    assert kinds["v4hex"] == "C0000207"  # four bytes: an INET4 value, not text
    columns = adapters_for(
        either, id=uuid.UUID, v4=ipaddress.IPv4Address, v6=ipaddress.IPv6Address, v4_in_6=ipaddress.IPv4Address
    )
    row = await run(either.fetch_one(f"SELECT id, v4, v6, v4_in_6 FROM {TABLE}", column_adapters=columns))
    assert row == {"id": key, "v4": v4, "v6": v6, "v4_in_6": v4}
    found = await run(either.fetch_one(f"SELECT COUNT(*) AS n FROM {TABLE} WHERE v6 = %s", (v6,)))
    assert found["n"] == 1


async def test_text_that_is_no_address_is_refused_before_sending(either):
    adapter, _ = either.get_default_adapter_suggestions()[ipaddress.IPv4Address]
    with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6 address"):
        adapter.to_database("not-an-address", str)
