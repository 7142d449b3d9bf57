"""Array DML on a real Oracle: batches, NULLs in the first rows, one statement's undo, driver mode."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError
from rhosocial.activerecord.backend.impl.oracle import bulk
from rhosocial.activerecord.backend.options import BulkInsertOptions, ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType

pytestmark = pytest.mark.server

DDL = "CREATE TABLE rs_bulk (id NUMBER(10) PRIMARY KEY, name VARCHAR2(40), amount NUMBER(12,2))"
INSERT = "INSERT INTO rs_bulk (id, name, amount) VALUES (?, ?, ?)"
DQL = ExecutionOptions(stmt_type=StatementType.DQL)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(bulk, "BATCH_ROWS", 3)


def count(backend) -> int:
    return backend.execute("SELECT COUNT(*) AS n FROM rs_bulk", options=DQL).data[0]["n"]


def test_server_info_names_the_driver_mode(backend):
    assert backend.server_info.settings["driver_implementation"] in ("thin", "thick")
    assert backend.server_info.settings["driver_implementation"] == ("thin" if backend._connection.thin else "thick")


def test_nulls_in_the_first_rows_and_batches(backend, table, small_batches):
    table("rs_bulk", DDL)
    rows = [(i, None if i < 4 else f"name-{i}", None if i % 2 else i * 1.5) for i in range(1, 9)]
    assert backend.execute_many(INSERT, rows).affected_rows == 8
    got = backend.execute("SELECT id, name, amount FROM rs_bulk ORDER BY id", options=DQL).data
    assert [(r["id"], r["name"]) for r in got] == [(i, n) for i, n, _ in rows]
    assert got[7]["amount"] == 12


def test_failed_batch_under_autocommit_leaves_nothing(backend, table, small_batches):
    table("rs_bulk", DDL)
    rows = [(i, "x", 1) for i in range(1, 8)] + [(1, "duplicate", 1)]  # the third batch fails
    with pytest.raises(IntegrityError):
        backend.execute_many(INSERT, rows)
    assert count(backend) == 0


def test_failed_batch_in_a_transaction_undoes_only_itself(backend, table, small_batches):
    table("rs_bulk", DDL)
    with backend.transaction():
        backend.execute_many(INSERT, [(100, "kept", 1)])
        with pytest.raises(IntegrityError):
            backend.execute_many(INSERT, [(1, "a", 1), (2, "b", 2), (3, "c", 3), (100, "dup", 1)])
        assert count(backend) == 1
    assert count(backend) == 1


def test_bulk_insert_without_returning(backend, table, small_batches):
    table("rs_bulk", DDL)
    rows = [[i, None if i == 1 else "n", None] for i in range(1, 6)]
    result = backend.bulk_insert(BulkInsertOptions(table="rs_bulk", columns=["id", "name", "amount"], rows=rows))
    assert result.affected_rows == 5
    assert count(backend) == 5


async def test_async_batches_and_undo(async_backend, small_batches):
    from rhosocial.activerecord.backend.impl.oracle.ddl import drop_if_exists

    b = async_backend
    await b.execute(drop_if_exists("table", "rs_bulk"))
    await b.execute(DDL)
    try:
        rows = [(i, None if i < 4 else "n", None) for i in range(1, 8)]
        assert (await b.execute_many(INSERT, rows)).affected_rows == 7
        with pytest.raises(IntegrityError):
            await b.execute_many(INSERT, [(50, "a", 1), (51, "b", 1), (52, "c", 1), (1, "dup", 1)])
        got = await b.execute("SELECT COUNT(*) AS n FROM rs_bulk", options=DQL)
        assert got.data[0]["n"] == 7
        assert b.server_info.settings["driver_implementation"] == "thin"  # asyncio runs thin only
    finally:
        await b.execute(drop_if_exists("table", "rs_bulk"))
