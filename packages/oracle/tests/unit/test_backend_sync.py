"""The sync backend's pipeline against the scripted driver: what is sent, how results come back."""

from __future__ import annotations

from decimal import Decimal

import oracledb
import pytest

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DatabaseError,
    IntegrityError,
)
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression
from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.options import BulkInsertOptions, ExecutionOptions, InsertOptions
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.transaction import IsolationLevel, TransactionMode


@pytest.fixture
def backend(server, config_kwargs):
    b = OracleBackend(OracleConnectionConfig(arraysize=500, prefetchrows=50, call_timeout_ms=3000, **config_kwargs))
    b.connect()
    yield b
    b.disconnect()


def test_connect_sets_up_session_and_probes_once(server, backend):
    assert server.connects[0]["service_name"] == "FREEPDB1"
    assert server.connects[0]["port"] == 1521
    setup, probe = server.statements[:2]
    assert "NLS_TIMESTAMP_TZ_FORMAT" in setup
    assert "TIME_ZONE = 'UTC'" in setup
    assert "DBMS_UTILITY.DB_VERSION" in probe
    assert backend.dialect.version == (23, 0, 0)
    assert backend.dialect.supports_native_boolean()
    assert backend._connection.autocommit is True
    assert backend._connection.call_timeout == 3000
    assert backend.get_server_version() == (23, 0, 0)
    assert backend.server_info.settings["driver_implementation"] == "thin"
    backend.introspect_and_adapt()
    assert len([s for s in server.statements if "DB_VERSION" in s]) == 1


def test_compatible_level_lowers_capabilities(server, config_kwargs, fake):
    server.on("DB_VERSION", fake.Reply(outs=["21.3.0.0.0", "19.0.0"]))
    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    b.connect()
    assert b.dialect.version == (19, 0, 0)
    assert not b.dialect.supports_native_json()
    assert b.get_default_adapter_suggestions()[bool][1] is int
    assert b.get_default_adapter_suggestions().get(type(None)) is None


def test_select_numbers_binds_and_folds_names(server, backend, fake):
    server.on(r"^SELECT", fake.Reply(columns=["ID", "NAME", "MixedCase"], rows=[(1, "a", 2)], rowcount=1))
    result = backend.execute(
        'SELECT "ID", "NAME", "MixedCase" FROM "USERS" WHERE "ID" = ? AND "NAME" = ?',
        (1, "a"),
        options=ExecutionOptions(stmt_type=StatementType.DQL),
    )
    sql, params = server.log[-1]
    assert sql.endswith('WHERE "ID" = :1 AND "NAME" = :2')
    assert params == [1, "a"]
    assert result.data == [{"id": 1, "name": "a", "MixedCase": 2}]


def test_cursor_settings_applied(server, backend):
    cursor = backend._get_cursor()
    assert (cursor.arraysize, cursor.prefetchrows) == (500, 50)


def test_parameters_are_adapted(server, backend):
    backend.execute("INSERT INTO t VALUES (?, ?, ?)", (True, Decimal("1.10"), {"a": 1}))
    assert server.log[-1][1] == [1, Decimal("1.10"), '{"a":1}']


