"""The async backend runs the same pipeline as the sync one; these tests cover its awaited I/O."""

from __future__ import annotations

from decimal import Decimal

import oracledb
import pytest

from rhosocial.activerecord.backend.errors import ConnectionError, IntegrityError, QueryError
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression
from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.impl.oracle.binds import OutBind
from rhosocial.activerecord.backend.options import BulkInsertOptions, ExecutionOptions, InsertOptions
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.errors import CommitOutcomeUnknownError
from rhosocial.activerecord.backend.transaction import IsolationLevel


@pytest.fixture
async def backend(server, config_kwargs):
    b = AsyncOracleBackend(OracleConnectionConfig(arraysize=7, **config_kwargs))
    await b.connect()
    yield b
    await b.disconnect()


async def test_connect_probe_and_select(server, backend, fake):
    assert "DB_VERSION" in server.statements[1]
    assert await backend.get_server_version() == (23, 0, 0)
    await backend.introspect_and_adapt()
    server.on(r"^SELECT", fake.Reply(columns=["ID"], rows=[(1,)]))
    result = await backend.execute(
        'SELECT "ID" FROM "T" WHERE "ID" = ?', (1,), options=ExecutionOptions(stmt_type=StatementType.DQL)
    )
    assert server.log[-1] == ('SELECT "ID" FROM "T" WHERE "ID" = :1', [1])
    assert result.data == [{"id": 1}]
    assert (await backend._get_cursor()).arraysize == 7
    server.on(r"^SELECT", fake.Reply())
    assert (
        await backend.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
    ).data is None


