"""Enum types (through models: test_enum_binding.py), domains, row-level security, VACUUM/ANALYZE and
REINDEX, built with the ``postgres.ddl_objects`` expressions and proven by their effect, sync and async
(issue 11)."""

from __future__ import annotations

import inspect

import pytest

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.expression import Column, Literal, RawSQLExpression
from rhosocial.activerecord.backend.expression.types import IntegerType
from rhosocial.activerecord.backend.impl.postgres.ddl_objects import (
    AlterEnumTypeExpression,
    AnalyzeExpression,
    CreateDomainExpression,
    CreateEnumTypeExpression,
    CreatePolicyExpression,
    DropPolicyExpression,
    DropTypeExpression,
    ReindexExpression,
    RowLevelSecurityExpression,
    VacuumExpression,
    domain_value,
)

pytestmark = pytest.mark.server


async def _call(value):
    return await value if inspect.isawaitable(value) else value


async def _run(db, expr) -> None:
    await db.execute(*expr.to_sql())


async def test_enum_type_lifecycle(db, table):
    d = db.backend.dialect
    mood = f"{table}_mood"
    await _run(db, CreateEnumTypeExpression(d, mood, ["sad", "ok"]))
    try:
        await _run(db, AlterEnumTypeExpression(d, mood, add_value="happy", after="ok"))
        await _run(db, AlterEnumTypeExpression(d, mood, add_value="meh", before="ok", if_not_exists=True))
        await _run(db, AlterEnumTypeExpression(d, mood, rename_value=("sad", "blue")))
        db.backend.introspector.invalidate_cache()
        assert (await _call(db.backend.introspector.list_enums()))[mood] == ["blue", "meh", "ok", "happy"]
        await db.execute(f'CREATE TABLE "{table}" (id INT, m "{mood}")')
        await db.execute(f'INSERT INTO "{table}" VALUES (1, %s)', ("happy",))
        with pytest.raises(DatabaseError):
            await db.execute(f'INSERT INTO "{table}" VALUES (2, %s)', ("sad",))  # renamed away
        await db.execute(f'DROP TABLE "{table}"')
    finally:
        await _run(db, DropTypeExpression(d, mood, cascade=True))


async def test_domain_checks_values(db, table):
    d = db.backend.dialect
    dom = f"{table}_pos"
    check = domain_value(d) > Literal(d, 0)
    await _run(db, CreateDomainExpression(d, dom, IntegerType(), default=1, not_null=True, check=check))
    try:
        await db.execute(f'CREATE TABLE "{table}" (id INT, n "{dom}")')
        await db.execute(f'INSERT INTO "{table}" (id) VALUES (1)')
        assert (await db.fetch_all(f'SELECT n FROM "{table}"')) == [{"n": 1}]  # the domain's default
        for bad in (0, None):
            with pytest.raises(DatabaseError):
                await db.execute(f'INSERT INTO "{table}" VALUES (2, %s)', (bad,))
        await db.execute(f'DROP TABLE "{table}"')
    finally:
        await _run(db, DropTypeExpression(d, dom, cascade=True))
        await db.execute(f'DROP DOMAIN IF EXISTS "{dom}"')


async def test_row_level_security_policies(db, table):
    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{table}" (id INT, owner TEXT)')
    await db.execute(f'INSERT INTO "{table}" VALUES (1, current_user), (2, %s)', ("someone else",))
    await _run(db, RowLevelSecurityExpression(d, table, enable=True, force=True))  # FORCE: the owner too
    mine = Column(d, "owner") == RawSQLExpression(d, "current_user")
    await _run(db, CreatePolicyExpression(d, "own", table, using=mine, with_check=mine))
    await _run(db, CreatePolicyExpression(d, "guard", table, command="INSERT", permissive=False, with_check=mine))
    assert [r["id"] for r in await db.fetch_all(f'SELECT id FROM "{table}"')] == [1]
    with pytest.raises(DatabaseError, match="row-level security"):
        await db.execute(f'INSERT INTO "{table}" VALUES (3, %s)', ("someone else",))
    await _run(db, DropPolicyExpression(d, "own", table))
    assert await db.fetch_all(f'SELECT id FROM "{table}"') == []  # no permissive policy left: nothing visible
    await _run(db, RowLevelSecurityExpression(d, table, enable=False, force=False))
    assert len(await db.fetch_all(f'SELECT id FROM "{table}"')) == 2


async def test_vacuum_analyze_and_reindex(db, table):
    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY)')
    await db.execute(f'INSERT INTO "{table}" SELECT generate_series(1, 500)')
    reltuples = f"SELECT reltuples::int AS n FROM pg_class WHERE oid = '\"{table}\"'::regclass"
    await _run(db, AnalyzeExpression(d, [table]))
    assert (await db.fetch_all(reltuples)) == [{"n": 500}]
    await db.execute(f'DELETE FROM "{table}" WHERE id > 100')
    await _run(db, VacuumExpression(d, [table], analyze=True))
    assert (await db.fetch_all(reltuples)) == [{"n": 100}]
    await _run(db, VacuumExpression(d, [table], full=True))
    node = f"SELECT relfilenode FROM pg_class WHERE oid = '\"{table}_pkey\"'::regclass"
    before = await db.fetch_all(node)
    await _run(db, ReindexExpression(d, "INDEX", f"{table}_pkey", concurrently=True))
    assert (await db.fetch_all(node)) != before  # rebuilt into a new file
    await _run(db, ReindexExpression(d, "TABLE", table))
