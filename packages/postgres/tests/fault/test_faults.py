"""Fault injection against live servers: killed sessions, timeouts, deadlocks, lock waits, auth, TLS.

Sync tests use a second connection (``admin``) to act on the session under test; async twins cover the
paths whose I/O differs. No assertion depends on timing: waits are bounded by server-side timeouts.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError, DeadlockError
from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend, PostgresBackend
from rhosocial.activerecord.backend.toolkit.errors import LockTimeoutError, StatementTimeoutError, TlsError

from ..conftest import TLS_SERVERS, config_for

pytestmark = [pytest.mark.fault, pytest.mark.server]


def _pid(backend) -> int:
    return backend.fetch_one("SELECT pg_backend_pid() AS pid")["pid"]


def _terminate(server, pid: int) -> None:
    admin = PostgresBackend(config_for(server))
    try:
        assert admin.fetch_one("SELECT pg_terminate_backend(%s) AS ok", (pid,))["ok"] is True
    finally:
        admin.disconnect()


@pytest.fixture
def rows(backend, table_name):
    backend.execute(f'CREATE TABLE "{table_name}" (id INT PRIMARY KEY, v INT)')
    backend.execute(f'INSERT INTO "{table_name}" VALUES (1, 0), (2, 0)')
    yield table_name
    backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')


def test_session_killed_outside_transaction_reconnects_on_next_statement(server, backend):
    old = _pid(backend)
    _terminate(server, old)
    # The statement that meets the dead socket fails: it may or may not have reached the server.
    with pytest.raises(ConnectionError):
        backend.execute("SELECT 1")
    # The next one cannot have run anywhere yet, so a new session is opened for it.
    assert _pid(backend) != old


def test_session_killed_inside_transaction_raises_and_is_not_retried(server, backend, rows):
    with pytest.raises(ConnectionError), backend.transaction():  # noqa: PT012 - the whole transaction is the subject
        backend.execute(f'UPDATE "{rows}" SET v = 1 WHERE id = 1')
        _terminate(server, _pid(backend))
        backend.execute(f'UPDATE "{rows}" SET v = 2 WHERE id = 2')
    assert not backend.in_transaction
    # Nothing of the transaction survived and nothing was replayed on the new session.
    assert [r["v"] for r in backend.fetch_all(f'SELECT v FROM "{rows}" ORDER BY id')] == [0, 0]


async def test_async_session_killed_inside_transaction(server, table_name):
    backend = AsyncPostgresBackend(config_for(server))
    await backend.connect()
    try:
        await backend.execute(f'CREATE TABLE "{table_name}" (id INT PRIMARY KEY)')
        with pytest.raises(ConnectionError):  # noqa: PT012 - the whole transaction is the subject
            async with backend.transaction():
                await backend.execute(f'INSERT INTO "{table_name}" VALUES (1)')
                pid = (await backend.fetch_one("SELECT pg_backend_pid() AS pid"))["pid"]
                _terminate(server, pid)
                await backend.execute(f'INSERT INTO "{table_name}" VALUES (2)')
        assert (await backend.fetch_one(f'SELECT count(*) AS c FROM "{table_name}"'))["c"] == 0
    finally:
        await backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')
        await backend.disconnect()


def test_statement_timeout_from_config(server):
    backend = PostgresBackend(config_for(server, statement_timeout=0.2))
    try:
        with pytest.raises(StatementTimeoutError, match="57014"):
            backend.execute("SELECT pg_sleep(5)")
        assert backend.fetch_one("SELECT 1 AS one")["one"] == 1  # the session survives a timeout
    finally:
        backend.disconnect()


async def test_async_statement_timeout_set_in_session(server):
    backend = AsyncPostgresBackend(config_for(server))
    try:
        await backend.execute("SET statement_timeout = 200")
        with pytest.raises(StatementTimeoutError):
            await backend.execute("SELECT pg_sleep(5)")
    finally:
        await backend.disconnect()


def test_lock_timeout_is_a_lock_error(server, backend, rows):
    waiter = PostgresBackend(config_for(server, lock_timeout=0.2))
    try:
        with backend.transaction():
            backend.execute(f'UPDATE "{rows}" SET v = 1 WHERE id = 1')
            with pytest.raises(LockTimeoutError, match="55P03"):
                waiter.execute(f'UPDATE "{rows}" SET v = 2 WHERE id = 1')
            with pytest.raises(LockTimeoutError):
                waiter.execute(f'SELECT * FROM "{rows}" WHERE id = 1 FOR UPDATE NOWAIT')
    finally:
        waiter.disconnect()


def test_deadlock_between_two_sessions(server, backend, rows):
    other = PostgresBackend(config_for(server))
    errors: list[BaseException] = []
    b_holds_row_2 = threading.Event()

    def session_b() -> None:
        try:
            with other.transaction():
                other.execute(f'UPDATE "{rows}" SET v = 2 WHERE id = 2')
                b_holds_row_2.set()
                other.execute(f'UPDATE "{rows}" SET v = 2 WHERE id = 1')
        except BaseException as e:  # collected for the assertion below
            errors.append(e)
        finally:
            b_holds_row_2.set()

    thread = threading.Thread(target=session_b)
    try:
        with backend.transaction():
            backend.execute(f'UPDATE "{rows}" SET v = 1 WHERE id = 1')
            thread.start()
            b_holds_row_2.wait()
            # Either this statement or B's second one closes the cycle; the server picks one victim.
            backend.execute(f'UPDATE "{rows}" SET v = 1 WHERE id = 2')
    except DeadlockError as e:
        errors.append(e)
    finally:
        thread.join()
        other.disconnect()
    deadlocks = [e for e in errors if isinstance(e, DeadlockError)]
    assert len(deadlocks) == 1, errors
    assert "40P01" in str(deadlocks[0])


def test_wrong_password_is_a_connection_error(server):
    backend = PostgresBackend(config_for(server, password="definitely-wrong"))
    try:
        backend.connect()
    except ConnectionError as e:
        error = e
    else:
        backend.disconnect()
        pytest.skip(f"{server.name} trusts loopback connections: no password check to fail")
    # libpq reports connect-time failures without a SQLSTATE; the password never appears.
    assert "definitely-wrong" not in str(error)


tls = pytest.mark.skipif(
    not TLS_SERVERS,
    reason="no TLS server in this run: the local one (pg15-tls) runs in the integration step of the server it is"
    " named after, a TLS server given by DSN needs sslmode in RHOSOCIAL_POSTGRES_DSN",
)


@tls
@pytest.mark.parametrize("tls_server", TLS_SERVERS, ids=[s.name for s in TLS_SERVERS])
def test_tls_verify_full_with_the_project_ca(tls_server):
    backend = PostgresBackend(config_for(tls_server))
    try:
        row = backend.fetch_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        assert row["ssl"] is True
    finally:
        backend.disconnect()


@tls
@pytest.mark.parametrize("tls_server", TLS_SERVERS, ids=[s.name for s in TLS_SERVERS])
def test_tls_verify_full_fails_against_another_ca(tls_server):
    if not tls_server.tls.get("ca"):
        pytest.skip(f"{tls_server.name} names no CA (sslrootcert) to set another one against")
    other_ca = Path(tls_server.tls["ca"]).with_name("other-ca.pem")
    if not other_ca.is_file():
        pytest.skip(f"{other_ca} not provided by tools/localdb.py")
    backend = PostgresBackend(config_for(tls_server, sslmode="verify-full", sslrootcert=str(other_ca)))
    with pytest.raises(TlsError, match="certificate verify failed"):
        backend.connect()


@tls
@pytest.mark.parametrize("tls_server", TLS_SERVERS, ids=[s.name for s in TLS_SERVERS])
def test_tls_required_server_refuses_plain_connections(tls_server):
    if not tls_server.tls.get("required"):
        pytest.skip(f"{tls_server.name} is not declared TLS-only (tls_required=true in its DSN)")
    backend = PostgresBackend(config_for(tls_server, sslmode="disable"))
    with pytest.raises(ConnectionError):
        backend.connect()