def test_insert_returning_into_out_binds(server, backend, fake):
    server.on(r"WHERE 1 = 0", fake.Reply(columns=[("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 0, -127)]))
    server.on(r"^INSERT", fake.Reply(rowcount=1, outs=[[Decimal(42)]]))
    result = backend.insert(
        InsertOptions(table="users", data={"name": "x"}, returning_columns=["id"], column_mapping={})
    )
    describe = [s for s in server.statements if "1 = 0" in s]
    assert describe == ['SELECT "ID" FROM "USERS" WHERE 1 = 0']
    sql, params = server.log[-1]
    assert sql == 'INSERT INTO "USERS" ("NAME") VALUES (:1) RETURNING "ID" INTO :2'
    assert params[0] == "x"
    assert isinstance(params[1], fake.FakeVar)
    assert result.data == [{"id": 42}]
    assert result.affected_rows == 1
    assert result.last_insert_id is None
    # metadata is cached per table and expression
    backend.insert(InsertOptions(table="users", data={"name": "y"}, returning_columns=["id"]))
    assert len([s for s in server.statements if "1 = 0" in s]) == 1


def test_bulk_insert_uses_executemany_with_returning(server, backend, fake):
    server.on(r"WHERE 1 = 0", fake.Reply(columns=[("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 10, 0)]))
    server.on(r"^INSERT", fake.Reply(rowcount=2, outs=[[[Decimal(1)], [Decimal(2)]]]))
    result = backend.bulk_insert(
        BulkInsertOptions(table="users", columns=["name"], rows=[["a"], ["b"]], returning_columns=["id"])
    )
    sql, rows = server.many[-1]
    assert sql == 'INSERT INTO "USERS" ("NAME") VALUES (:1) RETURNING "ID" INTO :2'
    assert rows == [["a"], ["b"]]
    assert server.inputsizes[-1][0] is None
    assert isinstance(server.inputsizes[-1][1], fake.FakeVar)
    assert result.data == [{"id": 1}, {"id": 2}]


def test_bulk_insert_without_returning_and_with_expressions(server, backend):
    backend.bulk_insert(BulkInsertOptions(table="users", columns=["name"], rows=[["a"], ["b"]]))
    assert server.many[-1][0] == 'INSERT INTO "USERS" ("NAME") VALUES (:1)'
    d = backend.dialect
    backend.bulk_insert(BulkInsertOptions(table="users", columns=["name"], rows=[[Literal(d, "a")], ["b"]]))
    assert server.statements[-1] == 'INSERT INTO "USERS" ("NAME") SELECT :1 FROM DUAL UNION ALL SELECT :2 FROM DUAL'


def test_execute_many_and_batch_paths(server, backend, fake):
    server.on(r"^UPDATE", fake.Reply(rowcount=3))
    result = backend.execute_many('UPDATE "T" SET "A" = ? WHERE "B" = ?', [(True, 1), (False, 2)])
    assert server.many[-1] == ('UPDATE "T" SET "A" = :1 WHERE "B" = :2', [[1, 1], [0, 2]])
    assert result.affected_rows == 3
    assert backend._execute_batch_fast('UPDATE "T" SET "A" = ?', [(1,)]) == 3
    server.on(r"WHERE 1 = 0", fake.Reply(columns=[("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 10, 0)]))
    server.on(r"^DELETE", fake.Reply(rowcount=1, outs=[[Decimal(7)]]))
    out = backend.dialect.format_returning_into
    assert out  # the dialect renders RETURNING INTO; the batch path runs it row by row
    from rhosocial.activerecord.backend.impl.oracle.binds import OutBind

    results = backend._execute_batch_with_returning(
        'DELETE FROM "T" WHERE "ID" = ? RETURNING "ID" INTO ?', [(7, OutBind("id", '"ID"', '"T"'))], None, None
    )
    assert results[0].data == [{"id": 7}]


def test_errors_are_translated_and_chained(server, backend, fake):
    server.on(
        r"^INSERT", fake.Reply(error=fake.ora_error(1, "unique constraint (APP.PK) violated", oracledb.IntegrityError))
    )
    with pytest.raises(IntegrityError) as info:
        backend.execute("INSERT INTO t VALUES (?)", (1,))
    assert "ORA-00001" in str(info.value)
    assert isinstance(info.value.__cause__, oracledb.IntegrityError)
    assert backend._connection is not None  # the session is fine


def test_dead_session_is_dropped_not_retried(server, backend, fake):
    server.on(r"^SELECT", fake.Reply(error=fake.dpy_error(fake.CLOSED)))
    with pytest.raises(ConnectionError):
        backend.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
    assert backend._connection is None
    assert server.statements.count("SELECT 1 FROM DUAL") == 1
    assert server.closed == 1  # the dead session was closed, not leaked


def test_dead_pooled_session_is_dropped_from_the_pool(server, config_kwargs, fake, monkeypatch):
    b = OracleBackend(OracleConnectionConfig(pool=True, **config_kwargs))
    b.connect()
    dead = b._connection
    server.on(r"^SELECT", fake.Reply(error=fake.dpy_error(fake.CLOSED)))
    with pytest.raises(ConnectionError):
        b.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL))
    assert b._pool.dropped == [dead]
    b._dead = dead

    def broken(_):
        raise fake.dpy_error(fake.CLOSED)

    monkeypatch.setattr(b._pool, "drop", broken)
    b._discard_dead()  # failures while discarding are swallowed
    assert b._dead is None


def test_core_errors_pass_through(server, backend):
    with pytest.raises(DatabaseError, match="named parameters"):
        backend._prepare_sql_and_params("SELECT :a FROM DUAL", {"a": 1})
    with pytest.raises(ValueError):
        backend._handle_error(ValueError("boom"))


def test_execute_many_error(server, backend, fake):
    server.on(r"^UPDATE", fake.Reply(error=fake.ora_error(942, "table or view does not exist")))
    from rhosocial.activerecord.backend.errors import QueryError

    with pytest.raises(QueryError):
        backend.execute_many("UPDATE t SET a = ?", [(1,)])
    server.on(r"^INSERT", fake.Reply(error=fake.ora_error(942, "table or view does not exist")))
    with pytest.raises(QueryError):
        backend.bulk_insert(BulkInsertOptions(table="t", columns=["a"], rows=[[1]]))


def test_transaction_toggles_autocommit_and_uses_savepoints(server, backend):
    conn = backend._connection
    with backend.transaction():
        assert conn.autocommit is False
        backend.execute("UPDATE t SET a = ?", (1,))

        def failing_inner() -> None:
            with backend.transaction():
                backend.execute("UPDATE t SET a = ?", (2,))
                raise IntegrityError("inner failure")

        with pytest.raises(IntegrityError):
            failing_inner()
        backend.execute("UPDATE t SET a = ?", (3,))
    assert conn.autocommit is True
    assert server.commits == 1
    statements = server.statements
    assert 'SAVEPOINT "SP_1"' in statements or any(s.startswith("SAVEPOINT") for s in statements)
    assert any(s.startswith("ROLLBACK TO SAVEPOINT") for s in statements)
    assert not any("RELEASE" in s for s in statements)
    assert not any(s.startswith("BEGIN") and "DB_VERSION" not in s and "EXECUTE IMMEDIATE" not in s for s in statements)


def test_inner_commit_releases_nothing(server, backend):
    with backend.transaction(), backend.transaction():
        backend.execute("UPDATE t SET a = 1")
    assert not any("RELEASE" in s for s in server.statements)
    assert server.commits == 1


def test_serializable_and_read_only(server, backend):
    tm = backend.transaction_manager
    assert tm.isolation_level == IsolationLevel.READ_COMMITTED
    tm.isolation_level = IsolationLevel.SERIALIZABLE
    with backend.transaction():
        pass
    assert server.statements[-1] == "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"
    tm.transaction_mode = TransactionMode.READ_ONLY
    with backend.transaction():
        pass
    assert server.statements[-1] == "SET TRANSACTION READ ONLY"
    tm.transaction_mode = TransactionMode.READ_WRITE
    tm.isolation_level = IsolationLevel.READ_COMMITTED
    before = len(server.statements)
    with backend.transaction():
        pass
    assert len(server.statements) == before
    assert server.rollbacks == 0


def test_unsupported_isolation_level(server, backend):
    from rhosocial.activerecord.backend.transaction import IsolationLevelError

    with pytest.raises(IsolationLevelError):
        backend.transaction_manager.isolation_level = IsolationLevel.REPEATABLE_READ
    backend.begin_transaction()
    with pytest.raises(IsolationLevelError):
        backend.transaction_manager.isolation_level = IsolationLevel.SERIALIZABLE
    backend.rollback_transaction()
    assert server.rollbacks == 1
    assert backend.transaction_manager.supports_savepoint()


def test_rollback_on_a_dead_session_is_the_outcome_asked_for(server, backend, monkeypatch, fake):
    backend.begin_transaction()

    def broken() -> None:
        raise fake.ora_error(3113, "end-of-file on communication channel")

    monkeypatch.setattr(backend._connection, "rollback", broken)
    conn = backend._connection
    backend.rollback_transaction()  # the session died: the server discarded the transaction (lifecycle)
    assert backend._connection is None
    assert conn.closed
    assert not backend.in_transaction


def test_ping_and_reconnect(server, backend, fake):
    assert backend.ping() is True
    server.ping_error = fake.dpy_error(fake.CLOSED)
    assert backend.ping(reconnect=False) is False
    assert backend.ping(reconnect=True) is True  # reconnects; the new session pings fine afterwards
    backend.disconnect()
    assert backend.ping(reconnect=False) is False
    server.connect_error = fake.dpy_error(fake.CLOSED)
    assert backend.ping(reconnect=True) is False


def test_connect_error_is_translated(server, config_kwargs, fake):
    server.connect_error = fake.ora_error(1017, "invalid username/password; logon denied")
    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    with pytest.raises(ConnectionError, match="ORA-01017"):
        b.connect()


def test_disconnect_tolerates_close_failure(server, backend, monkeypatch, fake):
    def broken() -> None:
        raise fake.dpy_error(fake.CLOSED)

    monkeypatch.setattr(backend._connection, "close", broken)
    backend.disconnect()
    assert backend._connection is None
    backend.disconnect()


def test_reconnect_closes_previous(server, backend):
    backend.connect()
    assert server.closed == 1


def test_lazy_connect_paths(server, config_kwargs):
    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    assert b.get_server_version() == (23, 0, 0)
    b.disconnect()
    b.introspect_and_adapt()
    b.disconnect()
    assert b.transaction_manager is not None
    b.disconnect()
    b.execute_many("UPDATE t SET a = ?", [(1,)])
    b.disconnect()
    b.bulk_insert(BulkInsertOptions(table="t", columns=["a"], rows=[[1]]))


def test_pool_and_drcp(server, config_kwargs):
    b = OracleBackend(
        OracleConnectionConfig(pool=True, pool_min=2, pool_max=8, drcp=True, cclass="APP", **config_kwargs)
    )
    b.connect()
    args = server.connects[-1]
    assert (args["min"], args["max"], args["increment"], args["server_type"], args["cclass"]) == (
        2,
        8,
        1,
        "pooled",
        "APP",
    )
    pool = b._pool
    b.connect()  # the pool is reused
    assert b._pool is pool
    b.close_pool()
    assert pool.closed
    assert b._pool is None
    b.close_pool()


def test_generic_config_is_accepted(server):
    from rhosocial.activerecord.backend.config import ConnectionConfig

    b = OracleBackend(ConnectionConfig(host="h", port=1522, database="PDB1", username="u", password="p"))
    assert isinstance(b.config, OracleConnectionConfig)
    assert b.config.effective_service_name == "PDB1"
    b2 = OracleBackend(host="h", service_name="S")
    assert b2.config.service_name == "S"
    assert b2.threadsafety == 2
    assert b2.get_concurrency_hint().max_concurrency is None


def test_explain_plan(server, backend, fake):
    server.on(
        r"DBMS_XPLAN", fake.Reply(columns=["PLAN_TABLE_OUTPUT"], rows=[("Plan hash value: 1",), ("| 0 | SELECT |",)])
    )
    d = backend.dialect
    q = QueryExpression(d, select=[Column(d, "id")], from_="users", where=Column(d, "id") == Literal(d, 1))
    result = backend.explain(q)
    explain_sql = next(s for s in server.statements if s.startswith("EXPLAIN PLAN"))
    assert explain_sql.startswith("EXPLAIN PLAN SET STATEMENT_ID = 'RHO")
    assert explain_sql.endswith('FOR SELECT "ID" FROM "USERS" WHERE "ID" = :1')
    assert result.lines == ["Plan hash value: 1", "| 0 | SELECT |"]
    assert server.statements[-1].startswith("DELETE FROM plan_table WHERE statement_id = 'RHO")
    assert "Plan hash" in result.text


def test_fetch_helpers_work(server, backend, fake):
    server.on(r"^SELECT", fake.Reply(columns=["N"], rows=[(1,), (2,)]))
    assert backend.fetch_all("SELECT n FROM t") == [{"n": 1}, {"n": 2}]
    assert backend.fetch_one("SELECT n FROM t") == {"n": 1}
    server.on(r"^SELECT", fake.Reply())
    assert backend.execute("SELECT 1 FROM DUAL", options=ExecutionOptions(stmt_type=StatementType.DQL)).data is None


def test_failed_session_setup_does_not_leak(server, config_kwargs, fake):
    server.on("DB_VERSION", fake.Reply(error=fake.ora_error(6550, "PLS-00201: identifier must be declared")))
    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    with pytest.raises(DatabaseError, match="ORA-06550"):
        b.connect()
    assert b._connection is None
    assert server.closed == 1
