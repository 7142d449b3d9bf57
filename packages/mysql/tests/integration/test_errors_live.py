"""Error classes on a live server: connect timeout, wrong database, NaN/Infinity floats (sync and async)."""

from __future__ import annotations

import math

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.toolkit.errors import (
    ConnectFailedError,
    ConnectTimeoutError,
    DataError,
    StatementTimeoutError,
    UnknownDatabaseError,
)

pytestmark = pytest.mark.server

T = "it_errors"
# TEST-NET-1 style unroutable address: the TCP handshake never completes, so the connect timeout fires.
UNROUTABLE = "10.255.255.1"


def _a_failed_connect_not_a_statement_timeout(error: BaseException) -> None:
    # Where the address really is unroutable the timeout fires (ConnectTimeoutError); some networks
    # answer with a reset instead (ServerUnreachableError / ConnectFailedError). Never a statement timeout.
    assert not isinstance(error, StatementTimeoutError)
    if "timed out" in str(error) or "timeout" in str(error):
        assert isinstance(error, ConnectTimeoutError), repr(error)


def test_connect_timeout_is_a_connection_error(make_config):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    b = MySQLBackend(make_config(host=UNROUTABLE, connect_timeout=1))
    with pytest.raises(ConnectFailedError) as info:
        b.connect()
    _a_failed_connect_not_a_statement_timeout(info.value)


async def test_async_connect_timeout_is_a_connection_error(make_config):
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend

    b = AsyncMySQLBackend(make_config(host=UNROUTABLE, connect_timeout=1))
    with pytest.raises(ConnectFailedError) as info:
        await b.connect()
    _a_failed_connect_not_a_statement_timeout(info.value)


def _wrong_databases(server) -> list[str]:
    # One the user may not see (1044 for a user without global privileges, 1049 for root) and
    # one inside the user's grants that does not exist (1049).
    return ["rhosocial_no_such_db_hn", f"{server.database}_missing"]


def test_wrong_database_is_the_same_connection_error_for_every_user(make_config, server):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    classes = set()
    for database in _wrong_databases(server):
        with pytest.raises(ConnectionError, match=database) as info:
            MySQLBackend(make_config(database=database)).connect()
        assert info.value.code in ("1044", "1049")
        classes.add(type(info.value))
    assert classes == {UnknownDatabaseError}  # a ConnectionError, as on PostgreSQL


async def test_async_wrong_database_is_the_same_connection_error(make_config, server):
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend

    for database in _wrong_databases(server):
        with pytest.raises(ConnectionError, match=database) as info:
            await AsyncMySQLBackend(make_config(database=database)).connect()
        assert type(info.value) is UnknownDatabaseError


@pytest.fixture
def table(backend):
    backend.execute(f"DROP TABLE IF EXISTS {T}")
    backend.execute(f"CREATE TABLE {T} (id INT PRIMARY KEY, price DOUBLE)")
    yield T
    backend.execute(f"DROP TABLE IF EXISTS {T}")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_non_finite_floats_are_refused_not_stored(backend, table, value):
    with pytest.raises(DataError, match=rf"parameter 2 is {value!r}"):
        backend.execute(f"INSERT INTO {table} (id, price) VALUES (%s, %s)", (1, value))
    with pytest.raises(DataError, match=rf"parameter 2 is {value!r}"):
        backend.execute_many(f"INSERT INTO {table} (id, price) VALUES (%s, %s)", [(2, 1.5), (3, value)])
    assert backend.fetch_all(f"SELECT id FROM {table}") == []
    backend.execute(f"INSERT INTO {table} (id, price) VALUES (%s, %s)", (4, 2.5))  # the session is fine
    assert backend.fetch_one(f"SELECT price FROM {table} WHERE id = 4")["price"] == 2.5


async def test_async_non_finite_floats_are_refused(async_backend, table):
    b = async_backend
    with pytest.raises(DataError, match="parameter 2 is nan"):
        await b.execute(f"INSERT INTO {table} (id, price) VALUES (%s, %s)", (1, math.nan))
    with pytest.raises(DataError, match="parameter 2 is inf"):
        await b.execute_many(f"INSERT INTO {table} (id, price) VALUES (%s, %s)", [(2, math.inf)])
    assert await b.fetch_all(f"SELECT id FROM {table}") == []