async def test_returning_and_bulk(server, backend, fake):
    server.on(r"WHERE 1 = 0", fake.Reply(columns=[("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 0, -127)]))
    server.on(r"^INSERT", fake.Reply(rowcount=1, outs=[[Decimal(5)]]))
    result = await backend.insert(InsertOptions(table="t", data={"a": 1}, returning_columns=["id"]))
    assert result.data == [{"id": 5}]
    server.on(r"^INSERT", fake.Reply(rowcount=2, outs=[[[Decimal(1)], [Decimal(2)]]]))
    bulk = await backend.bulk_insert(
        BulkInsertOptions(table="t", columns=["a"], rows=[[1], [2]], returning_columns=["id"])
    )
    assert bulk.data == [{"id": 1}, {"id": 2}]
    d = backend.dialect
    await backend.bulk_insert(BulkInsertOptions(table="t", columns=["a"], rows=[[Literal(d, 1)], [2]]))
    assert "UNION ALL" in server.statements[-1]
    server.on(r"^DELETE", fake.Reply(rowcount=1, outs=[[Decimal(9)]]))
    rows = await backend._execute_batch_with_returning_async(
        'DELETE FROM "T" WHERE "ID" = ? RETURNING "ID" INTO ?', [(9, OutBind("id", '"ID"', '"T"'))], None, None
    )
    assert rows[0].data == [{"id": 9}]


async def test_execute_many_and_errors(server, backend, fake):
    server.on(r"^UPDATE", fake.Reply(rowcount=2))
    assert (await backend.execute_many("UPDATE t SET a = ?", [(1,), (2,)])).affected_rows == 2
    assert await backend._execute_batch_fast_async("UPDATE t SET a = ?", [(1,)]) == 2
    server.on(r"^UPDATE", fake.Reply(error=fake.ora_error(942, "table or view does not exist")))
    with pytest.raises(QueryError):
        await backend.execute_many("UPDATE t SET a = ?", [(1,)])
    server.on(
        r"^INSERT", fake.Reply(error=fake.ora_error(2291, "integrity constraint violated - parent key not found"))
    )
    with pytest.raises(IntegrityError, match="ORA-02291"):
        await backend.bulk_insert(BulkInsertOptions(table="t", columns=["a"], rows=[[1]]))
    with pytest.raises(ValueError):
        await backend._handle_error(ValueError("not a driver error"))


async def test_dead_session(server, backend, fake):
    server.on(r"^SELECT", fake.Reply(error=fake.dpy_error(fake.CLOSED)))
    with pytest.raises(ConnectionError):
        await backend.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
    assert backend._connection is None
    assert server.closed == 1


async def test_dead_pooled_session_dropped(server, config_kwargs, fake, monkeypatch):
    b = AsyncOracleBackend(OracleConnectionConfig(pool=True, **config_kwargs))
    await b.connect()
    dead = b._connection
    server.on(r"^SELECT", fake.Reply(error=fake.dpy_error(fake.CLOSED)))
    with pytest.raises(ConnectionError):
        await b.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
    assert b._pool.dropped == [dead]
    b._dead = dead

    async def broken(_):
        raise fake.dpy_error(fake.CLOSED)

    monkeypatch.setattr(b._pool, "drop", broken)
    await b._discard_dead()
    assert b._dead is None


async def test_transactions(server, backend):
    backend.transaction_manager.isolation_level = IsolationLevel.SERIALIZABLE
    async with backend.transaction():
        assert backend._connection.autocommit is False
        with pytest.raises(IntegrityError):
            async with backend.transaction():
                raise IntegrityError("inner")
        async with backend.transaction():
            await backend.execute("UPDATE t SET a = 1")
    assert backend._connection.autocommit is True
    assert "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE" in server.statements
    assert any(s.startswith("ROLLBACK TO SAVEPOINT") for s in server.statements)
    assert not any("RELEASE" in s for s in server.statements)
    assert server.commits == 1
    assert await backend.transaction_manager.supports_savepoint()
    await backend.begin_transaction()
    await backend.rollback_transaction()
    assert server.rollbacks == 1


async def test_commit_on_a_dead_session_is_outcome_unknown(server, backend, monkeypatch, fake):
    await backend.begin_transaction()

    async def broken() -> None:
        raise fake.ora_error(3113, "end-of-file on communication channel")

    monkeypatch.setattr(backend._connection, "commit", broken)
    conn = backend._connection
    with pytest.raises(CommitOutcomeUnknownError):  # never retried (lifecycle)
        await backend.commit_transaction()
    assert backend._connection is None
    assert conn.closed


async def test_ping_connect_errors_and_pool(server, backend, config_kwargs, fake, monkeypatch):
    assert await backend.ping() is True
    server.ping_error = fake.dpy_error(fake.CLOSED)
    assert await backend.ping(reconnect=False) is False
    assert await backend.ping() is True
    await backend.disconnect()
    assert await backend.ping(reconnect=False) is False
    server.connect_error = fake.ora_error(12541, "TNS:no listener")
    assert await backend.ping() is False
    with pytest.raises(ConnectionError, match="ORA-12541"):
        await backend.connect()
    server.connect_error = None
    pooled = AsyncOracleBackend(OracleConnectionConfig(pool=True, **config_kwargs))
    await pooled.connect()
    await pooled.connect()
    pool = pooled._pool

    async def broken() -> None:
        raise fake.dpy_error(fake.CLOSED)

    monkeypatch.setattr(pooled._connection, "close", broken)
    await pooled.close_pool()
    assert pool.closed
    await pooled.close_pool()


async def test_lazy_paths_and_explain(server, config_kwargs, fake):
    b = AsyncOracleBackend(OracleConnectionConfig(**config_kwargs))
    assert await b.get_server_version() == (23, 0, 0)
    await b.disconnect()
    await b.introspect_and_adapt()
    await b.disconnect()
    await b.execute_many("UPDATE t SET a = ?", [(1,)])
    await b.disconnect()
    await b.bulk_insert(BulkInsertOptions(table="t", columns=["a"], rows=[[1]]))
    server.on(r"DBMS_XPLAN", fake.Reply(columns=["PLAN_TABLE_OUTPUT"], rows=[("Plan",)]))
    d = b.dialect
    result = await b.explain(QueryExpression(d, select=[Column(d, "id")], from_="t"))
    assert result.lines == ["Plan"]
    assert any(s.startswith("EXPLAIN PLAN SET STATEMENT_ID") for s in server.statements)


async def test_transaction_on_a_fresh_backend_connects_first(server, config_kwargs):
    b = AsyncOracleBackend(OracleConnectionConfig(**config_kwargs))
    async with b.transaction():
        await b.execute("UPDATE t SET a = 1")
    assert server.commits == 1
    await b.disconnect()


async def test_failed_session_setup_does_not_leak(server, config_kwargs, fake):
    from rhosocial.activerecord.backend.errors import DatabaseError

    server.on("NLS_TIMESTAMP", fake.Reply(error=fake.ora_error(1031, "insufficient privileges")))
    b = AsyncOracleBackend(OracleConnectionConfig(**config_kwargs))
    with pytest.raises(DatabaseError, match="ORA-01031"):
        await b.connect()
    assert b._connection is None
    assert server.closed == 1


async def test_thick_mode_is_refused_for_async(server, config_kwargs):
    from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

    b = AsyncOracleBackend(OracleConnectionConfig(thick_mode=True, **config_kwargs))
    with pytest.raises(ConfigurationError, match="thin mode only"):
        await b.connect()
    assert server.connects == []
