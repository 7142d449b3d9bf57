"""executemany(batch_errors=True): per-row errors from the driver become one core error.

The recording driver hands back ``getbatcherrors()`` entries built like the thin driver builds them
(``oracledb.errors._Error`` with ``offset``); python-oracledb's batch statement guide says the good
rows stay pending in a transaction even under autocommit, which is what the backend settles.
"""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.errors import DatabaseError, IntegrityError
from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend, OracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.impl.oracle.batch_errors import LISTED, RowError, batch_error

SQL = 'INSERT INTO "T" ("ID", "NAME") VALUES (?, ?)'
ROWS = [(1, "a"), (2, "b"), (2, "dup"), (3, None)]


@pytest.fixture
def backend(server, config_kwargs):
    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    b.connect()
    yield b
    b.disconnect()


@pytest.fixture
def rejected(server, fake):
    server.on(
        r"^INSERT",
        fake.Reply(
            rowcount=2,
            batch_errors=[
                fake.row_error(2, 1, "unique constraint (APP.T_PK) violated"),
                fake.row_error(3, 1400, 'cannot insert NULL into ("APP"."T"."NAME")'),
            ],
        ),
    )
    return server


def test_clean_batch_passes_batcherrors_and_counts_rows(server, backend, fake):
    server.on(r"^INSERT", fake.Reply(rowcount=4))
    result = backend.execute_many(SQL, ROWS, batch_errors=True)
    assert result.affected_rows == 4
    assert server.many[-1][0] == 'INSERT INTO "T" ("ID", "NAME") VALUES (:1, :2)'
    assert server.batcherrors[-1] is True
    assert (server.commits, server.rollbacks) == (0, 0)
    backend.execute_many(SQL, ROWS)
    assert server.batcherrors[-1] is False


def test_rejected_rows_raise_one_error_and_undo_the_batch(rejected, backend):
    with pytest.raises(IntegrityError) as info:
        backend.execute_many(SQL, ROWS, batch_errors=True)
    error = info.value
    assert [r.offset for r in error.row_errors] == [2, 3]
    assert [r.code for r in error.row_errors] == ["ORA-00001", "ORA-01400"]
    assert "2 of 4 rows failed (no row of the batch was applied)" in str(error)
    assert "row 2: ORA-00001: unique constraint (APP.T_PK) violated" in str(error)
    assert "Help:" not in str(error)
    assert (rejected.commits, rejected.rollbacks) == (0, 1)


def test_keep_good_rows_commits_them_outside_a_transaction(rejected, backend):
    with pytest.raises(IntegrityError, match="the other 2 rows were kept"):
        backend.execute_many(SQL, ROWS, batch_errors=True, keep_good_rows=True)
    assert (rejected.commits, rejected.rollbacks) == (1, 0)


def test_inside_a_transaction_only_the_batch_is_undone(rejected, backend):
    with pytest.raises(IntegrityError), backend.transaction():
        backend.execute_many(SQL, ROWS, batch_errors=True)
    log = rejected.statements
    assert "SAVEPOINT RHOSOCIAL_BATCH" in log
    assert log.index("SAVEPOINT RHOSOCIAL_BATCH") < log.index("ROLLBACK TO SAVEPOINT RHOSOCIAL_BATCH")


def test_inside_a_transaction_keep_leaves_the_good_rows_to_the_caller(rejected, backend):
    with backend.transaction():
        with pytest.raises(IntegrityError):
            backend.execute_many(SQL, ROWS, batch_errors=True, keep_good_rows=True)
        assert not any("RHOSOCIAL_BATCH" in s for s in rejected.statements)
        commits = rejected.commits
    assert rejected.commits == commits + 1  # the caller's commit, nothing before it


def test_error_class_and_listing():
    mixed = [RowError(0, "ORA-00001", "dup"), RowError(1, "ORA-12899", "value too large")]
    error = batch_error(mixed, 2, False)
    assert type(error) is DatabaseError
    many = [RowError(i, "ORA-00001", "dup") for i in range(LISTED + 5)]
    text = str(batch_error(many, 100, True))
    assert text.endswith("... and 5 more")
    assert f"row {LISTED - 1}: dup" in text
    assert f"row {LISTED}: dup" not in text


async def test_async_batch_errors(server, config_kwargs, fake):
    server.on(r"^INSERT", fake.Reply(rowcount=3, batch_errors=[fake.row_error(1, 2290, "check constraint violated")]))
    b = AsyncOracleBackend(OracleConnectionConfig(**config_kwargs))
    await b.connect()
    try:
        with pytest.raises(IntegrityError) as info:
            await b.execute_many(SQL, ROWS, batch_errors=True)
        assert [r.offset for r in info.value.row_errors] == [1]
        assert server.rollbacks == 1
        with pytest.raises(IntegrityError):
            await b.execute_many(SQL, ROWS, batch_errors=True, keep_good_rows=True)
        assert server.commits == 1
        async with b.transaction():
            with pytest.raises(IntegrityError):
                await b.execute_many(SQL, ROWS, batch_errors=True)
        assert "ROLLBACK TO SAVEPOINT RHOSOCIAL_BATCH" in server.statements
        server.on(r"^INSERT", fake.Reply(rowcount=4))
        assert (await b.execute_many(SQL, ROWS, batch_errors=True)).affected_rows == 4
    finally:
        await b.disconnect()
