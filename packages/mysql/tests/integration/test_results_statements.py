"""Every statement gets its own result, never another's: multi-result statements, read timeouts,
batched reads; ``execute()`` runs one statement and ``executescript()`` runs scripts (sync and async).
"""

from __future__ import annotations

import asyncio
import time

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError, IntegrityError, QueryError
from rhosocial.activerecord.backend.toolkit.errors import MultipleStatementsError

pytestmark = pytest.mark.server

T = "it_results"


@pytest.fixture
def table(backend):
    backend.execute(f"DROP TABLE IF EXISTS {T}")
    backend.execute(f"DROP PROCEDURE IF EXISTS {T}_two_sets")
    backend.execute(f"CREATE TABLE {T} (id INT PRIMARY KEY, name VARCHAR(20))")
    backend.execute(f"CREATE PROCEDURE {T}_two_sets() BEGIN SELECT 'one' AS x; SELECT 'two' AS x; END")
    yield T
    backend.execute(f"DROP PROCEDURE IF EXISTS {T}_two_sets")
    backend.execute(f"DROP TABLE IF EXISTS {T}")


def query(dialect, table: str):
    from rhosocial.activerecord.backend.expression import Column, TableExpression
    from rhosocial.activerecord.backend.expression.statements import QueryExpression

    return QueryExpression(dialect, [Column(dialect, "id")], from_=TableExpression(dialect, table))


# -- rows asked of a statement that has none ------------------------------------------------


def _rows_wanted():
    from rhosocial.activerecord.backend.options import ExecutionOptions
    from rhosocial.activerecord.backend.schema import StatementType

    return ExecutionOptions(stmt_type=StatementType.DQL, process_result_set=True)


def test_rows_asked_of_ddl_and_dml_are_none_and_the_session_lives_on(backend, table):
    # the driver would raise "No result set to fetch from", which reads as a dead session
    assert backend.execute(f"INSERT INTO {table} VALUES (1, 'a')", options=_rows_wanted()).data is None
    assert backend.execute(f"ALTER TABLE {table} ADD COLUMN extra INT", options=_rows_wanted()).data is None
    assert backend.execute(f"SELECT id FROM {table}", options=_rows_wanted()).data == [{"id": 1}]


async def test_async_rows_asked_of_dml_are_none(async_backend, backend, table):
    result = await async_backend.execute(f"UPDATE {table} SET name = 'b'", options=_rows_wanted())
    assert result.data is None
    assert (await async_backend.execute("SELECT 1 AS x", options=_rows_wanted())).data == [{"x": 1}]


# -- another statement's rows --------------------------------------------------------------


def test_two_statements_are_refused_and_the_next_statement_gets_its_own_rows(backend, table):
    with pytest.raises(MultipleStatementsError, match=r"executescript\(\)"):
        backend.execute(f"INSERT INTO {table} VALUES (1, 'first'); INSERT INTO {table} VALUES (2, 'second')")
    assert backend.fetch_one("SELECT 'third' AS x")["x"] == "third"
    assert backend.fetch_all(f"SELECT id FROM {table}") == []  # nothing of the refused string ran


def test_multiple_statements_are_refused_by_the_session_too(backend, table):
    # Past our own check (a raw cursor), the server refuses: the session has no MULTI_STATEMENTS.
    cursor = backend._get_cursor()
    with pytest.raises(Exception, match=r"1064|syntax"):
        cursor.execute(f"INSERT INTO {table} VALUES (1, 'a'); INSERT INTO {table} VALUES (2, 'b')")
    assert backend.fetch_one("SELECT 'after' AS x")["x"] == "after"
    assert backend.fetch_all(f"SELECT id FROM {table}") == []


def test_procedure_with_two_result_sets_does_not_leak_into_the_next_statement(backend, table):
    rows = backend.fetch_all(f"CALL {table}_two_sets()")
    assert rows == [{"x": "one"}]
    assert backend.fetch_one("SELECT 'three' AS x")["x"] == "three"
    assert backend.fetch_one("SELECT 'four' AS x")["x"] == "four"


def test_read_timeout_discards_the_session(make_config, table):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    b = MySQLBackend(make_config(read_timeout=1))
    try:
        # libmysqlclient (the C extension) reports its read timeout as a lost connection (2013)
        with pytest.raises(ConnectionError, match=r"client read timeout|lost connection during query"):
            b.fetch_one("SELECT SLEEP(2) AS s, 'timed out query' AS x")
        time.sleep(1.5)  # the abandoned result has reached the client socket by now
        assert [b.fetch_one(f"SELECT '{v}' AS x")["x"] for v in "abc"] == ["a", "b", "c"]
    finally:
        b.disconnect()


async def test_async_two_statements_and_procedure_results(async_backend, backend, table):
    b = async_backend
    with pytest.raises(MultipleStatementsError):
        await b.execute(f"INSERT INTO {table} VALUES (1, 'first'); INSERT INTO {table} VALUES (2, 'second')")
    assert (await b.fetch_one("SELECT 'third' AS x"))["x"] == "third"
    assert await b.fetch_all(f"CALL {table}_two_sets()") == [{"x": "one"}]
    assert (await b.fetch_one("SELECT 'four' AS x"))["x"] == "four"
    assert await b.fetch_all(f"SELECT id FROM {table}") == []


async def test_async_read_timeout_discards_the_session(make_config, table):
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend

    b = AsyncMySQLBackend(make_config(read_timeout=1))
    try:
        with pytest.raises(ConnectionError, match=r"client read timeout"):
            await b.fetch_one("SELECT SLEEP(2) AS s, 'timed out query' AS x")
        await asyncio.sleep(1.5)
        assert [(await b.fetch_one(f"SELECT '{v}' AS x"))["x"] for v in "abc"] == ["a", "b", "c"]
    finally:
        await b.disconnect()


