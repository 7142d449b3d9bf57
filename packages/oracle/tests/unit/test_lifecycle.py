"""A lost session (DPY-4011 and the ORA- codes the error table marks dead) through the toolkit's
lifecycle, sync and async: never retried, refused inside the dead transaction until ROLLBACK, which
sends nothing; outside a transaction the next statement opens a new session."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend, OracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.errors import CommitOutcomeUnknownError, SessionLostError

DQL = ExecutionOptions(stmt_type=StatementType.DQL)


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=[OracleBackend, AsyncOracleBackend], ids=["sync", "async"])
async def backend(request, server, config_kwargs):
    b = request.param(OracleConnectionConfig(**config_kwargs))
    await call(b.connect())
    yield b
    await call(b.disconnect())


def fail_once(fake: Any, error: Any) -> Any:
    state = {"failed": False}

    def reply(sql: str, params: Any) -> Any:
        if state["failed"]:
            return fake.Reply(columns=["X"], rows=[(1,)])
        state["failed"] = True
        return fake.Reply(error=error)

    return reply


async def test_lost_outside_a_transaction_is_raised_once_then_a_new_session_runs(server, backend, fake):
    server.on(r"^SELECT", fail_once(fake, fake.dpy_error(fake.CLOSED)))
    with pytest.raises(SessionLostError, match="DPY-4011") as info:
        await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))
    assert "the statement may have run" in str(info.value)
    assert info.value.transaction_open is False
    assert server.statements.count("SELECT 1 FROM DUAL") == 1  # never retried
    assert backend._connection is None
    assert server.closed == 1
    result = await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))
    assert result.data == [{"x": 1}]
    assert len(server.connects) == 2
    assert backend._lifecycle.stats.losses == 1


async def test_lost_inside_a_transaction_refuses_until_rollback_which_sends_nothing(server, backend, fake):
    await call(backend.begin_transaction())
    server.on(r"^INSERT", fake.Reply(error=fake.ora_error(3113, "end-of-file on communication channel")))
    # python-oracledb itself reports ORA-03113 as DPY-4011 (the code the error table keys on).
    with pytest.raises(SessionLostError, match="DPY-4011") as info:
        await call(backend.execute("INSERT INTO t VALUES (?)", (1,)))
    assert info.value.transaction_open is True
    with pytest.raises(SessionLostError, match="roll the transaction back"):
        await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))
    assert "SELECT 1 FROM DUAL" not in server.statements  # refused: it would run outside the transaction
    await call(backend.rollback_transaction())
    assert server.rollbacks == 0  # the server already discarded the transaction
    server.on(r"^SELECT", fake.Reply(columns=["X"], rows=[(2,)]))
    assert (await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))).data == [{"x": 2}]
    assert len(server.connects) == 2  # the core's lazy connect opened it once; reused after the rollback


async def test_commit_on_a_lost_session_is_never_retried(server, backend, fake, monkeypatch):
    await call(backend.begin_transaction())
    attempts = []

    def broken() -> None:
        attempts.append(1)
        raise fake.dpy_error(fake.CLOSED)

    async def broken_async() -> None:
        broken()

    is_async = isinstance(backend, AsyncOracleBackend)
    monkeypatch.setattr(backend._connection, "commit", broken_async if is_async else broken)
    with pytest.raises(CommitOutcomeUnknownError, match="may or may not have been committed"):
        await call(backend.commit_transaction())
    assert attempts == [1]
    assert backend._connection is None


async def test_a_connection_the_driver_reports_unhealthy_is_replaced_before_the_statement(server, backend, fake):
    old = backend._connection
    server.on(r"^SELECT", fake.Reply(columns=["X"], rows=[(3,)]))
    old.is_healthy = lambda: False
    result = await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))
    assert result.data == [{"x": 3}]
    assert backend._connection is not old
    assert old.closed
    assert len(server.connects) == 2


async def test_unhealthy_inside_a_transaction_is_refused(server, backend, fake):
    await call(backend.begin_transaction())
    backend._connection.is_healthy = lambda: False
    with pytest.raises(SessionLostError, match="driver reports the connection"):
        await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))
    await call(backend.rollback_transaction())
    assert server.rollbacks == 0


async def test_begin_after_a_loss_opens_a_new_session(server, backend, fake):
    server.on(r"^SELECT", fail_once(fake, fake.dpy_error(fake.CLOSED)))
    with pytest.raises(SessionLostError):
        await call(backend.execute("SELECT 1 FROM DUAL", options=DQL))
    await call(backend.begin_transaction())
    assert len(server.connects) == 2
    assert backend._connection.autocommit is False
    await call(backend.commit_transaction())
    assert server.commits == 1
