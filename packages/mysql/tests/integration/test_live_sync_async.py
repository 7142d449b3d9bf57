"""Sync and async backends on a live server: the same checks, both ways."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError, QueryError, TransactionError
from rhosocial.activerecord.backend.transaction import IsolationLevel, TransactionMode

pytestmark = pytest.mark.server

TABLE = "it_live"
DDL = (
    f"CREATE TABLE {TABLE} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE, "
    "amount DECIMAL(20,6), at DATETIME(6), t TIME(6), doc JSON, flag TINYINT(1), raw VARBINARY(64), "
    "uid CHAR(36), colour ENUM('red','green'), tags SET('a','b','c'), d DATE) "
    "CHARACTER SET utf8mb4"
)


def adapt(backend, value):
    adapter, db_type = backend.get_default_adapter_suggestions()[type(value)]
    return adapter.to_database(value, db_type)


def back(backend, value, py_type):
    adapter, _ = backend.get_default_adapter_suggestions()[py_type]
    return adapter.from_database(value, py_type)


@pytest.fixture
def table(backend):
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")
    backend.execute(DDL)
    yield TABLE
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")


def test_round_trip_types(backend, table):
    aware = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone(timedelta(hours=8)))
    uid = uuid.uuid4()
    backend.execute(
        f"INSERT INTO {table} (name, amount, at, t, doc, flag, raw, uid, colour, tags, d) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            "😀 four-byte",
            Decimal("12345678901234.123456"),
            aware,
            time(1, 2, 3, 4),
            {"k": ["v", 1]},
            True,
            b"\x00\xff",
            uid,
            "green",
            {"a", "c"},
            date(2024, 1, 2),
        ),
    )
    row = backend.fetch_one(f"SELECT * FROM {table}")
    assert row["name"] == "😀 four-byte"
    assert row["amount"] == Decimal("12345678901234.123456")
    stored = back(backend, row["at"], datetime)
    assert stored == aware
    assert stored.tzinfo is not None
    assert back(backend, row["t"], time) == time(1, 2, 3, 4)
    assert back(backend, row["doc"], dict) == {"k": ["v", 1]}
    assert back(backend, row["flag"], bool) is True
    assert row["raw"] == b"\x00\xff"
    assert back(backend, row["uid"], uuid.UUID) == uid
    assert row["colour"] == "green"
    assert back(backend, row["tags"], set) == {"a", "c"}
    assert row["d"] == date(2024, 1, 2)


def test_time_as_duration(backend, table):
    backend.execute(f"INSERT INTO {table} (name, t) VALUES (%s, %s)", ("dur", timedelta(hours=30, seconds=1)))
    assert backend.fetch_one(f"SELECT t FROM {table}")["t"] == timedelta(hours=30, seconds=1)


def test_executemany_and_last_insert_id(backend, table):
    rows = [(f"n{i}", Decimal(i)) for i in range(50)]
    result = backend.execute_many(f"INSERT INTO {table} (name, amount) VALUES (%s, %s)", rows)
    assert result.affected_rows == 50
    assert backend.fetch_one(f"SELECT COUNT(*) AS c FROM {table}")["c"] == 50
    result = backend.execute(f"INSERT INTO {table} (name) VALUES (%s)", ("last",))
    assert result.last_insert_id == 51


def test_errors_are_specific_and_chained(backend, table):
    backend.execute(f"INSERT INTO {table} (name) VALUES ('x')")
    with pytest.raises(IntegrityError, match="1062") as info:
        backend.execute(f"INSERT INTO {table} (name) VALUES ('x')")
    assert info.value.__cause__ is not None
    with pytest.raises(QueryError, match="1146"):
        backend.execute("SELECT * FROM it_missing_table")


def test_nested_failure_keeps_outer_transaction(backend, table):
    with backend.transaction():
        backend.execute(f"INSERT INTO {table} (name) VALUES ('outer')")
        with pytest.raises(IntegrityError), backend.transaction():  # noqa: PT012 - the block is the transaction under test
            backend.execute(f"INSERT INTO {table} (name) VALUES ('inner')")
            backend.execute(f"INSERT INTO {table} (name) VALUES ('outer')")
        backend.execute(f"INSERT INTO {table} (name) VALUES ('after')")
    names = {r["name"] for r in backend.fetch_all(f"SELECT name FROM {table}")}
    assert names == {"outer", "after"}


# What a plain SELECT sees of another session's work, per level (behaviour, not settings:
# SET TRANSACTION only affects the next transaction, which no variable shows).
@pytest.mark.parametrize(
    ("level", "sees_uncommitted", "sees_new_commit", "blocks_on_lock"),
    [
        (IsolationLevel.READ_UNCOMMITTED, True, True, False),
        (IsolationLevel.READ_COMMITTED, False, True, False),
        (IsolationLevel.REPEATABLE_READ, False, False, False),
        (IsolationLevel.SERIALIZABLE, None, None, True),
    ],
)
def test_isolation_levels_take_effect(backend, table, admin, level, sees_uncommitted, sees_new_commit, blocks_on_lock):
    from rhosocial.activerecord.backend.toolkit.errors import LockTimeoutError

    backend.execute(f"INSERT INTO {table} (name, amount) VALUES ('row', 1)")
    backend.execute("SET SESSION innodb_lock_wait_timeout = 1")
    other = admin.cursor()
    other.execute("SET SESSION innodb_lock_wait_timeout = 1")
    manager = backend.transaction_manager
    manager.isolation_level = level
    try:
        if blocks_on_lock:
            # SERIALIZABLE turns a plain SELECT into a locking read: it waits for the writer.
            other.execute("START TRANSACTION")
            other.execute(f"UPDATE {table} SET amount = 2 WHERE name = 'row'")
            with pytest.raises(LockTimeoutError), backend.transaction():
                backend.fetch_one(f"SELECT amount FROM {table} WHERE name = 'row'")
            return
        with backend.transaction():
            backend.fetch_one(f"SELECT amount FROM {table} WHERE name = 'row'")  # read view starts here
            other.execute("START TRANSACTION")
            other.execute(f"UPDATE {table} SET amount = 2 WHERE name = 'row'")
            seen = backend.fetch_one(f"SELECT amount FROM {table} WHERE name = 'row'")["amount"]
            assert (seen == 2) is sees_uncommitted
            other.execute("COMMIT")
            seen = backend.fetch_one(f"SELECT amount FROM {table} WHERE name = 'row'")["amount"]
            assert (seen == 2) is sees_new_commit
    finally:
        manager.isolation_level = None
        admin.rollback()


def test_read_only_transaction_rejects_writes(backend, table):
    manager = backend.transaction_manager
    manager.transaction_mode = TransactionMode.READ_ONLY
    try:
        with pytest.raises(TransactionError, match="1792"), backend.transaction():
            backend.execute(f"INSERT INTO {table} (name) VALUES ('ro')")
    finally:
        manager.transaction_mode = TransactionMode.READ_WRITE
    assert backend.fetch_one(f"SELECT COUNT(*) AS c FROM {table}")["c"] == 0


def test_version_probed_once(backend):
    server = backend.server_info
    backend.fetch_one("SELECT 1 AS x")
    assert backend.server_info is server
    assert backend.get_server_version() == server.version


def test_sql_mode_is_appended(make_config):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    b = MySQLBackend(make_config(sql_mode="PIPES_AS_CONCAT"))
    try:
        modes = b.fetch_one("SELECT @@SESSION.sql_mode AS m")["m"].split(",")
        assert "PIPES_AS_CONCAT" in modes
        assert "STRICT_TRANS_TABLES" in modes
    finally:
        b.disconnect()


async def test_async_round_trip_and_transactions(async_backend):
    b = async_backend
    await b.execute(f"DROP TABLE IF EXISTS {TABLE}_a")
    await b.execute(f"CREATE TABLE {TABLE}_a (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) UNIQUE)")
    try:
        await b.execute_many(f"INSERT INTO {TABLE}_a (name) VALUES (%s)", [("a",), ("b",)])
        async with b.transaction():
            await b.execute(f"INSERT INTO {TABLE}_a (name) VALUES ('c')")
            with pytest.raises(IntegrityError):
                async with b.transaction():
                    await b.execute(f"INSERT INTO {TABLE}_a (name) VALUES ('a')")
        rows = await b.fetch_all(f"SELECT name FROM {TABLE}_a ORDER BY name")
        assert [r["name"] for r in rows] == ["a", "b", "c"]
        assert type(b.dialect).__name__ == ("MariaDBDialect" if b.server_info.flavour == "mariadb" else "MySQLDialect")
    finally:
        await b.execute(f"DROP TABLE IF EXISTS {TABLE}_a")