async def test_async_cancelled_statement_does_not_leak_its_rows(async_backend, table):
    b = async_backend
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(b.fetch_one("SELECT SLEEP(1) AS s, 'cancelled' AS x"), 0.2)
    await asyncio.sleep(1.2)
    assert (await b.fetch_one("SELECT 'fresh' AS x"))["x"] == "fresh"


# -- batched reads -----------------------------------------------------------------------


def test_batched_read_leaves_the_backend_usable(backend, table):
    backend.execute_many(f"INSERT INTO {table} (id, name) VALUES (%s, %s)", [(i, f"n{i}") for i in range(1, 6)])
    seen = []
    for page in backend.execute_batch_dql(query(backend.dialect, table), page_size=2):
        # A statement between pages must not replace the rows of the batch.
        assert backend.fetch_one("SELECT 'between' AS x")["x"] == "between"
        seen.extend(r["id"] for r in page.data)
    assert sorted(seen) == [1, 2, 3, 4, 5]
    with backend.transaction():
        backend.execute(f"UPDATE {table} SET name = 'x' WHERE id = 1")
    assert backend.fetch_one(f"SELECT name FROM {table} WHERE id = 1")["name"] == "x"


async def test_async_batched_read_leaves_the_backend_usable(async_backend, backend, table):
    backend.execute_many(f"INSERT INTO {table} (id, name) VALUES (%s, %s)", [(i, f"n{i}") for i in range(1, 6)])
    b = async_backend
    seen = []
    async for page in b.execute_batch_dql(query(b.dialect, table), page_size=2):
        assert (await b.fetch_one("SELECT 'between' AS x"))["x"] == "between"
        seen.extend(r["id"] for r in page.data)
    assert sorted(seen) == [1, 2, 3, 4, 5]
    async with b.transaction():
        await b.execute(f"UPDATE {table} SET name = 'x' WHERE id = 1")
    with pytest.raises(RuntimeError):  # noqa: PT012 - the block is the transaction rolled back
        async with b.transaction():
            await b.execute(f"UPDATE {table} SET name = 'y' WHERE id = 2")
            raise RuntimeError("roll back")
    assert (await b.fetch_one(f"SELECT name FROM {table} WHERE id = 1"))["name"] == "x"
    assert (await b.fetch_one(f"SELECT name FROM {table} WHERE id = 2"))["name"] == "n2"


# -- executescript -----------------------------------------------------------------------

SCRIPT = f"""
-- a migration: DDL and DML, semicolons inside strings and comments
DROP TABLE IF EXISTS {T}_script;
CREATE TABLE {T}_script (id INT PRIMARY KEY, note VARCHAR(40)); # hash comment; still one statement
INSERT INTO {T}_script VALUES (1, 'a;b'), (2, 'it''s; fine');
/* block; comment */
DROP PROCEDURE IF EXISTS {T}_proc;
CREATE PROCEDURE {T}_proc()
BEGIN
  UPDATE {T}_script SET note = CONCAT(note, '!') WHERE id = 1;
  UPDATE {T}_script SET note = CONCAT(note, '?') WHERE id = 2;
END;
CALL {T}_proc();
"""


def test_executescript_runs_every_statement(backend):
    try:
        backend.executescript(SCRIPT)
        rows = backend.fetch_all(f"SELECT id, note FROM {T}_script ORDER BY id")
        assert rows == [{"id": 1, "note": "a;b!"}, {"id": 2, "note": "it's; fine?"}]
    finally:
        backend.executescript(f"DROP PROCEDURE IF EXISTS {T}_proc; DROP TABLE IF EXISTS {T}_script;")


def test_executescript_error_names_the_failing_statement(backend, table):
    script = (
        f"INSERT INTO {table} VALUES (1, 'a');\n\nINSERT INTO {table}\n VALUES (1, 'dup');\n"
        f"INSERT INTO {table} VALUES (3, 'c')"
    )
    with pytest.raises(IntegrityError) as info:
        backend.executescript(script)
    message = str(info.value)
    assert f"statement 2 (line 3: INSERT INTO {table}) of 3 failed" in message
    assert "1062" in message
    assert info.value.__cause__ is not None
    assert [r["id"] for r in backend.fetch_all(f"SELECT id FROM {table}")] == [1]  # stops at the failure


async def test_async_executescript(async_backend):
    b = async_backend
    try:
        await b.executescript(SCRIPT)
        rows = await b.fetch_all(f"SELECT id, note FROM {T}_script ORDER BY id")
        assert rows == [{"id": 1, "note": "a;b!"}, {"id": 2, "note": "it's; fine?"}]
        with pytest.raises(QueryError, match=r"statement 2 \(line 1: SELECT nope FROM nowhere\) of 2"):
            await b.executescript("SELECT 1; SELECT nope FROM nowhere")
    finally:
        await b.executescript(f"DROP PROCEDURE IF EXISTS {T}_proc; DROP TABLE IF EXISTS {T}_script")


def test_one_statement_with_parameters_and_trailing_semicolon_is_fine(backend, table):
    backend.execute(f"INSERT INTO {table} VALUES (%s, %s);", (1, "semi;colon"))
    assert backend.fetch_one(f"SELECT name FROM {table} WHERE id = %s;", (1,))["name"] == "semi;colon"
    with pytest.raises(MultipleStatementsError):
        backend.execute(f"UPDATE {table} SET name = %s WHERE id = 1; DELETE FROM {table}", ("x",))
    assert backend.fetch_one(f"SELECT COUNT(*) AS n FROM {table}")["n"] == 1
