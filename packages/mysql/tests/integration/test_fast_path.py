"""The per-statement path and bulk INSERTs, on whichever driver implementation is in use (sync and async).

A failed statement leaves nothing the next one could read; the implementation in use is reported;
execute_many's multi-row INSERT batches store exactly what one-row INSERTs store, and a failed
batch undoes its own call's rows and nothing the caller did before.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError, QueryError

pytestmark = pytest.mark.server

T = "it_fast_path"
COLUMNS = "id INT PRIMARY KEY, n BIGINT, d DECIMAL(20,6), ts DATETIME(6), b VARBINARY(64), j JSON, s TEXT"
INSERT = f"INSERT INTO {T} (id, n, d, ts, b, j, s) VALUES (%s, %s, %s, %s, %s, %s, %s)"
SELECT = f"SELECT id, n, d, ts, b, j, s FROM {T} ORDER BY id"


def values(first_id: int) -> list[tuple]:
    tz = timezone(timedelta(hours=5, minutes=30))
    texts = ["plain", "it's", 'dou"ble', "back\\slash", "trail\\", "ünïcødé ✓ 😀", "", "%s and %(x)s", "a\nb\tc"]
    rows = []
    for i, text in enumerate(texts):
        rows.append(
            (
                first_id + i,
                -(2**62) + i if i % 2 else 2**62 - i,
                Decimal("12345678.123456") * (-1 if i % 3 else 1),
                datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=tz if i % 2 else timezone.utc),
                bytes(range(i, i + 20)) + b"\x00'\\\"",
                {"k": text, "n": [1, 2.5, None]},
                text,
            )
        )
    rows.append((first_id + len(texts), None, None, None, None, None, None))
    return rows


def stored(rows: list[dict], offset: int) -> list[tuple]:
    """Rows read back, ids made relative, JSON parsed (the server may reformat its text)."""
    return [
        (r["id"] - offset, r["n"], r["d"], r["ts"], r["b"], json.loads(r["j"]) if r["j"] else None, r["s"])
        for r in rows
    ]


@pytest.fixture
def table(backend):
    backend.execute(f"DROP TABLE IF EXISTS {T}")
    backend.execute(f"CREATE TABLE {T} ({COLUMNS})")
    yield T
    backend.execute(f"DROP TABLE IF EXISTS {T}")


def test_driver_implementation_is_reported(backend):
    import mysql.connector

    used = backend.server_info.settings["driver_implementation"]
    assert used in ("c", "python")
    raw = type(getattr(backend._connection, "_cnx", backend._connection)).__name__
    assert (raw == "CMySQLConnection") == (used == "c")
    # the driver picks its C extension unless told use_pure; when the extension loads, so must we
    try:
        from mysql.connector.connection_cext import CMySQLConnection  # noqa: F401

        loads = True
    except ImportError:
        loads = False
    asked_pure = bool((backend.config.options or {}).get("use_pure"))
    assert used == ("c" if loads and not asked_pure else "python"), mysql.connector.__version__


async def test_async_driver_implementation_is_python(async_backend):
    assert async_backend.server_info.settings["driver_implementation"] == "python"


def test_failed_statement_leaves_no_rows_for_the_next(backend, table):
    backend.execute(f"INSERT INTO {T} (id, s) VALUES (1, 'one')")
    assert backend.execute(f"SELECT s FROM {T}").data == [{"s": "one"}]
    with pytest.raises(QueryError):
        backend.execute(f"SELECT no_such_column FROM {T}")
    # a statement without rows after the failure: no rows, and none of the SELECT before it
    result = backend.execute(f"UPDATE {T} SET s = 'uno' WHERE id = 1")
    assert result.data is None
    assert result.affected_rows == 1
    with pytest.raises(IntegrityError):
        backend.execute(f"INSERT INTO {T} (id, s) VALUES (1, 'dup')")
    assert backend.fetch_all(f"SELECT id FROM {T} WHERE id > 1") == []
    assert backend.execute(f"DELETE FROM {T} WHERE id = 5").data is None
    assert backend.fetch_one(f"SELECT s FROM {T}") == {"s": "uno"}


async def test_async_failed_statement_leaves_no_rows_for_the_next(async_backend, table):
    b = async_backend
    await b.execute(f"INSERT INTO {T} (id, s) VALUES (1, 'one')")
    assert (await b.execute(f"SELECT s FROM {T}")).data == [{"s": "one"}]
    with pytest.raises(QueryError):
        await b.execute(f"SELECT no_such_column FROM {T}")
    result = await b.execute(f"UPDATE {T} SET s = 'uno' WHERE id = 1")
    assert result.data is None
    assert result.affected_rows == 1
    with pytest.raises(IntegrityError):
        await b.execute(f"INSERT INTO {T} (id, s) VALUES (1, 'dup')")
    assert await b.fetch_all(f"SELECT id FROM {T} WHERE id > 1") == []
    assert (await b.fetch_one(f"SELECT s FROM {T}")) == {"s": "uno"}


def test_bulk_insert_stores_what_single_inserts_store(backend, table):
    for row in values(1):
        backend.execute(INSERT, row)
    result = backend.execute_many(INSERT, values(101))
    assert result.affected_rows == len(values(0))
    one_by_one = stored([r for r in backend.fetch_all(SELECT) if r["id"] < 100], 1)
    bulk = stored([r for r in backend.fetch_all(SELECT) if r["id"] > 100], 101)
    assert bulk == one_by_one
    assert one_by_one[1][6] == "it's"
    assert one_by_one[-1][1:] == (None,) * 6


async def test_async_bulk_insert_stores_what_single_inserts_store(async_backend, backend, table):
    for row in values(1):
        await async_backend.execute(INSERT, row)
    await async_backend.execute_many(INSERT, values(101))
    rows = backend.fetch_all(SELECT)
    assert stored([r for r in rows if r["id"] > 100], 101) == stored([r for r in rows if r["id"] < 100], 1)


def _small_batches(backend, monkeypatch) -> None:
    """Batches of a few rows each, so that a call of 40 rows takes several statements."""

    monkeypatch.setattr(type(backend), "_bulk_budget", lambda self: 1024)


def many(first_id: int, n: int) -> list[tuple]:
    return [(first_id + i, i, Decimal(i), None, None, None, "x" * 100) for i in range(n)]


def test_failed_batch_undoes_its_call_only_outside_a_transaction(backend, table, monkeypatch):
    _small_batches(backend, monkeypatch)
    backend.execute_many(INSERT, many(1, 40))  # several batches, all committed
    rows = many(100, 40)
    rows[30] = (5, *rows[30][1:])  # a duplicate key in a later batch
    with pytest.raises(IntegrityError):
        backend.execute_many(INSERT, rows)
    ids = [r["id"] for r in backend.fetch_all(f"SELECT id FROM {T} ORDER BY id")]
    assert ids == list(range(1, 41))  # the failed call left nothing, the earlier call everything
    assert backend.fetch_one("SELECT @@in_transaction AS t")["t"] == 0


def test_failed_batch_inside_a_transaction_keeps_the_transaction(backend, table, monkeypatch):
    _small_batches(backend, monkeypatch)
    with backend.transaction():
        backend.execute(f"INSERT INTO {T} (id, s) VALUES (1000, 'before')")
        rows = many(1, 40)
        rows[35] = (1000, *rows[35][1:])
        with pytest.raises(IntegrityError):
            backend.execute_many(INSERT, rows)
        assert backend.fetch_all(f"SELECT id FROM {T}") == [{"id": 1000}]
        backend.execute_many(INSERT, many(1, 40))
    assert backend.fetch_one(f"SELECT COUNT(*) AS c FROM {T}")["c"] == 41


def test_failed_batch_inside_a_transaction_begun_with_sql_keeps_it(backend, table, monkeypatch):
    _small_batches(backend, monkeypatch)
    backend.execute("START TRANSACTION")
    backend.execute(f"INSERT INTO {T} (id, s) VALUES (1000, 'before')")
    rows = many(1, 40)
    rows[35] = (1000, *rows[35][1:])
    with pytest.raises(IntegrityError):
        backend.execute_many(INSERT, rows)
    assert backend.fetch_one("SELECT @@in_transaction AS t")["t"] == 1
    backend.execute("ROLLBACK")
    assert backend.fetch_all(f"SELECT id FROM {T}") == []


async def test_async_failed_batch_undoes_its_call_only(async_backend, backend, table, monkeypatch):
    _small_batches(async_backend, monkeypatch)
    rows = many(1, 40)
    rows[30] = (2, *rows[30][1:])
    with pytest.raises(IntegrityError):
        await async_backend.execute_many(INSERT, rows)
    assert backend.fetch_all(f"SELECT id FROM {T}") == []
    await async_backend.execute_many(INSERT, many(1, 40))
    assert backend.fetch_one(f"SELECT COUNT(*) AS c FROM {T}")["c"] == 40


def test_execute_many_that_is_no_plain_insert_still_works(backend, table):
    backend.execute_many(INSERT, many(1, 3))
    result = backend.execute_many(f"UPDATE {T} SET s = %s WHERE id = %s", [("a", 1), ("b", 2)])
    assert result.affected_rows == 2
    backend.execute_many(
        f"INSERT INTO {T} (id, s) VALUES (%s, %s) ON DUPLICATE KEY UPDATE s = VALUES(s)", [(3, "c"), (4, "d")]
    )
    assert [r["s"] for r in backend.fetch_all(f"SELECT s FROM {T} ORDER BY id")] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("driver", ["default", "pure"])
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_no_backslash_escapes_from_the_config_quotes_parameters_right(make_config, backend, driver, kind):
    """sql_mode=NO_BACKSLASH_ESCAPES is set after connect: the driver must not quote by the mode it cached before."""
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend

    config = make_config(sql_mode="NO_BACKSLASH_ESCAPES", options={"use_pure": True} if driver == "pure" else {})
    texts = ["it's", "back\\slash", "both \\' here", 'dou"ble']
    b = MySQLBackend(config) if kind == "sync" else AsyncMySQLBackend(config)

    async def run(value):
        return await value if kind == "async" else value

    await run(b.connect())
    try:
        await run(b.execute(f"DROP TABLE IF EXISTS {T}_nbe"))
        await run(b.execute(f"CREATE TABLE {T}_nbe (id INT PRIMARY KEY, s VARCHAR(40))"))
        await run(b.execute(f"INSERT INTO {T}_nbe (id, s) VALUES (%s, %s)", (0, texts[0])))
        await run(b.execute_many(f"INSERT INTO {T}_nbe (id, s) VALUES (%s, %s)", list(enumerate(texts))[1:]))
        rows = await run(b.fetch_all(f"SELECT s FROM {T}_nbe WHERE s = %s OR id > 0 ORDER BY id", (texts[0],)))
        assert [r["s"] for r in rows] == texts
    finally:
        await run(b.execute(f"DROP TABLE IF EXISTS {T}_nbe"))
        await run(b.disconnect())
