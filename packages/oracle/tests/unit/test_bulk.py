"""Array DML (execute_many, bulk_insert without RETURNING): batches, bind types fixed once per
statement, and one statement's worth of undo when a batch fails (sync and async)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError
from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend, OracleConnectionConfig, bulk
from rhosocial.activerecord.backend.impl.oracle.backend.common import BATCH_SAVEPOINT
from rhosocial.activerecord.backend.options import BulkInsertOptions

SQL = 'INSERT INTO "T" ("ID", "NAME") VALUES (?, ?)'
FINAL = 'INSERT INTO "T" ("ID", "NAME") VALUES (:1, :2)'


# --- pure logic -------------------------------------------------------------------------------
def test_input_sizes_only_when_the_first_row_leaves_a_column_untyped():
    assert bulk.input_sizes([]) is None
    assert bulk.input_sizes([[1, "a"], [None, None]]) is None  # the first row types both columns
    assert bulk.input_sizes([[None], [None]]) is None  # NULL everywhere: nothing to say
    rows = [[None, None, None, None, 1], [2, "abc", None, Decimal("1.5"), 2], [None, "abcdef", b"x", None, 3]]
    assert bulk.input_sizes(rows) == [int, 6, bytes, Decimal, None]
    stamp = datetime.datetime(2024, 1, 1)
    assert bulk.input_sizes([[None], [stamp]]) == [datetime.datetime]
    assert bulk.input_sizes([[None], [""]]) == [1]  # a zero-length buffer is not a string size


def test_batches_slice_only_when_needed():
    rows = list(range(5))
    assert [list(b) for b in bulk.batches(rows, 2)] == [[0, 1], [2, 3], [4]]
    assert next(bulk.batches(rows, 10)) is rows  # one batch: no copy
    assert bulk.BATCH_ROWS >= 1000


# --- the backend over the recording driver ----------------------------------------------------
@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)


ROWS = [(1, None), (2, "bb"), (3, "c"), (4, None), (5, "eeeee")]


def test_execute_many_runs_batches_with_types_derived_once(server, backend, fake, small_batches):
    server.on(r"^INSERT", fake.Reply(rowcount=2))
    result = backend.execute_many(SQL, ROWS)
    assert [sql for sql, _ in server.many] == [FINAL] * 3
    assert [len(rows) for _, rows in server.many] == [2, 2, 1]
    assert [r for _, rows in server.many for r in rows] == ROWS  # no column needs an adapter: sent as given
    # the first row's NULL NAME says nothing: every batch binds NAME as a string of the longest length
    assert server.inputsizes == [(None, 5)] * 3
    # autocommit: one transaction of our own, committed by the last batch only
    assert server.many_autocommit == [False, False, True]
    assert backend._connection.autocommit is True
    assert result.affected_rows == 6
    assert not any(s.startswith("SAVEPOINT") for s in server.statements)


def test_execute_many_adapts_rows_only_when_a_column_needs_it(server, backend, fake):
    server.on(r"^INSERT", fake.Reply(rowcount=2))
    plain = [(1, "a"), (2, None)]
    backend.execute_many(SQL, plain)
    assert server.many[-1][1] is plain  # str, int, None: no copy, no per-value work
    exact = [(Decimal("1.5"), "a"), (Decimal("2"), "b")]
    backend.execute_many(SQL, exact)
    assert server.many[-1][1] is exact  # finite Decimals pass through their adapter unchanged
    mixed = [(True, "a"), (2, "b")]  # a bool beside an int: the bool column goes through its adapter
    backend.execute_many(SQL, mixed)
    sent = server.many[-1][1]
    assert sent is not mixed
    assert sent == [[backend._adapt_value(True), "a"], [2, "b"]]
    stamp = datetime.datetime(2024, 1, 2, 3, 4, 5)
    backend.execute_many(SQL, [(1, stamp)])
    assert isinstance(server.many[-1][1][0], list)  # a datetime column: adapted per value
    calls = len(server.many)
    with pytest.raises(ValueError, match="NaN cannot be stored in an exact numeric column"):
        backend.execute_many(SQL, [(Decimal("NaN"), "a")])  # refused, as row by row, before anything is sent
    assert len(server.many) == calls


def test_execute_many_failure_under_autocommit_rolls_back_every_batch(server, backend, fake, small_batches):
    calls = []

    def reply(sql, rows):
        calls.append(rows)
        if len(calls) == 2:
            return fake.Reply(error=fake.ora_error(1, "unique constraint (APP.T_PK) violated"))
        return fake.Reply(rowcount=len(rows))

    server.on(r"^INSERT", reply)
    with pytest.raises(IntegrityError):
        backend.execute_many(SQL, ROWS)
    assert len(calls) == 2  # nothing runs after the failed batch
    assert server.rollbacks == 1
    assert server.commits == 0
    assert backend._connection.autocommit is True


def test_execute_many_failure_in_a_transaction_undoes_only_itself(server, backend, fake, small_batches):
    server.on(r"^INSERT", fake.Reply(error=fake.ora_error(1, "unique constraint (APP.T_PK) violated")))
    with backend.transaction():
        backend.execute("UPDATE t SET a = 1")
        with pytest.raises(IntegrityError):
            backend.execute_many(SQL, ROWS)
        assert f"SAVEPOINT {BATCH_SAVEPOINT}" in server.statements
        assert server.statements[-1] == f"ROLLBACK TO SAVEPOINT {BATCH_SAVEPOINT}"
        assert server.rollbacks == 0  # the caller's transaction goes on
        assert server.many_autocommit == [False]


def test_bulk_insert_without_returning_goes_through_the_batched_path(server, backend, fake, small_batches):
    server.on(r"^INSERT", fake.Reply(rowcount=2))
    result = backend.bulk_insert(
        BulkInsertOptions(table="t", columns=["id", "name"], rows=[[1, None], [2, "xy"], [3, "z"]])
    )
    assert [len(rows) for _, rows in server.many] == [2, 1]
    assert server.inputsizes == [(None, 2)] * 2
    assert result.affected_rows == 4


def test_empty_execute_many_sends_nothing(server, backend):
    assert backend.execute_many(SQL, []).affected_rows == 0
    assert server.many == []


async def test_async_execute_many_batches_and_undo(server, config_kwargs, fake, small_batches):
    b = AsyncOracleBackend(OracleConnectionConfig(**config_kwargs))
    await b.connect()
    try:
        server.on(r"^INSERT", fake.Reply(rowcount=2))
        assert (await b.execute_many(SQL, ROWS)).affected_rows == 6
        assert server.inputsizes == [(None, 5)] * 3
        assert server.many_autocommit == [False, False, True]
        server.on(r"^INSERT", fake.Reply(error=fake.ora_error(1, "unique constraint (APP.T_PK) violated")))
        with pytest.raises(IntegrityError):
            await b.execute_many(SQL, ROWS)
        assert server.rollbacks == 1
        assert b._connection.autocommit is True
        async with b.transaction():
            with pytest.raises(IntegrityError):
                await b.execute_many(SQL, ROWS)
            assert server.statements[-1] == f"ROLLBACK TO SAVEPOINT {BATCH_SAVEPOINT}"
    finally:
        await b.disconnect()


def test_a_failing_undo_does_not_hide_the_statements_error(server, backend, fake, monkeypatch):
    server.on(r"^INSERT", fake.Reply(error=fake.ora_error(1, "unique constraint (APP.T_PK) violated")))

    def rollback():
        raise fake.dpy_error(fake.CLOSED)

    monkeypatch.setattr(backend._connection, "rollback", rollback)
    with pytest.raises(IntegrityError):
        backend.execute_many(SQL, ROWS)
    assert backend._connection.autocommit is True


def test_bulk_insert_with_returning_is_undone_as_one_statement(server, backend, fake):
    import oracledb

    server.on(r"WHERE 1 = 0", fake.Reply(columns=[("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 10, 0)]))
    server.on(r"^INSERT", fake.Reply(error=fake.ora_error(1, "unique constraint (APP.T_PK) violated")))
    options = BulkInsertOptions(table="t", columns=["name"], rows=[["a"], ["b"]], returning_columns=["id"])
    with backend.transaction():
        with pytest.raises(IntegrityError):
            backend.bulk_insert(options)
        # the savepoint ran before the out arrays were bound, and the failure went back to it
        assert server.statements[-2:] == [f"SAVEPOINT {BATCH_SAVEPOINT}", f"ROLLBACK TO SAVEPOINT {BATCH_SAVEPOINT}"]
        assert isinstance(server.inputsizes[-1][-1], fake.FakeVar)
    with pytest.raises(IntegrityError):
        backend.bulk_insert(options)
    assert server.rollbacks == 1  # under autocommit: its own transaction, rolled back
    assert server.many_autocommit[-1] is True  # one call: the commit rides on it
