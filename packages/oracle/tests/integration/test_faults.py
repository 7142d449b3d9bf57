"""Fault injection against a live server: timeouts and lost sessions are reported, never retried."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.errors import QueryCanceledError

pytestmark = [pytest.mark.server, pytest.mark.fault]


def test_call_timeout_cancels(oracle_config):
    import dataclasses

    config: OracleConnectionConfig = dataclasses.replace(oracle_config, call_timeout_ms=500)
    backend = OracleBackend(config)
    backend.connect()
    try:
        with pytest.raises(QueryCanceledError):
            backend.execute("BEGIN DBMS_SESSION.SLEEP(5); END;")
    finally:
        backend.disconnect()


def test_killed_session_is_dropped(backend, oracle_config):
    from rhosocial.activerecord.backend.errors import ConnectionError

    victim = OracleBackend(oracle_config)
    victim.connect()
    sid = victim.fetch_one("SELECT SYS_CONTEXT('USERENV', 'SID') AS sid FROM DUAL")["sid"]
    try:
        serial = backend.fetch_one('SELECT serial# AS "S" FROM v$session WHERE sid = ?', (int(sid),))
    except Exception:
        pytest.skip("needs SELECT on v$session and ALTER SYSTEM to kill a session")
    backend.execute(f"ALTER SYSTEM KILL SESSION '{sid},{serial['S']}' IMMEDIATE")
    with pytest.raises(ConnectionError):
        victim.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
    assert victim._connection is None


def _kill(backend, victim) -> None:
    sid = victim.fetch_one("SELECT SYS_CONTEXT('USERENV', 'SID') AS sid FROM DUAL")["sid"]
    try:
        serial = backend.fetch_one('SELECT serial# AS "S" FROM v$session WHERE sid = ?', (int(sid),))
    except Exception:
        pytest.skip("needs SELECT on v$session and ALTER SYSTEM to kill a session")
    backend.execute(f"ALTER SYSTEM KILL SESSION '{sid},{serial['S']}' IMMEDIATE")


def test_session_killed_inside_a_transaction_follows_the_lifecycle(backend, oracle_config):
    """DPY-4011 inside a transaction: refused until ROLLBACK (which sends nothing), then a new session."""
    from rhosocial.activerecord.backend.toolkit.errors import SessionLostError

    victim = OracleBackend(oracle_config)
    victim.connect()
    try:
        victim.begin_transaction()
        _kill(backend, victim)
        with pytest.raises(SessionLostError) as info:
            victim.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
        assert info.value.transaction_open is True
        with pytest.raises(SessionLostError, match="roll the transaction back"):
            victim.execute("SELECT 2 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
        victim.rollback_transaction()
        row = victim.fetch_one("SELECT 3 AS x FROM DUAL")
        assert row["x"] == 3
    finally:
        victim.disconnect()


def test_session_killed_outside_a_transaction_reconnects_for_the_next_statement(backend, oracle_config):
    from rhosocial.activerecord.backend.toolkit.errors import SessionLostError

    victim = OracleBackend(oracle_config)
    victim.connect()
    try:
        _kill(backend, victim)
        with pytest.raises(SessionLostError):
            victim.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
        assert victim.fetch_one("SELECT 4 AS x FROM DUAL")["x"] == 4
        assert victim._lifecycle.stats.connects == 2
    finally:
        victim.disconnect()
