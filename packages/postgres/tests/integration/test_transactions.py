"""Transactions against live servers: nesting by savepoints, isolation, read-only, deferrable."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError, TransactionError
from rhosocial.activerecord.backend.transaction import IsolationLevel, TransactionMode

pytestmark = pytest.mark.server


async def _count(db, table) -> int:
    return (await db.fetch_one(f'SELECT count(*) AS c FROM "{table}"'))["c"]


@pytest.fixture
async def items(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY)')
    return table


async def test_commit_and_rollback(db, items):
    async with db.transaction():
        await db.execute(f'INSERT INTO "{items}" VALUES (1)')
    with pytest.raises(RuntimeError):  # noqa: PT012 - the whole transaction is the subject
        async with db.transaction():
            await db.execute(f'INSERT INTO "{items}" VALUES (2)')
            raise RuntimeError("undo")
    assert await _count(db, items) == 1


async def test_failed_nested_transaction_rolls_back_to_its_savepoint_only(db, items):
    async with db.transaction():
        await db.execute(f'INSERT INTO "{items}" VALUES (1)')
        with pytest.raises(IntegrityError):  # noqa: PT012 - the whole transaction is the subject
            async with db.transaction():
                await db.execute(f'INSERT INTO "{items}" VALUES (2)')
                await db.execute(f'INSERT INTO "{items}" VALUES (1)')  # duplicate: fails the inner block
        # the outer transaction is still usable after the inner one rolled back
        await db.execute(f'INSERT INTO "{items}" VALUES (3)')
    rows = await db.fetch_all(f'SELECT id FROM "{items}" ORDER BY id')
    assert [r["id"] for r in rows] == [1, 3]


async def test_explicit_savepoints(db, items):
    manager = db.backend.transaction_manager
    if db.is_async:
        await manager.begin()
        await db.execute(f'INSERT INTO "{items}" VALUES (1)')
        name = await manager.savepoint("sp_a")
        await db.execute(f'INSERT INTO "{items}" VALUES (2)')
        await manager.rollback_to(name)
        await manager.commit()
    else:
        manager.begin()
        await db.execute(f'INSERT INTO "{items}" VALUES (1)')
        name = manager.savepoint("sp_a")
        await db.execute(f'INSERT INTO "{items}" VALUES (2)')
        manager.rollback_to(name)
        manager.commit()
    assert await _count(db, items) == 1


@pytest.mark.parametrize("level", list(IsolationLevel))
async def test_isolation_levels_reach_the_server(db, level):
    manager = db.backend.transaction_manager
    manager.isolation_level = level
    async with db.transaction():
        shown = (await db.fetch_one("SELECT current_setting('transaction_isolation') AS l"))["l"]
    expected = level.name.replace("_", " ").lower()
    # PostgreSQL runs READ UNCOMMITTED as READ COMMITTED but reports the level that was asked for.
    assert shown == expected


async def test_read_only_transaction_rejects_writes(db, items):
    manager = db.backend.transaction_manager
    manager.transaction_mode = TransactionMode.READ_ONLY
    with pytest.raises(TransactionError, match="25006"):
        async with db.transaction():
            await db.execute(f'INSERT INTO "{items}" VALUES (1)')
    manager.transaction_mode = TransactionMode.READ_WRITE
    assert await _count(db, items) == 0


async def test_serializable_read_only_deferrable(db):
    manager = db.backend.transaction_manager
    manager.isolation_level = IsolationLevel.SERIALIZABLE
    manager.transaction_mode = TransactionMode.READ_ONLY
    manager.deferrable = True
    async with db.transaction():
        row = await db.fetch_one(
            "SELECT current_setting('transaction_deferrable') AS d, current_setting('transaction_read_only') AS r"
        )
    assert row == {"d": "on", "r": "on"}


async def test_deferrable_cannot_change_inside_a_transaction(db):
    manager = db.backend.transaction_manager
    async with db.transaction():
        with pytest.raises(TransactionError):
            manager.deferrable = True
