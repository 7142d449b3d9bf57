"""One error class per fault, provoked for real: connect failures name the field, cancel is not a timeout.

Connect failures are ``ConnectionError`` subclasses whose message ends with the field to check; a
cancel() answers one statement only, so a later statement timeout is a ``StatementTimeoutError`` again.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend, PostgresBackend
from rhosocial.activerecord.backend.toolkit.errors import (
    AuthenticationError,
    ConnectTimeoutError,
    QueryCanceledError,
    SerializationError,
    ServerUnreachableError,
    StatementTimeoutError,
    TlsError,
    UnknownDatabaseError,
)
from rhosocial.activerecord.backend.toolkit.testing.servers import fault_servers
from rhosocial.activerecord.backend.transaction import IsolationLevel

from ..conftest import TLS_SERVERS, config_for

pytestmark = [pytest.mark.fault, pytest.mark.server]

# Servers that check passwords over TCP (the system cluster may trust loopback).
PASSWORD_SERVERS = fault_servers("postgres") + [s for s in TLS_SERVERS]


def _connect_error(config) -> ConnectionError:
    backend = PostgresBackend(config)
    with pytest.raises(ConnectionError) as info:
        backend.connect()
    return info.value


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_wrong_port_is_server_unreachable(server):
    error = _connect_error(config_for(server, port=_free_port(), connect_timeout=3))
    assert isinstance(error, ServerUnreachableError)
    assert str(error).endswith("(check host/port)")


def test_wrong_database_is_unknown_database(server):
    error = _connect_error(config_for(server, database="rhosocial_no_such_db"))
    assert isinstance(error, UnknownDatabaseError)
    assert "rhosocial_no_such_db" in str(error)
    assert str(error).endswith("(check database)")


@pytest.mark.skipif(not PASSWORD_SERVERS, reason="no server here checks passwords over TCP (pg-fault, pg-tls)")
@pytest.mark.parametrize("checked", PASSWORD_SERVERS, ids=[s.name for s in PASSWORD_SERVERS])
def test_wrong_password_is_an_authentication_error(checked):
    error = _connect_error(config_for(checked, password="definitely-wrong"))
    assert isinstance(error, AuthenticationError)
    assert "definitely-wrong" not in str(error)
    assert str(error).endswith("(check username/password)")


def test_tls_required_from_a_server_without_tls_is_a_tls_error(server, backend):
    if backend.fetch_one("SHOW ssl")["ssl"] == "on":
        pytest.skip(f"{server.name} has TLS on")
    error = _connect_error(config_for(server, sslmode="require"))
    assert isinstance(error, TlsError)
    assert str(error).endswith("(check ssl options)")


def test_connect_timeout_against_a_silent_server():
    # A listener that accepts TCP but never speaks: libpq waits for the startup reply until connect_timeout.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        config = config_for(_silent_target(port), connect_timeout=2, sslmode="disable")
        started = time.monotonic()
        error = _connect_error(config)
    assert isinstance(error, ConnectTimeoutError), error
    assert time.monotonic() - started < 30
    assert str(error).endswith("(check connect_timeout)")


def _silent_target(port: int):
    from rhosocial.activerecord.backend.toolkit.testing.servers import ServerTarget

    return ServerTarget("silent", "postgres", "postgresql", "127.0.0.1", port, "nobody", "x", "nodb")


def _wait_until_running(server, pid: int) -> None:
    watcher = PostgresBackend(config_for(server))
    try:
        for _ in range(200):
            row = watcher.fetch_one("SELECT state FROM pg_stat_activity WHERE pid = %s", (pid,))
            if row and row["state"] == "active":
                return
            time.sleep(0.02)
    finally:
        watcher.disconnect()


def test_cancel_answers_one_statement_then_timeouts_are_timeouts_again(server):
    backend = PostgresBackend(config_for(server, statement_timeout=0.5))
    try:
        pid = backend.fetch_one("SELECT pg_backend_pid() AS pid")["pid"]
        canceller = threading.Thread(target=lambda: (_wait_until_running(server, pid), backend.cancel()))
        canceller.start()
        with pytest.raises(QueryCanceledError) as cancelled:
            backend.execute("SELECT pg_sleep(5)")
        canceller.join()
        assert not isinstance(cancelled.value, StatementTimeoutError)
        # the same backend, later: the server's statement_timeout fires, and is reported as such
        with pytest.raises(StatementTimeoutError):
            backend.execute("SELECT pg_sleep(5)")
        with pytest.raises(StatementTimeoutError):
            backend.execute("SELECT pg_sleep(5)")
    finally:
        backend.disconnect()


async def test_async_cancel_answers_one_statement(server):
    backend = AsyncPostgresBackend(config_for(server, statement_timeout=0.5))
    await backend.connect()
    try:
        pid = (await backend.fetch_one("SELECT pg_backend_pid() AS pid"))["pid"]

        async def cancel_when_running() -> None:
            await asyncio.to_thread(_wait_until_running, server, pid)
            await backend.cancel()

        task = asyncio.create_task(cancel_when_running())
        with pytest.raises(QueryCanceledError) as cancelled:
            await backend.execute("SELECT pg_sleep(5)")
        await task
        assert not isinstance(cancelled.value, StatementTimeoutError)
        with pytest.raises(StatementTimeoutError):
            await backend.execute("SELECT pg_sleep(5)")
    finally:
        await backend.disconnect()


def test_serialization_failure_is_retryable(server, backend, table_name):
    backend.execute(f'CREATE TABLE "{table_name}" (id INT PRIMARY KEY, v INT)')
    backend.execute(f'INSERT INTO "{table_name}" VALUES (1, 0)')
    other = PostgresBackend(config_for(server))
    try:
        backend.transaction_manager.isolation_level = IsolationLevel.SERIALIZABLE
        with pytest.raises(SerializationError, match="40001") as info, backend.transaction():  # noqa: PT012
            backend.fetch_one(f'SELECT v FROM "{table_name}" WHERE id = 1')
            other.execute(f'UPDATE "{table_name}" SET v = 1 WHERE id = 1')  # commits in autocommit
            backend.execute(f'UPDATE "{table_name}" SET v = 2 WHERE id = 1')
        assert info.value.retryable
    finally:
        other.disconnect()
        backend.transaction_manager.isolation_level = None
        backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')
